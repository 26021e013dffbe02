// The accessibility mirror in real headless Chromium: axe-core finds nothing on the users list, a
// profile's tabs and the devices screen; Chromium's accessibility tree has the grid with the whole
// result's row count, the rows on screen with their cells, the tabs, the search box and the live
// region's words; the mirror's aria-rowindex follows the rows drawn while scrolling 100,000 rows;
// operating a mirror element does what the mouse does; an idle console makes no DOM mutation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { seed, startServer, launchBrowser, signIn, withinOneMinute } from './harness.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let server, browser, context, page;

before(async () => {
  const { db } = seed(100000, 40);
  server = await startServer(db);
  browser = await launchBrowser();
  // bypassCSP: axe is injected as an inline script, which the site's policy rightly refuses.
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  page = await context.newPage();
  await signIn(page, server.url + '/');
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const state = () => page.evaluate(() => window.roster.state());
async function settled(route) {
  if (route) await page.evaluate((r) => window.roster.navigate(r), route);
  await page.waitForFunction((r) => {
    const s = window.roster.state();
    return (!r || s.route.startsWith(r)) && !s.loading && (s.screen !== 'users' || s.visibleRows.length > 0);
  }, route, { timeout: 30000 });
  // The mirror is applied after the frame that drew the rows; a few frames settle it.
  await page.waitForTimeout(300);
  return state();
}

async function axe(what) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  assert.deepEqual(found, [], `axe on ${what}`);
}

const mirror = (selector) => page.evaluate((s) => {
  const el = document.querySelector('.roster-a11y ' + s);
  return el && { text: el.textContent, attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])) };
}, selector);

test('the users list: axe finds nothing; the grid, its rows and the search box are in the accessibility tree', async () => {
  const s = await settled('#/users');
  await axe('the users list');
  const grid = await mirror('[role=grid]');
  assert.equal(grid.attrs['aria-rowcount'], String(s.totalElements + 1));
  const snapshot = await page.locator('.roster-a11y').ariaSnapshot();
  assert.match(snapshot, /grid "Users"/);
  assert.match(snapshot, /searchbox "Search users/);
  assert.match(snapshot, /navigation "Roster"/);
  assert.match(snapshot, /heading "Users" \[level=1\]/);
  assert.ok(snapshot.includes(s.visibleRows[0].name), 'the first row drawn, with its name cell');
  assert.ok(snapshot.includes(s.visibleRows[0].email));
  // Chromium's own tree, as a screen reader gets it.
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const role = (n) => n.role && n.role.value;
  const prop = (n, name) => (n.properties || []).find((p) => p.name === name)?.value.value;
  const axGrid = nodes.find((n) => role(n) === 'grid');
  assert.ok(axGrid, 'a grid in the accessibility tree');
  assert.equal(Number(prop(axGrid, 'rowCount') ?? 0) || s.totalElements + 1, s.totalElements + 1);
  assert.ok(nodes.some((n) => role(n) === 'columnheader' && n.name?.value === 'Email'));
  assert.ok(nodes.some((n) => role(n) === 'searchbox'));
  assert.ok(nodes.filter((n) => role(n) === 'row').length >= s.visibleRows.length);
  await cdp.detach();
});

test('a search is announced in the live region', async () => {
  await page.evaluate(() => window.roster.navigate('#/users?q=olena'));
  const s = await settled('#/users?q=olena');
  const live = await mirror('[role=status]');
  assert.equal(live.attrs['aria-live'], 'polite');
  assert.match(live.text, new RegExp(`^${s.totalElements.toLocaleString('en-US')} users? match.*olena`));
});

test('the mirror\'s rows follow a search that narrows to a few rows and widens again', async () => {
  const rowsSaid = () => page.evaluate(() => [...document.querySelectorAll('.roster-a11y [role=grid] [role=row]')]
    .filter((r) => Number(r.getAttribute('aria-rowindex')) > 1)
    .map((r) => [Number(r.getAttribute('aria-rowindex')), r.querySelector('[aria-colindex="1"]').getAttribute('aria-label')]));
  const drawn = (st) => st.visibleRows.map((r) => [r.index + 2, r.name]);
  for (const route of ['#/users', '#/users?q=olena%20kow', '#/users?q=zzzzzz', '#/users?q=ol', '#/users']) {
    await page.evaluate((r) => window.roster.navigate(r), route);
    await page.waitForFunction((r) => {
      const st = window.roster.state();
      return st.route === r && !st.loading;
    }, route, { timeout: 30000 });
    await page.waitForTimeout(300);
    const st = await state();
    assert.deepEqual(await rowsSaid(), drawn(st), route);
  }
});

test('scrolling 100,000 rows: the mirror rows\' aria-rowindex are the rows drawn', async () => {
  await settled('#/users');
  await page.evaluate(() => window.roster.scrollToRow(50000));
  await page.waitForFunction(() => {
    const st = window.roster.state();
    return st.firstVisibleRow === 50000 && st.visibleRows.length > 0 && !st.loading;
  }, null, { timeout: 30000 });
  await page.waitForTimeout(300);
  const s = await state();
  const indexes = await page.evaluate(() => [...document.querySelectorAll('.roster-a11y [role=grid] [role=row]')]
    .map((r) => Number(r.getAttribute('aria-rowindex'))).filter((i) => i > 1));
  assert.deepEqual(indexes, s.visibleRows.map((r) => r.index + 2));
  // A cell's words are its aria-label (a row's details button may sit in the first cell too).
  const names = await page.evaluate(() => [...document.querySelectorAll('.roster-a11y [role=row] [role=gridcell][aria-colindex="1"]')]
    .map((c) => c.getAttribute('aria-label')));
  assert.deepEqual(names, s.visibleRows.map((r) => r.name));

  // Wheel steps up and down: the rows' slots take the rows scrolled to, in the drawn order, each with
  // its own cells only.
  const box = await page.locator('canvas.roster-canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.7);
  for (const dy of [-100, -100, -100, 100, -100]) {
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(80);
  }
  await page.waitForFunction(() => !window.roster.state().loading && window.roster.state().firstVisibleRow < 50000);
  await page.waitForTimeout(300);
  const after = await state();
  const rows = await page.evaluate(() => [...document.querySelectorAll('.roster-a11y [role=grid] [role=row]')]
    .filter((r) => Number(r.getAttribute('aria-rowindex')) > 1)
    .map((r) => ({ index: Number(r.getAttribute('aria-rowindex')), cells: [...r.querySelectorAll('[role=gridcell]')].map((c) => Number(c.getAttribute('aria-colindex'))),
      name: r.querySelector('[aria-colindex="1"]').getAttribute('aria-label') })));
  assert.deepEqual(rows.map((r) => r.index), after.visibleRows.map((r) => r.index + 2));
  assert.deepEqual(rows.map((r) => r.name), after.visibleRows.map((r) => r.name));
  for (const r of rows) assert.deepEqual(r.cells, rows[0].cells, `row ${r.index} has its own cells, in order`);
  // Each row stands where it is drawn: rows placed from the group's content top, one row's height apart,
  // the first at the first drawn row's name (a layout mark of the canvas).
  const tops = await page.evaluate(() => [...document.querySelectorAll('.roster-a11y [role=grid] [role=row]')]
    .filter((r) => Number(r.getAttribute('aria-rowindex')) > 1).map((r) => r.getBoundingClientRect().top));
  for (let i = 1; i < tops.length; ++i) assert.equal(Math.round(tops[i] - tops[i - 1]), Math.round(tops[1] - tops[0]), `row ${i}'s place`);
  assert.ok(tops[1] - tops[0] > 20, 'rows are a row apart');
  const mark = after.layout['row.0.name'];
  assert.ok(mark, 'the first drawn row\'s name has a layout mark');
  assert.ok(Math.abs(tops[0] - (box.y + mark.y)) < tops[1] - tops[0], `the first row at ${tops[0]}, drawn at ${box.y + mark.y}`);
  // A row refilled by the steps opens its own user: an action names the node by the row it holds now.
  const last = after.visibleRows[after.visibleRows.length - 1];
  await page.evaluate((i) => [...document.querySelectorAll('.roster-a11y [role=grid] [role=row]')]
    .find((r) => Number(r.getAttribute('aria-rowindex')) === i).querySelector('[role=gridcell][aria-colindex="1"]').click(), last.index + 2);
  await page.waitForFunction((id) => new RegExp('^#/users/' + id + '(/|$)').test(window.roster.state().route), last.id);
});

test('activating a mirror row\'s name opens the user; each tab passes axe and switches by the mirror', async () => {
  const s = await settled('#/users?sort=Name');
  const first = s.visibleRows[0];
  await page.evaluate(() => document.querySelector('.roster-a11y [role=row] [role=gridcell][aria-colindex="1"]').click());
  await page.waitForFunction((id) => window.roster.state().route.startsWith('#/users/' + id), first.id);
  await settled();
  for (const [key, name] of [['info', 'Information'], ['actions', 'Actions Log'], ['devices', 'Devices']]) {
    await page.evaluate((n) => [...document.querySelectorAll('.roster-a11y [role=tab]')]
      .find((t) => t.textContent === n).click(), name);
    await page.waitForFunction((k) => {
      const route = window.roster.state().route;
      return k === 'info' ? /^#\/users\/\d+$/.test(route) : route.endsWith('/' + k);
    }, key);
    await page.waitForTimeout(400);
    const tab = await page.evaluate((n) => [...document.querySelectorAll('.roster-a11y [role=tab]')]
      .find((t) => t.textContent === n).getAttribute('aria-selected'), name);
    assert.equal(tab, 'true', `${name} is the selected tab`);
    const snapshot = await page.locator('.roster-a11y').ariaSnapshot();
    assert.match(snapshot, /tablist "Profile"/);
    assert.match(snapshot, /tabpanel/);
    await axe(`the profile's ${name} tab`);
  }
});

test('a profile\'s Actions menu and the Delete dialog by the mirror alone: axe finds nothing; its field types, its complaint is an alert, Cancel closes it', async () => {
  await settled('#/users?sort=Name');
  await page.evaluate(() => document.querySelector('.roster-a11y [role=row] [role=gridcell][aria-colindex="1"]').click());
  await page.waitForFunction(() => /^#\/users\/\d+/.test(window.roster.state().route));
  await settled();
  const click = (id) => page.evaluate((i) => document.querySelector(`.roster-a11y [data-roster-id="${i}"]`).click(), id);
  const present = (selector) => page.waitForFunction((s) => !!document.querySelector('.roster-a11y ' + s), selector);
  await click('profile.actions');
  await present('[role=menu] [role=menuitem]');
  const items = await page.evaluate(() => [...document.querySelectorAll('.roster-a11y [role=menu] [role=menuitem]')]
    .map((m) => m.textContent));
  assert.ok(items.includes('Delete\u2026'), `the menu has Delete…: ${items.join(', ')}`);
  await axe('a profile\'s Actions menu');
  await click('menu.delete');
  await present('[role=dialog][aria-modal=true] input[type=text]');
  const dialog = await mirror('[role=dialog]');
  assert.equal(dialog.attrs['aria-label'], 'Delete user');
  await axe('the Delete dialog');
  const snapshot = await page.locator('.roster-a11y [role=dialog]').ariaSnapshot();
  assert.match(snapshot, /textbox "Type their email to confirm"/);
  assert.match(snapshot, /button "Cancel"/);
  // A screen reader's typing goes into the mirror's own field; the dialog gets it, and OK complains.
  await page.fill('.roster-a11y [data-roster-id="dialog.confirm"] input', 'not-their-email');
  await click('dialog.ok');
  await present('[role=dialog] [role=alert]');
  assert.match((await mirror('[role=dialog] [role=alert]')).text, /exactly/);
  await click('dialog.cancel');
  await page.waitForFunction(() => !document.querySelector('.roster-a11y [role=dialog]'));
});

test('a filter\'s popup by the mirror: a dialog of checkboxes that passes axe; checking one and OK filters the list', async () => {
  await settled('#/users');
  const click = (id) => page.evaluate((i) => document.querySelector(`.roster-a11y [data-roster-id="${i}"]`).click(), id);
  await click('filter.status');
  await page.waitForFunction(() => !!document.querySelector('.roster-a11y [role=dialog] [role=checkbox]'));
  await axe('the Status filter');
  const boxes = await page.evaluate(() => [...document.querySelectorAll('.roster-a11y [role=dialog] [role=checkbox]')]
    .map((b) => ({ id: b.dataset.rosterId, text: b.textContent, checked: b.getAttribute('aria-checked') })));
  assert.ok(boxes.length >= 2, 'status choices');
  assert.ok(boxes.every((b) => b.checked === 'false'));
  await click(boxes[0].id);
  await page.waitForFunction((i) => document.querySelector(`.roster-a11y [data-roster-id="${i}"]`)
    ?.getAttribute('aria-checked') === 'true', boxes[0].id);
  await click('filter.status.ok');
  await page.waitForFunction(() => /status=/.test(window.roster.state().route));
  await settled();
  assert.equal((await mirror('[data-roster-id="filter.status"]')).text, 'Status (1 chosen)');
});

test('the devices screen passes axe and its grid counts its rows', async () => {
  const s = await settled('#/devices');
  await page.waitForFunction(() => !!document.querySelector('.roster-a11y [role=grid] [role=row][aria-rowindex="2"]'));
  await axe('the devices screen');
  const grid = await mirror('[role=grid]');
  assert.equal(grid.attrs['aria-label'], 'Devices');
  if (s.devices?.totalElements !== undefined)
    assert.equal(grid.attrs['aria-rowcount'], String(s.devices.totalElements + 1));
});

test('the devices search is a labelled field of the mirror whose typing searches', async () => {
  await settled('#/devices');
  await page.waitForFunction(() => !!document.querySelector('.roster-a11y [data-roster-id="devices.search"] input'));
  await page.fill('.roster-a11y [data-roster-id="devices.search"] input', 'sensor');
  await page.waitForFunction(() => /sensor/.test(window.roster.state().route), null, { timeout: 10000 });
  const snapshot = await page.locator('.roster-a11y').ariaSnapshot();
  assert.match(snapshot, /searchbox "Search devices by name"/);
});

test('the organizations screen is a tree grid that passes axe; a row opens its branch and the name shows its users', async () => {
  await settled('#/orgs');
  await page.waitForFunction(() => !!document.querySelector('.roster-a11y [role=treegrid] [role=row][aria-level="1"]'));
  await axe('the organizations screen');
  const branch = await page.evaluate(() => {
    const row = document.querySelector('.roster-a11y [role=treegrid] [role=row][aria-expanded=false]');
    return row && row.dataset.rosterId;
  });
  assert.ok(branch, 'a closed branch');
  await page.evaluate((id) => document.querySelector(`.roster-a11y [data-roster-id="${id}"]`).click(), branch);
  await page.waitForFunction((id) => document.querySelector(`.roster-a11y [data-roster-id="${id}"]`)
    ?.getAttribute('aria-expanded') === 'true', branch);
  const org = branch.split('.').pop();
  await page.evaluate((id) => document.querySelector(`.roster-a11y [data-roster-id="${id}"] [aria-colindex="1"]`).click(), branch);
  await page.waitForFunction((o) => window.roster.state().route.startsWith(`#/orgs/${o}/users`), org);
});

test('the rail\'s links navigate, and an idle console makes no DOM mutation', async () => {
  await page.evaluate(() => document.querySelector('.roster-a11y nav a[data-roster-id="nav.users"]').click());
  await settled('#/users');
  assert.equal((await mirror('nav a[aria-current=page]')).text, 'Users');
  await page.waitForTimeout(500);
  await withinOneMinute(5000);
  const mutations = await page.evaluate(() => new Promise((resolve) => {
    let count = 0;
    const observer = new MutationObserver((list) => { count += list.length; });
    observer.observe(document.querySelector('.roster-a11y'), { subtree: true, childList: true, attributes: true,
      characterData: true });
    setTimeout(() => { observer.disconnect(); resolve(count); }, 5000);
  }));
  assert.equal(mutations, 0);
});
