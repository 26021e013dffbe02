// Forms and sessions as on the web: paste (Ctrl+V, Shift+Insert) with Unicode, `/` and typing at once
// at any pace, a click whose press and release arrive together, and a session that ends on the server
// bringing back the sign-in form with the reason, then the same route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seed, startServer, launchBrowser, artifactPath, signIn, waitForTextField } from './harness.mjs';

let server, browser, context, page;
before(async () => {
  const { db } = seed(2000, 8);
  server = await startServer(db);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  await signIn(page, server.url + '/');
  await ready();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const state = () => page.evaluate(() => window.roster.state());
const ready = () => page.waitForFunction(() => { const s = window.roster?.state(); return s && !s.loading && s.visibleRows.length > 10; });
const centerOf = (r) => ({ x: r.x + Math.min(r.width / 2, 40), y: r.y + r.height / 2 });
const queryIs = (q) => page.waitForFunction((q) => window.roster.state().query === q, q, { timeout: 5000 });

// Leaves the search box: Escape clears it, a second Escape leaves it.
async function leaveFields() {
  for (let i = 0; i < 3; i++) {
    if (!(await page.evaluate(() => document.activeElement.classList.contains('roster-input')))) break;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
  await page.waitForFunction(() => { const s = window.roster.state(); return s.query === '' && !s.loading; });
  await page.waitForFunction(() => !document.activeElement.classList.contains('roster-input'));
}

test('Ctrl+V and Shift+Insert paste the clipboard (Unicode) into the search box', async () => {
  const search = centerOf((await state()).layout.search);
  await page.mouse.click(search.x, search.y);
  await waitForTextField(page);
  await page.evaluate(() => navigator.clipboard.writeText('Олена'));
  await page.keyboard.press('Control+V');
  await queryIs('Олена');
  await page.evaluate(() => navigator.clipboard.writeText(' Ø✓'));
  await page.keyboard.press('Shift+Insert');
  await queryIs('Олена Ø✓');
  // Select all and cut: the field is empty and the clipboard has the text.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+X');
  await queryIs('');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'Олена Ø✓');
  await leaveFields();
});

for (const delay of [0, 5, 20, 60, 120]) {
  test(`\`/\` then typing ${delay} ms apart gives exactly the typed text`, async () => {
    await leaveFields();
    await page.keyboard.press('/');
    if (delay) await page.waitForTimeout(delay);
    await page.keyboard.type('kova', { delay });
    await page.waitForTimeout(300);
    await queryIs('kova');
    await leaveFields();
  });
}

test('a click whose press and release arrive together sorts by a header', async () => {
  const s = await state();
  assert.ok(!s.route.includes('sort=Email'));
  const at = centerOf(s.layout['header.Email']);
  // Both in one task, with no move before: no frame runs between them (a trackpad's tap-to-click).
  await page.evaluate(({ x, y }) => {
    const canvas = document.querySelector('.roster-canvas');
    const box = canvas.getBoundingClientRect();
    const init = { clientX: box.left + x, clientY: box.top + y, button: 0, bubbles: true, cancelable: true };
    canvas.dispatchEvent(new MouseEvent('mousedown', init));
    canvas.dispatchEvent(new MouseEvent('mouseup', init));
  }, at);
  await page.waitForFunction(() => window.roster.state().route.includes('sort=Email'), null, { timeout: 5000 });
});

test('a session ended on the server brings back the sign-in form with the reason, then the same route', async () => {
  await page.evaluate(() => window.roster.navigate('#/users?q=ann&sort=Name&order=desc'));
  await page.waitForFunction(() => { const s = window.roster.state(); return s.query === 'ann' && !s.loading; });
  await page.evaluate(() => window.roster.on('signedOut', (e) => { window.signedOutEvent = e; }));
  // Signed out elsewhere: the same cookie, another client, DELETE /api/session.
  const cookies = await context.cookies(server.url);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const ended = await fetch(server.url + '/api/session', { method: 'DELETE', headers: { Cookie: cookie, 'X-Requested-With': 'roster' } });
  assert.ok(ended.ok, `DELETE /api/session: ${ended.status}`);
  // The console's next call meets the 401: sorting by another column asks for a new page (if no call
  // has met it already).
  await page.evaluate(() => window.roster?.navigate('#/users?q=ann&sort=Email&order=asc'));
  await page.waitForSelector('#signin', { state: 'visible', timeout: 10000 });
  const reason = await page.textContent('#signin-reason');
  assert.equal(reason, 'Your session has ended. Sign in again to continue.');
  assert.equal(await page.evaluate(() => window.roster), null);
  const event = await page.evaluate(() => window.signedOutEvent);
  assert.equal(event.reason, reason);
  assert.match(event.route, /^#\/users\?q=ann&sort=(Email&order=asc|Name&order=desc)$/);
  await page.screenshot({ path: artifactPath('forms-session-ended.png') });
  await page.fill('#email', 'admin@roster.demo');
  await page.fill('#password', 'roster-demo');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => { const s = window.roster?.state(); return s && s.signedIn && !s.loading && s.totalElements !== null; }, null, { timeout: 30000 });
  const back = await state();
  assert.equal(back.signedIn, true);
  assert.equal(back.route, event.route);
  assert.ok(await page.isHidden('#signin-reason'));
});
