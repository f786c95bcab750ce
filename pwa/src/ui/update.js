// Service worker registration and the update flow: a new version waits until the user taps "update",
// and the tap is only offered outside data-entry pages (never mid-form).

let waiting = null;
let reloading = false;

export const updateWaiting = () => Boolean(waiting);

/** Register the worker and call `onChange` whenever a new version is ready and waiting. */
export function watchForUpdates(currentPage, onChange) {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('sw.js').then((reg) => {
    const track = (worker) => worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) { waiting = worker; onChange(); }
    });
    if (reg.waiting && navigator.serviceWorker.controller) { waiting = reg.waiting; onChange(); }
    reg.addEventListener('updatefound', () => track(reg.installing));
    setInterval(() => { if (!currentPage()?.form) reg.update().catch(() => {}); }, 3600000);
  }).catch(() => { /* no service worker (private mode): the app still works online */ });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
}

/** The user tapped "update": activate the waiting worker, then reload once it controls the page. */
export function applyUpdate() {
  if (!waiting) return;
  reloading = true;
  waiting.postMessage({ type: 'SKIP_WAITING' });
}
