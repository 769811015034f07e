// The measuring loops of `make bench-qr`, shared by the Node run (bench/qr.mjs) and the page it
// opens in headless Chromium (bench/qr.html): no Node or DOM imports here. A decoder is
// `{ run(img) → texts }` (async allowed) and may have `track: { reset(), frame(img) → texts }`,
// a reader that keeps state across the frames of one sequence (our camera path).

export async function measure(decoder, img, expected) {
  const t0 = performance.now();
  let texts;
  try {
    texts = await decoder.run(img);
  } catch (e) {
    texts = [];
    if (!(e && e.code)) console.error(`${decoder.name}: ${e && e.message}`);
  }
  const ms = performance.now() - t0;
  return { ok: texts.includes(expected), wrong: texts.length > 0 && !texts.includes(expected), ms };
}

export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};

/** Single frames: `frames` = [{ tier, expected, file }], `load(file)` → RGBA image. */
export async function runFrames(decoders, frames, load) {
  const names = Object.keys(decoders);
  const tiers = [...new Set(frames.map((f) => f.tier))];
  const stats = Object.fromEntries(names.map((n) => [n, { ok: {}, wrong: 0, ms: [] }]));
  for (const f of frames) {
    const img = await load(f.file);
    for (const n of names) {
      const r = await measure(decoders[n], img, f.expected);
      stats[n].ok[f.tier] = (stats[n].ok[f.tier] ?? 0) + r.ok;
      stats[n].wrong += r.wrong;
      stats[n].ms.push(r.ms);
    }
  }
  const counts = Object.fromEntries(tiers.map((t) => [t, frames.filter((f) => f.tier === t).length]));
  return {
    header: ['decoder', ...tiers.map((t) => `${t} /${counts[t]}`), 'total', 'wrong text', 'median ms', 'p95 ms'],
    rows: names.map((n) => {
      const s = stats[n];
      const total = tiers.reduce((a, t) => a + (s.ok[t] ?? 0), 0);
      return [n, ...tiers.map((t) => s.ok[t] ?? 0), `${total}/${frames.length}`, s.wrong, pct(s.ms, 0.5).toFixed(1), pct(s.ms, 0.95).toFixed(1)];
    }),
  };
}

/**
 * Sequences: `seqs` = [{ tier, expected, files }]. For every decoder each frame is read on its
 * own (frames read; a sequence counts as read by its best single frame when any frame reads);
 * a decoder with `track` also reads the frames in order with its state kept (multi-frame: the
 * sequence is read when some frame gives the text), `reset()` between sequences.
 */
export async function runSequences(decoders, seqs, load) {
  const names = Object.keys(decoders);
  const tiers = [...new Set(seqs.map((s) => s.tier))];
  const stats = Object.fromEntries(names.map((n) => [n, { frames: {}, best: {}, tracked: {}, wrong: 0, ms: [], trackedMs: [], at: [] }]));
  for (const seq of seqs) {
    const imgs = [];
    for (const f of seq.files) imgs.push(await load(f));
    for (const n of names) {
      const s = stats[n];
      let any = false;
      for (const img of imgs) {
        const r = await measure(decoders[n], img, seq.expected);
        s.frames[seq.tier] = (s.frames[seq.tier] ?? 0) + r.ok;
        any ||= r.ok;
        s.wrong += r.wrong;
        s.ms.push(r.ms);
      }
      s.best[seq.tier] = (s.best[seq.tier] ?? 0) + any;
      const track = decoders[n].track;
      if (!track) continue;
      track.reset();
      let read = false;
      for (const [k, img] of imgs.entries()) {
        const r = await measure({ name: n, run: (i) => track.frame(i) }, img, seq.expected);
        s.trackedMs.push(r.ms);
        s.wrong += r.wrong;
        if (r.ok) {
          read = true;
          s.at.push(k + 1);
          break;
        }
      }
      s.tracked[seq.tier] = (s.tracked[seq.tier] ?? 0) + read;
    }
  }
  const len = seqs[0] ? seqs[0].files.length : 0;
  const count = Object.fromEntries(tiers.map((t) => [t, seqs.filter((s) => s.tier === t).length]));
  const per = (o, mul = 1) => tiers.map((t) => `${o[t] ?? 0}/${count[t] * mul}`).join(' · ');
  return {
    header: ['decoder', `frames read (${tiers.join(' · ')})`, 'sequences, best single frame', 'sequences, multi-frame', 'wrong text', 'median ms', 'p95 ms'],
    rows: names.map((n) => {
      const s = stats[n];
      const ms = s.trackedMs.length ? s.trackedMs : s.ms;
      return [
        n,
        per(s.frames, len),
        per(s.best),
        decoders[n].track ? `${per(s.tracked)} (at frame ${pct(s.at, 0.5) || '–'} median)` : '—',
        s.wrong,
        pct(ms, 0.5).toFixed(1),
        pct(ms, 0.95).toFixed(1),
      ];
    }),
  };
}

export function formatTable(title, { header, rows }) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return `\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}`;
}

/** RGBA → grey (our JS-side conversion for `mode: 'thorough'`). */
export function luma({ width, height, data }) {
  const out = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) out[i] = (77 * data[p] + 150 * data[p + 1] + 29 * data[p + 2]) >> 8;
  return { luma: out, width, height };
}
