// The organization switcher in the top bar, in real headless Chromium against a real roster-server:
// open it, type part of an organization's name, choose it, and the users list shows only that
// organization's users, as the server answers them. Screenshots of the open popup (the tree, then the
// results with their paths) are saved for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seed, startServer, launchBrowser, artifactPath, signIn, waitForTextField } from './harness.mjs';

let server, browser, context, page;

before(async () => {
  const { db } = seed(3000, 40);
  server = await startServer(db);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
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

// The list shows a settled answer for `route`.
function listSettled(route) {
  return until((r) => {
    const s = window.roster.state();
    return s.route === r && !s.loading && s.totalElements !== null &&
      (s.totalElements === 0 || s.visibleRows.length > 0);
  }, route, `the users of ${route}`);
}

test('the switcher: type part of an organization\'s name, choose it, and the list shows only its users', async () => {
  await listSettled('#/users');
  // A third-level organization with users: its path has two names above it.
  const all = await api('/api/v1/organization/search', { query: ' ', size: '100', sortBy: 'Name' });
  const byId = new Map(all.content.map((o) => [o.id, o]));
  const target = all.content.find((o) => o.parentOrganizationId > 1 && o.usersCount > 0);
  assert.ok(target, 'the seed has a third-level organization with users');
  const parent = byId.get(target.parentOrganizationId);
  const root = byId.get(parent.parentOrganizationId);
  const typed = target.name.split(' ').slice(1).join(' ');  // "Farms 17" of "Alpine Farms 17"

  await clickOn('switcher');
  await waitForTextField(page);  // the field has the keyboard as the popup opens
  let s = await until(() => (window.roster.state().orgPicker?.tree.length ?? 0) > 1, null, 'the picker\'s tree');
  const popup = s.layout['switcher.popup'], button = s.layout['switcher'];
  assert.ok(popup.y >= button.y + button.height, 'the popup opens below its button');
  await page.screenshot({ path: artifactPath('orgs-switcher-tree.png') });

  await page.keyboard.type(typed, { delay: 30 });
  s = await until((t) => {
    const p = window.roster.state().orgPicker;
    return p && p.resultsFor === t && !p.searching && p.results.every((r) => !r.path.includes('\u2026'));
  }, typed, `the results for "${typed}"`);
  const expected = await api('/api/v1/organization/search', { query: typed, size: '50', sortBy: 'Name' });
  assert.deepEqual(s.orgPicker.results.map((r) => r.id), expected.content.map((o) => o.id));
  const shown = s.orgPicker.results.find((r) => r.id === target.id);
  assert.equal(shown.path, `${root.name} \u203A ${parent.name}`);
  await page.screenshot({ path: artifactPath('orgs-switcher-results.png') });

  // Down to it, Enter: the list shows only its users.
  const index = s.orgPicker.results.findIndex((r) => r.id === target.id);
  for (let i = 0; i < index; ++i) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  s = await listSettled(`#/orgs/${target.id}/users`);
  assert.equal(s.orgPicker, undefined, 'the popup closed');
  const users = await api('/api/v1/organization/users', { orgId: String(target.id), size: '100' });
  assert.equal(s.totalElements, users.totalElements);
  assert.deepEqual(s.visibleRows.slice(0, 10).map((r) => r.id), users.content.slice(0, 10).map((r) => r.id));
  await page.screenshot({ path: artifactPath('orgs-switcher-chosen.png') });

  // Opened again and closed with Esc: nothing changes; choosing the caller's own returns to the whole list.
  await clickOn('switcher');
  await waitForTextField(page);
  await page.keyboard.press('Escape');
  await until(() => !window.roster.state().orgPicker, null, 'the popup to close');
  assert.equal((await state()).route, `#/orgs/${target.id}/users`);
  await clickOn('switcher');
  await until((id) => window.roster.state().layout['switcher.org.' + id], root.id, 'the tree\'s root');
  await clickOn('switcher.org.' + root.id);
  s = await listSettled('#/users');
  assert.equal(s.totalElements, (await api('/api/v1/organization/users', { includeSubOrgUsers: 'true', size: '1' }))
    .totalElements);
});
