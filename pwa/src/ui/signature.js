// The guardian's signature: signature_pad (pinned) draws smooth, pressure-like strokes and counts a tap as a dot;
// the canvas is sized to its box times the device pixel ratio (strokes are not squashed on tablets), and resized
// with its strokes kept. Exported as a PNG data URL (well under the 64 KB the server accepts). The library is a chunk
// loaded with import() on the consent step (precached like every chunk), so the shell stays small.
import { t } from '../lib/i18n.js';
import { h } from './dom.js';

/** Size the canvas to its CSS box × devicePixelRatio and draw the strokes again at the new size. */
export function fitCanvas(canvas, pad, ratio = Math.max(globalThis.devicePixelRatio || 1, 1)) {
  const { width, height } = canvas.getBoundingClientRect();
  if (!width || !height) return false;
  const strokes = pad.toData();
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.getContext('2d').scale(ratio, ratio);
  pad.clear();
  pad.fromData(strokes);
  return true;
}

/** A pad with a clear button; `pad.value()` is the PNG data URL or '' when nothing was drawn. */
export async function signaturePad() {
  const { default: SignaturePad } = await import('signature_pad');
  const canvas = h('canvas', { class: 'sign-pad', id: 'signature', role: 'img', 'aria-label': t('field.signature') });
  const pad = new SignaturePad(canvas, { penColor: '#000', minWidth: 1, maxWidth: 3, backgroundColor: 'rgba(0,0,0,0)' });
  if (globalThis.ResizeObserver) new ResizeObserver(() => fitCanvas(canvas, pad)).observe(canvas);
  const clear = h('button', { type: 'button', onclick: () => pad.clear() }, t('enc.sign_clear'));
  const box = h('div', { class: 'field', 'data-path': 'signature' }, h('p', { class: 'hint' }, t('enc.sign_hint')), canvas,
    clear, h('p', { class: 'error', hidden: true }));
  return { el: box, value: () => (pad.isEmpty() ? '' : pad.toDataURL('image/png')), strokes: () => pad.toData().length };
}
