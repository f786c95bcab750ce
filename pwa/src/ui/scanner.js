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
  const { BarcodeDetector, setZXingModuleOverrides } = await import('barcode-detector/ponyfill');
  const wasm = new URL('wasm/zxing_reader.wasm', document.baseURI).href;
  setZXingModuleOverrides({ locateFile: (path, prefix) => (path.endsWith('.wasm') ? wasm : prefix + path) });
  return new BarcodeDetector({ formats: FORMATS });
}

/** One detector per page load (the WebAssembly module is compiled once). */
export function detector() {
  detectorPromise ||= makeDetector().catch((e) => { detectorPromise = null; throw e; });
  return detectorPromise;
}

/** The text of the first code found in an image (File, ImageBitmap or a playing video), or null. */
export async function readCode(source) {
  const codes = await (await detector()).detect(source);
  return codes[0]?.rawValue || null;
}

async function startCamera(video) {
  if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  video.srcObject = stream;
  await video.play();
  return stream;
}

/** Open the sheet ({t, h} from the shell); resolves with the decoded text, or null when the nurse cancels. */
export function scan({ t, h }) {
  return new Promise((resolve) => {
    let stream = null;
    let done = false;
    const video = h('video', { id: 'scan-video', playsinline: true, muted: true, hidden: true });
    const status = h('p', { id: 'scan-status', role: 'status' }, t('scan.starting'));
    const finish = (text) => {
      if (done) return;
      done = true;
      stream?.getTracks().forEach((track) => track.stop());
      sheet.remove();
      resolve(text);
    };
    const photo = h('input', { type: 'file', id: 'scan-photo', accept: 'image/*', capture: 'environment', class: 'visually-hidden',
      onchange: async () => {
        const file = photo.files?.[0];
        if (!file) return;
        status.textContent = t('scan.reading');
        const text = await readCode(await createImageBitmap(file)).catch(() => null);
        if (text) finish(text);
        else status.textContent = t('scan.none_in_photo');
        photo.value = '';
      } });
    const sheet = h('div', { class: 'scan-sheet', id: 'scanner', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'scan-h' },
      h('h2', { id: 'scan-h' }, t('scan.title')), video, status,
      h('label', { class: 'button big', for: 'scan-photo' }, t('scan.photo')), photo,
      h('button', { type: 'button', id: 'scan-cancel', onclick: () => finish(null) }, t('form.cancel')));
    document.body.append(sheet);
    const look = async () => {
      if (done) return;
      const text = await readCode(video).catch(() => null);
      if (text) finish(text);
      else setTimeout(look, EVERY_MS);
    };
    startCamera(video).then((s) => {
      if (done) { s.getTracks().forEach((track) => track.stop()); return; }
      stream = s;
      video.hidden = false;
      status.textContent = t('scan.aim');
      look();
    }).catch(() => { status.textContent = t('scan.no_camera'); });
  });
}
