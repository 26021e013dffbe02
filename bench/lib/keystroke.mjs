// Keystroke to rows, as the benchmarks measure it: from the last keydown of a query typed into the
// users search to the animation frame after the frame that first drew the server's rows for it (the
// browser has presented that frame by then). Shared by console_bench.mjs and mirror_keystroke_bench.mjs.

// An init script for a browser context: notes when each keystroke starts. Characters the keyboard
// cannot type (Greek, Cyrillic) arrive as text input with no keydown, and start at their input event.
export function noteKeystrokes() {
  let lastKeydown = -1e9;
  document.addEventListener('keydown', () => { window.__lastKeyAt = lastKeydown = performance.now(); }, true);
  document.addEventListener('input', () => { if (performance.now() - lastKeydown > 50) window.__lastKeyAt = performance.now(); }, true);
}

// Up to 40 query fragments of 3 to 5 letters cut from real names on the server.
export async function sampleQueries(page) {
  const names = await page.evaluate(async () => {
    const out = [];
    for (const p of [0, 37, 1234, 5555, 9000]) {
      const r = await fetch('/api/v1/organization/users?includeSubOrgUsers=true&size=20&page=' + p, { credentials: 'same-origin' });
      for (const u of (await r.json()).content) out.push(u.name);
    }
    return out;
  });
  return names.map((name, i) => name.toLowerCase().slice(i % 3, (i % 3) + 3 + (i % 3))).filter((q) => q.trim().length >= 3).slice(0, 40);
}

// Clears the search, types `q` (40 ms between keys, as a quick typist) and returns the milliseconds
// from its last key to its rows presented. `page` shows the users list, signed in, keystrokes noted.
export async function keystrokeToRows(page, q) {
  const search = (await page.evaluate(() => window.roster.state())).layout.search;
  await page.mouse.click(search.x + 60, search.y + search.height / 2, { delay: 30 });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => { const s = window.roster.state(); return s.query === '' && !s.loading; });
  // The console's "rows" event comes in the task of the frame that first drew this query's rows; the
  // next animation frame is when the browser has presented it. (Listening, rather than polling
  // state() every frame, keeps the measurement from loading the page it measures.)
  await page.evaluate((text) => {
    window.__rowsAt = undefined;
    if (window.__offRows) window.__offRows();
    window.__offRows = window.roster.on('rows', (e) => {
      if (e.query === text && window.__rowsAt === undefined) requestAnimationFrame(() => { window.__rowsAt = performance.now(); });
    });
  }, q);
  await page.keyboard.type(q, { delay: 40 });
  await page.waitForFunction(() => window.__rowsAt !== undefined, null, { timeout: 30000 });
  const ms = await page.evaluate(() => window.__rowsAt - window.__lastKeyAt);
  await page.waitForFunction(() => !window.roster.state().loading);
  return ms;
}
