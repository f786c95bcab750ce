// When sync runs: on start, on save, on `online`, on a timer while open, through Background Sync where the
// browser has it, and again after a failure with exponential backoff (5 s … 5 min) with "equal jitter" (a random
// wait between half the backoff and all of it, so phones cut off together do not all come back in the same second),
// never sooner than the server's `Retry-After`. A tap on "sync now" always syncs at once.
import * as sync from './sync.js';

const TIMER_MS = 60000;
const BACKOFF_MIN = 5000;
const BACKOFF_MAX = 300000;
const RETRY_STOPS = new Set(['network', 'server', 'rate']);
let retryTimer = null;  // the retry a failure scheduled; the periodic timer leaves the sync to it
let serverWaitUntil = 0; // the server's Retry-After (ms since the epoch): no automatic sync before it
let intervalTimer = null;
const inFlight = new Set();
let random = Math.random;

/** Use another source of randomness for the jitter, in [0, 1] (tests: a seeded one); none given: Math.random. */
export function setRandom(fn) {
  random = fn || Math.random;
}

/** Whether a sync that ended with `result` must be tried again later (network, server error, rate limit). */
export function needsRetry(result) {
  return RETRY_STOPS.has(result?.stop);
}

/** The wait before the next try after `failures` failures in a row: the backoff with equal jitter (between half of
 * it and all of it), or the server's `Retry-After` if that is longer. */
export function retryDelay(failures, retryAfterMs = 0, rand = random) {
  const backoff = Math.min(BACKOFF_MAX, BACKOFF_MIN * 2 ** Math.max(0, failures - 1));
  const jittered = Math.round(backoff / 2 + rand() * (backoff / 2));
  return Math.max(jittered, retryAfterMs || 0);
}

/** Sync now and schedule the retry that a failure needs. */
export function kick() {
  const run = runKick().finally(() => inFlight.delete(run));
  inFlight.add(run);
  return run;
}

async function runKick() {
  clearTimeout(retryTimer);
  retryTimer = null;
  if (globalThis.navigator?.onLine === false) return null;
  const result = await sync.syncNow();
  if (needsRetry(result)) {
    const { failures = 1 } = await sync.getStatus();
    serverWaitUntil = result.retryAfterMs ? Date.now() + result.retryAfterMs : 0;
    retryLater(retryDelay(failures, result.retryAfterMs));
  } else if (result?.skipped === 'busy') { // another tab or the service worker holds the sync: after it
    retryLater(retryDelay(1));
  } else {
    serverWaitUntil = 0;
  }
  return result;
}

function retryLater(wait) {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(kick, wait);
}

/** Resolves when every sync the triggers started has ended and its retry is scheduled. */
export async function whenIdle() {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

// An automatic trigger (start, save, `online`): at once, unless the server asked to wait (the retry is set).
function kickUnlessAsked() {
  if (Date.now() < serverWaitUntil) return;
  kick();
}

// The periodic timer: only when no retry is pending, so it never cuts a backoff or a Retry-After short.
function onTimer() {
  if (retryTimer === null) kickUnlessAsked();
}

/** After a record is saved: ask for Background Sync (survives closing the tab) and try at once. */
export async function afterSave() {
  try {
    const reg = await navigator.serviceWorker?.ready;
    await reg?.sync?.register('immuqc-outbox');
  } catch { /* Background Sync not available: the timer and `online` cover it */ }
  kickUnlessAsked();
}

/** Wire the triggers once per page. */
export function start() {
  if (intervalTimer !== null) return;
  globalThis.addEventListener('online', kickUnlessAsked);
  intervalTimer = setInterval(onTimer, TIMER_MS);
  kickUnlessAsked();
}

/** Unwire the triggers and forget any pending retry (a page never needs this; tests start afresh with it). */
export function stop() {
  globalThis.removeEventListener?.('online', kickUnlessAsked);
  clearInterval(intervalTimer);
  clearTimeout(retryTimer);
  [intervalTimer, retryTimer, serverWaitUntil, random] = [null, null, 0, Math.random];
}
