// The console against a server without Roster's extensions (roster-server --public-api-only plays the
// public cloud): it says so on screen, hides the extension filters, and fills the visible rows'
// status from "Get user info".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seed, startServer, launchBrowser, artifactPath, signIn } from './harness.mjs';

let server, browser, page;
before(async () => {
  const { db } = seed(2000, 8);
  server = await startServer(db, ['--public-api-only']);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, server.url + '/');
});
after(async () => {
  await browser?.close();
  server?.stop();
});

test('the list works with plain summaries, says what is missing and fills status row by row', async () => {
  await page.waitForFunction(() => {
    const s = window.roster.state();
    return s.publicApiOnly && !s.loading && s.visibleRows.length > 10 && s.visibleRows.every((r) => r.status);
  }, null, { timeout: 30000 });
  const s = await page.evaluate(() => window.roster.state());
  assert.ok(s.layout['notice.publicApi'], 'the notice is on screen');
  assert.equal(s.layout['filter.role'], undefined, 'no role filter: the server has none');
  assert.equal(s.layout['preset.nodevices'], undefined, 'no "With no devices" preset either');
  // Each filled status is the server's own, from "Get user info".
  for (const row of s.visibleRows.slice(0, 8)) {
    const info = await page.evaluate(async (id) => (await fetch('/api/v1/organization/user?userId=' + id, { credentials: 'same-origin' })).json(), row.id);
    assert.equal(row.status, info.status, `status of user ${row.id}`);
  }
  await page.screenshot({ path: artifactPath('public-api.png') });
});

test('a profile still works: the Actions Log says the server lacks it; devices come by owner email', async () => {
  const s0 = await page.evaluate(() => window.roster.state());
  const user = s0.visibleRows[0];
  await page.evaluate((id) => window.roster.navigate(`#/users/${id}/actions`), user.id);
  await page.waitForFunction(() => {
    const s = window.roster.state();
    return s.profile && s.profile.detailed && s.layout['notice.noActionsLog'];
  }, null, { timeout: 30000 });
  await page.screenshot({ path: artifactPath('public-api-actions.png') });
  await page.evaluate((id) => window.roster.navigate(`#/users/${id}/devices`), user.id);
  const s = await page.waitForFunction(() => {
    const d = window.roster.state().profile?.devices;
    return d && d.totalElements !== null && !d.loading ? window.roster.state() : false;
  }, null, { timeout: 30000 }).then((h) => h.jsonValue());
  const owned = await page.evaluate(async (email) => (await fetch('/api/v1/organization/device/by-owner?' +
    new URLSearchParams({ ownerEmail: email, page: 0, size: 100 }), { credentials: 'same-origin' })).json(), user.email);
  assert.equal(s.profile.devices.totalElements, owned.totalElements);
});
