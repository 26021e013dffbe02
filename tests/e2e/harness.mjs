// End-to-end harness: a real roster-server over a freshly seeded database, serving the web build,
// and Debian's Chromium driven by playwright-core. Paths come from the environment set by ./roster.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const serverBinary = process.env.ROSTER_SERVER ?? 'build/native/roster-server';
export const siteDir = process.env.ROSTER_SITE ?? 'build/web/site';
export const artifactsDir = process.env.ROSTER_ARTIFACTS ?? 'artifacts/e2e';

export function seed(users = 2000, orgs = 12) {
  const dir = mkdtempSync(join(tmpdir(), 'roster-e2e-'));
  const db = join(dir, 'e2e.db');
  const info = JSON.parse(execFileSync(serverBinary, ['seed', '--db', db, '--users', String(users), '--orgs',
    String(orgs), '--seed', '3', '--json', '--force'], { encoding: 'utf8' }));
  return { db, info };
}

// `listen` is 127.0.0.1:0 (a free port) unless a test restarts a server on the port it had.
export async function startServer(db, extraArgs = [], listen = '127.0.0.1:0') {
  const child = spawn(serverBinary, ['serve', '--db', db, '--listen', listen, '--web', siteDir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`roster-server exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return { url, stop: () => child.kill('SIGTERM'), stopped: () => { child.kill('SIGTERM'); return exited; } };
}

export async function launchBrowser() {
  // playwright-core gives every launch a fresh temporary profile (it refuses --user-data-dir here).
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  return browser;
}

export function artifactPath(name) {
  mkdirSync(artifactsDir, { recursive: true });
  return join(artifactsDir, name);
}

// The console speaks the signed-in person's language, and the demo admin's is Ukrainian (uk_UA): the
// suites that are not about language pin English the way a host does, with the default page's
// ?locale=en. `locale: null` leaves the choice to the console (locale.test.mjs); a tag asks for it.
export function withLocale(url, locale = 'en') {
  if (!locale) return url;
  const u = new URL(url);
  if (!u.searchParams.has('locale')) u.searchParams.set('locale', locale);
  return u.toString();
}

// Signs in through the page's HTML form and waits for the console's first frame.
export async function signIn(page, url, email = 'admin@roster.demo', password = 'roster-demo', options = {}) {
  await submitSignIn(page, url, email, password, options);
  await page.waitForFunction(() => (window.rosterFramesDrawn ?? 0) >= 1 && !!window.roster, null, { timeout: 30000 });
}

// The console's state() (null before it is mounted).
export const consoleState = (page) => page.evaluate(() => window.roster && window.roster.state());

// Waits for `predicate` in the page; a timeout says what was awaited and the console's state then.
// Returns the state once it holds.
export async function until(page, predicate, arg, what, timeout = 30000) {
  try {
    await page.waitForFunction(predicate, arg, { timeout });
  } catch (err) {
    const s = await consoleState(page).catch(() => null);
    if (s) delete s.layout;
    throw new Error(`${err.message}\nwaiting for ${what}; the console's state: ${JSON.stringify(s).slice(0, 3000)}`);
  }
  return consoleState(page);
}

// Fills and sends the page's sign-in form without waiting for the console (which may never draw).
export async function submitSignIn(page, url, email = 'admin@roster.demo', password = 'roster-demo', options = {}) {
  await page.goto(withLocale(url, options.locale === undefined ? 'en' : options.locale));
  await page.waitForSelector('#signin', { state: 'visible' });
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
}

// Waits until the console's hidden text field has the keyboard (ImGui asked for text: a search box
// is active), so that typed keys reach it.
export async function waitForTextField(page) {
  await page.waitForFunction(() => document.activeElement && document.activeElement.classList.contains('roster-input'));
}

// Waits, if need be, so that the next `ms` milliseconds lie inside one wall-clock minute: the console
// wakes once a minute to keep "n min ago" current, and a test that counts idle frames over a window
// must not straddle that moment.
export async function withinOneMinute(ms) {
  const left = 60000 - (Date.now() % 60000);
  if (left < ms + 500) await new Promise((resolve) => setTimeout(resolve, left + 200));
}

// For the proxy's HA suite (proxy_ha.test.mjs): a free port, a PostgreSQL cluster of the test's own
// and HAProxy in front of proxies, as tests/proxy_ha/ha_setup.h makes them in C++.

// A free TCP port of 127.0.0.1 now.
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// PostgreSQL 15 in a temporary folder on a free port, its socket in that folder (never the machine's
// own cluster). PostgreSQL refuses to run as root: as root it runs as the postgres system user.
// A role `roster` (its password in `passwordFile`) owns a database `roster`.
export async function startPostgres() {
  const { writeFileSync, chmodSync, rmSync } = await import('node:fs');
  const bin = '/usr/lib/postgresql/15/bin';
  const asPostgres = (cmd, args) => (process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] :
    [cmd, args]);
  const run = (cmd, args) => execFileSync(...asPostgres(cmd, args), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const dir = mkdtempSync(join(tmpdir(), 'roster-e2e-pg-'));
  const password = 'pg-' + Math.random().toString(16).slice(2) + Math.random().toString(16).slice(2);
  writeFileSync(join(dir, 'superuser.pw'), password + 'x\n', { mode: 0o600 });
  if (process.getuid() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  chmodSync(dir, 0o700);
  run(`${bin}/initdb`, ['-D', join(dir, 'data'), '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--auth-local=trust',
    '--auth-host=scram-sha-256', '--pwfile=' + join(dir, 'superuser.pw')]);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off ` +
    '-c synchronous_commit=off -c full_page_writes=off';
  const pgctl = (action) => run(`${bin}/pg_ctl`, ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t',
    '30', '-m', 'fast', '-o', options, action]);
  pgctl('start');
  const psql = (sql, db = 'roster') => run(`${bin}/psql`, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', dir,
    '-p', String(port), '-U', 'postgres', '-d', db, '-c', sql]);
  psql(`CREATE ROLE roster LOGIN PASSWORD '${password}'`, 'postgres');
  psql('CREATE DATABASE roster OWNER roster', 'postgres');
  const passwordFile = join(mkdtempSync(join(tmpdir(), 'roster-e2e-pgpw-')), 'roster.pw');
  writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
  return {
    port, password, passwordFile, psql,
    url: (schema) => `postgres://roster@127.0.0.1:${port}/roster` + (schema ? `?options=-csearch_path%3D${schema}` : ''),
    schema: (name) => { psql(`CREATE SCHEMA ${name} AUTHORIZATION roster`); return `postgres://roster@127.0.0.1:${port}/roster?options=-csearch_path%3D${name}`; },
    stop: () => {
      try { pgctl('stop'); } catch { /* already stopped */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// HAProxy balancing round-robin over 127.0.0.1:`ports`, checking each one's /readyz every 300 ms,
// retrying a GET an instance did not answer on another one (its config in `dir`). Resolves once
// every instance is UP.
export async function startHaproxy(ports, dir) {
  const { writeFileSync } = await import('node:fs');
  const port = await freePort(), statsPort = await freePort();
  writeFileSync(join(dir, '503.http'), 'HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-store\r\n' +
    'Content-Type: application/json\r\nConnection: close\r\n\r\n' +
    '{"error":{"message":"No Roster proxy is ready to answer. Try again in a moment."}}\n');
  const config = ['global', '  maxconn 4000', 'defaults', '  mode http', '  timeout connect 1s', '  timeout client 30s',
    '  timeout server 30s', '  timeout check 1s', '  retries 3', '  option redispatch 1',
    '  retry-on conn-failure empty-response', '  option forwardfor', `  errorfile 503 ${join(dir, '503.http')}`,
    'frontend roster', `  bind 127.0.0.1:${port}`, '  default_backend proxies', 'backend proxies',
    '  balance roundrobin', '  http-request disable-l7-retry if !METH_GET', '  option httpchk GET /readyz',
    '  http-check expect status 200', '  default-server inter 300ms fall 2 rise 2 maxconn 200',
    ...ports.map((p, i) => `  server p${i + 1} 127.0.0.1:${p} check`),
    'listen stats', `  bind 127.0.0.1:${statsPort}`, '  stats enable', '  stats uri /stats', ''].join('\n');
  writeFileSync(join(dir, 'haproxy.cfg'), config);
  const child = spawn('haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const states = async () => {
    try {
      const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
      return csv.split('\n').map((l) => l.split(',')).filter((f) => f[0] === 'proxies' && /^p\d+$/.test(f[1]))
        .map((f) => f[17]);
    } catch { return []; }
  };
  const waitFor = async (index, state, timeout = 15000) => {
    for (const end = Date.now() + timeout; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
      if (((await states())[index] ?? '').startsWith(state)) return true;
    return false;
  };
  for (let i = 0; i < ports.length; i++)
    if (!await waitFor(i, 'UP')) throw new Error(`HAProxy never saw instance ${i + 1} ready: ${log}`);
  return { url: `http://127.0.0.1:${port}`, states, waitFor, log: () => log, stop: () => child.kill('SIGTERM') };
}

function openssl(args) {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

// A CA and a certificate for 127.0.0.1 signed by it, made with openssl in `dir` (the proxy suites'
// upstream over verified TLS).
export function makeTestPki(dir) {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-days', '2', '-subj', '/CN=Roster e2e CA', '-keyout', join(dir, 'ca.key'),
    '-out', join(dir, 'ca.pem')]);
  openssl(['req', ...ec, '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'up.key'), '-out', join(dir, 'up.csr')]);
  writeFileSync(join(dir, 'up.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  openssl(['x509', '-req', '-days', '2', '-in', join(dir, 'up.csr'), '-CA', join(dir, 'ca.pem'), '-CAkey',
    join(dir, 'ca.key'), '-CAcreateserial', '-extfile', join(dir, 'up.ext'), '-out', join(dir, 'up.pem')]);
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'up.pem'), key: join(dir, 'up.key') };
}

// Starts roster-server with `args` (any command: serve, proxy); resolves with its URL once it listens,
// its stderr kept, and stop (SIGTERM) and kill (SIGKILL).
export function startRosterServer(args) {
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
