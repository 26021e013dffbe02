// Prints what the accessibility mirror costs in real headless Chromium against a running
// roster-server (with --web): per update while wheel-scrolling the users list (down, then back up),
// the C++ diff (platform/A11yMirror, with the decoding of its text for the page) and the JS apply
// (web/a11y-mirror.js's DOM work), both in the frame,
// p50/p95/max, and per frame that ran the diff (a frame between two steps may find nothing to send);
// the rows' moves into reading order, at idle time;
// the frames' CPU meanwhile (the views' node building is inside it); a control (a fixed piece of
// JavaScript as long as the mirror's median step, timed in each frame of more wheel-scrolling: the
// tail this machine gives any work of that size); and the DOM mutations the mirror makes over 5 s
// of idle. Figures only, no pass or fail.
//   node bench/a11y_bench.mjs URL [--pin]
// --pin: the page's renderer on the first core, the GPU process (SwiftShader's drawing) and the rest
// on the others (taskset), so wall times are the renderer's own work rather than waits for a core.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';

const [url] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const pin = process.argv.includes('--pin');
const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : 0; };
const f = (x) => x.toFixed(3);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const signIn = await context.request.post(url + '/api/session', { data: { email: 'admin@roster.demo', password: 'roster-demo' } });
if (!signIn.ok()) throw new Error('sign-in failed: ' + signIn.status());
// A page of the console at `path`, shown and settled. It is made cross-origin isolated here (the two
// headers added to its document's response; everything it loads is its own origin's), so that
// performance.now() counts in 5 us rather than 100 us: the mirror's figures are fractions of a
// millisecond.
async function openConsole(path) {
  const opened = await context.newPage();
  await opened.route(url + path, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp' } });
  });
  await opened.goto(url + path);
  await opened.waitForFunction(() => window.roster && window.roster.state().visibleRows.length > 0, null, { timeout: 60000 });
  await opened.waitForTimeout(1000);
  return opened;
}
const page = await openConsole('/');
const total = (await page.evaluate(() => window.roster.state().totalElements));
if (pin) {
  const cores = Number(execFileSync('nproc').toString().trim());
  const processes = execFileSync('ps', ['-eo', 'pid=,args=']).toString().split('\n')
    .filter((l) => /chrom/.test(l) && /--type=/.test(l));
  for (const line of processes) {
    const pid = line.trim().split(/\s+/)[0];
    const cpus = /--type=renderer/.test(line) ? '0' : cores > 1 ? `1-${cores - 1}` : '0';
    try { execFileSync('taskset', ['-a', '-p', '-c', cpus, pid], { stdio: 'ignore' }); } catch { /* gone */ }
  }
}

const isolated = await page.evaluate(() => self.crossOriginIsolated);
console.log(`clock: ${isolated ? '5 us (cross-origin isolated)' : '100 us (not isolated)'}`);

// Wheel-scrolling: 120 notches down and 120 back up, one every 50 ms (rows scroll in and out of the
// mirror each frame).
await page.mouse.move(800, 600);
await page.evaluate(() => { window.roster.takeA11yStats(); window.roster.takeA11yReorderStats(); window.roster.takeFrameStats(); });
for (let i = 0; i < 240; i++) {
  await page.mouse.wheel(0, i < 120 ? 100 : -100);
  await page.waitForTimeout(50);
}
await page.waitForTimeout(500);
const flushes = await page.evaluate(() => window.roster.takeA11yStats());
const updates = flushes.filter((u) => u[1] !== null);  // the frames whose diff found nothing: [diff, null, 0, 0]
const perFrame = flushes.map((u) => u[0] + (u[1] || 0));
const frames = await page.evaluate(() => window.roster.takeFrameStats());
const reorders = await page.evaluate(() => window.roster.takeA11yReorderStats());
const diff = updates.map((u) => u[0]), apply = updates.map((u) => u[1]), both = updates.map((u) => u[0] + u[1]);
const rows = updates.map((u) => u[2]);
console.log(`a11y mirror, wheel-scrolling ${total.toLocaleString('en-US')} users: ${updates.length} updates ` +
  `(rows sent p50 ${pct(rows, 0.5)}, max ${Math.max(0, ...rows)}); ` +
  `C++ diff p50 ${f(pct(diff, 0.5))} p95 ${f(pct(diff, 0.95))} max ${f(Math.max(0, ...diff))} ms; ` +
  `JS apply p50 ${f(pct(apply, 0.5))} p95 ${f(pct(apply, 0.95))} max ${f(Math.max(0, ...apply))} ms; ` +
  `together p95 ${f(pct(both, 0.95))} ms; per frame that brought the mirror in step (${perFrame.length}, ` +
  `those whose diff found nothing included) p50 ${f(pct(perFrame, 0.5))} p95 ${f(pct(perFrame, 0.95))} ms; frame CPU (views' nodes included) p50 ${f(frames.p50)} p95 ${f(frames.p95)} ms ` +
  `over ${frames.count} frames`);

// The frames' CPU of the same scrolling in a page without the mirror (`?mirror=off`: no view builds a
// node): the difference is all the mirror costs in the frames, the views' building of its nodes too.
{
  const bare = await openConsole('/?mirror=off');
  await bare.mouse.move(800, 600);
  await bare.evaluate(() => window.roster.takeFrameStats());
  for (let i = 0; i < 240; i++) {
    await bare.mouse.wheel(0, i < 120 ? 100 : -100);
    await bare.waitForTimeout(50);
  }
  const without = await bare.evaluate(() => window.roster.takeFrameStats());
  console.log(`frame CPU of the same scrolling, with / without the mirror: p50 ${f(frames.p50)} / ${f(without.p50)}, ` +
    `p95 ${f(frames.p95)} / ${f(without.p95)} ms (${frames.count} / ${without.count} frames)`);
  await bare.close();
}

console.log(`a11y mirror, rows put in reading order at idle time (out of the frames): ${reorders.length} times, ` +
  `p50 ${f(pct(reorders, 0.5))} p95 ${f(pct(reorders, 0.95))} max ${f(Math.max(0, ...reorders))} ms`);

// A control: the same wheel-scrolling again, with a fixed piece of JavaScript (a loop calibrated at
// rest to take the mirror's median step) run in each animation frame; what this machine's frames
// (two cores shared with SwiftShader's drawing) make of any work of that size at p95.
const control = await page.evaluate(async (target) => {
  const work = (n) => { let x = 0; for (let i = 0; i < n; i++) x += Math.sqrt(i + (x % 7)); return x; };
  let n = 1000;
  for (;;) {
    const t = performance.now();
    for (let k = 0; k < 10; k++) work(n);
    const ms = (performance.now() - t) / 10;
    if (ms >= 2) { n = Math.round(n * target / ms); break; }
    n *= 2;
  }
  // Refined on the median of single runs: one slow moment in the doubling above would leave the
  // work far shorter than the target.
  for (let round = 0; round < 3; ++round) {
    const times = [];
    for (let k = 0; k < 15; k++) { const t = performance.now(); work(n); times.push(performance.now() - t); }
    times.sort((a, b) => a - b);
    n = Math.max(1, Math.round(n * target / Math.max(times[7], 0.005)));
  }
  window.__control = [];
  window.__controlOn = true;
  const tick = () => {
    if (!window.__controlOn) return;
    const t = performance.now();
    work(n);
    window.__control.push(performance.now() - t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return n;
}, pct(both, 0.5));
for (let i = 0; i < 120; i++) {
  await page.mouse.wheel(0, 100);
  await page.waitForTimeout(50);
}
const controlMs = await page.evaluate(() => { window.__controlOn = false; return window.__control; });
console.log(`control, the same wheel-scrolling: a fixed ${f(pct(both, 0.5))} ms of JavaScript (${control} loop turns) in ` +
  `each of ${controlMs.length} animation frames took p50 ${f(pct(controlMs, 0.5))} p95 ${f(pct(controlMs, 0.95))} ` +
  `max ${f(Math.max(0, ...controlMs))} ms`);

// Idle: the console draws nothing, so the mirror must not touch the DOM.
await page.mouse.move(5, 890);
await page.waitForTimeout(1500);
const mutations = await page.evaluate(() => new Promise((resolve) => {
  let count = 0;
  const observer = new MutationObserver((list) => { count += list.length; });
  observer.observe(document.querySelector('.roster-a11y'), { subtree: true, childList: true, attributes: true, characterData: true });
  setTimeout(() => { observer.disconnect(); resolve(count); }, 5000);
}));
const nodes = await page.evaluate(() => document.querySelectorAll('.roster-a11y *').length);
console.log(`a11y mirror, 5 s idle: ${mutations} DOM mutations (${nodes} mirror elements)`);
await browser.close();
