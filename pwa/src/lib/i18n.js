// UI strings: zh-CN by default, English one tap away. Strings live in src/i18n/*.json (both complete). The Chinese
// table is in the shell; the English one is a chunk loaded when English is chosen (precached like every file), so a
// phone that reads Chinese does not load it first.
import zh from '../i18n/zh-CN.json';

const CATALOGS = { 'zh-CN': zh, en: {} };
let english = null; // the English table's loading, once
let lang = 'zh-CN';
try { lang = globalThis.localStorage?.getItem('immuqc.lang') === 'en' ? 'en' : 'zh-CN'; } catch { /* no storage */ }

export const getLang = () => lang;

/** Load the table `next` needs (English is a chunk); a table that cannot be loaded leaves the Chinese fallback. */
export async function loadLang(next) {
  if (next !== 'en') return;
  english ??= import('../i18n/en.json').then( // a chunk's own strings, added earlier, are kept
    (m) => { CATALOGS.en = { ...m.default, ...CATALOGS.en }; }, () => { english = null; });
  await english;
}

/** Switch language (kept on this phone); call loadLang(next) first so English texts are there. */
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
