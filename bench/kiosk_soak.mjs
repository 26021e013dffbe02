// The kiosk's soak benchmark, in real headless Chromium on SwiftShader against a real roster-server:
//  1. many refresh cycles at a short interval (by default 2,880: 24 hours of refreshes every 30 s),
//     printing the WebAssembly heap (malloc's bytes in use, and the memory's size) and the JS heap
//     (after a collection) over time, WebGL draw calls per second between refreshes, and the main
//     thread's CPU time per refresh (Chromium's TaskDuration over the cycles);
//  2. at 1920x1080 and 3840x2160: a refresh that brings one changed row (the frame's CPU time and the
//     rows of pixels redrawn, against the row's own height and the 32-pixel bands) and a rotation
//     step (the frames' CPU time and the time from the step to its rows drawn).
// Figures only, no pass or fail.
//   node bench/kiosk_soak.mjs [ROSTER_SERVER] [SITE_DIR] [CYCLES]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [serverBinary = 'build/native/roster-server', siteDir = 'build/web/site', cyclesArg = '2880'] = process.argv.slice(2);
const cycles = Number(cyclesArg);
const f = (x, d = 1) => Number(x).toFixed(d);
const mb = (bytes) => f(bytes / 1048576, 2);

const dir = mkdtempSync(join(tmpdir(), 'roster-soak-'));
const db = join(dir, 'soak.db');
const seeded = JSON.parse(execFileSync(serverBinary, ['seed', '--db', db, '--users', '5000', '--orgs', '12', '--seed', '7',
  '--json'], { encoding: 'utf8' }));
const token = execFileSync(serverBinary, ['kiosk-token', '--db', db, '--org', '1', '--ttl', '1', '--label', 'soak'],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const server = spawn(serverBinary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', siteDir],
  { stdio: ['ignore', 'pipe', 'ignore'] });
const url = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (c) => { out += c; const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/); if (m) resolve(m[1]); });
});

const c = seeded.oauthClient;
const admin = (await (await fetch(`${url}/oauth2/token?grant_type=client_credentials&client_id=${c.clientId}` +
  `&client_secret=${c.clientSecret}`, { method: 'POST' })).json()).access_token;
async function rename(userId, name) {
  const r = await fetch(`${url}/api/v1/organization/user?userId=${userId}`, {
    method: 'PUT', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }) });
  if (r.status !== 200) throw new Error('edit failed: ' + r.status);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});

// A kiosk page with WebGL instrumented: draw calls counted, and each damaged range (the scissor set
// just before a clear: one per range the renderer redraws) recorded with its height.
async function openKiosk(width, height, query) {
  const context = await browser.newContext({ viewport: { width, height } });
  await context.addInitScript(() => {
    window.__draws = 0;
    window.__ranges = [];
    for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
      for (const name of ['drawElements', 'drawArrays']) {
        const original = proto[name];
        proto[name] = function (...args) { window.__draws++; return original.apply(this, args); };
      }
      const scissor = proto.scissor, clear = proto.clear;
      proto.scissor = function (x, y, w, h) { this.__lastScissorH = h; return scissor.call(this, x, y, w, h); };
      proto.clear = function (mask) {
        if (window.__ranges.length < 100000) window.__ranges.push(this.__lastScissorH ?? -1);
        return clear.call(this, mask);
      };
    }
  });
  const page = await context.newPage();
  let requests = 0;
  page.on('request', (r) => { if (r.url().includes('/api/v1/organization/')) requests++; });
  await page.goto(`${url}/kiosk.html?${query}#token=${token}`);
  await page.waitForFunction(() => window.roster && window.roster.state().visibleRows.length > 0 &&
    !window.roster.state().loading, null, { timeout: 60000 });
  await page.waitForTimeout(1500);  // the settling frames
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp, requests: () => requests };
}

async function taskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration').value;
}
async function jsHeap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

// 1. The soak: refresh every 0.1 s, nothing changes on the server.
{
  const k = await openKiosk(1920, 1080, 'route=/users&refresh=0.1&scale=1.35');
  const { page, cdp } = k;
  await page.evaluate(() => { window.__draws = 0; });
  const startRequests = k.requests(), startTask = await taskSeconds(k.cdp), startWall = Date.now();
  const samples = [];
  const sample = async () => {
    const s = await page.evaluate(() => window.roster.state());
    samples.push({ refreshes: k.requests() - startRequests, wasmUsed: s.wasmHeap.used, wasmSize: s.wasmHeap.size,
      js: await jsHeap(cdp), frames: s.framesDrawn, draws: await page.evaluate(() => window.__draws) });
  };
  await sample();
  let next = 1;
  while (k.requests() - startRequests < cycles) {
    await page.waitForTimeout(500);
    if (k.requests() - startRequests >= (next * cycles) / 10) { await sample(); next++; }
  }
  const wall = (Date.now() - startWall) / 1000, refreshes = k.requests() - startRequests;
  const task = await taskSeconds(cdp) - startTask;
  await sample();
  console.log(`== soak: ${refreshes} refreshes (24 h at 30 s is 2,880) in ${f(wall)} s at 1920x1080, nothing changed on the server`);
  console.log('refreshes   wasm heap used MB   wasm memory MB   JS heap MB   frames drawn   WebGL draws');
  for (const s of samples)
    console.log(`${String(s.refreshes).padStart(9)}   ${mb(s.wasmUsed).padStart(17)}   ${mb(s.wasmSize).padStart(14)}   ` +
      `${mb(s.js).padStart(10)}   ${String(s.frames).padStart(12)}   ${String(s.draws).padStart(11)}`);
  const first = samples[1] ?? samples[0], last = samples[samples.length - 1];
  console.log(`heap growth after the first tenth: wasm ${f((last.wasmUsed - first.wasmUsed) / 1024)} KB, ` +
    `JS ${f((last.js - first.js) / 1024)} KB (target: at most 1 MB)`);
  console.log(`draw calls per second between refreshes: ${f((last.draws - samples[0].draws) / wall, 2)} ` +
    `(frames drawn: ${last.frames - samples[0].frames})`);
  console.log(`main-thread CPU per refresh: ${f((task * 1000) / refreshes, 2)} ms (TaskDuration ${f(task, 2)} s over ${refreshes})`);
  await k.context.close();
}

// 2. One changed row and one rotation step, at two sizes.
for (const [width, height] of [[1920, 1080], [3840, 2160]]) {
  const k = await openKiosk(width, height, 'route=/users&route=/devices&rotate=8&refresh=1&scale=1.35');
  const { page } = k;
  const s0 = await page.evaluate(() => window.roster.state());
  const row = s0.visibleRows[4];
  const rowPx = s0.layout['row.5.name'] && s0.layout['row.4.name']
    ? Math.round(s0.layout['row.5.name'].y - s0.layout['row.4.name'].y) : 0;  // CSS px = device px here
  await page.evaluate(() => { window.roster.takeFrameStats(); window.__ranges = []; window.__draws = 0; });
  const newName = row.name.startsWith('Soak') ? 'Renamed Again' : 'Soak Renamed';
  const editedAt = Date.now();
  await rename(row.id, newName);
  await page.waitForFunction(([id, n]) => window.roster.state().visibleRows.some((r) => r.id === id && r.name === n),
    [row.id, newName], { timeout: 30000 });
  const seenMs = Date.now() - editedAt;
  await page.waitForTimeout(600);  // the settling frames
  const stats = await page.evaluate(() => window.roster.takeFrameStats());
  const ranges = await page.evaluate(() => window.__ranges);
  console.log(`== ${width}x${height}: a refresh with one changed row (row 4; rows are ${rowPx} px apart, bands 32 px)`);
  console.log(`seen ${seenMs} ms after the edit (refresh every 1 s); frames run ${stats.count}, CPU p50 ${f(stats.p50, 2)} ms, ` +
    `max ${f(stats.max, 2)} ms; ranges redrawn ${ranges.length}, heights ${JSON.stringify(ranges)} px of ${height}`);

  // A rotation step: from the step to its rows drawn.
  await page.evaluate(() => { window.roster.takeFrameStats(); window.__ranges = []; });
  const before = (await page.evaluate(() => window.roster.state())).kiosk.routeIndex;
  await page.waitForFunction((b) => window.roster.state().kiosk.routeIndex !== b, before, { timeout: 30000 });
  const stepAt = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => {
    const s = window.roster.state();
    const rows = s.screen === 'devices' ? s.devices.visibleRows : s.visibleRows;
    return !s.loading && rows.length > 0;
  }, null, { timeout: 30000, polling: 'raf' });
  const rowsMs = (await page.evaluate(() => performance.now())) - stepAt;
  await page.waitForTimeout(800);
  const step = await page.evaluate(() => window.roster.takeFrameStats());
  const stepRanges = await page.evaluate(() => window.__ranges);
  console.log(`rotation step: rows on screen within ${f(rowsMs, 0)} ms of noticing the step; frames run ${step.count}, ` +
    `CPU p50 ${f(step.p50, 2)} ms, max ${f(step.max, 2)} ms; ${stepRanges.length} ranges redrawn, ` +
    `${stepRanges.reduce((a, b) => a + b, 0)} rows of pixels in all`);
  await k.context.close();
}

await browser.close();
server.kill('SIGTERM');
