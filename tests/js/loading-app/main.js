// A Vite app as a new user writes it: the three entries imported by name, no vite.config.
// tests/js/loading.mjs runs it under `vite` (dev server) and from `vite build`, Vite 7 and 8.
import * as main from 'cccd-verify';
import * as scan from 'cccd-verify/scan';
import * as verify from 'cccd-verify/verify';
import * as verifyWorker from 'cccd-verify/verify/worker';
import * as element from 'cccd-verify/scan/element';
import { scenario } from './scenario.js';

scenario({ main, scan, verify, verifyWorker, element }, './frame.jpg').then(
  (r) => {
    document.getElementById('out').textContent = JSON.stringify(r, null, 2);
    window.__results = r;
  },
  (e) => {
    window.__fatal = String((e && e.stack) || e);
  },
);
