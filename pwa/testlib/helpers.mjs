// Test helpers: a fresh fake IndexedDB per test, and a scripted fake fetch that records every request.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb } from '../src/lib/db.js';

export async function freshDb() {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
}

/** A fake fetch: `handler(req)` returns {status, body, headers?} or throws (network failure); requests are kept. */
export function fakeFetch(handler) {
  const calls = [];
  const fn = async (url, init = {}) => {
    const u = new URL(url);
    const req = { path: u.pathname, query: Object.fromEntries(u.searchParams), method: init.method || 'GET',
      auth: init.headers?.Authorization || null, body: init.body ? JSON.parse(init.body) : null };
    calls.push(req);
    const out = await handler(req);
    return { status: out.status, headers: new Headers(out.headers || {}), json: async () => out.body ?? null };
  };
  fn.calls = calls;
  return fn;
}

/** A server that accepts every pushed item as created and pulls nothing. */
export function happyServer(extra = () => null) {
  return fakeFetch((req) => extra(req) || route(req));
}

function route(req) {
  if (req.path.endsWith('/sync/push')) {
    return { status: 200, body: { server_time: '', clock_offset_s: 0,
      results: req.body.items.map((i) => ({ id: i.id, status: 'created', rev: 1 })) } };
  }
  if (req.path.endsWith('/sync/pull')) return { status: 200, body: { cursor: 'c1', has_more: false, changes: [] } };
  return { status: 404, body: null };
}
