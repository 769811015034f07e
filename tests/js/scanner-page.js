// The page of tests/js/scanner.mjs: loads the scan entry from the built package and records every
// camera stream the browser hands out (the real getUserMedia, wrapped only to keep a list), so
// the test can assert that no track stays live.
const streams = [];
const md = navigator.mediaDevices;
if (md && md.getUserMedia) {
  const real = md.getUserMedia.bind(md);
  window.__gumCalls = 0;
  window.__gumFail = null; // a DOMException name to make the next call fail with (a busy camera cannot be staged)
  md.getUserMedia = async (constraints) => {
    window.__gumCalls++;
    if (window.__gumFail) {
      const name = window.__gumFail;
      window.__gumFail = null;
      throw new DOMException('staged by the test', name);
    }
    const s = await real(constraints);
    streams.push(s);
    return s;
  };
}
window.liveTracks = () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;
window.allTracks = () => streams.flatMap((s) => s.getTracks()).length;
try {
  window.lib = await import('/npm/pkg/dist/scan.js');
  window.codes = await import('/npm/pkg/dist/codes.js');
  document.body.dataset.ready = 'true';
} catch (e) {
  document.body.dataset.ready = 'error';
  document.body.dataset.error = String(e && e.message);
}
