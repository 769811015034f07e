// The shared suite against the Node build of the package (npm/pkg, built by `make package`).
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as lib from '../../npm/pkg/dist/node.js';
import { suite } from './suite.mjs';

const load = async (path) => new Uint8Array(await readFile(new URL(`../../../shared/${path}`, import.meta.url)));
const loadRepo = async (path) => new Uint8Array(await readFile(new URL(`../../${path}`, import.meta.url)));
for (const c of suite(lib, { load, loadRepo })) test(c.name, c.fn);

test('Node loads the module on first use, without init()', () => {
  const script = `import { parseCccd } from ${JSON.stringify(new URL('../../npm/pkg/dist/node.js', import.meta.url).href)};
    process.stdout.write(parseCccd('036305000456||Trần Thị Bình|02092005|Nữ|Thôn Đông|10052021', { now: '2026-11-27' }).idNumber.place.name);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (out !== 'Nam Định') throw new Error(`got ${JSON.stringify(out)}`);
});
