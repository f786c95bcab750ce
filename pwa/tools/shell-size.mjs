// Gzipped sizes of the built shell (dist/): what a phone loads before the first page (app.js, the chunks it imports
// statically, app.css) against the 60 KB budget, and apart from it the chunks loaded on demand (import()) and the
// service worker. Run: `node tools/shell-size.mjs` after `npm run build` (the build prints it too).
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const SHELL_BUDGET_KB = 60;
const STATIC = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g; // import{a}from"./x.js", import"./x.js"
const DYNAMIC = /\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g;

const gzKb = (file) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/** Every JS file `entry` loads, split into those it imports statically (with itself) and those loaded on demand. */
export function jsGraph(dist, entry = 'app.js') {
  const eager = new Set();
  const lazy = new Set();
  const visit = (name, set) => {
    if (eager.has(name) || set.has(name)) return;
    set.add(name);
    const text = readFileSync(join(dist, name), 'utf8');
    const near = (spec) => posix.normalize(posix.join(posix.dirname(name), spec));
    for (const [, spec] of text.matchAll(STATIC)) visit(near(spec), set);
    for (const [, spec] of text.matchAll(DYNAMIC)) visit(near(spec), lazy);
  };
  visit(entry, eager);
  for (const name of eager) lazy.delete(name);
  return { eager: [...eager], lazy: [...lazy] };
}

/** The figures: {files: [[name, KB, 'shell'|'on demand'|'service worker']], shellKb}. */
export function shellSize(dist) {
  const { eager, lazy } = jsGraph(dist);
  const files = [...eager, 'app.css'].map((f) => [f, gzKb(join(dist, f)), 'shell'])
    .concat(lazy.map((f) => [f, gzKb(join(dist, f)), 'on demand']), [['sw.js', gzKb(join(dist, 'sw.js')), 'service worker']]);
  const shellKb = files.filter(([, , part]) => part === 'shell').reduce((sum, [, kb]) => sum + kb, 0);
  return { files, shellKb };
}

/** Print the figures; true when the shell is within its budget. */
export function printShellSize(dist) {
  const { files, shellKb } = shellSize(dist);
  for (const [name, kb, part] of files) console.log(`  ${name.padEnd(36)} ${kb.toFixed(1).padStart(6)} KB gz  ${part}`);
  const ok = shellKb <= SHELL_BUDGET_KB;
  console.log(`  shell (first load) ${shellKb.toFixed(1)} KB gz, budget ${SHELL_BUDGET_KB} KB: ${ok ? 'ok' : 'OVER'}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  process.exitCode = printShellSize(dist) ? 0 : 1;
}
