// When sync runs: on start, on save, on `online`, on a timer while open, through Background Sync where the
// browser has it, and again after a failure with exponential backoff (5 s … 5 min).
import * as sync from './sync.js';

const TIMER_MS = 60000;
const BACKOFF_MIN = 5000;
const BACKOFF_MAX = 300000;
let retryTimer = null;
let started = false;

/** Sync now and schedule the retry that a failure needs. */
export async function kick() {
  clearTimeout(retryTimer);
  if (globalThis.navigator?.onLine === false) return null;
  const result = await sync.syncNow();
  if (result?.stop === 'network' || result?.stop === 'server' || result?.stop === 'rate') {
    const { failures = 1 } = await sync.getStatus();
    const wait = Math.min(BACKOFF_MAX, BACKOFF_MIN * 2 ** Math.max(0, failures - 1));
    retryTimer = setTimeout(kick, wait);
  } else if (result?.skipped === 'busy') { // another tab or the service worker holds the sync: after it
    retryTimer = setTimeout(kick, BACKOFF_MIN);
  }
  return result;
}

/** After a record is saved: ask for Background Sync (survives closing the tab) and try at once. */
export async function afterSave() {
  try {
    const reg = await navigator.serviceWorker?.ready;
    await reg?.sync?.register('immuqc-outbox');
  } catch { /* Background Sync not available: the timer and `online` cover it */ }
  kick();
}

/** Wire the triggers once per page. */
export function start() {
  if (started) return;
  started = true;
  globalThis.addEventListener('online', kick);
  setInterval(kick, TIMER_MS);
  kick();
}
