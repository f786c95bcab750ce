// Build the PWA into dist/: bundle with esbuild, copy static files, make icons, inject the precache manifest.
// app.js is split: what only some pages need (the Excel roster reader, the barcode scanner) is a chunk in
// dist/chunks/ loaded by import() on that page, kept out of the shell's first load but precached like every file
// (the scanner's WebAssembly too, in dist/wasm/), so it works offline.
import { build } from 'esbuild';
import { injectManifest } from 'workbox-build';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeIcon } from './tools/icons.mjs';
import { printShellSize } from './tools/shell-size.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const scheduleData = join(root, '..', 'webapp', 'data', 'schedule');
const fieldRules = join(root, '..', 'webapp', 'data', 'fields.json'); // the server's rules, for a phone not yet synced

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'icons'), { recursive: true });
const common = { bundle: true, minify: true, format: 'esm', target: ['chrome90', 'safari15'], legalComments: 'none', logLevel: 'warning' };
await build({ ...common, entryPoints: [join(root, 'src', 'app.js')], outdir: dist, splitting: true,
  chunkNames: 'chunks/[name]-[hash]' });
await build({ ...common, entryPoints: [join(root, 'src', 'sw.js')], outfile: join(dist, 'sw.js'), format: 'iife' });
await build({ entryPoints: [join(root, 'src', 'css', 'app.css')], outfile: join(dist, 'app.css'), bundle: true,
  minify: true, logLevel: 'warning' });
for (const f of ['index.html', 'manifest.webmanifest']) cpSync(join(root, 'src', f), join(dist, f));
cpSync(join(root, 'src', 'i18n'), join(dist, 'i18n'), { recursive: true });
mkdirSync(join(dist, 'schedule'), { recursive: true });
if (existsSync(scheduleData)) cpSync(scheduleData, join(dist, 'schedule'), { recursive: true });
writeFileSync(join(dist, 'schedule', 'index.json'), JSON.stringify(
  existsSync(scheduleData) ? readdirSync(scheduleData).filter((f) => f.endsWith('.json')) : []), { flag: 'w' });
if (existsSync(fieldRules)) cpSync(fieldRules, join(dist, 'fields.json'));
// The barcode reader's WebAssembly (zxing-wasm, pinned by barcode-detector), served from the app and precached:
// it must be the very build the ponyfill's glue code expects.
const { ZXING_WASM_VERSION } = await import('barcode-detector/ponyfill');
const readerWasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
const zxingVersion = JSON.parse(readFileSync(join(readerWasm, '..', '..', '..', 'package.json'), 'utf8')).version;
if (zxingVersion !== ZXING_WASM_VERSION) throw new Error(`zxing-wasm ${zxingVersion} ≠ ${ZXING_WASM_VERSION} expected by barcode-detector`);
mkdirSync(join(dist, 'wasm'));
cpSync(readerWasm, join(dist, 'wasm', 'zxing_reader.wasm'));
for (const size of [192, 512]) writeFileSync(join(dist, 'icons', `icon-${size}.png`), makeIcon(size));
writeFileSync(join(dist, 'icons', 'maskable-512.png'), makeIcon(512, true));

const { count, size, warnings } = await injectManifest({
  swSrc: join(dist, 'sw.js'), swDest: join(dist, 'sw.js'), globDirectory: dist,
  globPatterns: ['**/*.{html,js,css,json,png,webmanifest,wasm}'], globIgnores: ['sw.js'],
});
warnings.forEach((w) => console.warn(w));
console.log(`pwa: built dist/ (${count} files precached, ${Math.round(size / 1024)} KB)`);
printShellSize(dist);
