// Prints what the accessibility mirror adds to keystroke-to-rows (lib/keystroke.mjs), measured as an
// interleaved A/B in headless Chromium: two pages of the users list (a browser each), one without the mirror
// (`?mirror=off`: no view builds a node, nothing is diffed or applied) and one with it, taking turns
// query by query (the order flipped each query), so that whatever else the machine does falls on
// both alike. Runs between which the machine changed scatter by more than the 5 % the mirror may
// add; pairs taken seconds apart do not. Figures only, no pass or fail.
//   node bench/mirror_keystroke_bench.mjs URL [ROUNDS]    (ROUNDS over the 40 queries, default 3)
import { chromium } from 'playwright-core';
import { keystrokeToRows, noteKeystrokes, sampleQueries } from './lib/keystroke.mjs';

const [url, roundsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const rounds = Number(roundsArg || 3);
const pct = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f = (x) => x.toFixed(1);

// A browser each: a headless browser animates only its newest page, and bringing one to the front
// redraws it, which the next keystroke would pay for.
const browsers = [];
const open = async (query) => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  browsers.push(browser);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(noteKeystrokes);
  const signIn = await context.request.post(url + '/api/session', { data: { email: 'admin@roster.demo', password: 'roster-demo' } });
  if (!signIn.ok()) throw new Error('sign-in failed: ' + signIn.status());
  const page = await context.newPage();
  await page.goto(url + '/' + query);
  await page.waitForFunction(() => window.roster && window.roster.state().visibleRows.length > 0, null, { timeout: 60000 });
  return page;
};
const arms = [
  { name: 'without the mirror (?mirror=off)', page: await open('?mirror=off'), ms: [] },
  { name: 'with the mirror', page: await open(''), ms: [] },
];
const mirrored = await arms[1].page.evaluate(() => document.querySelectorAll('.roster-a11y *').length);
const total = await arms[0].page.evaluate(() => window.roster.state().totalElements);
const queries = await sampleQueries(arms[0].page);
// A warm-up query each (the first search pays for caches, on the server and in the page).
for (const arm of arms) await keystrokeToRows(arm.page, queries[0]);

for (const arm of arms) await arm.page.evaluate(() => window.roster.takeFrameStats());
const differences = [];  // with minus without, per query
let turn = 0;
for (let r = 0; r < rounds; r++) {
  for (const q of queries) {
    const pair = [];
    for (const i of (turn++ % 2 ? [1, 0] : [0, 1])) {
      pair[i] = await keystrokeToRows(arms[i].page, q);
    }
    arms[0].ms.push(pair[0]);
    arms[1].ms.push(pair[1]);
    differences.push(pair[1] - pair[0]);
  }
}
// The frames' CPU over all the typing and answers (the views build the mirror's nodes inside it; the
// diff and the DOM work come after a prompted frame, at idle time, and are not in it).
for (const arm of arms) arm.frames = await arm.page.evaluate(() => window.roster.takeFrameStats());
for (const browser of browsers) await browser.close();

console.log(`keystroke to rows, mirror A/B: ${total.toLocaleString('en-US')} users, 1440x900, SwiftShader, ` +
  `${queries.length} queries x ${rounds} rounds, interleaved (${mirrored} mirror elements with it)`);
for (const arm of arms) {
  console.log(`  ${arm.name.padEnd(34)} p50 ${f(pct(arm.ms, 0.5))} ms   p95 ${f(pct(arm.ms, 0.95))} ms   ` +
    `mean ${f(mean(arm.ms))} ms   max ${f(Math.max(...arm.ms))} ms; frame CPU p50 ${f(arm.frames.p50)} ` +
    `p95 ${f(arm.frames.p95)} ms over ${arm.frames.count} frames`);
}
// How sure the median difference is: a 95 % interval from 2,000 resamples of the pairs (fixed seed).
let seed = 1;
const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const medians = [];
for (let b = 0; b < 2000; b++) medians.push(pct(differences.map(() => differences[Math.floor(random() * differences.length)]), 0.5));
const base = pct(arms[0].ms, 0.5);
const share = (ms) => `${(100 * ms / base).toFixed(1)} %`;
const d50 = pct(differences, 0.5);
console.log(`  with minus without, per query: median ${f(d50)} ms (${share(d50)} of the p50 without; 95 % interval ` +
  `${f(pct(medians, 0.025))} to ${f(pct(medians, 0.975))} ms, ${share(pct(medians, 0.025))} to ${share(pct(medians, 0.975))}), ` +
  `p50 ratio ${(100 * (pct(arms[1].ms, 0.5) / base - 1)).toFixed(1)} %, mean ratio ${(100 * (mean(arms[1].ms) / mean(arms[0].ms) - 1)).toFixed(1)} %`);
