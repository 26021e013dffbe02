// The console from the keyboard alone (issue 20), on the example host page: Tab in from the host's
// button before the console, search, open a profile with Enter, switch each tab with the arrows, Esc
// back to the list, Tab out to the host's button after the console and Shift+Tab back in. No mouse
// event is sent (the page counts them). Screenshots of the focus ring, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seed, startServer, launchBrowser, artifactPath, signIn } from './harness.mjs';

let server, browser, page;
before(async () => {
  const { db } = seed(3000, 8);
  server = await startServer(db);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await signIn(page, server.url + '/');  // the example page uses the same-origin session
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const state = () => page.evaluate(() => window.embeddedRoster.state());

// The name of the control the focus ring is drawn around: the marked rectangle the ring encloses
// most tightly (the ring is drawn 2 px outside its control).
function focusedControl(s) {
  const ring = s.layout.focus;
  if (!ring) return null;
  let best = null, bestArea = Infinity;
  for (const [name, r] of Object.entries(s.layout)) {
    if (name === 'focus') continue;
    const inside = r.x >= ring.x - 1 && r.y >= ring.y - 1 && r.x + r.width <= ring.x + ring.width + 1 &&
      r.y + r.height <= ring.y + ring.height + 1;
    const area = ring.width * ring.height - r.width * r.height;
    if (inside && area < bestArea) { best = name; bestArea = area; }
  }
  return best;
}

async function frame() {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function tabUntil(predicate, what, limit = 40, key = 'Tab') {
  for (let i = 0; i < limit; ++i) {
    const s = await state();
    if (await predicate(s)) return s;
    await page.keyboard.press(key);
    await frame();
  }
  assert.fail(`${what}: not reached after ${limit} presses of ${key}`);
}

const activeId = () => page.evaluate(() => (document.activeElement && (document.activeElement.id || document.activeElement.className)) || '');

test('a keyboard-only walk: in, search, a profile and its tabs, back, out to the host page and in again', async () => {
  await page.goto(server.url + '/embed-example.html');
  await page.waitForFunction(() => window.embeddedRoster && window.embeddedRoster.state().visibleRows.length > 0, null, { timeout: 30000 });
  await page.evaluate(() => {
    window.mouseEvents = 0;
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown', 'mousemove', 'wheel'])
      document.addEventListener(type, () => { window.mouseEvents++; }, true);
  });

  // In from the host's button before the console: the first control (the rail's Users).
  await tabUntil(async () => (await activeId()) === 'show-admins', 'the host button before the console', 5);
  await page.keyboard.press('Tab');
  await frame();
  assert.match(await activeId(), /roster-canvas/);
  let s = await state();
  assert.equal(focusedControl(s), 'nav.users', 'Tab into the console starts at its first control');
  await page.screenshot({ path: artifactPath('keyboard-ring-rail.png') });

  // The search box: typing goes there once Tab reaches it.
  s = await tabUntil((st) => focusedControl(st) === 'search', 'the search box');
  await page.waitForFunction(() => document.activeElement && document.activeElement.classList.contains('roster-input'));
  await page.keyboard.type('an', { delay: 30 });
  await page.waitForFunction(() => { const st = window.embeddedRoster.state(); return st.query === 'an' && !st.loading && st.visibleRows.length > 0; }, null, { timeout: 15000 });
  await page.screenshot({ path: artifactPath('keyboard-ring-search.png') });

  // The grid: Down selects the first row, Enter opens it.
  s = await tabUntil((st) => ['row.0.name', 'row.0.email'].includes(focusedControl(st)) || (st.layout.focus && st.layout['row.0.name'] &&
    st.layout.focus.y < st.layout['row.0.name'].y && st.layout.focus.height > 200), 'the users grid');
  await page.screenshot({ path: artifactPath('keyboard-ring-grid.png') });
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => window.embeddedRoster.state().selectedRow === 0);
  const opened = (await state()).visibleRows[0].id;
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.embeddedRoster.state().screen === 'user');
  assert.equal((await state()).userId, opened);

  // The tab list: one stop; Right switches to each tab in turn.
  s = await tabUntil((st) => focusedControl(st) === 'tab.info', 'the profile tabs');
  await page.screenshot({ path: artifactPath('keyboard-ring-tabs.png') });
  for (const tab of ['actions', 'devices', 'info']) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((t) => window.embeddedRoster.state().profile?.tab === t, tab);
  }
  await page.keyboard.press('End');
  await page.waitForFunction(() => window.embeddedRoster.state().profile?.tab === 'devices');

  // Esc: back to the list.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.embeddedRoster.state().screen === 'users');

  // `?`: the list of keys; Esc closes it.
  await page.keyboard.press('Shift+Slash');
  await page.waitForFunction(() => !!window.embeddedRoster.state().layout['keys.title']);
  await page.screenshot({ path: artifactPath('keyboard-keys-dialog.png') });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.embeddedRoster.state().layout['keys.title']);

  // Out: Tab past the last control goes to the host's button after the console (no keyboard trap).
  await tabUntil(async () => (await activeId()) === 'host-after', 'the host button after the console');
  await frame();
  assert.equal((await state()).layout.focus, undefined, 'no ring once the focus has left');
  // And back: Shift+Tab enters at the last control (the grid).
  await page.keyboard.press('Shift+Tab');
  await frame();
  assert.match(await activeId(), /roster-canvas/);
  s = await state();
  assert.ok(s.layout.focus && s.layout.focus.height > 200, 'Shift+Tab from after the console starts at its grid');
  // And out through the front: Shift+Tab to the host's button before the console.
  await tabUntil(async () => (await activeId()) === 'show-admins', 'the host button before the console', 40, 'Shift+Tab');

  assert.equal(await page.evaluate(() => window.mouseEvents), 0, 'no mouse event was sent');
});

test('the focus ring in the dark theme', async () => {
  const dark = page;  // the signed-in page (its session cookie), now preferring dark
  await dark.emulateMedia({ colorScheme: 'dark' });
  await dark.goto(server.url + '/embed-example.html');
  await dark.waitForFunction(() => window.embeddedRoster && window.embeddedRoster.state().visibleRows.length > 0, null, { timeout: 30000 });
  await dark.keyboard.press('Tab');
  await dark.keyboard.press('Tab');
  await dark.keyboard.press('Tab');
  await dark.waitForFunction(() => !!window.embeddedRoster.state().layout.focus);
  await dark.screenshot({ path: artifactPath('keyboard-ring-dark.png') });
  await dark.emulateMedia({ colorScheme: 'light' });
});

test('preferences reach the console: prefers-contrast, forced colours and reduced motion', async () => {
  const p = page;
  await p.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
  await p.goto(server.url + '/embed-example.html');
  await p.waitForFunction(() => window.embeddedRoster && window.embeddedRoster.state().visibleRows.length > 0, null, { timeout: 30000 });
  await p.screenshot({ path: artifactPath('keyboard-forced-colors.png') });
  let s = await p.evaluate(() => window.embeddedRoster.state());
  assert.deepEqual(s.preferences, { moreContrast: false, forcedColors: true, reducedMotion: true });
  await p.emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
  await p.waitForFunction(() => !window.embeddedRoster.state().preferences.forcedColors);
  s = await p.evaluate(() => window.embeddedRoster.state());
  assert.deepEqual(s.preferences, { moreContrast: false, forcedColors: false, reducedMotion: false });
  await p.emulateMedia({ contrast: 'more' });
  await p.waitForFunction(() => window.embeddedRoster.state().preferences.moreContrast);
  await p.keyboard.press('Tab');
  await p.keyboard.press('Tab');
  await p.keyboard.press('Tab');
  await p.waitForFunction(() => !!window.embeddedRoster.state().layout.focus);
  await p.screenshot({ path: artifactPath('keyboard-more-contrast.png') });
  await p.emulateMedia({ contrast: 'no-preference' });
});
