// A signature pad on a <canvas>: pointer events, exported as a PNG data URL (kept small: ≤ 64 KB).
import { t } from '../lib/i18n.js';
import { h } from './dom.js';

/** A pad with a clear button; `pad.value()` is the PNG data URL or '' when nothing was drawn. */
export function signaturePad() {
  const canvas = h('canvas', { class: 'sign', id: 'signature', width: '640', height: '360', role: 'img',
    'aria-label': t('field.signature') });
  const ctx = canvas.getContext('2d');
  let drawing = false;
  let drawn = false;
  const pos = (e) => {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * (canvas.width / r.width), (e.clientY - r.top) * (canvas.height / r.height)];
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true; canvas.setPointerCapture?.(e.pointerId);
    ctx.lineWidth = 5; ctx.lineCap = 'round'; ctx.strokeStyle = '#000';
    ctx.beginPath(); ctx.moveTo(...pos(e));
  });
  canvas.addEventListener('pointermove', (e) => { if (!drawing) return; ctx.lineTo(...pos(e)); ctx.stroke(); drawn = true; });
  const stop = () => { drawing = false; };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
  const clear = h('button', { type: 'button', onclick: () => { ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; } },
    t('enc.sign_clear'));
  const box = h('div', { class: 'field', 'data-path': 'signature' }, h('p', { class: 'hint' }, t('enc.sign_hint')), canvas, clear,
    h('p', { class: 'error', hidden: true }));
  return { el: box, value: () => (drawn ? canvas.toDataURL('image/png') : '') };
}
