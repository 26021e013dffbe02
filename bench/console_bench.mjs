// Prints the console's figures in real headless Chromium against a running roster-server (with
// --web): navigation to first rows, keystroke-to-rows latency, frame CPU time while scrolling, WebGL
// draw calls per second when idle, the profile (frames from a click on a row to its header, to the
// Information filled, a tab switch to its rows, frame CPU while scrolling a busy user's actions log)
// and the size of the wasm and js. Figures only, no pass or fail.
//   node bench/console_bench.mjs URL SITE_DIR [BUSY_USER_ID] [--navigation]
// --navigation: only the navigation rows (a first visit, and a repeat visit with a warm cache).
// --page=?QUERY: the console page's query, e.g. --page='?mirror=off' (no accessibility mirror: what
// the mirror costs is the difference) or --page='?locale=de'.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { keystrokeToRows, noteKeystrokes, sampleQueries } from './lib/keystroke.mjs';

const navigationOnly = process.argv.includes('--navigation');
const pageQuery = (process.argv.find((a) => a.startsWith('--page=')) || '--page=').slice('--page='.length);
const [url, siteDir, busyUser] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const f = (x) => x.toFixed(1);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
// A browser context (its own HTTP cache, empty) with the page instrumented and a session signed in.
async function signedInContext() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => {
    // Count WebGL draw calls, and note when the first rows are on screen.
    window.__draws = 0;
    for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
      for (const name of ['drawElements', 'drawArrays']) {
        const original = proto[name];
        proto[name] = function (...args) { window.__draws++; return original.apply(this, args); };
      }
    }
    const poll = () => {
      try {
        if (window.roster && window.roster.state().visibleRows.length > 0) { window.__firstRowsAt = performance.now(); return; }
      } catch (e) { /* not mounted yet */ }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
  await context.addInitScript(noteKeystrokes);
  const signIn = await context.request.post(url + '/api/session', { data: { email: 'admin@roster.demo', password: 'roster-demo' } });
  if (!signIn.ok()) throw new Error('sign-in failed: ' + signIn.status());
  return context;
}

// 1. Navigation to the first frame that shows users: a fresh context each load (the HTTP cache
// empty), the session already signed in.
const firstRows = [];
for (let i = 0; i < 10; i++) {
  const fresh = await signedInContext();
  const p = await fresh.newPage();
  await p.goto(url + '/' + pageQuery);
  await p.waitForFunction(() => window.__firstRowsAt !== undefined, null, { timeout: 60000 });
  firstRows.push(await p.evaluate(() => window.__firstRowsAt));
  await fresh.close();
}
// 1b. The same on a repeat visit: one context (its HTTP cache warmed by a first load), a new page
// each load.
const context = await signedInContext();
const repeatRows = [];
for (let i = 0; i <= 10; i++) {
  const p = await context.newPage();
  await p.goto(url + '/' + pageQuery);
  await p.waitForFunction(() => window.__firstRowsAt !== undefined, null, { timeout: 60000 });
  if (i > 0) repeatRows.push(await p.evaluate(() => window.__firstRowsAt));  // load 0 warms the cache
  await p.close();
}
const page = await context.newPage();
await page.goto(url + '/' + pageQuery);
await page.waitForFunction(() => window.__firstRowsAt !== undefined, null, { timeout: 60000 });
const total = await page.evaluate(() => window.roster.state().totalElements);
// What the accessibility mirror holds (1, its live region, with --page='?mirror=off').
const mirrorElements = await page.evaluate(() => document.querySelectorAll('.roster-a11y [data-roster-id]').length);
const navigationRows = () => {
  console.log(`navigation to first rows      median ${f(pct(firstRows, 0.5))} ms   p95 ${f(pct(firstRows, 0.95))} ms   first visit, empty cache (10 loads: ${firstRows.map(f).join(', ')})`);
  console.log(`navigation to first rows      median ${f(pct(repeatRows, 0.5))} ms   p95 ${f(pct(repeatRows, 0.95))} ms   repeat visit, warm cache (10 loads: ${repeatRows.map(f).join(', ')})`);
};
if (navigationOnly) {
  await browser.close();
  console.log(`console against ${total.toLocaleString('en')} users, headless Chromium (SwiftShader WebGL), 1440x900, page /${pageQuery}, ${mirrorElements} mirror elements`);
  navigationRows();
  process.exit(0);
}

// 2. Keystroke to rows (lib/keystroke.mjs), for query fragments cut from real names on the server.
const queries = await sampleQueries(page);
const latencies = [];
for (const q of queries) latencies.push(await keystrokeToRows(page, q));
await page.keyboard.press('Escape');
await page.waitForFunction(() => { const s = window.roster.state(); return s.query === '' && !s.loading; });

// 3. Frame CPU time while scrolling the whole list: wheel for a while, then drag the scrollbar end to end.
await page.mouse.click(1300, 880);
await page.evaluate(() => window.roster.takeFrameStats());
await page.mouse.move(900, 600);
for (let i = 0; i < 240; i++) { await page.mouse.wheel(0, 100); await page.waitForTimeout(16); }
const wheelStats = await page.evaluate(() => window.roster.takeFrameStats());
const layout = (await page.evaluate(() => window.roster.state())).layout;
const header = layout['header.Name'];
const trackX = 1440 - 24 - 6;
await page.mouse.move(trackX, header.y + header.height + 10);
await page.mouse.down();
for (let i = 0; i <= 120; i++) { await page.mouse.move(trackX, header.y + header.height + 10 + i * 4.5); await page.waitForTimeout(16); }
await page.mouse.up();
const dragStats = await page.evaluate(() => window.roster.takeFrameStats());
const deepest = (await page.evaluate(() => window.roster.state())).firstVisibleRow;

// 4. The profile: from a click on a row's name to the frame drawing its header (frames), to the
// Information filled (the detail's answer drawn), and a tab switch to its rows (asked for on opening).
const headerFrames = [], infoMs = [], tabMs = [];
for (let i = 0; i < 20; i++) {
  await page.evaluate((n) => window.roster.navigate('#/users?sort=Name&order=' + (n % 2 ? 'desc' : 'asc')), i);
  await page.waitForFunction(() => { const s = window.roster.state(); return s.screen === 'users' && !s.loading && s.visibleRows.length > 3; });
  const name = (await page.evaluate(() => window.roster.state())).layout[`row.${i % 4}.name`];
  await page.mouse.move(name.x + 20, name.y + name.height / 2);
  await page.mouse.down();
  const before = await page.evaluate(() => { window.__clickAt = performance.now(); return window.rosterFramesDrawn; });
  await page.mouse.up();
  const header = await page.waitForFunction(() => {
    const s = window.roster.state();
    return s.layout['profile.name'] ? { frames: window.rosterFramesDrawn, at: performance.now() } : false;
  }, null, { polling: 'raf' });
  const h = await header.jsonValue();
  headerFrames.push(h.frames - before - 1);  // the click's own frame does not count
  await page.waitForFunction(() => window.roster.state().profile?.detailed, null, { polling: 'raf' });
  infoMs.push(await page.evaluate(() => performance.now() - window.__clickAt));
  const tab = (await page.evaluate(() => window.roster.state())).layout['tab.devices'];
  await page.mouse.click(tab.x + 10, tab.y + tab.height / 2);
  const t0 = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => { const d = window.roster.state().profile?.devices; return d && d.totalElements !== null && (d.totalElements === 0 || d.visibleRows.length > 0); }, null, { polling: 'raf' });
  tabMs.push(await page.evaluate((start) => performance.now() - start, t0));
}
// 4b. Administration: a role change from a row's menu, from the dialog's OK to the frame drawing the
// row with its new role (the change shows at once, before the server's answer), and to the answer.
const roleFrames = [], roleAnswerMs = [];
const at = async (name) => {
  await page.waitForFunction((n) => !!window.roster.state().layout[n], name);
  await page.waitForTimeout(50);
  const r = (await page.evaluate(() => window.roster.state())).layout[name];
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
};
await page.evaluate(() => window.roster.navigate('#/users?sort=Name&order=asc'));
await page.waitForFunction(() => { const s = window.roster.state(); return s.screen === 'users' && !s.loading && s.visibleRows.length > 8; });
for (let i = 0; i < 10; i++) {
  const row = (await page.evaluate(() => window.roster.state())).visibleRows[i % 8];
  const role = row.roleId === 2 ? 3 : 2;
  const name = await at(`row.${i % 8}.name`);
  await page.mouse.click(name.x + 200, name.y, { button: 'right' });
  const item = await at('menu.role');
  await page.mouse.click(item.x, item.y);
  const radio = await at('dialog.role.' + (role === 2 ? 'Staff' : 'User'));
  await page.mouse.click(radio.x, radio.y);
  const ok = await at('dialog.ok');
  await page.mouse.move(ok.x, ok.y);
  await page.mouse.down();
  const before = await page.evaluate(() => { window.__clickAt = performance.now(); return window.rosterFramesDrawn; });
  await page.mouse.up();
  const drawn = await page.waitForFunction(({ id, role }) => {
    const r = window.roster.state().visibleRows.find((x) => x.id === id);
    return r && r.roleId === role ? window.rosterFramesDrawn : false;
  }, { id: row.id, role }, { polling: 'raf' });
  roleFrames.push((await drawn.jsonValue()) - before - 1);  // the click's own frame does not count
  await page.waitForFunction(async ({ id, role }) => {
    const r = await fetch('/api/v1/organization/user?userId=' + id, { credentials: 'same-origin' });
    return (await r.json()).roleId === role;
  }, { id: row.id, role });
  roleAnswerMs.push(await page.evaluate(() => performance.now() - window.__clickAt));
  await page.waitForTimeout(300);
}

let actionsStats = null;
if (busyUser) {
  await page.evaluate((id) => window.roster.navigate(`#/users/${id}/actions?range=3mo`), busyUser);
  await page.waitForFunction(() => { const a = window.roster.state().profile?.actions; return a && a.visibleRows.length > 0 && !a.loading; }, null, { timeout: 30000 });
  const rows = (await page.evaluate(() => window.roster.state())).profile.actions.totalElements;
  await page.mouse.move(900, 750);
  await page.evaluate(() => window.roster.takeFrameStats());
  for (let i = 0; i < 240; i++) { await page.mouse.wheel(0, 100); await page.waitForTimeout(16); }
  actionsStats = { ...(await page.evaluate(() => window.roster.takeFrameStats())), rows };
}

// 5. Idle: draw calls per second once nothing changes.
await page.mouse.move(2, 898);
await page.waitForTimeout(7000);  // the administration's last toast (6 s) has gone
await page.evaluate(() => { window.__draws = 0; });
await page.waitForTimeout(5000);
const idleDraws = await page.evaluate(() => window.__draws) / 5;

await browser.close();

// 6. Sizes.
let raw = 0, gz = 0;
// The build's files under their content-hashed names (roster.<hash>.wasm), or plain in an older site.
const siteFiles = readdirSync(siteDir);
const named = (stem, ext) => siteFiles.find((n) => new RegExp(`^${stem}(\\.[0-9a-f]{8,})?\\.${ext}$`).test(n));
for (const file of [named('roster', 'wasm'), named('roster', 'js'), 'roster-embed.js']) {
  raw += statSync(join(siteDir, file)).size;
  gz += gzipSync(readFileSync(join(siteDir, file)), { level: 9 }).length;
}

console.log(`console against ${total.toLocaleString('en')} users, headless Chromium (SwiftShader WebGL), 1440x900, page /${pageQuery}, ${mirrorElements} mirror elements`);
navigationRows();
console.log(`keystroke to rows             p50 ${f(pct(latencies, 0.5))} ms   p95 ${f(pct(latencies, 0.95))} ms   (${latencies.length} queries)`);
console.log(`frame CPU, wheel scrolling    p50 ${f(wheelStats.p50)} ms   p95 ${f(wheelStats.p95)} ms   max ${f(wheelStats.max)} ms   (${wheelStats.count} frames)`);
console.log(`frame CPU, scrollbar drag     p50 ${f(dragStats.p50)} ms   p95 ${f(dragStats.p95)} ms   max ${f(dragStats.max)} ms   (${dragStats.count} frames, reached row ${deepest.toLocaleString('en')})`);
console.log(`idle WebGL draw calls         ${idleDraws} per second`);
console.log(`profile: click to header     p50 ${pct(headerFrames, 0.5)} frames   max ${Math.max(...headerFrames)} frames (after the click's own; 20 opens)`);
console.log(`profile: click to Information p50 ${f(pct(infoMs, 0.5))} ms   p95 ${f(pct(infoMs, 0.95))} ms   max ${f(Math.max(...infoMs))} ms`);
console.log(`profile: tab switch to rows  p50 ${f(pct(tabMs, 0.5))} ms   p95 ${f(pct(tabMs, 0.95))} ms   max ${f(Math.max(...tabMs))} ms (Devices tab)`);
console.log(`admin: OK to the row's new role p50 ${pct(roleFrames, 0.5)} frames   max ${Math.max(...roleFrames)} frames after the click's own (shown before the answer; the server had it p50 ${f(pct(roleAnswerMs, 0.5))} ms, max ${f(Math.max(...roleAnswerMs))} ms; 10 changes)`);
if (actionsStats) console.log(`frame CPU, actions log wheel p50 ${f(actionsStats.p50)} ms   p95 ${f(actionsStats.p95)} ms   max ${f(actionsStats.max)} ms   (${actionsStats.count} frames, ${actionsStats.rows} entries in 3 months)`);
console.log(`wasm + js                     ${(raw / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzip (roster.wasm, roster.js, roster-embed.js)`);
