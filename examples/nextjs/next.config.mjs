// A static export (`out/`): the page is prerendered at build time, which proves that nothing of
// cccd-verify runs on the server; the scanner is loaded on the client only (app/page.js).
export default { output: 'export' };
