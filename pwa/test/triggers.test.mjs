// When the phone syncs (src/lib/triggers.js): backoff with jitter, Retry-After, the timer, `online`, Background Sync.
// A fake clock (node:test mock.timers) drives the timers; the fake server answers with real Headers; the jitter's
// randomness is fixed per test (by default at the top of its window, where the wait is the plain backoff) or seeded.
import { test, beforeEach, afterEach, mock } from 'node:test';
import assert from 'node:assert/strict';
import { fakeFetch, freshDb } from '../testlib/helpers.mjs';
import * as outbox from '../src/lib/outbox.js';
import * as triggers from '../src/lib/triggers.js';
import * as users from '../src/lib/users.js';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const saved = { fetch: globalThis.fetch, navigator: Object.getOwnPropertyDescriptor(globalThis, 'navigator') };
let browser; // the browser's window events (`online`) and navigator, as a page sees them
let server = () => null; // the current answer to a push; null: stored
let pullServer = () => null; // the current answer to a pull; null: nothing new

beforeEach(async () => {
  await freshDb();
  await users.saveSignIn({ user: { username: 'n1', role: 'nurse', scope: 'U01' }, token: 't1', expires_at: '' });
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: T0 });
  triggers.setRandom(() => 1); // the top of the jitter window: the plain backoff
  const events = new EventTarget();
  browser = { events, navigator: { onLine: true } };
  for (const name of ['addEventListener', 'removeEventListener']) globalThis[name] = events[name].bind(events);
  Object.defineProperty(globalThis, 'navigator', { value: browser.navigator, configurable: true, writable: true });
  [server, pullServer] = [() => null, () => null];
  globalThis.fetch = fakeFetch((req) => (req.path.endsWith('/sync/push') && server(req))
    || (req.path.endsWith('/sync/pull') && pullServer(req)) || stored(req));
});

afterEach(async () => {
  triggers.stop();
  await triggers.whenIdle();
  mock.timers.reset();
  globalThis.fetch = saved.fetch;
  delete globalThis.addEventListener;
  delete globalThis.removeEventListener;
  if (saved.navigator) Object.defineProperty(globalThis, 'navigator', saved.navigator);
  else delete globalThis.navigator;
});

function stored(req) {
  if (req.path.endsWith('/sync/push')) {
    return { status: 200, body: { results: req.body.items.map((i) => ({ id: i.id, status: 'created', rev: 1 })) } };
  }
  if (req.path.endsWith('/sync/pull')) return { status: 200, body: { cursor: 'c1', has_more: false, changes: [] } };
  return { status: 404, body: null };
}

const add = () => outbox.enqueue({ kind: 'child', captured_by: 'n1', data: { name: 'x' } });
const count = (suffix) => globalThis.fetch.calls.filter((c) => c.path.endsWith(suffix)).length;
const pushes = () => count('/sync/push');
const pulls = () => count('/sync/pull');
const failWith = (status, headers = {}) => () => ({ status, body: { title: 'no' }, headers });

/** Move the fake clock on by `ms`, then let every sync a timer started end. */
async function advance(ms) {
  mock.timers.tick(ms);
  await triggers.whenIdle();
}

/** Pushes seen just before and at `ms` from now: a retry due exactly then gives [n, n + 1]. */
async function pushesAround(ms) {
  await advance(ms - 1);
  const before = pushes();
  await advance(1);
  return [before, pushes()];
}

test('a 5xx keeps the record and is tried again after 5 s, then after 10 s more, not sooner', async () => {
  await add();
  server = failWith(500);
  await triggers.kick();
  assert.equal(pushes(), 1);
  assert.deepEqual(await pushesAround(5000), [1, 2]);
  assert.deepEqual(await pushesAround(10000), [2, 3]);
  assert.equal((await outbox.list()).length, 1);
});

test('a network failure is tried again with the same backoff', async () => {
  await add();
  server = () => { throw new TypeError('Failed to fetch'); };
  await triggers.kick();
  assert.deepEqual(await pushesAround(5000), [1, 2]);
  assert.deepEqual(await pushesAround(10000), [2, 3]);
});

test('the backoff doubles up to 5 minutes and the periodic timer does not cut it short', async () => {
  await add();
  server = failWith(503);
  triggers.start();
  await triggers.whenIdle();
  const waits = [5, 10, 20, 40, 80, 160, 300, 300].map((s) => s * 1000);
  for (const [i, wait] of waits.entries()) assert.deepEqual(await pushesAround(wait), [i + 1, i + 2], `wait ${wait}`);
});

test('a 429 with Retry-After waits that long: the timer, `online` and a save do not send before it', async () => {
  await add();
  server = failWith(429, { 'Retry-After': '120' });
  triggers.start();
  await triggers.whenIdle();
  assert.equal(pushes(), 1);
  await advance(60000); // the periodic timer's tick
  browser.events.dispatchEvent(new Event('online'));
  await add();
  await triggers.afterSave();
  await triggers.whenIdle();
  assert.equal(pushes(), 1);
  server = () => null;
  assert.deepEqual(await pushesAround(60000), [1, 2]);
  assert.equal((await outbox.list()).length, 0);
});

test('a Retry-After longer than the backoff is honoured on a 503, and as an HTTP date', async () => {
  await add();
  server = failWith(503, { 'Retry-After': '10' });
  await triggers.kick();
  assert.deepEqual(await pushesAround(10000), [1, 2]);
  server = failWith(503, { 'Retry-After': new Date(Date.now() + 90000).toUTCString() });
  await triggers.kick();
  assert.deepEqual(await pushesAround(90000), [3, 4]);
});

test('a 429 on pull is retried after its Retry-After too, not taken as a bad request', async () => {
  pullServer = failWith(429, { 'Retry-After': '30' });
  await triggers.kick();
  assert.equal(pulls(), 1);
  await advance(29999);
  assert.equal(pulls(), 1);
  await advance(1);
  assert.equal(pulls(), 2);
});

test('a success resets the backoff: the next failure waits 5 s again', async () => {
  await add();
  server = failWith(500);
  await triggers.kick();
  await advance(5000);
  await advance(10000);
  assert.equal(pushes(), 3); // three failures: the next wait would be 20 s
  server = () => null;
  await triggers.kick();
  assert.equal((await outbox.list()).length, 0);
  await add();
  server = failWith(500);
  await triggers.kick();
  assert.deepEqual(await pushesAround(5000), [5, 6]);
});

test('after a success no retry is pending: nothing is sent until the periodic timer', async () => {
  triggers.start();
  await triggers.whenIdle();
  assert.equal(pulls(), 1);
  await advance(59999);
  assert.equal(pulls(), 1);
  await advance(1);
  assert.equal(pulls(), 2);
});

test('the periodic timer syncs every minute while the app is open', async () => {
  triggers.start();
  triggers.start(); // wired once, however often a page asks
  await triggers.whenIdle();
  for (let minute = 1; minute <= 3; minute++) await advance(60000);
  assert.equal(pulls(), 4);
});

test('coming back online syncs at once, without waiting for the network backoff', async () => {
  await add();
  browser.navigator.onLine = false;
  triggers.start();
  await triggers.whenIdle();
  assert.equal(pushes(), 0); // offline: not even tried
  browser.navigator.onLine = true;
  browser.events.dispatchEvent(new Event('online'));
  await triggers.whenIdle();
  assert.equal(pushes(), 1);
  assert.equal((await outbox.list()).length, 0);
});

test('`online` during a network backoff sends at once', async () => {
  await add();
  server = () => { throw new TypeError('Failed to fetch'); };
  triggers.start();
  await triggers.whenIdle();
  server = () => null;
  await advance(1000);
  browser.events.dispatchEvent(new Event('online'));
  await triggers.whenIdle();
  assert.equal(pushes(), 2);
  assert.equal((await outbox.list()).length, 0);
});

test('a save asks for Background Sync with the outbox tag and syncs at once', async () => {
  const tags = [];
  browser.navigator.serviceWorker = { ready: Promise.resolve({ sync: { register: async (tag) => { tags.push(tag); } } }) };
  await add();
  await triggers.afterSave();
  await triggers.whenIdle();
  assert.deepEqual(tags, ['immuqc-outbox']);
  assert.equal(pushes(), 1);
});

test('Background Sync is retried after a network failure, a 5xx or a 429, not after a refusal or success', () => {
  for (const stop of ['network', 'server', 'rate']) assert.equal(triggers.needsRetry({ stop }), true, stop);
  for (const stop of ['bad_request', 'forbidden', 'too_old', null]) assert.equal(triggers.needsRetry({ stop }), false);
  assert.equal(triggers.needsRetry(null), false);
});

test('a sync held by another tab is tried again after 5 s', async () => {
  let held = true;
  browser.navigator.locks = { request: async (name, opts, fn) => fn(held ? null : { name }) };
  await add();
  await triggers.kick();
  assert.equal(pushes(), 0);
  held = false;
  assert.deepEqual(await pushesAround(5000), [0, 1]);
});

/** A seeded generator in [0, 1) (mulberry32): the same sequence on every run. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

test('the jitter draws each wait between half the backoff and all of it', () => {
  assert.equal(triggers.retryDelay(1, 0, () => 0), 2500);
  assert.equal(triggers.retryDelay(1, 0, () => 0.5), 3750);
  assert.equal(triggers.retryDelay(1, 0, () => 1), 5000);
  assert.equal(triggers.retryDelay(3, 0, () => 0), 10000);
  assert.equal(triggers.retryDelay(20, 0, () => 0), 150000); // the 5-minute cap is jittered too
  assert.equal(triggers.retryDelay(20, 0, () => 1), 300000);
});

test('phones failing together spread their retries: seeded draws differ and stay inside the window', () => {
  const random = seeded(2026);
  const waits = Array.from({ length: 50 }, () => triggers.retryDelay(3, 0, random));
  for (const w of waits) assert.ok(w >= 10000 && w <= 20000, `wait ${w}`);
  assert.ok(new Set(waits).size >= 45, `only ${new Set(waits).size} different waits`);
  assert.ok(Math.max(...waits) - Math.min(...waits) >= 8000, 'the waits are bunched');
});

test('jitter never brings a retry before the Retry-After, however low the draw', () => {
  for (const draw of [0, 0.3, 1]) assert.equal(triggers.retryDelay(1, 120000, () => draw), 120000);
  assert.equal(triggers.retryDelay(7, 100000, () => 0), 150000); // a longer jittered backoff still wins
  assert.equal(triggers.retryDelay(7, 100000, () => 0.1), 165000);
});

test('a 5xx is tried again at the jittered wait the draw gives, on the fake clock', async () => {
  triggers.setRandom(seeded(7));
  const expected = triggers.retryDelay(1, 0, seeded(7));
  assert.ok(expected >= 2500 && expected < 5000, `first draw ${expected}`);
  await add();
  server = failWith(500);
  await triggers.kick();
  assert.deepEqual(await pushesAround(expected), [1, 2]);
});

test('a Retry-After is honoured exactly even when the jitter draws the bottom of the window', async () => {
  triggers.setRandom(() => 0);
  await add();
  server = failWith(503, { 'Retry-After': '10' });
  await triggers.kick();
  server = failWith(500);
  assert.deepEqual(await pushesAround(10000), [1, 2]); // not at 2.5 s, the bottom of the first window
  assert.deepEqual(await pushesAround(5000), [2, 3]); // the second failure's window is 5 s to 10 s: its bottom
});
