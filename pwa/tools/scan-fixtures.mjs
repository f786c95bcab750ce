// Make the barcode images the scan tests read, drawn by a real encoder (bwip-js, a pinned dev dependency):
// `node tools/scan-fixtures.mjs` writes the PNGs committed under test/fixtures (a GS1 DataMatrix of a vaccine pack, a
// Code 128 追溯码); `node tools/scan-fixtures.mjs --y4m FILE` writes the pack as a one-frame Y4M video for Chromium's
// fake camera (--use-file-for-fake-video-capture), made at test time rather than committed (450 KB a frame).
import bwipjs from 'bwip-js';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
export const GS1_PACK = '(01)06901234567892(17)281130(10)HB2611A(21)0000123';
export const TRACE_CODE = '81234560000012345678';

/** One 640×480 4:2:0 frame: the pack's DataMatrix modules drawn 12 px each, black on white, centred. */
function y4mFrame() {
  const [{ pixs, pixx, pixy }] = bwipjs.raw({ bcid: 'gs1datamatrix', text: GS1_PACK });
  const [w, h, cell] = [640, 480, 12];
  const luma = Buffer.alloc(w * h, 235);
  const [left, top] = [(w - pixx * cell) >> 1, (h - pixy * cell) >> 1];
  for (let y = 0; y < pixy * cell; y += 1) {
    for (let x = 0; x < pixx * cell; x += 1) {
      if (pixs[Math.floor(y / cell) * pixx + Math.floor(x / cell)]) luma[(top + y) * w + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((w * h) / 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]);
}

const y4m = process.argv.indexOf('--y4m');
if (y4m > 0) {
  writeFileSync(process.argv[y4m + 1], y4mFrame());
} else {
  const images = {
    'gs1-datamatrix.png': { bcid: 'gs1datamatrix', text: GS1_PACK, scale: 8, padding: 10 },
    'trace-code128.png': { bcid: 'code128', text: TRACE_CODE, scale: 3, height: 15, padding: 10 },
  };
  for (const [name, options] of Object.entries(images)) {
    writeFileSync(join(fixtures, name), await bwipjs.toBuffer({ ...options, backgroundcolor: 'FFFFFF' }));
    console.log(`wrote test/fixtures/${name}`);
  }
}
