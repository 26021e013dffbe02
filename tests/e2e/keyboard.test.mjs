// The console from the keyboard alone (issue 20), on the example host page: Tab in from the host's
// button before the console, search, open a profile with Enter, switch each tab with the arrows, Esc
// back to the list, Tab out to the host's button after the console and Shift+Tab back in. No mouse
// event is sent (the page counts them). Screenshots of the focus ring, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seed, startServer, launchBrowser, artifactPath, signIn, withLocale } from './harness.mjs';

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

  // Narrow the log: Left back to the Actions Log, Tab to its Last hour button, Enter.
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => window.embeddedRoster.state().profile?.tab === 'actions');
  await tabUntil((st) => focusedControl(st) === 'range.1h', 'the Actions Log\'s Last hour button');
  await page.screenshot({ path: artifactPath('keyboard-ring-range.png') });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /range=1h/.test(window.embeddedRoster.state().route));

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

// The mirror's row of grid `grid` that says it is the current one (aria-selected), as its row index
// (aria-rowindex: the header is 1), or 0.
const selectedRowIndex = (grid) => page.evaluate((g) => {
  const row = document.querySelector(`.roster-a11y [data-roster-id="${g}"] [role=row][aria-selected=true]`);
  return row ? Number(row.getAttribute('aria-rowindex')) : 0;
}, grid);

test('the devices grid by keys only: rail, grid, arrows, Page Down, End, Home, Enter opens the owner', async () => {
  await page.goto(server.url + '/embed-example.html');
  await page.waitForFunction(() => window.embeddedRoster && window.embeddedRoster.state().visibleRows.length > 0, null, { timeout: 30000 });
  await page.evaluate(() => {
    window.mouseEvents = 0;
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown', 'mousemove', 'wheel'])
      document.addEventListener(type, () => { window.mouseEvents++; }, true);
  });
  await tabUntil(async () => (await activeId()) === 'show-admins', 'the host button before the console', 5);
  await tabUntil((st) => focusedControl(st) === 'nav.devices', 'the rail\'s Devices');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.embeddedRoster.state().screen === 'devices');
  await page.waitForFunction(() => document.querySelectorAll('.roster-a11y [data-roster-id="devices"] [role=row][aria-rowindex="2"]').length === 1,
    null, { timeout: 15000 });
  const rowCount = await page.evaluate(() =>
    Number(document.querySelector('.roster-a11y [data-roster-id="devices"]').getAttribute('aria-rowcount')));
  assert.ok(rowCount > 20, `the grid counts the devices (${rowCount})`);
  assert.equal(await selectedRowIndex('devices'), 0, 'no current row before the keys');

  // The grid: one Tab stop after the search box and the headers (the ring around the whole grid).
  await tabUntil((st) => st.layout.focus && st.layout['device.row.0.name'] && st.layout.focus.y < st.layout['device.row.0.name'].y &&
    st.layout.focus.height > 200, 'the devices grid');
  await page.screenshot({ path: artifactPath('keyboard-ring-devices-grid.png') });
  const expect = async (index, what) => {
    await page.waitForFunction((i) => {
      const row = document.querySelector('.roster-a11y [data-roster-id="devices"] [role=row][aria-selected=true]');
      return row && Number(row.getAttribute('aria-rowindex')) === i;
    }, index, { timeout: 5000 }).catch(() => {});
    assert.equal(await selectedRowIndex('devices'), index, what);
  };
  await page.keyboard.press('ArrowDown');
  await expect(2, 'Down: the first device');
  await page.keyboard.press('ArrowDown');
  await expect(3, 'Down again: the second');
  await page.keyboard.press('ArrowUp');
  await expect(2, 'Up: back to the first');
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => {
    const row = document.querySelector('.roster-a11y [data-roster-id="devices"] [role=row][aria-selected=true]');
    return row && Number(row.getAttribute('aria-rowindex')) > 6;
  }, null, { timeout: 5000 });
  await page.keyboard.press('End');
  await expect(rowCount, 'End: the last device, scrolled to');
  await page.screenshot({ path: artifactPath('keyboard-devices-end.png') });
  await page.keyboard.press('Home');
  await expect(2, 'Home: the first device');
  // Enter opens the current device's owner (the owner cell's words are the profile's name).
  const owner = await page.evaluate(() => document.querySelector('.roster-a11y [data-roster-id="devices.row.0"] [aria-colindex="2"]')
    .getAttribute('aria-label'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.embeddedRoster.state().screen === 'user', null, { timeout: 15000 });
  assert.ok(owner, 'the first device has an owner');
  await page.waitForFunction((o) => document.querySelector('.roster-a11y [data-roster-id="profile.name"]')?.textContent === o,
    owner, { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.mouseEvents), 0, 'no mouse event was sent');
});

test('`?` opens the keys from a German keyboard (Shift+ß), a key the console does not map', async () => {
  await page.goto(server.url + '/embed-example.html');
  await page.waitForFunction(() => window.embeddedRoster && window.embeddedRoster.state().visibleRows.length > 0, null, { timeout: 30000 });
  await tabUntil(async () => (await activeId()) === 'show-admins', 'the host button before the console', 5);
  await page.keyboard.press('Tab');
  await frame();
  assert.match(await activeId(), /roster-canvas/);
  const cdp = await page.context().newCDPSession(page);
  const key = { key: '?', code: 'Minus', text: '?', unmodifiedText: 'ß', windowsVirtualKeyCode: 219, modifiers: 8 };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16, modifiers: 8 });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16 });
  await page.waitForFunction(() => !!window.embeddedRoster.state().layout['keys.title'], null, { timeout: 5000 });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.embeddedRoster.state().layout['keys.title']);
  await cdp.detach();
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

test('the console page: Tab and Shift+Tab at either end are left to the browser', async () => {
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none', reducedMotion: 'no-preference' });
  await page.goto(withLocale(server.url + '/'));
  await page.waitForFunction(() => (window.rosterFramesDrawn ?? 0) >= 1 && !!window.roster &&
    window.roster.state().visibleRows.length > 0, null, { timeout: 30000 });
  // Whether the console kept each Tab (preventDefault) or left it to the browser. On this page the
  // canvas is the only focusable element, so headless Chromium, which has no address bar to move the
  // focus to, wraps it back to the canvas: what counts is that the console let the Tab go.
  await page.evaluate(() => {
    window.tabs = [];
    window.addEventListener('keydown', (e) => { if (e.key === 'Tab') window.tabs.push(e.defaultPrevented); });
  });
  const onCanvas = () => page.evaluate(() => !!document.activeElement?.classList.contains('roster-canvas'));
  for (let i = 0; i < 10 && !(await onCanvas()); ++i) await page.keyboard.press('Tab');
  assert.ok(await onCanvas(), 'Tab reaches the console');
  await frame();
  const first = await page.evaluate(() => window.roster.state().layout.focus);
  assert.ok(first, 'the ring shows on entering');
  await page.evaluate(() => { window.tabs = []; });
  await page.keyboard.press('Shift+Tab');
  assert.deepEqual(await page.evaluate(() => window.tabs), [false], 'Shift+Tab from the first control is the browser\'s');
  // Forward through every control: the console keeps each Tab until the last one, which it lets go.
  for (let i = 0; i < 10 && !(await onCanvas()); ++i) await page.keyboard.press('Tab');
  await frame();
  await page.evaluate(() => { window.tabs = []; });
  for (let i = 0; i < 40; ++i) {
    await page.keyboard.press('Tab');
    await frame();
    const tabs = await page.evaluate(() => window.tabs);
    if (tabs.length > 1 && tabs[tabs.length - 1] === false) break;
  }
  const tabs = await page.evaluate(() => window.tabs);
  assert.ok(tabs.length > 5, `the console kept Tab for its controls (${JSON.stringify(tabs)})`);
  assert.equal(tabs[tabs.length - 1], false, 'Tab past the last control is the browser\'s');
  assert.ok(tabs.slice(1, -1).every((prevented) => prevented), 'every Tab between is the console\'s');
});
