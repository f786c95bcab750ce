// Nurses on this phone: their device tokens, their offline PINs (PBKDF2 via WebCrypto), and who is working now.
import * as db from './db.js';
import { isoLocal } from './time.js';

export const PIN_ITERATIONS = 100000;
const enc = new TextEncoder();
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** PBKDF2-SHA256 of a PIN with a salt (hex in, hex out). */
export async function hashPin(pin, saltHex, iterations = PIN_ITERATIONS) {
  const key = await crypto.subtle.importKey('raw', enc.encode(pin), 'PBKDF2', false, ['deriveBits']);
  const salt = Uint8Array.from(saltHex.match(/../g).map((h) => parseInt(h, 16)));
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return hex(bits);
}

export const listUsers = () => db.all('users');
export const getUser = (username) => db.get('users', username);

/** After an online sign-in: keep the token (and the PIN when one is given), never touching anyone's records. */
export async function saveSignIn({ user, token, expires_at: expiresAt }, pin = null) {
  const old = (await getUser(user.username)) || {};
  const row = { ...old, username: user.username, display_name: user.display_name || old.display_name || '',
    role: user.role, scope: user.scope, token, expires_at: expiresAt, token_state: 'ok', signed_in_at: isoLocal() };
  if (pin) Object.assign(row, await pinFields(pin), { pin_failures: 0, pin_locked_at: null });
  await db.put('users', row);
  await db.setMeta('current_user', user.username);
  return row;
}

async function pinFields(pin) {
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
  return { pin_salt: salt, pin_iterations: PIN_ITERATIONS, pin_hash: await hashPin(pin, salt) };
}

export const MAX_PIN_FAILURES = 5;

/** Offline unlock: the PIN must match this user's stored hash. After MAX_PIN_FAILURES wrong PINs in a row the PIN
 * is forgotten, so a shared phone cannot be tried through all 4-digit PINs: the nurse signs in with her full
 * password (online), which sets a new PIN. Her token and records stay. */
export async function unlock(username, pin) {
  const user = await getUser(username);
  if (!user?.pin_hash) return false;
  const ok = (await hashPin(pin, user.pin_salt, user.pin_iterations)) === user.pin_hash;
  if (ok) {
    await db.put('users', { ...user, pin_failures: 0 });
    await db.setMeta('current_user', username);
    return true;
  }
  const failures = (user.pin_failures || 0) + 1;
  const row = failures >= MAX_PIN_FAILURES
    ? { ...user, pin_failures: 0, pin_hash: null, pin_salt: null, pin_locked_at: isoLocal() }
    : { ...user, pin_failures: failures };
  await db.put('users', row);
  return false;
}

/** Wrong PINs this user may still enter before the full password is needed (0: no PIN any more). */
export async function pinTriesLeft(username) {
  const user = await getUser(username);
  return user?.pin_hash ? MAX_PIN_FAILURES - (user.pin_failures || 0) : 0;
}

/** The nurse working now, or null when the phone is locked. */
export async function currentUser() {
  const name = await db.getMeta('current_user');
  return name ? (await getUser(name)) || null : null;
}

/** Lock the phone (switch user): nothing is deleted. */
export const lock = () => db.setMeta('current_user', null);

/** The token a user's records are sent with, or null when they must sign in again. */
export async function tokenFor(username) {
  const user = await getUser(username);
  return user && user.token && user.token_state !== 'invalid' ? user.token : null;
}

/** A 401 for this user: forget the token (keep everything else) so the app asks them to sign in. */
export async function invalidateToken(username) {
  const user = await getUser(username);
  if (user) await db.put('users', { ...user, token: null, token_state: 'invalid' });
}

/** Users whose token is gone: the app shows a sign-in prompt for each. */
export async function needingSignIn() {
  return (await listUsers()).filter((u) => u.token_state === 'invalid' || !u.token);
}

/** Stable id of this phone (sent with the token request and every push). */
export async function deviceId() {
  let id = await db.getMeta('device_id');
  if (!id) {
    id = `pwa-${hex(crypto.getRandomValues(new Uint8Array(8)))}`;
    await db.setMeta('device_id', id);
  }
  return id;
}

/** This device's name for the server: the user-agent string without the tokens every browser sends (Mozilla/5.0,
 * AppleWebKit, KHTML, Build/…) and with major versions only, so the system and the browsers fit the 100 characters
 * kept (webapp/domain/devices.py reads it). */
export function deviceName(agent) {
  return String(agent || '').replace(/^Mozilla\/[\d.]+ /, '').replace(/AppleWebKit\/[\d.]+ (\(KHTML, like Gecko\) )?/, '')
    .replace(/ Build\/[^;)]+/, '').replace(/\/(\d+)\.[\d.]+/g, '/$1').replace(/\s+/g, ' ').trim().slice(0, 100);
}
