// The server API as records.md fixes it: token, push, pull, and the required/QC field source.

export const API = '/api/v1';
export { PUSH_LIMIT } from './constants.js';
export const APP_VERSION = '0.1.0';

/** How long a request may take before it is given up (a poor link that never answers) and retried later. */
export const TIMEOUT_MS = 45000;

/** Thrown when the network itself failed (offline, DNS, connection reset): always retried later. */
export class NetworkError extends Error {}

function url(path) {
  const origin = globalThis.location?.origin || 'http://localhost';
  return new URL(API + path, origin).toString();
}

/**
 * One JSON request; resolves to {status, body, headers}; rejects with NetworkError only when nothing came back,
 * or when the answer (its body included) took longer than `timeoutMs`.
 */
export async function request(path, { method = 'GET', token = null, body = undefined, fetchImpl = globalThis.fetch,
  lang = 'zh-CN', timeoutMs = TIMEOUT_MS } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let resp;
  let parsed = null;
  try {
    resp = await fetchImpl(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', signal: abort.signal });
    try { parsed = await resp.json(); } catch { parsed = null; }
  } catch (err) {
    throw new NetworkError(abort.signal.aborted ? 'timeout' : (err?.message || 'network'));
  } finally {
    clearTimeout(timer);
  }
  if (abort.signal.aborted) throw new NetworkError('timeout');
  return { status: resp.status, body: parsed, headers: resp.headers };
}

/** POST /auth/token. */
export function signIn({ username, password, deviceId, deviceName }, opts = {}) {
  return request('/auth/token', { ...opts, method: 'POST',
    body: { username, password, device_id: deviceId, device_name: deviceName } });
}

/** POST /sync/push with one author's items. */
export function push({ token, deviceId, items, deviceTime, schemaVersion }, opts = {}) {
  const body = { device_id: deviceId, app_version: APP_VERSION, schema_version: schemaVersion,
    device_time: deviceTime,
    items: items.map(({ kind, id, base_rev, captured_at, captured_by, data }) =>
      ({ kind, id, base_rev, captured_at, captured_by, data })) };
  return request('/sync/push', { ...opts, method: 'POST', token, body });
}

/** GET /sync/pull from a cursor. */
export function pull({ token, cursor }, opts = {}) {
  // omit: a pulled consent comes without its signature image, which the phone never shows again (10–64 KB each)
  const q = new URLSearchParams({ limit: '500', omit: 'signature' });
  if (cursor) q.set('cursor', cursor);
  return request(`/sync/pull?${q}`, { ...opts, token });
}

/** GET the hard-required / QC-required field source. */
export function fields({ token }, opts = {}) {
  return request('/reference/fields', { ...opts, token });
}

const RETRY_AFTER_MAX = 3600000; // a Retry-After beyond an hour is taken as an hour (a proxy's mistake, not a plan)

/** How long the server asked to wait (its `Retry-After`: seconds or an HTTP date), in ms; 0 when it did not say. */
export function retryAfterMs(headers, now = Date.now()) {
  const value = headers?.get?.('Retry-After')?.trim();
  if (!value) return 0;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? 0 : Math.min(RETRY_AFTER_MAX, Math.max(0, ms));
}

/** The first field message of a problem+json body, or its detail. */
export function problemText(body) {
  if (!body) return '';
  const errs = body.errors && Object.entries(body.errors);
  if (errs?.length) return `${errs[0][0]}: ${[].concat(errs[0][1]).join('; ')}`;
  return body.detail || body.title || '';
}
