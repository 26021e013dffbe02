// The console in real headless Chromium against a real roster-server with 100,000 seeded users:
// sign in through the HTML form, type into the canvas, sort, filter, scroll to row 50,000, deep link,
// Back, a Cyrillic query and copying an email. Every step is checked through the embedding API's
// state() against the server's own answer, and screenshots are saved for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seed, startServer, launchBrowser, artifactPath, waitForTextField, withinOneMinute, withLocale } from './harness.mjs';

let server, browser, context, page;

before(async () => {
  const { db } = seed(100000, 40);
  server = await startServer(db);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const state = () => page.evaluate(() => window.roster.state());

// Waits until the console shows a settled answer, for the expected route when one is given (the
// console applies input on its next frame, so the previous answer must not count).
async function settled(expectedRoute) {
  try {
    await waitSettled(expectedRoute);
  } catch (err) {
    const s = await state();
    delete s.layout;
    throw new Error(`${err.message}\nwaiting for ${expectedRoute}; the console's state: ${JSON.stringify(s)}`);
  }
  return state();
}

async function waitSettled(expectedRoute) {
  await page.waitForFunction((route) => {
    const s = window.roster && window.roster.state();
    return s && !s.loading && s.totalElements !== null && s.searchText === s.query &&
      (s.totalElements === 0 || s.visibleRows.length > 0) && (!route || s.route === route);
  }, expectedRoute, { timeout: 20000 });
}

async function clickOn(name, options = {}) {
  await page.waitForFunction((n) => window.roster.state().layout[n], name, { timeout: 10000 });
  const r = (await state()).layout[name];
  // A person's click: the pointer arrives, then the button goes down and up.
  await page.mouse.move(r.x + Math.min(r.width / 2, 40), r.y + r.height / 2);
  await page.mouse.click(r.x + Math.min(r.width / 2, 40), r.y + r.height / 2, { delay: 40, ...options });
}

// The server's answer for the same question, fetched with the page's own session.
function serverUsers(params) {
  return page.evaluate(async (p) => {
    const path = p.query ? '/api/v1/organization/search/users' : '/api/v1/organization/users';
    const q = new URLSearchParams({ includeSubOrgUsers: 'true', size: '100', ...p });
    const r = await fetch(path + '?' + q.toString(), { credentials: 'same-origin' });
    return r.json();
  }, params);
}

function idsOf(rows, n) { return rows.slice(0, n).map((r) => r.id); }

test('sign-in form: wrong password is refused with a message, the demo account gets the console', async () => {
  await page.goto(withLocale(server.url + '/'));
  await page.waitForSelector('#signin', { state: 'visible' });
  await page.screenshot({ path: artifactPath('console-signin.png') });
  await page.fill('#email', 'admin@roster.demo');
  await page.fill('#password', 'not-the-password');
  await page.click('button[type=submit]');
  await page.waitForSelector('#signin-error', { state: 'visible' });
  assert.equal(await page.textContent('#signin-error'), 'Wrong email or password.');
  await page.fill('#password', 'roster-demo');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => !!window.roster, null, { timeout: 30000 });
  const s = await settled();
  assert.equal(s.signedIn, true);
  assert.equal(s.totalElements, 100000);
  const expected = await serverUsers({});
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  await page.screenshot({ path: artifactPath('console-users.png') });
});

test('typing a query into the canvas shows the server\'s answer, highlighted, and puts it in the URL', async () => {
  await clickOn('search');
  await waitForTextField(page);
  await page.keyboard.type('kyiv', { delay: 30 });
  const s = await settled('#/users?q=kyiv');
  assert.equal(s.query, 'kyiv');
  const expected = await serverUsers({ query: 'kyiv' });
  assert.equal(s.totalElements, expected.totalElements);
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  // The address follows once typing has rested (replacing it on every keystroke costs the browser).
  await page.waitForFunction(() => location.hash === '#/users?q=kyiv');
  await page.screenshot({ path: artifactPath('console-search.png') });
});

test('Escape clears the search; "/" focuses it again', async () => {
  await page.keyboard.press('Escape');
  let s = await settled('#/users');
  assert.equal(s.query, '');
  assert.equal(s.totalElements, 100000);
  await page.mouse.click(700, 860);  // somewhere neutral: the table, not the search box
  await page.keyboard.press('/');
  await waitForTextField(page);
  await page.keyboard.press('Escape');
});

test('a Cyrillic query typed with the keyboard matches the server', async () => {
  await clickOn('search');
  await waitForTextField(page);
  await page.keyboard.type('олена', { delay: 30 });
  const s = await settled('#/users?q=%D0%BE%D0%BB%D0%B5%D0%BD%D0%B0');
  assert.equal(s.query, 'олена');
  const expected = await serverUsers({ query: 'олена' });
  assert.ok(expected.totalElements > 0);
  assert.equal(s.totalElements, expected.totalElements);
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  assert.match(s.visibleRows[0].name, /олена/i);
  await page.screenshot({ path: artifactPath('console-cyrillic.png') });
  await page.keyboard.press('Escape');
  await settled('#/users');
});

test('clicking a header sorts by it on the server, a second click reverses', async () => {
  await clickOn('header.Email');
  let s = await settled('#/users?sort=Email&order=asc');
  assert.deepEqual(s.sort, { by: 'Email', order: 'asc' });
  let expected = await serverUsers({ sortBy: 'Email', sortOrder: 'ASC' });
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  await clickOn('header.Email');
  s = await settled('#/users?sort=Email&order=desc');
  assert.deepEqual(s.sort, { by: 'Email', order: 'desc' });
  expected = await serverUsers({ sortBy: 'Email', sortOrder: 'DESC' });
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  await page.waitForFunction(() => /sort=Email&order=desc/.test(location.hash));
  await page.screenshot({ path: artifactPath('console-sorted.png') });
});

test('the Status filter (popup, checkbox, OK) narrows the list as the server does', async () => {
  await clickOn('filter.status');
  await clickOn('filter.status.Pending');
  await page.screenshot({ path: artifactPath('console-filter-popup.png') });
  await clickOn('filter.status.ok');
  const s = await settled('#/users?sort=Email&order=desc&status=Pending');
  assert.deepEqual(s.filters.statuses, ['Pending']);
  const expected = await serverUsers({ status: 'Pending', sortBy: 'Email', sortOrder: 'DESC' });
  assert.equal(s.totalElements, expected.totalElements);
  assert.ok(s.totalElements > 0 && s.totalElements < 100000);
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  await page.screenshot({ path: artifactPath('console-filtered.png') });
  // Reset through the same popup.
  await clickOn('filter.status');
  await clickOn('filter.status.Pending');
  await clickOn('filter.status.ok');
  assert.equal((await settled('#/users?sort=Email&order=desc')).totalElements, 100000);
});

// A popup or menu opens beside what opened it, never over it, and inside the page with a margin.
function assertBeside(popup, anchor, what) {
  const overlaps = popup.x < anchor.x + anchor.width && anchor.x < popup.x + popup.width &&
    popup.y < anchor.y + anchor.height && anchor.y < popup.y + popup.height;
  assert.ok(!overlaps, `${what} covers what opened it: ${JSON.stringify({ popup, anchor })}`);
  assert.ok(popup.x >= 7.5 && popup.y >= 7.5 && popup.x + popup.width <= 1440 - 7.5 &&
    popup.y + popup.height <= 900 - 7.5, `${what} leaves the page: ${JSON.stringify(popup)}`);
}

test('the Last sign-in filter asks the server for users not signed in for 90 days; Any clears it', async () => {
  await clickOn('filter.signin');
  await page.waitForFunction(() => !!window.roster.state().layout['filter.signin.popup']);
  await page.waitForTimeout(100);  // the popup's first frame measures it, hidden
  let s = await state();
  assertBeside(s.layout['filter.signin.popup'], s.layout['filter.signin'], 'the Last sign-in popup');
  await page.screenshot({ path: artifactPath('console-signin-filter-popup.png') });
  await clickOn('filter.signin.90');
  s = await settled('#/users?sort=Email&order=desc&notsignedin=90');
  assert.equal(s.filters.notSignedInForDays, 90);
  const expected = await serverUsers({ notSignedInForDays: '90', sortBy: 'Email', sortOrder: 'DESC' });
  assert.equal(s.totalElements, expected.totalElements);
  assert.ok(s.totalElements > 0 && s.totalElements < 100000);
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  await page.screenshot({ path: artifactPath('console-signin-filtered.png') });
  await clickOn('filter.signin');
  await clickOn('filter.signin.0');
  assert.equal((await settled('#/users?sort=Email&order=desc')).totalElements, 100000);
});

test('right-clicking a header opens the console\'s menu under it; its Sort descending sorts on the server', async () => {
  await clickOn('header.Location', { button: 'right' });
  await page.waitForFunction(() => !!window.roster.state().layout['users.header-menu.desc']);
  await page.waitForTimeout(100);
  let s = await state();
  assertBeside(s.layout['users.header-menu'], s.layout['header.Location'], 'the header menu');
  assert.ok(s.layout['users.header-menu.Tags'], 'every column is listed, those the width dropped too');
  await page.mouse.move(s.layout['users.header-menu.desc'].x + 40, s.layout['users.header-menu.desc'].y + 8);
  await page.waitForTimeout(100);
  await page.screenshot({ path: artifactPath('console-header-menu.png') });
  await clickOn('users.header-menu.desc');
  s = await settled('#/users?sort=Country&order=desc');
  const expected = await serverUsers({ sortBy: 'Country', sortOrder: 'DESC' });
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  assert.ok(!s.layout['users.header-menu'], 'a sort closes the menu');
});

test('the Last login header sorts by Last Login on the server, never-signed-in users last', async () => {
  if (!(await state()).layout['header.Last login']) {  // dropped by the width: brought back from the menu
    await clickOn('header.Email', { button: 'right' });
    await clickOn('users.header-menu.Last login');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !!window.roster.state().layout['header.Last login']);
  }
  await clickOn('header.Last login');
  let s = await settled('#/users?sort=Last%20Login&order=asc');
  let expected = await serverUsers({ sortBy: 'Last Login', sortOrder: 'ASC' });
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  await clickOn('header.Last login');
  s = await settled('#/users?sort=Last%20Login&order=desc');
  expected = await serverUsers({ sortBy: 'Last Login', sortOrder: 'DESC' });
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  assert.equal(expected.content[0].lastLoggedAt, 0);  // descending: the never-signed-in first
  await page.screenshot({ path: artifactPath('console-last-login-sorted.png') });
});

test('scrolling: the wheel moves three rows a notch, and row 50,000 shows the server\'s row 50,000', async () => {
  await page.evaluate(() => window.roster.navigate('#/users'));
  let s = await settled('#/users');
  assert.equal(s.firstVisibleRow, 0);
  await page.mouse.move(800, 600);
  await page.mouse.wheel(0, 100);
  await page.waitForFunction(() => window.roster.state().firstVisibleRow === 3);
  await page.evaluate(() => window.roster.scrollToRow(50000));
  await page.waitForFunction(() => {
    const st = window.roster.state();
    return st.firstVisibleRow === 50000 && st.visibleRows.length > 0 && !st.loading;
  }, null, { timeout: 30000 });
  s = await state();
  const expected = await serverUsers({ page: '500', size: '100' });
  assert.deepEqual(s.visibleRows.slice(0, 5).map((r) => r.index), [50000, 50001, 50002, 50003, 50004]);
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  assert.ok(s.cachedPages <= 40, 'the page cache stays bounded');
  await page.screenshot({ path: artifactPath('console-row-50000.png') });
});

test('keyboard: arrows select, Enter opens the profile; Back returns to the list', async () => {
  await page.evaluate(() => window.roster.navigate('#/users?q=olena&sort=Name'));
  let s = await settled('#/users?q=olena&sort=Name&order=asc');
  await page.mouse.click(1300, 860);  // focus the console (a neutral spot)
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => window.roster.state().selectedRow === 1);
  s = await state();
  const selected = s.selectedUser;
  assert.equal(selected.id, s.visibleRows[1].id);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => window.roster.state().route === '#/users/' + id, selected.id);
  await page.waitForFunction(() => !!window.roster.state().profileName);
  assert.equal((await state()).profileName, selected.name);
  await page.screenshot({ path: artifactPath('console-profile.png') });
  await page.goBack();
  s = await settled('#/users?q=olena&sort=Name&order=asc');
  assert.equal(s.query, 'olena');
  assert.deepEqual(s.sort, { by: 'Name', order: 'asc' });
});

test('clicking a name opens that user', async () => {
  const s = await settled();
  await clickOn('row.0.name');
  await page.waitForFunction((id) => window.roster.state().route === '#/users/' + id, s.visibleRows[0].id);
  await page.goBack();
  await settled();
});

test('a deep link restores query, sort and filters', async () => {
  await page.goto(withLocale(server.url + '/#/users?q=ann&sort=Registered%20At&order=desc&role=3'));
  await page.waitForFunction(() => !!window.roster, null, { timeout: 30000 });
  const s = await settled();
  assert.equal(s.query, 'ann');
  assert.deepEqual(s.sort, { by: 'Registered At', order: 'desc' });
  assert.deepEqual(s.filters.roleIds, [3]);
  const expected = await serverUsers({ query: 'ann', sortBy: 'Registered At', sortOrder: 'DESC', roleId: '3' });
  assert.equal(s.totalElements, expected.totalElements);
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
});

test('clicking an email copies it to the clipboard and confirms with a toast', async () => {
  const s = await settled();
  await clickOn('row.0.email');
  await page.waitForFunction(() => window.roster.state().toast === 'Email copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, s.visibleRows[0].email);
  await page.screenshot({ path: artifactPath('console-copied.png') });
});

test('an empty result says so and offers to clear the search', async () => {
  await page.evaluate(() => window.roster.navigate('#/users?q=zzqx'));
  const s = await settled('#/users?q=zzqx');
  assert.equal(s.totalElements, 0);
  await page.screenshot({ path: artifactPath('console-empty.png') });
  await clickOn('empty.action');
  assert.equal((await settled('#/users')).query, '');
});

test('Organizations: the tree opens a level at a time, and choosing one shows only its users', async () => {
  await clickOn('nav.orgs');
  await page.waitForFunction(() => window.roster.state().orgs.length > 1, null, { timeout: 20000 });
  let s = await state();
  assert.equal(s.route, '#/orgs');
  assert.equal(s.orgs[0].depth, 0);
  const child = s.orgs.find((o) => o.depth === 1);
  await clickOn('org.' + child.id + '.toggle');
  await page.waitForFunction((id) => window.roster.state().orgs.some((o) => o.depth === 2), child.id, { timeout: 20000 });
  await page.screenshot({ path: artifactPath('console-orgs.png') });
  s = await state();
  const leaf = s.orgs.find((o) => o.depth === 2);
  await clickOn('org.' + leaf.id + '.name');
  s = await settled('#/orgs/' + leaf.id + '/users');
  const expected = await page.evaluate(async (id) => {
    const r = await fetch('/api/v1/organization/users?orgId=' + id + '&size=100', { credentials: 'same-origin' });
    return r.json();
  }, leaf.id);
  assert.equal(s.totalElements, expected.totalElements);
  assert.deepEqual(idsOf(s.visibleRows, 10), idsOf(expected.content, 10));
  await page.screenshot({ path: artifactPath('console-org-users.png') });
  await page.goBack();
  await page.waitForFunction(() => window.roster.state().route === '#/orgs');
});

test('idle: no frames are drawn while nothing changes', async () => {
  await settled();
  await page.mouse.move(5, 895);
  await page.waitForTimeout(2600);  // toasts and hover states settle
  await withinOneMinute(2000);
  const before = await page.evaluate(() => window.rosterFramesDrawn);
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.rosterFramesDrawn), before);
});
