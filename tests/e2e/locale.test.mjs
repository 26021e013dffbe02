// The console in German and Ukrainian in real headless Chromium against a real roster-server: the list,
// a profile and the kiosk page read in the language in force (the accessibility mirror's words and
// state().locale), with counts grouped as CLDR says ("3.012" / "3 012"); the language chosen in the
// person menu redraws at once and keeps the query and the scroll. Which language: ?locale= on the page
// (the host), else the signed-in person's locale (staff@roster.demo's is Greek, which the console does
// not ship), else the browser's.
// Screenshots go to ROSTER_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { seed, startServer, launchBrowser, artifactPath, serverBinary, signIn, submitSignIn, consoleState, until }
  from './harness.mjs';

let db, server, browser;

before(async () => {
  const made = seed(3000, 12);
  db = made.db;
  server = await startServer(db);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

// CLDR's group symbols: German a dot, Ukrainian a no-break space.
const grouped = (n, sep) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

// What the mirror says: its elements' text and their accessible names.
const mirrorText = (page) => page.evaluate(() => {
  const root = document.querySelector('.roster-a11y');
  if (!root) return '';
  const names = [...root.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'));
  return root.textContent + '\n' + names.join('\n');
});

async function mirrorSays(page, words, what) {
  try {
    await page.waitForFunction((ws) => {
      const root = document.querySelector('.roster-a11y');
      if (!root) return false;
      const text = root.textContent + '\n' +
        [...root.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).join('\n');
      return ws.every((w) => text.includes(w));
    }, words, { timeout: 20000 });
  } catch (err) {
    throw new Error(`${err.message}\nthe mirror does not say ${JSON.stringify(words)} (${what}):\n` +
      (await mirrorText(page)).slice(0, 2000));
  }
}

async function clickOn(page, name) {
  await until(page, (n) => window.roster.state().layout[n], name, `the layout to have ${name}`);
  const r = (await consoleState(page)).layout[name];
  await page.mouse.click(r.x + Math.min(r.width / 2, 40), r.y + r.height / 2, { delay: 40 });
}

async function listLoaded(page) {
  return until(page, () => {
    const s = window.roster.state();
    return s.screen === 'users' && !s.loading && s.totalElements > 999 && s.visibleRows.length > 0;
  }, null, 'the users list');
}

function kioskToken() {
  const out = execFileSync(serverBinary, ['kiosk-token', '--db', db, '--org', '1', '--ttl', '1', '--label', 'locale'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.trim().split('\n')[0];
}

test('de-DE with ?locale=de: the list, a profile and the kiosk in German, counts grouped with a dot', async () => {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, server.url + '/', undefined, undefined, { locale: 'de' });
  const s = await listLoaded(page);
  assert.equal(s.locale, 'de');
  assert.equal(s.localeSource, 'host');
  const total = grouped(s.totalElements, '.');
  await mirrorSays(page, [`${total} Benutzer`, 'Benutzer nach Name', 'Letzte Anmeldung'], 'the German list');
  await page.screenshot({ path: artifactPath('locale-de-list.png') });

  const id = s.visibleRows[0].id;
  await page.evaluate((u) => window.roster.navigate(`#/users/${u}`), id);
  await until(page, () => window.roster.state().screen === 'user', null, 'the profile');
  await mirrorSays(page, ['Informationen', 'Aktionsprotokoll', 'Geräte', 'Zeitzone'], 'the German profile');
  await page.screenshot({ path: artifactPath('locale-de-profile.png') });

  const kiosk = await context.newPage();
  await kiosk.setViewportSize({ width: 1920, height: 1080 });
  await kiosk.goto(`${server.url}/kiosk.html?route=/users&locale=de#token=${kioskToken()}`);
  await kiosk.waitForFunction(() => !!window.roster && window.roster.state().totalElements > 999, null,
    { timeout: 30000 });
  const k = await consoleState(kiosk);
  assert.equal(k.locale, 'de');
  await mirrorSays(kiosk, [grouped(k.totalElements, '.'), 'Benutzer', 'Registriert'], 'the German kiosk');
  await kiosk.screenshot({ path: artifactPath('locale-de-kiosk.png') });
  await context.close();
});

test('uk-UA: the browser\'s language speaks Ukrainian where the person\'s is not shipped; the kiosk too; plurals and grouping', async () => {
  const context = await browser.newContext({ locale: 'uk-UA', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, server.url + '/', 'staff@roster.demo', undefined, { locale: null });
  const s = await listLoaded(page);
  assert.equal(s.locale, 'uk');
  assert.equal(s.localeSource, 'browser');
  // 3 0xx users: "many" ends in -ів unless the count ends in 1 (one) or 2..4 (few, not 12..14).
  const n = s.totalElements % 10, teen = s.totalElements % 100 >= 11 && s.totalElements % 100 <= 14;
  const noun = n === 1 && !teen ? 'користувач' : n >= 2 && n <= 4 && !teen ? 'користувачі' : 'користувачів';
  await mirrorSays(page, [`${grouped(s.totalElements, '\u00a0')} ${noun}`, 'Пошук користувачів', 'Останній вхід'],
    'the Ukrainian list');
  await page.screenshot({ path: artifactPath('locale-uk-list.png') });

  await page.evaluate((u) => window.roster.navigate(`#/users/${u}`), s.visibleRows[0].id);
  await until(page, () => window.roster.state().screen === 'user', null, 'the profile');
  await mirrorSays(page, ['Інформація', 'Журнал дій', 'Часовий пояс'], 'the Ukrainian profile');
  await page.screenshot({ path: artifactPath('locale-uk-profile.png') });

  const kiosk = await context.newPage();
  await kiosk.setViewportSize({ width: 1920, height: 1080 });
  await kiosk.goto(`${server.url}/kiosk.html?route=/users#token=${kioskToken()}`);
  await kiosk.waitForFunction(() => !!window.roster && window.roster.state().totalElements > 999, null,
    { timeout: 30000 });
  const k = await consoleState(kiosk);
  assert.equal(k.locale, 'uk');
  assert.equal(k.localeSource, 'browser');
  await mirrorSays(kiosk, [grouped(k.totalElements, '\u00a0'), 'Зареєстровано'], 'the Ukrainian kiosk');
  await kiosk.screenshot({ path: artifactPath('locale-uk-kiosk.png') });
  await context.close();
});

test('the person menu\'s language redraws at once and keeps the query and the scroll', async () => {
  const context = await browser.newContext({ locale: 'uk-UA', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, server.url + '/', 'staff@roster.demo', undefined, { locale: null });
  await listLoaded(page);
  await page.evaluate(() => window.roster.navigate('#/users?q=a&sort=Name&order=asc'));
  await until(page, () => {
    const s = window.roster.state();
    return s.route === '#/users?q=a&sort=Name&order=asc' && !s.loading && s.visibleRows.length > 0;
  }, null, 'the search for "a"');
  const grid = (await consoleState(page)).layout['row.0.name'];
  await page.mouse.move(grid.x + 100, grid.y + 100);
  for (let i = 0; i < 5; ++i) await page.mouse.wheel(0, 400);
  const scrolled = await until(page, () => window.roster.state().firstVisibleRow >= 10, null, 'the list scrolled');
  await clickOn(page, 'menu.me');
  await clickOn(page, 'menu.locale.de');
  const after = await until(page, () => window.roster.state().locale === 'de', null, 'German in force');
  assert.equal(after.localeSource, 'menu');
  assert.equal(after.route, scrolled.route);
  assert.equal(after.query, 'a');
  assert.equal(after.firstVisibleRow, scrolled.firstVisibleRow);
  assert.match(page.url(), /[?&]locale=de/);
  await mirrorSays(page, ['Benutzer nach Name'], 'the list after switching to German');
  await page.waitForTimeout(500);  // the canvas's German frame reaches the compositor after the mirror's
  await page.screenshot({ path: artifactPath('locale-switched-de.png') });
  await context.close();
});

// The pages' own words come from the same catalogs (page.* keys, page-words.js), chosen in the same
// order: ?locale= (the kiosk page's locale=), else the browser's languages, else English.
test('the sign-in page reads German with ?locale=de, Ukrainian from a uk-UA browser, English by default; the kiosk page too', async () => {
  const context = await browser.newContext({ locale: 'uk-UA', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const signInWords = () => page.evaluate(() => ({
    lang: document.documentElement.lang,
    heading: document.querySelector('#signin h1').textContent,
    email: document.querySelector('label[for=email]').textContent,
    password: document.querySelector('label[for=password]').textContent,
    placeholder: document.getElementById('password').placeholder,
    button: document.querySelector('#signin button[type=submit]').textContent,
  }));

  await page.goto(server.url + '/?locale=de');
  await page.waitForSelector('#signin', { state: 'visible' });
  assert.deepEqual(await signInWords(), { lang: 'de', heading: 'Anmelden', email: 'E-Mail', password: 'Passwort',
    placeholder: 'Ihr Passwort', button: 'Anmelden' });
  await page.screenshot({ path: artifactPath('locale-de-signin.png') });
  // A refused sign-in: the server's own words when it gives them, else the page's in German.
  await page.fill('#email', 'admin@roster.demo');
  await page.fill('#password', 'wrong');
  await page.route('**/api/session', (route) => route.request().method() === 'POST'
    ? route.fulfill({ status: 502, body: 'bad gateway' }) : route.continue());
  await page.click('button[type=submit]');
  await page.waitForSelector('#signin-error:not([hidden])');
  assert.equal(await page.textContent('#signin-error'), 'Anmeldung fehlgeschlagen (HTTP 502).');
  await page.unroute('**/api/session');

  await page.goto(server.url + '/');  // no ?locale=: the browser's uk-UA
  await page.waitForSelector('#signin', { state: 'visible' });
  const uk = await signInWords();
  assert.equal(uk.lang, 'uk');
  assert.equal(uk.heading, 'Вхід');
  assert.equal(uk.button, 'Увійти');
  await page.screenshot({ path: artifactPath('locale-uk-signin.png') });

  await page.goto(server.url + '/?locale=fr');  // not shipped: the browser's language decides
  assert.equal((await signInWords()).lang, 'uk');
  // Names every object has are no language: the catalogs' own keys are the only ones.
  for (const tag of ['__proto__', 'constructor', 'toString']) {
    await page.goto(server.url + '/?locale=' + tag);
    await page.waitForSelector('#signin', { state: 'visible' });
    const words = await signInWords();
    assert.equal(words.lang, 'uk', `?locale=${tag}`);
    assert.equal(words.heading, 'Вхід', `?locale=${tag}`);
  }

  // The kiosk page without a token: the operator's instructions in the page's language.
  await page.goto(server.url + '/kiosk.html?locale=de');
  await page.waitForSelector('#kiosk-message', { state: 'visible' });
  assert.equal(await page.textContent('#kiosk-message h1'), 'Diese Anzeige hat kein Kiosk-Token');
  assert.equal(await page.title(), 'Roster-Kiosk');
  await context.close();

  const english = await browser.newContext({ locale: 'fr-FR' });  // a language not shipped: English
  const en = await english.newPage();
  await en.goto(server.url + '/');
  await en.waitForSelector('#signin', { state: 'visible' });
  assert.equal(await en.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await en.textContent('#signin h1'), 'Sign in');
  await english.close();
});

test('a console that cannot run says so in the page\'s language: German with ?locale=de', async () => {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  await page.route(/roster(\.[0-9a-f]+)?\.wasm/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await submitSignIn(page, server.url + '/', undefined, undefined, { locale: 'de' });
  await page.waitForSelector('.roster-failure', { timeout: 30000 });
  assert.equal(await page.textContent('.roster-failure button'), 'Seite neu laden');
  assert.match(await page.textContent('.roster-failure p'), /konnte nicht heruntergeladen werden/);
  await page.screenshot({ path: artifactPath('locale-de-failure.png') });
  await context.close();
});
