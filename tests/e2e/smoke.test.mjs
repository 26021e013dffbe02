// The web build loads in real headless Chromium from roster-server and draws the console's frame:
// checked on the screenshot's pixels, and idle means no more frames.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodePng, colourShare } from './png.mjs';
import { seed, startServer, launchBrowser, artifactPath, signIn, withinOneMinute } from './harness.mjs';

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
  await signIn(page, server.url + '/');
  await page.waitForFunction(() => window.roster.state().visibleRows.length > 0, null, { timeout: 30000 });
  const file = artifactPath('smoke-1x.png');
  await page.screenshot({ path: file });
  const image = decodePng(readFileSync(file));
  assert.equal(image.width, 1200);
  // The page background, white surfaces (rail, top bar, table), the accent and dark text.
  assert.ok(colourShare(image, [0xf6, 0xf7, 0xf9], 2) > 0.05, 'background colour present');
  assert.ok(colourShare(image, [255, 255, 255], 1) > 0.3, 'white surfaces present');
  assert.ok(colourShare(image, [0x0e, 0x74, 0x55], 40) * image.width * image.height > 40, 'accent-coloured title drawn');
  assert.ok(colourShare(image, [0x1d, 0x23, 0x2b], 30) * image.width * image.height > 40, 'dark heading text drawn');
  // The only error allowed is the 401 of the first session check, before signing in.
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  // The fonts came from the atlas the build baked for 1x, not from rasterizing at start.
  assert.equal(await page.evaluate(() => window.roster.state().fontAtlas), 'baked');
  await page.close();
});

test('idle: once drawn, no further frames while nothing changes', async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await signIn(page, server.url + '/');
  await page.mouse.move(1, 599);
  await page.waitForTimeout(2500);  // requests answered, hover and toasts settled
  await withinOneMinute(1500);
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
  await signIn(page, server.url + '/');
  await page.waitForFunction(() => window.roster.state().visibleRows.length > 0, null, { timeout: 30000 });
  const size = await page.evaluate(() => { const c = document.querySelector('.roster-canvas'); return [c.width, c.height]; });
  assert.deepEqual(size, [1200, 800]);
  assert.equal(await page.evaluate(() => window.roster.state().fontAtlas), 'baked');
  await page.screenshot({ path: artifactPath('smoke-2x.png') });
  await page.close();
});

test('a pixel ratio the build did not bake rasterizes its fonts and draws the same page', async () => {
  const page = await browser.newPage({ viewport: { width: 600, height: 400 }, deviceScaleFactor: 1.5 });
  await signIn(page, server.url + '/');
  await page.waitForFunction(() => window.roster.state().visibleRows.length > 0, null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.roster.state().fontAtlas), 'rasterized');
  const file = artifactPath('smoke-1.5x.png');
  await page.screenshot({ path: file });
  const image = decodePng(readFileSync(file));
  assert.equal(image.width, 900);
  assert.ok(colourShare(image, [0x1d, 0x23, 0x2b], 30) * image.width * image.height > 40, 'dark text drawn');
  await page.close();
});
