// The scanner sheet: the back camera's picture read continuously where the phone and browser allow it, and always
// "scan from a photo" (a file input that opens the camera app). Decoding is the browser's own BarcodeDetector
// when it reads DataMatrix, else the barcode-detector ponyfill (ZXing C++ as WebAssembly, pinned): a chunk loaded
// with import() only when a scan starts, its .wasm served from the app (never a CDN) and precached for offline use.
// Like scan-into.js it imports nothing from the shell (t and h are handed in).

const FORMATS = ['data_matrix', 'code_128', 'qr_code'];
const EVERY_MS = 250;
let detectorPromise = null;

async function makeDetector() {
  const Native = globalThis.BarcodeDetector;
  const have = Native ? await Native.getSupportedFormats().catch(() => []) : [];
  if (have.includes('data_matrix')) return new Native({ formats: FORMATS.filter((f) => have.includes(f)) });
  const zxing = await import('barcode-detector/ponyfill');
  const wasm = new URL('wasm/zxing_reader.wasm', document.baseURI).href;
  zxing.setZXingModuleOverrides({ locateFile: (path, prefix) => (path.endsWith('.wasm') ? wasm : prefix + path) });
  // compile now, so a reader that cannot load (no .wasm, a CSP without wasm-unsafe-eval) is told, not retried forever
  await zxing.prepareZXingModule({ fireImmediately: true }).catch((e) => { zxing.purgeZXingModule(); throw e; });
  return new zxing.BarcodeDetector({ formats: FORMATS });
}

/** One detector per page load (the WebAssembly module is compiled once). */
export function detector() {
  detectorPromise ||= makeDetector().catch((e) => { detectorPromise = null; throw e; });
  return detectorPromise;
}

async function startCamera(video) {
  if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  video.srcObject = stream;
  await video.play();
  return stream;
}

/** The code in a photo: its text, '' when the photo holds none, null when the reader cannot be loaded. */
async function readPhoto(file) {
  const reader = await detector().catch(() => null);
  if (!reader) return null;
  const codes = await reader.detect(await createImageBitmap(file)).catch(() => []);
  return codes[0]?.rawValue || '';
}

/** Read the camera's picture every EVERY_MS until a code is found or `stopped()`; `said(key)` on a failure. */
async function watch(video, stopped, found, said) {
  const reader = await detector().catch(() => null);
  if (!reader) { said('scan.failed'); return; }
  while (!stopped()) {
    const text = (await reader.detect(video).catch(() => []))[0]?.rawValue;
    if (text) { found(text); return; }
    await new Promise((r) => { setTimeout(r, EVERY_MS); });
  }
}

/** Open the sheet ({t, h} from the shell); resolves with the decoded text, or null when the nurse cancels. */
export function scan({ t, h }) {
  return new Promise((resolve) => {
    let stream = null;
    let done = false;
    const video = h('video', { id: 'scan-video', playsinline: true, muted: true, hidden: true });
    const status = h('p', { id: 'scan-status', role: 'status' }, t('scan.starting'));
    const said = (key) => { status.textContent = t(key); };
    const finish = (text) => {
      if (done) return;
      done = true;
      stream?.getTracks().forEach((track) => track.stop());
      sheet.remove();
      window.removeEventListener('hashchange', cancel);
      resolve(text);
    };
    const cancel = () => finish(null);
    const photo = h('input', { type: 'file', id: 'scan-photo', accept: 'image/*', capture: 'environment',
      class: 'visually-hidden', onchange: async () => {
        const file = photo.files?.[0];
        if (!file) return;
        said('scan.reading');
        const text = await readPhoto(file);
        photo.value = '';
        if (text) finish(text);
        else said(text === null ? 'scan.failed' : 'scan.none_in_photo');
      } });
    const sheet = h('div', { class: 'scan-sheet', id: 'scanner', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'scan-h' },
      h('h2', { id: 'scan-h' }, t('scan.title')), video, status,
      h('label', { class: 'button big', for: 'scan-photo' }, t('scan.photo')), photo,
      h('button', { type: 'button', id: 'scan-cancel', onclick: cancel }, t('form.cancel')));
    document.body.append(sheet);
    window.addEventListener('hashchange', cancel); // leaving the page closes the camera
    startCamera(video).then((s) => {
      if (done) { s.getTracks().forEach((track) => track.stop()); return; }
      stream = s;
      video.hidden = false;
      said('scan.aim');
      watch(video, () => done, finish, said);
    }).catch(() => said('scan.no_camera'));
  });
}
