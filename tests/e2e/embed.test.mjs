// The embedding API on the example host page: a console mounted in a box of the host's page, driven
// through its handle, and a second console mounted beside it that does not interfere.
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

test('the example host page embeds the console and drives it through the handle', async () => {
  await page.goto(server.url + '/embed-example.html');
  await page.waitForFunction(() => window.embeddedRoster && window.embeddedRoster.state().visibleRows.length > 0, null, { timeout: 30000 });
  let s = await page.evaluate(() => window.embeddedRoster.state());
  assert.deepEqual(s.sort, { by: 'Name', order: 'asc' });
  assert.equal(await page.evaluate(() => location.hash), '', 'an embedded console leaves the host page URL alone');
  await page.click('#show-admins');
  await page.waitForFunction(() => {
    const st = window.embeddedRoster.state();
    return st.filters.roleIds.length === 1 && !st.loading && st.visibleRows.length > 0;
  });
  // Events reach the host: navigate from the handle, userOpen from a click on a name.
  await page.evaluate(() => {
    window.hostEvents = [];
    window.embeddedRoster.on('navigate', (e) => window.hostEvents.push(['navigate', e.route]));
    window.embeddedRoster.on('userOpen', (e) => window.hostEvents.push(['userOpen', e.userId]));
  });
  s = await page.evaluate(() => window.embeddedRoster.state());
  const box = await page.locator('#embedded-console .roster-canvas').boundingBox();
  const name = s.layout['row.0.name'];
  await page.mouse.move(box.x + name.x + 20, box.y + name.y + name.height / 2);
  await page.mouse.click(box.x + name.x + 20, box.y + name.y + name.height / 2, { delay: 40 });
  await page.waitForFunction(() => window.hostEvents.some((e) => e[0] === 'userOpen'));
  const events = await page.evaluate(() => window.hostEvents);
  assert.deepEqual(events.find((e) => e[0] === 'userOpen'), ['userOpen', s.visibleRows[0].id]);
  assert.ok(events.some((e) => e[0] === 'navigate' && e[1] === '#/users/' + s.visibleRows[0].id));
  assert.match(await page.textContent('#host-status'), /Opened user/);
  await page.screenshot({ path: artifactPath('embed-example.png') });
});

test('two consoles on one page keep their own state', async () => {
  await page.goto(server.url + '/embed-example.html');
  await page.waitForFunction(() => window.embeddedRoster && window.embeddedRoster.state().visibleRows.length > 0, null, { timeout: 30000 });
  await page.evaluate(async () => {
    const box = document.createElement('div');
    box.style.cssText = 'position:fixed; right:16px; bottom:16px; width:640px; height:380px; border:1px solid #ccc; background:#fff';
    document.body.appendChild(box);
    window.second = await Roster.mount(box, { route: '#/users?q=kyiv', theme: 'dark' });
  });
  await page.waitForFunction(() => {
    const s = window.second.state();
    return s.query === 'kyiv' && !s.loading && s.visibleRows.length > 0;
  }, null, { timeout: 30000 });
  const [first, second] = await page.evaluate(() => [window.embeddedRoster.state(), window.second.state()]);
  assert.equal(first.query, '');
  assert.equal(second.query, 'kyiv');
  assert.equal(second.theme, 'dark');
  assert.equal(first.theme, 'light');
  assert.notEqual(first.totalElements, second.totalElements);
  await page.screenshot({ path: artifactPath('embed-two-consoles.png') });
  // Destroying one leaves the other working.
  await page.evaluate(() => window.second.destroy());
  await page.evaluate(() => window.embeddedRoster.navigate('#/users?q=olena'));
  await page.waitForFunction(() => {
    const s = window.embeddedRoster.state();
    return s.query === 'olena' && !s.loading;
  }, null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.querySelectorAll('.roster-canvas').length), 1);
});
