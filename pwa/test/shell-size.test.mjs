// tools/shell-size.mjs: the shell is app.js with what it imports statically, plus app.css; import() chunks apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsGraph, shellSize } from '../tools/shell-size.mjs';

function dist(files) {
  const dir = mkdtempSync(join(tmpdir(), 'shell-size-'));
  mkdirSync(join(dir, 'chunks'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('static imports are part of the shell, import() chunks and what only they import are loaded on demand', (t) => {
  const dir = dist({
    'app.js': 'import{a as b}from"./chunks/shared-1.js";const x=()=>import("./chunks/excel-2.js");',
    'chunks/shared-1.js': 'export const a=1;',
    'chunks/excel-2.js': 'import"./deep-3.js";import{a}from"./shared-1.js";export default a;',
    'chunks/deep-3.js': 'globalThis.z=1;',
    'app.css': 'body{margin:0}', 'sw.js': 'self.x=1;',
  });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(jsGraph(dir), { eager: ['app.js', 'chunks/shared-1.js'], lazy: ['chunks/excel-2.js', 'chunks/deep-3.js'] });
  const { files, shellKb } = shellSize(dir);
  assert.deepEqual(files.map(([name, , part]) => [name, part]), [['app.js', 'shell'], ['chunks/shared-1.js', 'shell'],
    ['app.css', 'shell'], ['chunks/excel-2.js', 'on demand'], ['chunks/deep-3.js', 'on demand'], ['sw.js', 'service worker']]);
  const shell = files.filter(([, , part]) => part === 'shell').reduce((sum, [, kb]) => sum + kb, 0);
  assert.equal(shellKb, shell);
});
