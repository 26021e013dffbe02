// Input a keyboard and mouse test does not cover: pasting into the search box (the browser's paste
// event), and touch: a drag scrolls the list, a tap is one click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seed, startServer, launchBrowser, artifactPath, signIn, waitForTextField } from './harness.mjs';

let server, browser, page;
before(async () => {
  const { db } = seed(3000, 8);
  server = await startServer(db);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, hasTouch: true });
  page = await context.newPage();
  await signIn(page, server.url + '/');
  await page.waitForFunction(() => { const s = window.roster.state(); return !s.loading && s.visibleRows.length > 10; });
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const state = () => page.evaluate(() => window.roster.state());
const centerOf = (r) => ({ x: r.x + Math.min(r.width / 2, 40), y: r.y + r.height / 2 });

test('pasting into the search box searches for the pasted text', async () => {
  const search = centerOf((await state()).layout.search);
  await page.mouse.move(search.x, search.y);
  await page.mouse.click(search.x, search.y, { delay: 40 });
  await waitForTextField(page);
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Olena\n');  // a trailing newline from a copied cell is dropped
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => { const s = window.roster.state(); return s.query === 'Olena ' && !s.loading && s.totalElements !== null; });
  const s = await state();
  const expected = await page.evaluate(async () => (await fetch('/api/v1/organization/search/users?includeSubOrgUsers=true&size=100&query=' +
    encodeURIComponent('Olena '), { credentials: 'same-origin' })).json());
  assert.equal(s.totalElements, expected.totalElements);
  assert.deepEqual(s.visibleRows.slice(0, 5).map((r) => r.id), expected.content.slice(0, 5).map((r) => r.id));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => { const st = window.roster.state(); return st.query === '' && !st.loading; });
});

test('a touch drag scrolls the list; a tap opens the user it lands on', async () => {
  // Leave the search box first (a tap elsewhere), so the list has the pointer's attention.
  let s = await state();
  assert.equal(s.firstVisibleRow, 0);
  const header = s.layout['header.Email'];
  const cdp = await page.context().newCDPSession(page);
  const x = header.x + 40;
  let y = header.y + 600;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 0; i < 20; i++) {
    y -= 20;  // the finger moves up: the content follows it, later rows come into view
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForFunction(() => { const st = window.roster.state(); return st.firstVisibleRow > 0 && !st.loading && st.visibleRows.length > 0; });
  s = await state();
  assert.ok(s.firstVisibleRow >= 3, `scrolled to row ${s.firstVisibleRow}`);
  assert.equal(s.route, '#/users', 'a drag is not a click');
  await page.screenshot({ path: artifactPath('input-touch-scrolled.png') });

  const row = s.visibleRows[0];
  const name = s.layout['row.0.name'];  // layout names count the rows on screen, from the top
  assert.ok(name, 'the first visible row has its name on screen');
  const at = centerOf(name);
  await page.touchscreen.tap(at.x, at.y);
  await page.waitForFunction((id) => window.roster.state().route === '#/users/' + id, row.id, { timeout: 10000 });
});
