// UI strings: zh-CN by default, English one tap away. Strings live in src/i18n/*.json (both complete).
import en from '../i18n/en.json';
import zh from '../i18n/zh-CN.json';

const CATALOGS = { 'zh-CN': zh, en };
let lang = 'zh-CN';
try { lang = globalThis.localStorage?.getItem('immuqc.lang') === 'en' ? 'en' : 'zh-CN'; } catch { /* no storage */ }

export const getLang = () => lang;

/** Switch language (kept on this phone). */
export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh-CN';
  try { globalThis.localStorage?.setItem('immuqc.lang', lang); } catch { /* private mode */ }
  if (globalThis.document) document.documentElement.lang = lang;
}

/** The string for a key with {name} placeholders filled; the key itself when missing (tests catch that). */
export function t(key, params = {}) {
  const text = CATALOGS[lang][key] ?? CATALOGS['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (params[k] ?? ''));
}

/** A label for a code from a pulled catalogue entry {name_zh/name_en/label} or the bundled code labels. */
export function label(group, code) {
  const key = `code.${group}.${code}`;
  const text = CATALOGS[lang][key] ?? CATALOGS['zh-CN'][key];
  return text ?? code;
}

export const catalogs = CATALOGS;

/** Add the message tables of a page family loaded on demand ({'zh-CN': {…}, en: {…}}): its strings stay out of the
 * shell until its chunk is loaded. */
export function addMessages(tables) {
  for (const [code, table] of Object.entries(tables)) Object.assign(CATALOGS[code], table);
}
