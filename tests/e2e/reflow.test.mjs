// Zoom and small screens (issue 20, WCAG 1.4.10) in Chromium: screenshots of the users list and a
// profile's Actions Log at 390 x 844 with touch (3x), 800 px, 200 % zoom (a 1440 x 900 screen at 2x:
// 720 x 450), 1440, 3840, dark and forced colours, each checking with state()'s layout that the key
// controls lie inside the viewport; the top scrolls away under a finger; and a phone walk by taps:
// search, open a profile, switch tabs, back through the breadcrumb.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seed, startServer, launchBrowser, artifactPath, signIn, until } from './harness.mjs';

let server, browser;
before(async () => {
  const { db } = seed(3000, 8);
  server = await startServer(db);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const sizes = {
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 },
  w800: { viewport: { width: 800, height: 900 } },
  zoom200: { viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 },
  w1440: { viewport: { width: 1440, height: 900 } },
  w3840: { viewport: { width: 3840, height: 2160 } },
};

async function open(options, media) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  if (media) await page.emulateMedia(media);
  await signIn(page, server.url + '/');
  await until(page, () => window.roster.state().visibleRows.length > 0, null, 'the first rows');
  return { context, page };
}

const frame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// Every named control was drawn and lies inside the viewport (CSS pixels).
function assertInside(s, viewport, names, where) {
  for (const name of names) {
    const r = s.layout[name];
    assert.ok(r, `${where}: ${name} was not drawn`);
    assert.ok(r.x >= 0 && r.x + r.width <= viewport.width + 0.5, `${where}: ${name} is cut off (${JSON.stringify(r)})`);
    assert.ok(r.y >= 0 && r.y + r.height <= viewport.height + 0.5, `${where}: ${name} is below the screen (${JSON.stringify(r)})`);
  }
}

const listControls = ['search', 'filter.role', 'filter.status', 'filter.signin', 'preset.members', 'preset.all',
  'menu.me', 'header.Name'];
const rangeControls = ['range.1h', 'range.6h', 'range.1d', 'range.1w', 'range.1mo', 'range.3mo', 'range.custom',
  'tab.info', 'tab.actions', 'tab.devices', 'filter.client'];

async function shootActionsLog(page, name, viewport) {
  const id = (await page.evaluate(() => window.roster.state().visibleRows[0].id));
  await page.evaluate((id) => window.roster.navigate('#/users/' + id + '/actions'), id);
  await until(page, () => window.roster.state().profile?.histogram && window.roster.state().layout['range.1h'], null, 'the Actions Log');
  await frame(page);
  const s = await page.evaluate(() => window.roster.state());
  assertInside(s, viewport, rangeControls, name + ' actions');
  await page.screenshot({ path: artifactPath(`reflow-${name}-actions.png`) });
}

for (const [name, options] of Object.entries(sizes)) {
  test(`${name}: the list and the Actions Log fit ${options.viewport.width} x ${options.viewport.height}`, async () => {
    const { context, page } = await open(options);
    try {
      await frame(page);
      let s = await page.evaluate(() => window.roster.state());
      const narrow = options.viewport.width < 600;
      assertInside(s, options.viewport, [...listControls, narrow ? 'nav.menu' : 'nav.users'], name);
      if (s.layout['users.columns'] === undefined)
        assert.ok(options.viewport.width >= 1440, `${name}: the Columns button is missing`);
      else
        assertInside(s, options.viewport, ['users.columns'], name);
      if (name === 'w3840') {  // a comfortable width, not 3,600 px of table
        const headers = Object.entries(s.layout).filter(([k]) => k.startsWith('header.')).map(([, r]) => r);
        const left = Math.min(...headers.map((r) => r.x)), right = Math.max(...headers.map((r) => r.x + r.width));
        assert.ok(right - left <= 1680, `the table spans ${right - left} px`);
      }
      await page.screenshot({ path: artifactPath(`reflow-${name}-users.png`) });
      await shootActionsLog(page, name, options.viewport);
    } finally {
      await context.close();
    }
  });
}

test('dark theme and forced colours at 390 and 1440', async () => {
  for (const [label, media] of [['dark', { colorScheme: 'dark' }], ['forced', { forcedColors: 'active' }]]) {
    for (const size of ['phone', 'w1440']) {
      const { context, page } = await open(sizes[size], media);
      try {
        await frame(page);
        const s = await page.evaluate(() => window.roster.state());
        assertInside(s, sizes[size].viewport, listControls, `${label} ${size}`);
        await page.screenshot({ path: artifactPath(`reflow-${label}-${size}-users.png`) });
      } finally {
        await context.close();
      }
    }
  }
});

test('at 200 % zoom a finger scrolls the top away and the table gets the height, then brings it back', async () => {
  const { context, page } = await open(sizes.w1440);
  await context.close();
  const zoom = await open({ ...sizes.zoom200, hasTouch: true });
  try {
    const p = zoom.page;
    const before = (await p.evaluate(() => window.roster.state())).visibleRows.length;
    const client = await p.context().newCDPSession(p);
    const drag = async (fromY, toY) => {
      await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 300, y: fromY }] });
      for (let i = 1; i <= 10; ++i) {
        await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 300, y: fromY + (toY - fromY) * i / 10 }] });
        await frame(p);
      }
      await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await frame(p);
    };
    await drag(420, 120);  // a finger up the screen: the top goes first
    let s = await p.evaluate(() => window.roster.state());
    assert.ok(s.layout.search.y + s.layout.search.height <= 56, `the search box is still on screen: ${JSON.stringify(s.layout.search)}`);
    assert.ok(s.visibleRows.length >= 7, `${s.visibleRows.length} rows after the top scrolled away (${before} before)`);
    await p.screenshot({ path: artifactPath('reflow-zoom200-scrolled.png') });
    for (let i = 0; i < 3; ++i) await drag(120, 440);  // down the screen: the rows first, then the top
    s = await p.evaluate(() => window.roster.state());
    assert.ok(s.layout.search.y >= 72, `the top came back: ${JSON.stringify(s.layout.search)}, rows from ${s.firstVisible ?? s.visibleRows[0]?.id}`);
  } finally {
    await zoom.context.close();
  }
});

test('a phone walk by taps: search, open a profile, switch tabs, back', async () => {
  const { context, page } = await open(sizes.phone);
  try {
    const tap = async (name) => {
      const s = await page.evaluate(() => window.roster.state());
      const r = s.layout[name];
      assert.ok(r, `${name} was not drawn`);
      await page.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);
      await frame(page);
    };
    await tap('search');
    await page.waitForFunction(() => document.activeElement && document.activeElement.classList.contains('roster-input'));
    await page.keyboard.type('an', { delay: 30 });
    await until(page, () => { const st = window.roster.state(); return st.query === 'an' && !st.loading && st.visibleRows.length > 0; }, null, 'the search');
    await tap('row.0.name');
    await until(page, () => window.roster.state().route.startsWith('#/users/'), null, 'the profile');
    await tap('tab.actions');
    await until(page, () => window.roster.state().route.endsWith('/actions'), null, 'the Actions Log');
    await tap('tab.devices');
    await until(page, () => window.roster.state().route.endsWith('/devices'), null, 'the Devices tab');
    await page.screenshot({ path: artifactPath('reflow-phone-walk-devices.png') });
    await tap('breadcrumb.first');
    await until(page, () => window.roster.state().route.startsWith('#/users') && !window.roster.state().route.match(/#\/users\/\d/), null, 'back on the list');
    // The menu button opens the drawer; its Devices link goes there.
    await tap('nav.menu');
    await page.screenshot({ path: artifactPath('reflow-phone-drawer.png') });
    await tap('nav.devices');
    await until(page, () => window.roster.state().route.startsWith('#/devices'), null, 'the Devices screen');
    await page.screenshot({ path: artifactPath('reflow-phone-devices.png') });
  } finally {
    await context.close();
  }
});

test('a phone shows a row\'s dropped columns in its details: a tap on the disclosure, said by the mirror', async () => {
  const { context, page } = await open(sizes.phone);
  try {
    let s = await page.evaluate(() => window.roster.state());
    assert.equal(s.layout['header.Email'], undefined, 'the phone\'s width drops the email');
    const r = s.layout['users.row.1.details'];
    assert.ok(r, 'the rows have a disclosure');
    // Rows say their ids in the mirror; their cells and buttons are found inside them.
    const button = '.roster-a11y [data-roster-id="users.row.1"] button';
    assert.equal(await page.getAttribute(button, 'aria-expanded'), 'false');
    await page.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);
    await until(page, (b) => document.querySelector(b)?.getAttribute('aria-expanded') === 'true', button, 'the details');
    const email = await page.evaluate(() => window.roster.state().visibleRows[1].email);
    const cell = await page.evaluate(() => document.querySelector('.roster-a11y [data-roster-id="users.row.1"] [role=gridcell][aria-colindex="2"]')
      ?.getAttribute('aria-label'));
    assert.equal(cell, 'Email: ' + email, 'the email is said as its column\'s cell, with its title');
    assert.equal(await page.evaluate(() => window.roster.state().selectedRow), 1, 'the tapped row is the current one');
    // The cell's words (its aria-label) and its disclosure button live side by side in the mirror's first cell.
    const first = await page.evaluate(() => {
      const c = document.querySelector('.roster-a11y [data-roster-id="users.row.1"] [role=gridcell][aria-colindex="1"]');
      return { text: c.getAttribute('aria-label'), button: !!c.querySelector('button[aria-expanded]') };
    });
    assert.ok(first.text && first.button, JSON.stringify(first));
    await frame(page);
    await page.screenshot({ path: artifactPath('reflow-phone-row-details.png') });
    s = await page.evaluate(() => window.roster.state());
    await page.touchscreen.tap(s.layout['users.row.1.details'].x + 10, s.layout['users.row.1.details'].y + 10);
    await until(page, (b) => document.querySelector(b)?.getAttribute('aria-expanded') === 'false', button, 'the details closed');
  } finally {
    await context.close();
  }
});
