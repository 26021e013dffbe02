// The user profile and the Devices screen in real headless Chromium against a real roster-server:
// open a profile from the list and from the Devices list, each tab's rows equal to the server's
// answer, an interval preset changing the request and the rows, Back/Forward across tabs and back to
// the list. Screenshots of each tab at 1x and 2x, light and dark, are saved for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seed, startServer, launchBrowser, artifactPath, signIn, withLocale } from './harness.mjs';

let server, browser, context, page, seeded;

before(async () => {
  const { db, info } = seed(3000, 12);
  seeded = info;
  server = await startServer(db);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  await signIn(page, server.url + '/');
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const state = () => page.evaluate(() => window.roster.state());

async function until(predicate, arg, what) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: 20000 });
  } catch (err) {
    const s = await state();
    delete s.layout;
    throw new Error(`${err.message}\nwaiting for ${what}; the console's state: ${JSON.stringify(s).slice(0, 3000)}`);
  }
  return state();
}

async function clickOn(name) {
  await until((n) => window.roster.state().layout[n], name, `the layout to have ${name}`);
  const r = (await state()).layout[name];
  await page.mouse.move(r.x + Math.min(r.width / 2, 40), r.y + r.height / 2);
  await page.mouse.click(r.x + Math.min(r.width / 2, 40), r.y + r.height / 2, { delay: 40 });
}

function api(path, params) {
  return page.evaluate(async ({ p, q }) => {
    const r = await fetch(p + '?' + new URLSearchParams(q).toString(), { credentials: 'same-origin' });
    return r.json();
  }, { p: path, q: params });
}

// A user of the list with devices and recent actions (the seed gives most users both).
async function openFromList() {
  await page.evaluate(() => window.roster.navigate('#/users?sort=Devices%20Count&order=desc'));
  const list = await until(() => {
    const s = window.roster.state();
    return s.route === '#/users?sort=Devices%20Count&order=desc' && !s.loading && s.visibleRows.length > 0;
  }, null, 'the users sorted by devices');
  await clickOn('row.0.name');
  const user = list.visibleRows[0];
  await until((id) => window.roster.state().route === '#/users/' + id && window.roster.state().profile?.detailed,
    user.id, 'the profile');
  return user;
}

test('a profile opens from the list: header and Information, then each tab shows the server\'s rows', async () => {
  const user = await openFromList();
  let s = await state();
  assert.equal(s.profileName, user.name);
  assert.ok(s.layout['info.status'], 'the Information tab is drawn');
  await page.screenshot({ path: artifactPath('profile-info.png') });

  await clickOn('tab.actions');
  s = await until(() => {
    const a = window.roster.state().profile?.actions;
    return a && a.totalElements !== null && !a.loading && (a.totalElements === 0 || a.visibleRows.length > 0);
  }, null, 'the actions log');
  assert.equal(s.route, `#/users/${user.id}/actions`);
  const log = await api('/api/v1/organization/user/actions-log',
    { userId: user.id, from: s.profile.actions.from, to: s.profile.actions.to, page: 0, size: 100 });
  assert.equal(s.profile.actions.totalElements, log.totalElements);
  assert.deepEqual(s.profile.actions.visibleRows.slice(0, 5).map((r) => r.ts), log.content.slice(0, 5).map((r) => r.ts));
  await page.screenshot({ path: artifactPath('profile-actions.png') });

  // A preset: the interval becomes the last hour, and the rows follow.
  await clickOn('range.3mo');
  s = await until(() => {
    const st = window.roster.state();
    const a = st.profile?.actions;
    return st.route.endsWith('/actions?range=3mo') && a && !a.loading && a.totalElements !== null;
  }, null, 'three months of actions');
  assert.equal(s.profile.actions.to - s.profile.actions.from, 90 * 24 * 3600 * 1000);
  const wide = await api('/api/v1/organization/user/actions-log',
    { userId: user.id, from: s.profile.actions.from, to: s.profile.actions.to, page: 0, size: 1 });
  assert.equal(s.profile.actions.totalElements, wide.totalElements);
  // The histogram counts the same entries; a click on a bar narrows the interval to it.
  s = await until(() => window.roster.state().profile?.histogram, null, 'the histogram');
  assert.equal(s.profile.histogram.total, s.profile.actions.totalElements);
  assert.equal(s.profile.histogram.buckets, 90);
  await clickOn('histogram');
  s = await until(() => /actions\?from=\d+&to=\d+/.test(window.roster.state().route) &&
    !window.roster.state().profile.actions.loading, null, 'a narrowed interval');
  assert.ok(s.profile.actions.to - s.profile.actions.from <= 24 * 3600 * 1000, 'one day bucket at most');
  const narrowed = await api('/api/v1/organization/user/actions-log',
    { userId: user.id, from: s.profile.actions.from, to: s.profile.actions.to, page: 0, size: 1 });
  assert.equal(s.profile.actions.totalElements, narrowed.totalElements);
  await page.goBack();  // the interval was a replace: Back leaves the profile
  await until(() => window.roster.state().screen === 'users', null, 'the list after Back');
  await page.goForward();
  await until((id) => window.roster.state().route.startsWith(`#/users/${id}/actions?from=`), user.id, 'Forward');

  await clickOn('tab.devices');
  s = await until(() => {
    const d = window.roster.state().profile?.devices;
    return d && d.totalElements !== null && !d.loading;
  }, null, 'the devices tab');
  const owned = await api('/api/v1/organization/device/by-owner', { ownerEmail: (await userEmail(user.id)), page: 0, size: 100 });
  assert.equal(s.profile.devices.totalElements, owned.totalElements);
  assert.deepEqual(s.profile.devices.visibleRows.map((d) => d.id), owned.content.slice(0, s.profile.devices.visibleRows.length).map((d) => d.id));
  await page.screenshot({ path: artifactPath('profile-devices.png') });

  // Tab switches replaced the history entry: one Back returns to the list with its query.
  await page.goBack();
  s = await until(() => window.roster.state().route === '#/users?sort=Devices%20Count&order=desc', null, 'the list');
  assert.deepEqual(s.sort, { by: 'Devices Count', order: 'desc' });
  await page.goForward();
  await until((id) => window.roster.state().route === `#/users/${id}/devices`, user.id, 'Forward to the tab');
});

async function userEmail(id) {
  return (await api('/api/v1/organization/user', { userId: id })).email;
}

test('the Devices screen lists the server\'s devices and an owner\'s name opens their profile', async () => {
  await clickOn('nav.devices');
  let s = await until(() => {
    const d = window.roster.state().devices;
    return d && !d.loading && d.visibleRows.length > 0 && d.visibleRows.some((r) => r.owner);
  }, null, 'the devices list with owners');
  const expected = await api('/api/v1/organization/devices', { page: 0, size: 100, includeSubOrgDevices: 'true' });
  assert.equal(s.devices.totalElements, expected.totalElements);
  assert.deepEqual(s.devices.visibleRows.slice(0, 10).map((d) => d.id), expected.content.slice(0, 10).map((d) => d.id));
  await page.screenshot({ path: artifactPath('devices.png') });
  const row = s.devices.visibleRows.findIndex((r) => r.owner);
  const device = s.devices.visibleRows[row];
  await clickOn(`device.row.${row}.owner`);
  s = await until((id) => window.roster.state().route === '#/users/' + id && window.roster.state().profile?.detailed,
    device.ownerUserId, 'the owner\'s profile');
  assert.equal(s.profileName, device.owner);
  await page.goBack();
  await until(() => window.roster.state().route === '#/devices', null, 'back to the devices');
});

test('screenshots of each tab at 2x and in the dark theme', async () => {
  // A busy user: three months of actions fill the histogram and the log.
  assert.ok(seeded.busyUsers?.length > 0, 'the seed names its busy users');
  const user = { id: seeded.busyUsers[0] };
  for (const [scheme, scale] of [['dark', 1], ['light', 2], ['light', 1]]) {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: scale,
      colorScheme: scheme, storageState: await context.storageState() });
    const p = await ctx.newPage();
    for (const tab of ['', '/actions?range=3mo', '/devices']) {
      await p.goto(withLocale(`${server.url}/#/users/${user.id}${tab}`));
      await p.waitForFunction(() => {
        const s = window.roster && window.roster.state();
        return s && s.profile && s.profile.detailed && !s.loading;
      }, null, { timeout: 30000 });
      await p.waitForTimeout(300);
      if (tab.startsWith('/actions'))
        await p.waitForFunction(() => window.roster.state().profile.histogram, null, { timeout: 30000 });
      await p.screenshot({ path: artifactPath(`profile-${tab.slice(1).split('?')[0] || 'info'}-busy-${scheme}-${scale}x.png`) });
    }
    await ctx.close();
  }
});

test('a custom range, the client filter and a Greek-named user with no devices', async () => {
  // A Greek-named user from the server, and one without devices (the seed has both).
  const greek = await api('/api/v1/organization/search/users', { query: 'ος', page: 0, size: 5, includeSubOrgUsers: 'true' });
  assert.ok(greek.content.length > 0, 'the seed has Greek names');
  const g = greek.content[0];
  await page.evaluate((id) => window.roster.navigate(`#/users/${id}/actions?range=3mo`), g.id);
  let s = await until(() => {
    const a = window.roster.state().profile?.actions;
    return window.roster.state().profile?.detailed && a && !a.loading && a.totalElements !== null;
  }, null, 'the Greek user\'s actions');
  assert.equal(s.profileName, g.name);
  // The client filter: Web only; the rows and total follow the server's.
  await clickOn('filter.client');
  await clickOn('filter.client.Web');
  await clickOn('filter.client.ok');
  s = await until(() => window.roster.state().route.includes('client=Web') && !window.roster.state().profile.actions.loading,
    null, 'the Web-only log');
  const web = await api('/api/v1/organization/user/actions-log',
    { userId: g.id, from: s.profile.actions.from, to: s.profile.actions.to, client: 'Web', page: 0, size: 1 });
  assert.equal(s.profile.actions.totalElements, web.totalElements);
  assert.ok(s.profile.actions.visibleRows.every((r) => r.client === 'Web'));
  // A custom range typed into the fields: the last two days before now.
  await clickOn('range.custom');
  const day = 24 * 3600 * 1000, offset = -new Date().getTimezoneOffset();
  const iso = (ms) => new Date(ms + offset * 60000).toISOString().slice(0, 16).replace('T', ' ');
  const to = Math.floor(Date.now() / 60000) * 60000, from = to - 2 * day;
  for (const [field, value] of [['custom.from', iso(from)], ['custom.to', iso(to)]]) {
    await clickOn(field);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(value);
  }
  await clickOn('custom.apply');
  s = await until((f) => window.roster.state().route.includes('from=' + f) && !window.roster.state().profile.actions.loading,
    from, 'the custom range');
  assert.equal(s.profile.actions.from, from);
  assert.equal(s.profile.actions.to, to);
  const custom = await api('/api/v1/organization/user/actions-log',
    { userId: g.id, from, to, client: 'Web', page: 0, size: 1 });
  assert.equal(s.profile.actions.totalElements, custom.totalElements);
  await page.screenshot({ path: artifactPath('profile-actions-custom.png') });

  const none = await api('/api/v1/organization/users', { page: 0, size: 1, includeSubOrgUsers: 'true', withNoDevices: 'true' });
  assert.ok(none.content.length > 0, 'the seed has users without devices');
  await page.evaluate((id) => window.roster.navigate(`#/users/${id}/devices`), none.content[0].id);
  s = await until(() => window.roster.state().layout['devices.empty'], null, 'the empty devices tab');
  assert.equal(s.profile.devices.totalElements, 0);
  await page.screenshot({ path: artifactPath('profile-no-devices.png') });
});
