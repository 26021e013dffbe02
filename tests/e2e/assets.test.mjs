// The site's files under content-hashed names: each page loads its page, the stable roster-embed.js
// (host pages only) and hashed names, nothing else of the web root; the hashed files are cached for
// good, so a repeat visit and a reload send no request for them, only revalidate the page (a 304).
// What reaches the server is counted by a small proxy in front of it: a browser's own request events
// include answers from its cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { seed, startServer, launchBrowser, serverBinary } from './harness.mjs';

const hashed = /^\/(fonts\/)?[\w-]+\.[0-9a-f]{8,}\.\w+$/;
const immutable = 'public, max-age=31536000, immutable';

let db, server, browser, proxy;

// Forwards every request to roster-server and notes path, status and Cache-Control.
function countingProxy(target) {
  const seen = [];
  const agent = new http.Agent({ keepAlive: true });
  const front = http.createServer((req, res) => {
    const upstream = http.request(target + req.url, { method: req.method, headers: req.headers, agent }, (answer) => {
      seen.push({ path: req.url.split('?')[0], status: answer.statusCode, cache: answer.headers['cache-control'] });
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => { res.statusCode = 502; res.end(); });
    req.pipe(upstream);
  });
  return new Promise((resolve) => front.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${front.address().port}`,
    seen,
    take() { return seen.splice(0); },
    close() { agent.destroy(); front.closeAllConnections(); front.close(); },
  })));
}

// The files of the web root a load asked for (the API's calls aside).
const files = (seen) => seen.filter((r) => !r.path.startsWith('/api/'));

before(async () => {
  ({ db } = seed(1000, 6));
  server = await startServer(db);
  proxy = await countingProxy(server.url);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  proxy?.close();
  server?.stop();
});

async function signedInContext() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: 1 });
  const r = await context.request.post(proxy.url + '/api/session', { data: { email: 'admin@roster.demo', password: 'roster-demo' } });
  assert.equal(r.status(), 200);
  return context;
}

async function loadConsole(page, path, handle) {
  await page.goto(proxy.url + path);
  await page.waitForFunction((h) => {
    const r = window[h];
    return !!r && r.state().visibleRows.length > 0 && r.state().fontAtlas === 'baked';
  }, handle, { timeout: 30000 });
}

// A first visit's files: Chromium asks for the page's icon after the page has loaded, in its own time,
// so they are taken once the icon was asked for too (or after 2 s): a late icon request would
// otherwise be counted with the next visit.
async function firstVisitFiles(page) {
  const seen = files(proxy.take());
  for (let i = 0; i < 20 && !seen.some((r) => r.path.startsWith('/favicon')); i++) {
    await page.waitForTimeout(100);
    seen.push(...files(proxy.take()));
  }
  return seen;
}

test('the console page loads only hashed files besides itself; a repeat visit and a reload fetch none of them', async () => {
  const context = await signedInContext();
  proxy.take();
  const page = await context.newPage();
  await loadConsole(page, '/', 'roster');
  const first = await firstVisitFiles(page);
  const paths = first.map((r) => r.path);
  assert.equal(paths[0], '/');
  for (const r of first.slice(1)) assert.match(r.path, hashed, `${r.path} is not a hashed name`);
  for (const kind of [/^\/roster\.\w+\.js$/, /^\/roster\.\w+\.wasm$/, /^\/roster-embed\.\w+\.js$/, /^\/app\.\w+\.js$/,
    /^\/roster\.\w+\.css$/, /^\/fonts\/atlas-1x\.\w+\.bin$/]) {
    assert.ok(paths.some((p) => kind.test(p)), `${kind} loaded (${paths.join(' ')})`);
  }
  assert.equal(paths.filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm is fetched once (the preload is used)');
  for (const r of first) {
    assert.equal(r.status, 200, r.path);
    assert.equal(r.cache, r.path === '/' ? 'no-cache' : immutable, r.path);
  }
  await page.close();

  // A repeat visit in the same context: the page is revalidated (304), the hashed files come from
  // the cache without a request.
  const again = await context.newPage();
  await loadConsole(again, '/', 'roster');
  assert.deepEqual(files(proxy.take()).map((r) => [r.path, r.status]), [['/', 304]]);
  // A reload too (it revalidates the page; immutable files are not asked for).
  await again.reload();
  await again.waitForFunction(() => !!window.roster && window.roster.state().visibleRows.length > 0, null, { timeout: 30000 });
  assert.deepEqual(files(proxy.take()).map((r) => [r.path, r.status]), [['/', 304]]);
  await context.close();
});

test('a host page includes the stable roster-embed.js (no-cache), which finds the hashed files', async () => {
  const context = await signedInContext();
  proxy.take();
  const page = await context.newPage();
  await loadConsole(page, '/embed-example.html', 'embeddedRoster');
  const first = await firstVisitFiles(page);
  for (const r of first) {
    if (r.path === '/embed-example.html' || r.path === '/roster-embed.js') {
      assert.equal(r.cache, 'no-cache', r.path);
    } else {
      assert.match(r.path, hashed, `${r.path} is not a hashed name`);
      assert.equal(r.cache, immutable, r.path);
    }
  }
  const paths = first.map((r) => r.path);
  assert.ok(paths.includes('/roster-embed.js'));
  assert.ok(paths.some((p) => /^\/roster\.\w+\.wasm$/.test(p)), 'roster-embed.js fetched the hashed wasm');
  assert.ok(paths.some((p) => /^\/roster\.\w+\.js$/.test(p)), 'and the hashed roster.js');
  await page.close();

  const again = await context.newPage();
  await loadConsole(again, '/embed-example.html', 'embeddedRoster');
  assert.deepEqual(files(proxy.take()).map((r) => [r.path, r.status]).sort(),
    [['/embed-example.html', 304], ['/roster-embed.js', 304]]);
  await context.close();
});

test('the kiosk page loads hashed files too', async () => {
  const out = execFileSync(serverBinary, ['kiosk-token', '--db', db, '--org', '1', '--ttl', '1', '--label', 'assets'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const token = out.trim().split('\n')[0];
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: 1 });
  proxy.take();
  const page = await context.newPage();
  await page.goto(`${proxy.url}/kiosk.html?route=/users#token=${token}`);
  await page.waitForFunction(() => !!window.roster && window.roster.state().visibleRows.length > 0, null, { timeout: 30000 });
  const first = files(proxy.take());
  assert.equal(first[0].path, '/kiosk.html');
  for (const r of first.slice(1)) assert.match(r.path, hashed, `${r.path} is not a hashed name`);
  assert.ok(first.some((r) => /^\/kiosk\.\w+\.js$/.test(r.path)));
  await context.close();
});
