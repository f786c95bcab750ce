// A tiny DOM builder (no innerHTML, so user text is never parsed as HTML).

/** h('button', {class: 'primary', onclick: fn, type: 'button'}, 'text', child, ...) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replace an element's content. */
export function mount(root, ...children) {
  root.replaceChildren();
  append(root, children);
  return root;
}

const CARRY_MS = 2000;
let pagesShown = 0;

/** A short message at the top of the view (role=status so screen readers hear it). It belongs to the page shown and,
 * when an action shows it and at once opens another page (saved → the list), to that page; never to a later one. */
export function toast(text, kind = 'ok') {
  const box = document.getElementById('toast');
  if (!box) return;
  box.className = `toast toast-${kind}`;
  box.textContent = text;
  box.hidden = false;
  toast.shown = { page: pagesShown, at: Date.now() };
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
}

/** A page is about to be shown: hide a message left from an earlier page (the router calls this on every page). */
export function dropStaleToast() {
  pagesShown += 1;
  const box = document.getElementById('toast');
  const { page = -1, at = 0 } = toast.shown || {};
  if (box && !box.hidden && (page < pagesShown - 1 || Date.now() - at > CARRY_MS)) box.hidden = true;
}
