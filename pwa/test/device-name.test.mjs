import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deviceName } from '../src/lib/users.js';

test('the device name keeps the system and the browser with its version inside 100 characters', () => {
  const agent = 'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) '
    + 'Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64';
  const name = deviceName(agent);
  assert.ok(name.length <= 100, name);
  assert.equal(name.startsWith('(Linux; Android 13; V2227A; wv) Version/4 Chrome/120 Mobile Safari/537'), true, name);
  assert.match(name, /MicroMessenger\/8/);
  assert.equal(deviceName(undefined), '');
});
