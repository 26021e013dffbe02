// Kiosk mode in real headless Chromium against a real roster-server, with a kiosk token issued by
// `roster-server kiosk-token`: a rotation of three routes, each seen in turn; a row edited on the
// server appearing in place after the next refresh while refreshes that change nothing draw nothing;
// a mutation and a sign-out with the kiosk token refused (403); the server stopped (banner, rows stay)
// and started again on its port (recovery without a reload); a server that takes requests and never
// answers (the console says so in words, keeps its rows, and Retry works); a revoked token (the
// operator's message). Screenshots at 1920x1080 go to ROSTER_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { seed, startServer, launchBrowser, artifactPath, serverBinary, signIn, withinOneMinute, consoleState, until }
  from './harness.mjs';

let seeded, db, server, browser, context;

function kioskToken(org = 1, label = 'e2e') {
  const out = execFileSync(serverBinary, ['kiosk-token', '--db', db, '--org', String(org), '--ttl', '1', '--label',
    label], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.trim().split('\n')[0];
}

before(async () => {
  const made = seed(3000, 12);
  db = made.db;
  seeded = made.info;
  server = await startServer(db);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const state = consoleState;

async function openKiosk(query, token) {
  const page = await context.newPage();
  const logged = [];
  page.on('console', (m) => logged.push(m.text()));
  await page.goto(`${server.url}/kiosk.html?${query}#token=${token}`);
  await page.waitForFunction(() => !!window.roster, null, { timeout: 30000 });
  return { page, logged };
}

// An OAuth client of the root organization: what an administrator's script would use.
async function adminToken(base = server.url) {
  const c = seeded.oauthClient;
  const r = await fetch(`${base}/oauth2/token?grant_type=client_credentials&client_id=${c.clientId}` +
    `&client_secret=${c.clientSecret}`, { method: 'POST' });
  return (await r.json()).access_token;
}

test('a rotation of three routes shows each in turn; the token leaves the address bar and the logs', async () => {
  const token = kioskToken();
  const orgs = await (await fetch(`${server.url}/api/v1/organization/sub-organizations?orgId=1`,
    { headers: { Authorization: `Bearer ${token}` } })).json();
  const org = orgs[0].id;
  const { page, logged } = await openKiosk(
    `route=/users&route=/devices&route=/orgs/${org}/users&rotate=5&refresh=30&scale=1.4`, token);
  assert.ok(!page.url().includes(token), 'the token is gone from the address');
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('roster.kioskToken')), token);
  assert.equal(await page.locator('#signin').count(), 0, 'no sign-in form on the kiosk page');

  const seen = [];
  for (const [index, screen, check] of [[0, 'users', (s) => s.filters.orgId === 0],
    [1, 'devices', (s) => s.devices.visibleRows.length > 0], [2, 'users', (s) => s.filters.orgId === org]]) {
    const s = await until(page, ([i, scr]) => {
      const st = window.roster.state();
      const rows = st.screen === 'devices' ? st.devices.visibleRows : st.visibleRows;
      return st.kiosk.routeIndex === i && st.screen === scr && !st.loading && rows.length > 0;
    }, [index, screen], `route ${index} (${screen})`);
    assert.ok(check(s), `route ${index} shows what it was configured to`);
    assert.equal(s.layout['search'], undefined, 'no search box');
    assert.equal(s.layout['menu.me'], undefined, 'no person menu');
    assert.ok(s.layout['kiosk.rotation'], 'the rotation indicator');
    await page.waitForTimeout(300);  // the settling frames
    await page.screenshot({ path: artifactPath(`kiosk-rotation-${index}.png`) });
    seen.push(s.route);
  }
  assert.equal(new Set(seen).size, 3);
  // Back to the first: the rotation goes round.
  await until(page, () => window.roster.state().kiosk.routeIndex === 0, null, 'the rotation to go round', 15000);
  // A touch holds the rotation.
  await page.mouse.click(960, 600);
  const paused = await until(page, () => window.roster.state().kiosk.paused, null, 'the pause');
  await page.waitForTimeout(6000);
  assert.equal((await state(page)).kiosk.routeIndex, paused.kiosk.routeIndex, 'paused: no turn');
  assert.ok(!logged.some((line) => line.includes(token)), 'the token is never logged');
  await page.close();

  // On a touch screen a tap pauses the rotation the same way.
  const touch = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const tablet = await touch.newPage();
  await tablet.goto(`${server.url}/kiosk.html?route=/users&route=/devices&rotate=5#token=${token}`);
  await until(tablet, () => !!window.roster && window.roster.state().visibleRows.length > 0, null, 'rows on the tablet');
  await tablet.touchscreen.tap(640, 500);
  await until(tablet, () => window.roster.state().kiosk.paused, null, 'the pause after a tap');
  await touch.close();
});

test('a row edited on the server appears in place after the next refresh; refreshes that change nothing draw nothing', async () => {
  const token = kioskToken();
  const { page } = await openKiosk('route=/users&refresh=2', token);
  // Every answer to the console's users pages, as the network saw it: a refresh is a revalidation (the
  // page asked again with If-None-Match).
  const answers = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/v1/organization/users')) {
      answers.push({ status: r.status(), revalidation: 'if-none-match' in r.request().headers() });
    }
  });
  const first = await until(page, () => {
    const s = window.roster.state();
    return !s.loading && s.visibleRows.length > 5;
  }, null, 'the first rows');
  await page.waitForTimeout(1000);  // settle
  // Several refreshes (every 2 s) against a server where nothing changed: no frame drawn.
  await withinOneMinute(7500);
  const framesBefore = (await state(page)).framesDrawn;
  const answersBefore = answers.length;
  await page.waitForTimeout(7000);
  const idle = await state(page);
  // The window did hold refreshes (else "nothing drawn" would say nothing), each answered 304.
  const inWindow = answers.slice(answersBefore);
  assert.ok(inWindow.filter((a) => a.revalidation && a.status === 304).length >= 2,
    `refreshes answered 304 in the window: ${JSON.stringify(inWindow)}`);
  assert.deepEqual(inWindow.filter((a) => !a.revalidation || a.status !== 304), [], 'nothing but revalidations, each 304');
  assert.equal(idle.framesDrawn, framesBefore, 'a 304 draws nothing');

  const target = first.visibleRows[3];
  const admin = await adminToken();
  const newName = 'Kiosk Edited Name';
  const put = await fetch(`${server.url}/api/v1/organization/user?userId=${target.id}`, {
    method: 'PUT', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: newName }),
  });
  assert.equal(put.status, 200);
  const after = await until(page, ([id, name]) => {
    const s = window.roster.state();
    return s.visibleRows.some((r) => r.id === id && r.name === name);
  }, [target.id, newName], 'the edited name');
  assert.deepEqual(after.visibleRows.map((r) => r.id), first.visibleRows.map((r) => r.id), 'in place: same rows, same order');
  assert.equal(after.firstVisibleRow, first.firstVisibleRow, 'scroll position kept');
  await page.screenshot({ path: artifactPath('kiosk-row-edited.png') });

  // The kiosk token itself can change nothing, and is not a person.
  const refused = await page.evaluate(async ([t, id]) => {
    const put = await fetch(`/api/v1/organization/user?userId=${id}`, {
      method: 'PUT', headers: { Authorization: 'Bearer ' + t, 'Content-Type': 'application/json', 'X-Requested-With': 'x' },
      body: JSON.stringify({ name: 'Nope' }) });
    const out = await fetch('/api/session', { method: 'DELETE', headers: { Authorization: 'Bearer ' + t, 'X-Requested-With': 'x' } });
    return [put.status, out.status];
  }, [token, target.id]);
  assert.deepEqual(refused, [403, 403]);
  await page.close();
});

test('the server stopped: the banner shows and the rows stay; started again: recovery without a reload', async () => {
  const token = kioskToken();
  const { page } = await openKiosk('route=/users&refresh=2', token);
  await until(page, () => !window.roster.state().loading && window.roster.state().visibleRows.length > 0, null, 'rows');
  await page.evaluate(() => { window.notReloaded = true; });
  const port = new URL(server.url).port;
  await server.stopped();
  const offline = await until(page, () => window.roster.state().kiosk.offlineSince !== null, null, 'the outage');
  assert.ok(offline.visibleRows.length > 0, 'the last data stays');
  await until(page, () => !!window.roster.state().layout['kiosk.offline'], null, 'the banner');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: artifactPath('kiosk-offline.png') });

  server = await startServer(db, [], `127.0.0.1:${port}`);
  const back = await until(page, () => window.roster.state().kiosk.offlineSince === null, null, 'the recovery', 90000);
  assert.ok(back.visibleRows.length > 0);
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'no reload');
  await page.close();
});

test('a server that takes requests and never answers: the console says so, keeps its rows, and Retry works', async () => {
  // In front of roster-server: passes everything through until told to hang, then takes API requests
  // and never answers them (the connection stays open, no byte comes back).
  let hang = false;
  const held = [];
  const front = http.createServer((req, res) => {
    if (hang && req.url.startsWith('/api/v1/')) {
      held.push(res);
      return;
    }
    const target = new URL(server.url);
    const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method,
      headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((resolve) => front.listen(0, '127.0.0.1', resolve));
  const frontUrl = `http://127.0.0.1:${front.address().port}`;
  const page = await context.newPage();
  try {
    await signIn(page, frontUrl + '/');
    await until(page, () => !window.roster.state().loading && window.roster.state().visibleRows.length > 0, null,
      'the console rows');
    const before = await state(page);
    hang = true;
    await page.evaluate(() => window.roster.navigate('#/users?sort=Name'));
    const hung = await until(page, () => /not answering/.test(window.roster.state().error || ''), null,
      'the timeout', 40000);
    assert.ok(hung.visibleRows.length > 0, 'the previous rows stay under the banner');
    // The same rows (the banner takes the height of a row or two at the bottom).
    assert.deepEqual(hung.visibleRows.map((r) => r.id), before.visibleRows.slice(0, hung.visibleRows.length).map((r) => r.id));
    assert.ok(hung.layout['retry'], 'Retry is offered');
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifactPath('console-not-answering.png') });
    hang = false;
    const r = hung.layout['retry'];
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2, { delay: 40 });
    const recovered = await until(page, () => {
      const s = window.roster.state();
      return !s.error && !s.loading && s.sort.by === 'Name' && s.visibleRows.length > 0;
    }, null, 'the rows after Retry', 30000);
    assert.notDeepEqual(recovered.visibleRows.map((x) => x.id), before.visibleRows.map((x) => x.id), 'sorted by name now');
  } finally {
    await page.close();
    held.forEach((res) => res.destroy());
    front.close();
  }
});

test('a revoked kiosk token gives the operator a full-screen message, never a sign-in form', async () => {
  const token = kioskToken(1, 'to-revoke');
  const { page } = await openKiosk('route=/users&refresh=2', token);
  await until(page, () => window.roster.state().visibleRows.length > 0, null, 'rows');
  const list = execFileSync(serverBinary, ['kiosk-token', '--db', db, '--list'], { encoding: 'utf8' });
  const id = list.split('\n').find((l) => l.includes('to-revoke')).trim().split(/\s+/)[0];
  execFileSync(serverBinary, ['kiosk-token', '--db', db, '--revoke', id]);
  const s = await until(page, () => !!window.roster.state().kiosk.refused, null, 'the operator message');
  assert.match(s.kiosk.refused, /was revoked on/);
  assert.match(s.kiosk.refused, /roster-server kiosk-token/);
  await until(page, () => !!window.roster.state().layout['kiosk.refused'], null, 'the message drawn');
  assert.equal(await page.locator('#signin').count(), 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: artifactPath('kiosk-revoked.png') });

  // No token at all: the page says what to do, in HTML.
  const bare = await context.newPage();
  await bare.evaluate(() => sessionStorage.clear()).catch(() => {});
  await bare.goto(server.url + '/kiosk.html');
  await bare.waitForSelector('#kiosk-message', { state: 'visible' });
  assert.match(await bare.textContent('#kiosk-message'), /roster-server kiosk-token/);
  await bare.screenshot({ path: artifactPath('kiosk-no-token.png') });
  await bare.close();
  await page.close();
});
