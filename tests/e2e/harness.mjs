// End-to-end harness: a real roster-server over a freshly seeded database, serving the web build,
// and Debian's Chromium driven by playwright-core. Paths come from the environment set by ./roster.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
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

// Signs in through the page's HTML form and waits for the console's first frame.
export async function signIn(page, url, email = 'admin@roster.demo', password = 'roster-demo') {
  await submitSignIn(page, url, email, password);
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
export async function submitSignIn(page, url, email = 'admin@roster.demo', password = 'roster-demo') {
  await page.goto(url);
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
