// The console against `roster-server proxy` in front of a public-API-only upstream over verified TLS
// (a CA made with openssl for this run): an operator signs in to the proxy, and the users list,
// search, a profile and its Devices tab work in the degraded mode, with organization names resolved
// from each item's orgId. Every process is real; nothing in the page ever sees the client secret.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seed, serverBinary, siteDir, launchBrowser, artifactPath, signIn, waitForTextField, makeTestPki as makePki,
  startRosterServer as start } from './harness.mjs';

const password = 'operator-pass-1';
let upstream, proxy, browser, page, secret, startWrongProxy;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roster-e2e-proxy-'));
  const pki = makePki(dir);
  const { db, info } = seed(2000, 8);
  secret = info.oauthClient.clientSecret;
  writeFileSync(join(dir, 'client.secret'), secret + '\n', { mode: 0o600 });
  writeFileSync(join(dir, 'operator.password'), password + '\n', { mode: 0o600 });
  const operators = join(dir, 'operators.db');
  execFileSync(serverBinary, ['operator', 'add', '--db', operators, '--email', 'admin@ops.test', '--role', 'admin',
    '--password-file', join(dir, 'operator.password')]);
  upstream = await start(['serve', '--db', db, '--listen', '127.0.0.1:0', '--public-api-only', '--tls-cert', pki.cert,
    '--tls-key', pki.key]);
  proxy = await start(['proxy', '--upstream', upstream.url, '--client-id', info.oauthClient.clientId,
    '--client-secret-file', join(dir, 'client.secret'), '--upstream-ca', pki.ca, '--db', operators,
    '--listen', '127.0.0.1:0', '--web', siteDir]);
  // The same proxy with a secret the upstream does not know.
  writeFileSync(join(dir, 'wrong.secret'), 'not-the-secret\n', { mode: 0o600 });
  startWrongProxy = () => start(['proxy', '--upstream', upstream.url, '--client-id', info.oauthClient.clientId,
    '--client-secret-file', join(dir, 'wrong.secret'), '--upstream-ca', pki.ca, '--db', operators,
    '--listen', '127.0.0.1:0', '--web', siteDir]);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, proxy.url + '/', 'admin@ops.test', password);
});
after(async () => {
  await browser?.close();
  proxy?.stop();
  upstream?.stop();
});

// The proxy's answer to a call, fetched with the page's own session (as the console makes it).
function viaProxy(path) {
  return page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).json(), path);
}

async function orgName(orgId) {
  return (await viaProxy('/api/v1/organization?orgId=' + orgId)).name;
}

test('the users list through the proxy: the degraded-mode notice, statuses and organization names filled', async () => {
  await page.waitForFunction(() => {
    const s = window.roster.state();
    return s.publicApiOnly && !s.loading && s.visibleRows.length > 10 &&
      s.visibleRows.every((r) => r.status && r.orgName);
  }, null, { timeout: 30000 });
  const s = await page.evaluate(() => window.roster.state());
  assert.ok(s.layout['notice.publicApi'], 'the notice is on screen');
  assert.ok(s.signedIn, 'the operator is signed in');
  const expected = await viaProxy('/api/v1/organization/users?page=0&size=100&includeSubOrgUsers=true');
  assert.equal(s.totalElements, expected.totalElements);
  for (const row of s.visibleRows.slice(0, 6)) {
    const info = await viaProxy('/api/v1/organization/user?userId=' + row.id);
    assert.equal(row.status, info.status, `status of user ${row.id}`);
    assert.equal(row.orgName, await orgName(info.orgId), `organization of user ${row.id}`);
  }
  await page.screenshot({ path: artifactPath('proxy-users.png') });
});

test('search through the proxy answers what the upstream finds', async () => {
  const r = (await page.evaluate(() => window.roster.state())).layout.search;
  await page.mouse.click(r.x + Math.min(r.width / 2, 40), r.y + r.height / 2, { delay: 40 });
  await waitForTextField(page);
  await page.keyboard.type('an', { delay: 30 });
  const s = await page.waitForFunction(() => {
    const st = window.roster.state();
    return st.query === 'an' && !st.loading && st.totalElements !== null && st.visibleRows.length > 0 &&
      st.visibleRows.every((row) => row.orgName && row.status) ? st : false;
  }, null, { timeout: 30000 }).then((h) => h.jsonValue());
  const expected = await viaProxy('/api/v1/organization/search/users?query=an&page=0&size=100');
  assert.equal(s.totalElements, expected.totalElements);
  assert.deepEqual(s.visibleRows.slice(0, 5).map((x) => x.id), expected.content.slice(0, 5).map((x) => x.id));
  await page.screenshot({ path: artifactPath('proxy-search.png') });
});

test('a profile through the proxy names its organization; its Devices tab lists the owner\'s devices', async () => {
  const s0 = await page.evaluate(() => window.roster.state());
  const user = s0.visibleRows[0];
  await page.evaluate((id) => window.roster.navigate(`#/users/${id}`), user.id);
  const s1 = await page.waitForFunction(() => {
    const s = window.roster.state();
    return s.profile && s.profile.detailed && s.profileOrgName ? s : false;
  }, null, { timeout: 30000 }).then((h) => h.jsonValue());
  assert.equal(s1.profileOrgName, user.orgName);
  await page.screenshot({ path: artifactPath('proxy-profile.png') });

  await page.evaluate((id) => window.roster.navigate(`#/users/${id}/devices`), user.id);
  const s = await page.waitForFunction(() => {
    const d = window.roster.state().profile?.devices;
    return d && d.totalElements !== null && !d.loading ? window.roster.state() : false;
  }, null, { timeout: 30000 }).then((h) => h.jsonValue());
  const owned = await viaProxy('/api/v1/organization/device/by-owner?' +
    new URLSearchParams({ ownerEmail: user.email, page: 0, size: 100 }));
  assert.equal(s.profile.devices.totalElements, owned.totalElements);
  await page.screenshot({ path: artifactPath('proxy-profile-devices.png') });
});

test('the Devices screen through the proxy names each device\'s organization', async () => {
  await page.evaluate(() => window.roster.navigate('#/devices'));
  const s = await page.waitForFunction(() => {
    const d = window.roster.state().devices;
    return d && !d.loading && d.visibleRows.length > 5 && d.visibleRows.every((x) => x.orgName) ?
      window.roster.state() : false;
  }, null, { timeout: 30000 }).then((h) => h.jsonValue());
  const expected = await viaProxy('/api/v1/organization/devices?page=0&size=100&includeSubOrgDevices=true');
  assert.equal(s.devices.totalElements, expected.totalElements);
  const first = expected.content[s.devices.visibleRows[0].index];
  assert.equal(s.devices.visibleRows[0].orgName, await orgName(first.orgId));
  await page.screenshot({ path: artifactPath('proxy-devices.png') });
});

test('the admin operator changes a role through the proxy; what the public API lacks is named, not offered', async () => {
  await page.evaluate(() => window.roster.navigate('#/users'));
  await page.waitForFunction(() => { const s = window.roster.state(); return !s.loading && s.visibleRows.length > 3 && s.layout['row.2.name']; });
  let s = await page.evaluate(() => window.roster.state());
  assert.ok(s.layout['users.invite'], 'Invite is offered (a public call)');
  assert.ok(!s.layout['users.export'], 'Export is not (an extension)');
  assert.ok(s.layout['users.readonly'], 'a line says why the rest is missing');
  const target = s.visibleRows[2];
  const before = await viaProxy('/api/v1/organization/user?userId=' + target.id);
  const newRole = before.roleId === 2 ? 3 : 2;
  const r = s.layout['row.2.name'];
  await page.mouse.click(r.x + r.width / 2 + 200, r.y + r.height / 2, { button: 'right' });
  await page.waitForFunction(() => !!window.roster.state().layout['menu.role']);
  s = await page.evaluate(() => window.roster.state());
  assert.ok(!s.layout['menu.suspend'] && !s.layout['menu.delete'], 'no Suspend or Delete through the public API');
  await page.screenshot({ path: artifactPath('proxy-row-menu.png') });
  const role = s.layout['menu.role'];
  await page.mouse.click(role.x + role.width / 2, role.y + role.height / 2);
  const name = newRole === 2 ? 'Staff' : 'User';
  await page.waitForFunction((n) => !!window.roster.state().layout['dialog.role.' + n], name);
  await page.waitForTimeout(200);
  s = await page.evaluate(() => window.roster.state());
  const radio = s.layout['dialog.role.' + name];
  await page.mouse.click(radio.x + radio.width / 2, radio.y + radio.height / 2);
  await page.waitForTimeout(200);
  const ok = (await page.evaluate(() => window.roster.state())).layout['dialog.ok'];
  await page.mouse.click(ok.x + ok.width / 2, ok.y + ok.height / 2);
  let after = before;
  for (let i = 0; i < 50 && after.roleId !== newRole; i++) {
    await page.waitForTimeout(100);
    after = await viaProxy('/api/v1/organization/user?userId=' + target.id);
  }
  assert.equal(after.roleId, newRole);
});

test('the secret is nowhere in the page, its resources or the proxy\'s log', async () => {
  const html = await page.evaluate(async () => (await fetch('/', { credentials: 'same-origin' })).text());
  const session = await page.evaluate(async () => (await fetch('/api/session', { credentials: 'same-origin' })).text());
  const state = await page.evaluate(() => JSON.stringify(window.roster.state()));
  for (const text of [html, session, state, proxy.log(), await page.content()])
    assert.equal(text.includes(secret), false);
});

test('a client secret the upstream rejects is said on the console, in words', async () => {
  const wrong = await startWrongProxy();
  const other = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await signIn(other, wrong.url + '/', 'admin@ops.test', password);
    const s = await other.waitForFunction(() => {
      const st = window.roster.state();
      return st.error ? st : false;
    }, null, { timeout: 60000 }).then((h) => h.jsonValue());
    assert.match(s.error, /rejected the proxy's OAuth client credentials/);
    await other.screenshot({ path: artifactPath('proxy-rejected-secret.png') });
    assert.match(wrong.log(), /rejected the proxy's OAuth client credentials/);
  } finally {
    await other.close();
    wrong.stop();
  }
});
