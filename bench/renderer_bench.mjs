// The two renderers side by side in one run, in real headless Chromium (WebGL here is SwiftShader, a
// software GPU): at framebuffers of 1920x1080 and 3840x2160, each reached at 1x and 2x, the frame CPU
// time and the animation-frame interval of a full redraw (a jump far down the list) and of wheel
// scrolling; keystroke to rows; and a kiosk refresh that brings one changed row (its frame's CPU).
// Figures only, no pass or fail.
//   node bench/renderer_bench.mjs [ROSTER_SERVER] [SITE_DIR] [--only=1920x1080x1,...] [--no-kiosk] [--no-gpu]
// --no-gpu: a Chromium without WebGL (--disable-gpu --disable-software-rasterizer), where only the
// software renderer draws and the browser composites in software too.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { keystrokeToRows, noteKeystrokes } from './lib/keystroke.mjs';

const [serverBinary = 'build/native/roster-server', siteDir = 'build/web/site'] =
  process.argv.slice(2).filter((a) => !a.startsWith('--'));
const only = (process.argv.find((a) => a.startsWith('--only=')) || '').slice(7).split(',').filter(Boolean);
const sizes = [[1920, 1080, 1], [960, 540, 2], [3840, 2160, 1], [1920, 1080, 2]]
  .filter(([w, h, r]) => !only.length || only.includes(`${w * r}x${h * r}x${r}`));
const f = (x, d = 1) => Number(x).toFixed(d);
const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : 0; };

const dir = mkdtempSync(join(tmpdir(), 'roster-renderers-'));
const db = join(dir, 'bench.db');
const seeded = JSON.parse(execFileSync(serverBinary, ['seed', '--db', db, '--users', '20000', '--orgs', '20', '--seed', '5',
  '--json'], { encoding: 'utf8' }));
const server = spawn(serverBinary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', siteDir, '--rate-limit', '100000'],
  { stdio: ['ignore', 'pipe', 'ignore'] });
const url = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (c) => { out += c; const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/); if (m) resolve(m[1]); });
});
const noGpu = process.argv.includes('--no-gpu');
const renderers = noGpu ? ['software'] : ['webgl', 'software'];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', ...(noGpu ? ['--disable-gpu', '--disable-software-rasterizer']
    : ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']), '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'],
});

// Animation-frame intervals, recorded by the page itself between start and stop.
const recordFrames = () => {
  window.__intervals = [];
  let last = performance.now();
  window.__recording = true;
  const tick = (t) => { window.__intervals.push(t - last); last = t; if (window.__recording) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
};
const stopFrames = () => { window.__recording = false; return window.__intervals.slice(1); };

async function signedIn(width, height, ratio, renderer) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: ratio });
  const r = await context.request.post(url + '/api/session', { data: { email: 'admin@roster.demo', password: 'roster-demo' } });
  if (!r.ok()) throw new Error('sign-in failed: ' + r.status());
  const page = await context.newPage();
  await page.goto(`${url}/?renderer=${renderer}#/users?sort=Name`);
  await page.waitForFunction(() => window.roster && window.roster.state().visibleRows.length > 0 && !window.roster.state().loading,
    null, { timeout: 60000 });
  await page.waitForTimeout(800);
  return { context, page };
}

console.log(`renderers against ${seeded.users.toLocaleString('en')} users; ` +
  (noGpu ? 'Chromium without WebGL (--disable-gpu --disable-software-rasterizer)' : 'WebGL is SwiftShader here'));
console.log('size (device px)     ratio  renderer  | full redraw CPU   rAF  | wheel CPU p50/p95/max   rAF p50/p95/max   frames>50ms | keystroke p50/p95');
for (const [width, height, ratio] of sizes) {
  for (const renderer of renderers) {
    const { context, page } = await signedIn(width, height, ratio, renderer);
    // Full redraws: jumps far down the list (every row changes), each waited for.
    const full = [], fullRaf = [];
    for (let i = 1; i <= 8; i++) {
      await page.evaluate(() => window.roster.takeFrameStats());
      await page.evaluate(recordFrames);
      await page.evaluate((row) => window.roster.scrollToRow(row), i * 1500);
      await page.waitForFunction((row) => { const s = window.roster.state(); return s.firstVisibleRow === row && !s.loading; }, i * 1500);
      await page.waitForTimeout(300);
      fullRaf.push(Math.max(...await page.evaluate(stopFrames)));
      full.push((await page.evaluate(() => window.roster.takeFrameStats())).max);
    }
    // Wheel scrolling: 150 notches 16 ms apart over the list.
    await page.mouse.move(width * 0.6, height * 0.6);
    await page.evaluate(() => window.roster.takeFrameStats());
    await page.evaluate(recordFrames);
    for (let i = 0; i < 150; i++) { await page.mouse.wheel(0, 100); await page.waitForTimeout(16); }
    await page.waitForTimeout(300);
    const raf = await page.evaluate(stopFrames);
    const wheel = await page.evaluate(() => window.roster.takeFrameStats());
    // Keystroke to rows (lib/keystroke.mjs): two letters typed into the search box, to the frame that
    // shows their rows.
    await page.evaluate(noteKeystrokes);
    const latencies = [];
    for (const q of ['ol', 'wa', 'no', 'sc', 'ma', 'an']) latencies.push(await keystrokeToRows(page, q));
    const state = await page.evaluate(() => window.roster.state());
    const slow = raf.filter((ms) => ms > 50).length;
    console.log(`${`${width * ratio}x${height * ratio}`.padEnd(20)} ${String(ratio).padEnd(6)} ${state.renderer.padEnd(9)} | ` +
      `${f(pct(full, 0.5)).padStart(6)} ms ${f(pct(fullRaf, 0.5)).padStart(6)} ms | ` +
      `${f(wheel.p50)}/${f(wheel.p95)}/${f(wheel.max)} ms`.padEnd(24) +
      `${f(pct(raf, 0.5))}/${f(pct(raf, 0.95))}/${f(Math.max(...raf))} ms`.padEnd(19) + ` ${slow} of ${raf.length}`.padEnd(13) +
      `| ${f(pct(latencies, 0.5))}/${f(pct(latencies, 0.95))} ms`);
    await context.close();
  }
}

// A kiosk refresh that brings one changed row, per renderer: the frames' CPU (the target for the
// software renderer is 5 ms).
const c = seeded.oauthClient;
const admin = (await (await fetch(`${url}/oauth2/token?grant_type=client_credentials&client_id=${c.clientId}` +
  `&client_secret=${c.clientSecret}`, { method: 'POST' })).json()).access_token;
const token = execFileSync(serverBinary, ['kiosk-token', '--db', db, '--org', '1', '--ttl', '1', '--label', 'bench'],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
for (const [width, height] of process.argv.includes('--no-kiosk') ? [] : [[1920, 1080], [3840, 2160]]) {
  for (const renderer of renderers) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(`${url}/kiosk.html?route=/users&refresh=1&scale=1.35&renderer=${renderer}#token=${token}`);
    await page.waitForFunction(() => window.roster && window.roster.state().visibleRows.length > 0 && !window.roster.state().loading,
      null, { timeout: 60000 });
    await page.waitForTimeout(1500);
    const cpu = [];
    for (let i = 0; i < 5; i++) {
      const row = (await page.evaluate(() => window.roster.state())).visibleRows[4];
      const name = `Kiosk Bench ${renderer} ${'abcde'[i]} ${width === 1920 ? 'hd' : 'uhd'}`;
      await page.evaluate(() => window.roster.takeFrameStats());
      await fetch(`${url}/api/v1/organization/user?userId=${row.id}`, {
        method: 'PUT', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      await page.waitForFunction(([id, n]) => window.roster.state().visibleRows.some((r) => r.id === id && r.name === n),
        [row.id, name], { timeout: 30000 });
      await page.waitForTimeout(400);
      cpu.push((await page.evaluate(() => window.roster.takeFrameStats())).max);
    }
    console.log(`kiosk ${width}x${height} ${renderer.padEnd(9)} a refresh with one changed row: frame CPU max p50 ${f(pct(cpu, 0.5), 2)} ms, ` +
      `max ${f(Math.max(...cpu), 2)} ms (5 refreshes)`);
    await context.close();
  }
}
await browser.close();
server.kill('SIGTERM');
