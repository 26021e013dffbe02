// Never a blank screen (issue 19), in real headless Chromium: a WebGL context lost and restored (the
// list is drawn again and answers the wheel and typing); lost for good (the software renderer takes
// over within a few seconds); a Chromium with no WebGL at all (sign-in, the list, a search, a profile,
// the kiosk page); the same screens drawn by WebGL and by the software renderer compared pixel by
// pixel; and the last resort in words when the module cannot be loaded or WebAssembly is missing.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { decodePng, colourShare } from './png.mjs';
import { seed, startServer, launchBrowser, artifactPath, serverBinary, signIn, submitSignIn, consoleState, until }
  from './harness.mjs';

let server, browser, db;
before(async () => {
  ({ db } = seed(2000, 8));
  server = await startServer(db);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const state = consoleState;

// The console's picture is there: the page's grey, white surfaces and dark text, not an empty page.
async function assertDrawn(page, name) {
  const file = artifactPath(name);
  await page.screenshot({ path: file });
  const image = decodePng(readFileSync(file));
  const white = colourShare(image, [255, 255, 255], 1), text = colourShare(image, [0x1d, 0x23, 0x2b], 30);
  assert.ok(white > 0.2, `${name}: white surfaces drawn (${white})`);
  assert.ok(text * image.width * image.height > 200, `${name}: dark text drawn`);
  return image;
}

async function listShown(page, route = '#/users') {
  await until(page, (r) => {
    const s = window.roster.state();
    return s.route.startsWith(r) && !s.loading && s.visibleRows.length > 0;
  }, route, `the list at ${route}`);
}

function loseContext(page) {
  return page.evaluate(() => {
    const gl = document.querySelector('.roster-canvas').getContext('webgl2');
    window.__lose = gl.getExtension('WEBGL_lose_context');
    window.__lose.loseContext();
  });
}

// `/` from a neutral spot (the title row, beside the heading): the search box takes the keyboard.
async function focusSearch(page) {
  await page.mouse.click(700, 90);
  await page.keyboard.press('/');
}

async function searchAndOpen(page, query) {
  await page.evaluate(() => window.roster.navigate('#/users'));
  await listShown(page);
  await focusSearch(page);
  await page.keyboard.type(query);
  await until(page, (q) => {
    const s = window.roster.state();
    return s.query === q && !s.loading && s.visibleRows.length > 0 &&
      s.visibleRows.every((r) => JSON.stringify(r).toLowerCase().includes(q));
  }, query, `the search for ${query}`);
  const s = await state(page);
  const id = s.visibleRows[0].id;
  await page.evaluate((u) => window.roster.navigate('#/users/' + u), id);
  await until(page, (u) => window.roster.state().route === '#/users/' + u && window.roster.state().profile?.detailed,
    id, 'the profile');
  return id;
}

test('a lost WebGL context is restored: drawn again, and the wheel and typing still work', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(page, server.url + '/?renderer=webgl');
  await listShown(page);
  assert.equal((await state(page)).renderer, 'webgl');
  await focusSearch(page);
  await page.keyboard.type('ol');  // typed before the loss: must survive it
  await until(page, () => window.roster.state().searchText === 'ol', null, 'the first letters');

  await loseContext(page);
  await until(page, () => window.roster.state().contextLost === true, null, 'the loss seen');
  await page.keyboard.type('ena');  // typed while nothing can be drawn: the store goes on
  await until(page, () => window.roster.state().searchText === 'olena', null, 'typing while lost');
  const drawnBefore = (await state(page)).framesDrawn;
  await page.evaluate(() => window.__lose.restoreContext());
  await until(page, (n) => {
    const s = window.roster.state();
    return !s.contextLost && s.renderer === 'webgl' && s.framesDrawn > n;
  }, drawnBefore, 'drawn again after the restore');
  assert.equal((await state(page)).contextLosses, 1);
  await assertDrawn(page, 'renderer-restored.png');

  await page.keyboard.press('Escape');  // clears the search
  await listShown(page);
  await page.mouse.move(800, 500);
  await page.mouse.wheel(0, 100);
  await until(page, () => window.roster.state().firstVisibleRow === 3, null, 'the wheel after the restore');
  await focusSearch(page);
  await page.keyboard.type('walker');
  await until(page, () => window.roster.state().query === 'walker' && !window.roster.state().loading, null,
    'typing after the restore');
  await assertDrawn(page, 'renderer-restored-search.png');
  await page.close();
});

test('a context lost for good: the software renderer takes over within a few seconds', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(page, server.url + '/?renderer=webgl');
  await listShown(page);
  await loseContext(page);
  const lostAt = Date.now();
  await until(page, () => window.roster.state().renderer === 'software', null, 'the takeover', 10000);
  const takeover = Date.now() - lostAt;
  assert.ok(takeover < 6000, `software took over after ${takeover} ms`);
  assert.match((await state(page)).rendererReason, /lost and not restored/);
  await assertDrawn(page, 'renderer-takeover.png');
  await searchAndOpen(page, 'olena');
  await assertDrawn(page, 'renderer-takeover-profile.png');
  await page.close();
});

test('a Chromium with no WebGL: sign-in, the list, a search, a profile and the kiosk page, drawn in software', async () => {
  const bare = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-software-rasterizer', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await bare.newPage({ viewport: { width: 1280, height: 800 } });
    assert.equal(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2')), false,
      'this Chromium has no WebGL 2');
    await signIn(page, server.url + '/');
    await listShown(page);
    const s = await state(page);
    assert.equal(s.renderer, 'software');
    assert.match(s.rendererReason, /no WebGL 2/);
    await assertDrawn(page, 'renderer-nowebgl-list.png');
    await searchAndOpen(page, 'olena');
    await assertDrawn(page, 'renderer-nowebgl-profile.png');
    await page.close();

    const token = execFileSync(serverBinary, ['kiosk-token', '--db', db, '--org', '1', '--ttl', '1', '--label', 'e2e'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
    const kiosk = await bare.newPage({ viewport: { width: 1280, height: 800 } });
    await kiosk.goto(`${server.url}/kiosk.html?route=/users#token=${token}`);
    await kiosk.waitForFunction(() => !!window.roster, null, { timeout: 30000 });
    await listShown(kiosk);
    assert.equal((await state(kiosk)).renderer, 'software');
    await assertDrawn(kiosk, 'renderer-nowebgl-kiosk.png');
    await kiosk.close();
  } finally {
    await bare.close();
  }
});

test('a kiosk whose context is lost again and again is never blank for longer than the takeover', async () => {
  const token = execFileSync(serverBinary, ['kiosk-token', '--db', db, '--org', '1', '--ttl', '1', '--label', 'soak'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/kiosk.html?route=/users&refresh=1&renderer=webgl#token=${token}`);
  await page.waitForFunction(() => !!window.roster, null, { timeout: 30000 });
  await listShown(page);
  const blanks = [];
  for (let loss = 1; loss <= 4; ++loss) {
    const before = await state(page);
    if (before.renderer === 'software') break;  // taken over: nothing left to lose
    await loseContext(page);
    const lostAt = Date.now();
    await page.waitForTimeout(400 * loss);  // the GPU process takes its time coming back
    await page.evaluate(() => window.__lose.restoreContext()).catch(() => {});
    await until(page, (n) => {
      const s = window.roster.state();
      return !s.contextLost && s.framesDrawn > n;
    }, before.framesDrawn, `drawn again after loss ${loss}`, 15000);
    blanks.push(Date.now() - lostAt);
    await page.waitForTimeout(1500);  // a refresh or two in between
  }
  const s = await state(page);
  console.log(`# blank intervals: ${blanks.join(', ')} ms; then drawn by ${s.renderer} (${s.rendererReason})`);
  assert.equal(s.renderer, 'software', 'the third loss in a few minutes hands over to software for good');
  assert.equal(s.contextLosses, 3);
  for (const ms of blanks) assert.ok(ms < 3000 + 2000, `blank for ${ms} ms`);
  await listShown(page);
  await assertDrawn(page, 'renderer-kiosk-after-losses.png');
  await page.close();
});

// The share of pixels whose colour differs by more than `tolerance` in any channel.
function differingShare(a, b, tolerance) {
  assert.equal(a.width, b.width);
  assert.equal(a.height, b.height);
  let differ = 0;
  const n = a.width * a.height;
  for (let i = 0; i < n; ++i) {
    const o = i * 4;
    if (Math.abs(a.pixels[o] - b.pixels[o]) > tolerance || Math.abs(a.pixels[o + 1] - b.pixels[o + 1]) > tolerance ||
        Math.abs(a.pixels[o + 2] - b.pixels[o + 2]) > tolerance) ++differ;
  }
  return differ / n;
}

// The accepted difference: the two renderers rasterize the same triangles with the same rules, but
// WebGL interpolates and blends in floating point and samples the atlas through the GPU's filter,
// the software renderer in fixed point: edges of anti-aliased shapes and glyphs may differ by a few
// levels. More than kTolerance levels on more than kShare of the pixels is a real difference (measured:
// at most 0.001 % of the pixels, a few glyph edges; a misplaced row of text would be about 0.5 %).
const kTolerance = 24, kShare = 0.0005;

for (const [label, ratio, theme] of [['1x light', 1, 'light'], ['2x light', 2, 'light'], ['1x dark', 1, 'dark']]) {
  test(`WebGL and software draw the same pixels (${label}): users list and profile tabs`, async () => {
    const shots = {};
    for (const renderer of ['webgl', 'software']) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 760 }, deviceScaleFactor: ratio,
        colorScheme: theme });
      const page = await context.newPage();
      await signIn(page, `${server.url}/?renderer=${renderer}`);
      assert.equal((await state(page)).renderer, renderer);
      for (const route of ['#/users?sort=Name', '#/users/3', '#/users/3/devices']) {
        await page.evaluate((r) => window.roster.navigate(r), route);
        await until(page, (r) => {
          const s = window.roster.state();
          return s.route.startsWith(r) && !s.loading && (s.screen !== 'user' || s.profile?.detailed);
        }, route, route);
        await page.mouse.move(2, 758);  // no hover
        await page.waitForTimeout(700);  // answers drawn, tooltips and toasts gone
        const file = artifactPath(`renderer-${renderer}-${label.replace(' ', '-')}-${route.replace(/[^a-z0-9]+/gi, '_')}.png`);
        await page.screenshot({ path: file });
        (shots[route] ||= {})[renderer] = decodePng(readFileSync(file));
      }
      await context.close();
    }
    for (const [route, { webgl, software }] of Object.entries(shots)) {
      const share = differingShare(webgl, software, kTolerance), slight = differingShare(webgl, software, 2);
      console.log(`# ${label} ${route}: ${(share * 100).toFixed(3)} % of pixels differ by more than ${kTolerance} ` +
        `levels, ${(slight * 100).toFixed(3)} % by more than 2`);
      assert.ok(share <= kShare, `${label} ${route}: ${(share * 100).toFixed(3)} % of pixels differ`);
    }
  });
}

test('the last resort: when roster.wasm cannot be loaded the page says so in words, never empty', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.route(/roster(\.[0-9a-f]+)?\.wasm/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await submitSignIn(page, server.url + '/');
  await page.waitForSelector('.roster-failure', { timeout: 30000 });
  const words = await page.textContent('.roster-failure p');
  assert.equal(await page.textContent('.roster-failure button'), 'Reload the page');
  assert.match(words, /could not be downloaded/);
  assert.match(words, /reload/i);
  await page.screenshot({ path: artifactPath('renderer-failure.png') });
  await page.close();
});

test('the last resort: a browser without WebAssembly is told so, and what to do', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  await context.addInitScript(() => { delete window.WebAssembly; });
  const page = await context.newPage();
  const events = [];
  await page.exposeFunction('__rosterError', (message) => events.push(message));
  await page.addInitScript(() => {
    document.addEventListener('roster-error', (e) => window.__rosterError(e.detail.message));
  });
  await submitSignIn(page, server.url + '/');
  await page.waitForSelector('.roster-failure', { timeout: 30000 });
  assert.match(await page.textContent('.roster-failure p'), /no WebAssembly.*current Chrome, Edge, Firefox or Safari/s);
  assert.equal(events.length, 1, 'the host page heard one roster-error event');
  await context.close();
});
