// The console through HAProxy in front of two `roster-server proxy` instances that share a PostgreSQL
// store (a cluster this test starts on a free port), in front of a public-API-only upstream over
// verified TLS: an operator signs in through the balancer, and the users list, search and a profile
// work with every request going round-robin to either instance. Then one instance is killed: the
// console goes on with the same session through the other, no sign-in asked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seed, serverBinary, siteDir, launchBrowser, artifactPath, signIn, waitForTextField, freePort,
  startPostgres, startHaproxy } from './harness.mjs';

const password = 'operator-pass-1';
let upstream, pg, balancer, browser, page, secret;
const proxies = [];

function openssl(args) {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

// A CA and a certificate for 127.0.0.1 signed by it.
function makePki(dir) {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-days', '2', '-subj', '/CN=Roster e2e CA', '-keyout', join(dir, 'ca.key'),
    '-out', join(dir, 'ca.pem')]);
  openssl(['req', ...ec, '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'up.key'), '-out', join(dir, 'up.csr')]);
  writeFileSync(join(dir, 'up.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  openssl(['x509', '-req', '-days', '2', '-in', join(dir, 'up.csr'), '-CA', join(dir, 'ca.pem'), '-CAkey',
    join(dir, 'ca.key'), '-CAcreateserial', '-extfile', join(dir, 'up.ext'), '-out', join(dir, 'up.pem')]);
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'up.pem'), key: join(dir, 'up.key') };
}

// Starts roster-server with `args`; resolves once it listens. Its stderr is kept.
function start(args) {
  const child = spawn(serverBinary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (https?:\/\/[\d.]+:\d+)/);
      if (m) resolve({ url: m[1], log: () => log, stop: () => child.kill('SIGTERM'), kill: () => child.kill('SIGKILL') });
    });
    child.on('exit', (code) => reject(new Error(`roster-server ${args[0]} exited with ${code}: ${log}`)));
  });
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roster-e2e-proxy-ha-'));
  const pki = makePki(dir);
  const { db, info } = seed(2000, 8);
  secret = info.oauthClient.clientSecret;
  writeFileSync(join(dir, 'client.secret'), secret + '\n', { mode: 0o600 });
  writeFileSync(join(dir, 'operator.password'), password + '\n', { mode: 0o600 });
  pg = await startPostgres();
  const store = ['--store', pg.schema('e2e'), '--store-password-file', pg.passwordFile];
  execFileSync(serverBinary, ['operator', 'add', ...store, '--email', 'admin@ops.test', '--role', 'admin',
    '--password-file', join(dir, 'operator.password')]);
  upstream = await start(['serve', '--db', db, '--listen', '127.0.0.1:0', '--public-api-only', '--tls-cert', pki.cert,
    '--tls-key', pki.key]);
  const ports = [await freePort(), await freePort()];
  for (const port of ports)
    proxies.push(await start(['proxy', '--upstream', upstream.url, '--client-id', info.oauthClient.clientId,
      '--client-secret-file', join(dir, 'client.secret'), '--upstream-ca', pki.ca, ...store,
      '--listen', `127.0.0.1:${port}`, '--web', siteDir, '--trusted-proxy', '127.0.0.1']));
  balancer = await startHaproxy(ports, dir);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, balancer.url + '/', 'admin@ops.test', password);
});
after(async () => {
  await browser?.close();
  balancer?.stop();
  for (const p of proxies) p.stop();
  upstream?.stop();
  pg?.stop();
});

// The balancer's answer to a call, fetched with the page's own session (as the console makes it).
function viaBalancer(path) {
  return page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).json(), path);
}

test('the users list through the balancer: both instances answer the one session', async () => {
  await page.waitForFunction(() => {
    const s = window.roster.state();
    return s.publicApiOnly && !s.loading && s.visibleRows.length > 10 &&
      s.visibleRows.every((r) => r.status && r.orgName);
  }, null, { timeout: 30000 });
  const s = await page.evaluate(() => window.roster.state());
  assert.ok(s.signedIn, 'the operator is signed in');
  const expected = await viaBalancer('/api/v1/organization/users?page=0&size=100&includeSubOrgUsers=true');
  assert.equal(s.totalElements, expected.totalElements);
  // Round-robin: the rows were filled by both instances, on the session signed in through one of them.
  const states = await balancer.states();
  assert.deepEqual(states.map((x) => x.slice(0, 2)), ['UP', 'UP']);
  for (let i = 0; i < 4; i++)
    assert.equal((await viaBalancer('/api/session')).user.email, 'admin@ops.test');
  await page.screenshot({ path: artifactPath('proxy-ha-users.png') });
});

test('search through the balancer answers what the upstream finds', async () => {
  const r = (await page.evaluate(() => window.roster.state())).layout.search;
  await page.mouse.click(r.x + Math.min(r.width / 2, 40), r.y + r.height / 2, { delay: 40 });
  await waitForTextField(page);
  await page.keyboard.type('an', { delay: 30 });
  const s = await page.waitForFunction(() => {
    const st = window.roster.state();
    return st.query === 'an' && !st.loading && st.totalElements !== null && st.visibleRows.length > 0 &&
      st.visibleRows.every((row) => row.orgName && row.status) ? st : false;
  }, null, { timeout: 30000 }).then((h) => h.jsonValue());
  const expected = await viaBalancer('/api/v1/organization/search/users?query=an&page=0&size=100');
  assert.equal(s.totalElements, expected.totalElements);
  assert.deepEqual(s.visibleRows.slice(0, 5).map((x) => x.id), expected.content.slice(0, 5).map((x) => x.id));
  await page.screenshot({ path: artifactPath('proxy-ha-search.png') });
});

test('a profile through the balancer names its organization', async () => {
  const user = (await page.evaluate(() => window.roster.state())).visibleRows[0];
  await page.evaluate((id) => window.roster.navigate(`#/users/${id}`), user.id);
  const s = await page.waitForFunction(() => {
    const st = window.roster.state();
    return st.profile && st.profile.detailed && st.profileOrgName ? st : false;
  }, null, { timeout: 30000 }).then((h) => h.jsonValue());
  assert.equal(s.profileOrgName, user.orgName);
  await page.screenshot({ path: artifactPath('proxy-ha-profile.png') });
});

test('an instance killed: the console goes on through the other with the same session', async () => {
  proxies[0].kill();
  assert.ok(await balancer.waitFor(0, 'DOWN'), 'the health check took it out');
  await page.evaluate(() => window.roster.navigate('#/users'));
  const s = await page.waitForFunction(() => {
    const st = window.roster.state();
    return st.signedIn && !st.loading && !st.error && st.visibleRows.length > 10 ? st : false;
  }, null, { timeout: 30000 }).then((h) => h.jsonValue());
  assert.ok(s.signedIn, 'no sign-in asked');
  assert.equal((await viaBalancer('/api/session')).user.email, 'admin@ops.test');
  await page.screenshot({ path: artifactPath('proxy-ha-one-left.png') });
});
