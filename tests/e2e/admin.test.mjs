// Administration from the console against `serve`, as an admin works: invite someone and see them
// Pending, change a role from a row's menu, select every user matching a search and tag them, export
// the list as CSV and compare it with the API, delete with the typed confirmation, suspend a signed-in
// user (their console shows the sign-in form), and Staff sees no controls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { seed, startServer, launchBrowser, artifactPath, signIn } from './harness.mjs';

let server, browser, context, page;
before(async () => {
  const { db } = seed(2000, 8);
  server = await startServer(db);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await signIn(page, server.url + '/');
  await ready(page);
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const state = (p = page) => p.evaluate(() => window.roster.state());
const ready = (p) => p.waitForFunction(() => { const s = window.roster?.state(); return s && !s.loading && s.visibleRows.length > 5; }, null, { timeout: 30000 });
const center = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

// Where `name` is drawn, once it has stayed put for 100 ms (a dialog grows as its answers arrive).
async function rect(name, p = page) {
  await p.waitForFunction((n) => !!window.roster.state().layout[n], name, { timeout: 10000 });
  let last = (await state(p)).layout[name];
  for (let i = 0; i < 20; i++) {
    await p.waitForTimeout(100);
    const now = (await state(p)).layout[name];
    if (now && now.x === last.x && now.y === last.y) return now;
    last = now || last;
  }
  return last;
}
async function click(name, options = {}, p = page) {
  const c = center(await rect(name, p));
  await p.mouse.click(c.x, c.y, options);
}
async function type(name, text) {
  await click(name);
  await page.waitForFunction(() => document.activeElement.classList.contains('roster-input'));
  await page.keyboard.type(text, { delay: 20 });
}

// The API as the console's own cookie sees it.
async function api(path, init = {}) {
  const cookies = await context.cookies(server.url);
  const headers = { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'X-Requested-With': 'roster', ...(init.headers || {}) };
  const r = await fetch(server.url + '/api/v1/organization' + path, { ...init, headers });
  const text = await r.text();
  return { status: r.status, text, json: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : null };
}
async function search(q) {
  await page.evaluate((q) => window.roster.navigate('#/users?q=' + encodeURIComponent(q)), q);
  await page.waitForFunction((q) => { const s = window.roster.state(); return s.query === q && !s.loading && s.totalElements !== null; }, q);
}

test('invite: the dialog shows the day\'s invitations left, and the new user is Pending in the list', async () => {
  await click('users.invite');
  await page.waitForFunction(() => !!window.roster.state().layout['dialog.email']);
  await type('dialog.name', 'Mia Walker');
  await type('dialog.email', 'mia.walker.e2e@example.com');
  await page.screenshot({ path: artifactPath('admin-invite.png') });
  await click('dialog.ok');
  await page.waitForFunction(() => !window.roster.state().layout['dialog.ok'], null, { timeout: 10000 });
  const found = await api('/search/users?query=' + encodeURIComponent('mia.walker.e2e'));
  assert.equal(found.json.totalElements, 1);
  const detail = await api('/user?userId=' + found.json.content[0].id);
  assert.equal(detail.json.status, 'Pending');
  await search('mia.walker.e2e');
  const s = await state();
  assert.equal(s.visibleRows.length, 1);
  assert.equal(s.visibleRows[0].status, 'Pending');
});

test('a row\'s right-click menu changes the role, and the server has it', async () => {
  await search('mia.walker.e2e');
  const name = center(await rect('row.0.name'));
  await page.mouse.click(name.x + 200, name.y, { button: 'right' });
  await click('menu.role');
  await click('dialog.role.Staff');
  await page.screenshot({ path: artifactPath('admin-role.png') });
  await click('dialog.ok');
  const id = (await state()).visibleRows[0].id;
  // The row shows the new role (at once, then as the server answered).
  await page.waitForFunction((id) => {
    const s = window.roster.state();
    return s.visibleRows[0] && s.visibleRows[0].id === id && s.visibleRows[0].roleId === 2;
  }, id, { timeout: 10000 });
  const detail = await api('/user?userId=' + id);
  assert.equal(detail.json.roleId, 2);
});

test('select all matching a search, Add tag: every matching user has it', async () => {
  await search('ann');
  const total = (await state()).totalElements;
  assert.ok(total > 3);
  await page.mouse.click(700, 860);  // the table has the keyboard
  await page.keyboard.press('Control+A');
  await page.waitForFunction(() => !!window.roster.state().layout['bulk.addTags']);
  await page.screenshot({ path: artifactPath('admin-selection.png') });
  await click('bulk.addTags');
  const tags = (await api('/tags?orgId=1')).json;
  assert.ok(tags.length > 0);
  await click('dialog.tag.' + tags[0].name);
  await page.screenshot({ path: artifactPath('admin-bulk-tag.png') });
  await click('dialog.ok');
  await page.waitForFunction(() => !!window.roster.state().layout['notice.ok'], null, { timeout: 20000 });
  await page.screenshot({ path: artifactPath('admin-bulk-result.png') });
  await click('notice.ok');
  // Every matching user of organization 1 carries the tag (others' users are 'failed': tags belong to
  // an organization).
  const users = (await api('/search/users?query=ann&size=1000')).json.content;
  const own = users.filter((u) => u.orgId === 1);
  assert.ok(own.length > 0);
  for (const u of own) assert.ok((u.tags || []).some((t) => t.id === tags[0].id), `user ${u.id} has the tag`);
});

test('Export CSV downloads the list as the API has it', async () => {
  await search('ann');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), click('users.export')]);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'Name,Email,Role,Organization,Location,Status,Last login,Registered,Devices,Tags');
  const list = await api('/search/users?query=ann&size=1000');
  assert.equal(lines.length - 1, list.json.totalElements);
  assert.ok(lines[1].includes(list.json.content[0].email));
});

test('Delete asks for the email typed, then the user is gone', async () => {
  await search('mia.walker.e2e');
  const id = (await state()).visibleRows[0].id;
  const name = center(await rect('row.0.name'));
  await page.mouse.click(name.x + 200, name.y, { button: 'right' });
  await click('menu.delete');
  await click('dialog.ok');  // nothing typed: refused in words, nothing deleted
  assert.equal((await api('/user?userId=' + id)).status, 200);
  await type('dialog.confirm', 'mia.walker.e2e@example.com');
  await page.screenshot({ path: artifactPath('admin-delete.png') });
  await click('dialog.ok');
  await page.waitForFunction(() => !window.roster.state().layout['dialog.ok'], null, { timeout: 10000 });
  for (let i = 0; i < 50 && (await api('/user?userId=' + id)).status !== 404; i++) await page.waitForTimeout(100);
  assert.equal((await api('/user?userId=' + id)).status, 404);
});

test('suspending a signed-in user brings back their sign-in form', async () => {
  const other = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const theirs = await other.newPage();
  await signIn(theirs, server.url + '/', 'staff@roster.demo', 'roster-demo');
  await ready(theirs);
  // Staff sees no admin controls, and a line saying the list is read-only.
  const layout = (await state(theirs)).layout;
  assert.ok(!layout['users.invite']);
  assert.ok(layout['users.readonly']);
  await theirs.screenshot({ path: artifactPath('admin-staff-readonly.png') });
  const staff = (await api('/search/users?query=' + encodeURIComponent('staff@roster.demo'))).json.content[0];
  await search('staff@roster.demo');
  const name = center(await rect('row.0.name'));
  await page.mouse.click(name.x + 200, name.y, { button: 'right' });
  await click('menu.suspend');
  await click('dialog.ok');
  for (let i = 0; i < 50 && (await api('/user?userId=' + staff.id)).json.status !== 'Suspended'; i++) await page.waitForTimeout(100);
  assert.equal((await api('/user?userId=' + staff.id)).json.status, 'Suspended');
  // Their console's next call meets the 401.
  await theirs.evaluate(() => window.roster.navigate('#/users?q=zz'));
  await theirs.waitForSelector('#signin', { state: 'visible', timeout: 15000 });
  assert.ok((await theirs.textContent('#signin-reason')).length > 0);
  await other.close();
});
