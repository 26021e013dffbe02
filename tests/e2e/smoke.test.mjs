// The web build loads in real headless Chromium from roster-server and draws the console's frame:
// checked on the screenshot's pixels, and idle means no more frames.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodePng, colourShare } from './png.mjs';
import { seed, startServer, launchBrowser, artifactPath } from './harness.mjs';

let server, browser;
before(async () => {
  const { db } = seed(500, 6);
  server = await startServer(db);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

test('the page loads the wasm build and renders text on the canvas', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 700 }, deviceScaleFactor: 1 });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  const response = await page.goto(server.url + '/');
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-security-policy'], /wasm-unsafe-eval/);
  await page.waitForFunction(() => (window.rosterFramesDrawn ?? 0) >= 1, null, { timeout: 30000 });
  const file = artifactPath('smoke-1x.png');
  await page.screenshot({ path: file });
  const image = decodePng(readFileSync(file));
  assert.equal(image.width, 1200);
  // Mostly the page background, a white top bar, and the accent-coloured product name.
  assert.ok(colourShare(image, [0xf6, 0xf7, 0xf9], 2) > 0.5, 'background colour dominates');
  assert.ok(colourShare(image, [255, 255, 255], 1) > 0.03, 'white top bar present');
  assert.ok(colourShare(image, [0x1f, 0xa3, 0x7a], 40) * image.width * image.height > 40, 'accent-coloured title drawn');
  assert.ok(colourShare(image, [0x1d, 0x23, 0x2b], 30) * image.width * image.height > 40, 'dark heading text drawn');
  assert.deepEqual(problems, []);
  await page.close();
});

test('idle: once drawn, no further frames while nothing changes', async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(server.url + '/');
  await page.waitForFunction(() => (window.rosterFramesDrawn ?? 0) >= 1, null, { timeout: 30000 });
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => window.rosterFramesDrawn);
  await page.waitForTimeout(1000);
  const afterIdle = await page.evaluate(() => window.rosterFramesDrawn);
  assert.equal(afterIdle, before, 'no frames drawn while idle');
  await page.setViewportSize({ width: 900, height: 600 });
  await page.waitForFunction((n) => window.rosterFramesDrawn > n, afterIdle, { timeout: 10000 });
  await page.close();
});

test('HiDPI: the canvas is sized in device pixels', async () => {
  const page = await browser.newPage({ viewport: { width: 600, height: 400 }, deviceScaleFactor: 2 });
  await page.goto(server.url + '/');
  await page.waitForFunction(() => (window.rosterFramesDrawn ?? 0) >= 1, null, { timeout: 30000 });
  const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
  assert.deepEqual(size, [1200, 800]);
  await page.screenshot({ path: artifactPath('smoke-2x.png') });
  await page.close();
});
