// The default page: the HTML sign-in form (so password managers and autofill work), then the console,
// mounted over the whole window and owning the URL hash. Its handle is window.roster. `?renderer=software`
// (or webgl) in the address forces a renderer (README, "Renderers").
'use strict';
(function () {
  const form = document.getElementById('signin');
  const errorBox = document.getElementById('signin-error');
  const button = form.querySelector('button');
  const host = document.getElementById('console');
  const reasonBox = document.getElementById('signin-reason');

  function showReason(text) {
    reasonBox.textContent = text || '';
    reasonBox.hidden = !text;
  }

  // The console signs out when asked to, or when its session ends on the server (expired, signed
  // out elsewhere, ended by an admin): then the form says why, and signing in again returns to the
  // route the console was on (the URL hash keeps it; the event names it too).
  async function startConsole(route) {
    form.parentElement.hidden = true;
    host.hidden = false;
    showReason('');
    let handle;
    try {
      const options = { ownsLocation: true, renderer: renderer };
      if (locale) options.locale = locale;
      if (route) options.route = route;
      if (noMirror) options.accessibilityMirror = false;
      handle = await Roster.mount(host, options);
    } catch (err) {
      return;  // the console's element says why it cannot run, and what to do
    }
    handle.on('signedOut', function (e) {
      handle.destroy();
      window.roster = null;
      host.hidden = true;
      returnRoute = (e && e.route) || '';
      showReason(e && e.reason);
      showError('');
      form.parentElement.hidden = false;
      document.getElementById('password').value = '';
      document.getElementById(document.getElementById('email').value ? 'password' : 'email').focus();
    });
    window.roster = handle;
    document.dispatchEvent(new CustomEvent('roster-ready'));
  }

  let returnRoute = '';
  const renderer = new URLSearchParams(location.search).get('renderer') || 'auto';
  // ?locale=de: the language the console speaks (it writes the one in force there itself).
  const locale = new URLSearchParams(location.search).get('locale') || '';
  // ?mirror=off: no accessibility mirror (bench/console_bench.mjs measures what the mirror costs).
  const noMirror = new URLSearchParams(location.search).get('mirror') === 'off';

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    showError('');
    button.disabled = true;
    try {
      const response = await fetch('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({
          email: document.getElementById('email').value,
          password: document.getElementById('password').value,
        }),
      });
      if (response.ok) {
        await startConsole(returnRoute);
        return;
      }
      let message = RosterPage.word('page.signin.failed', { status: response.status });
      try {
        const body = await response.json();
        if (body && body.error && body.error.message) message = body.error.message;
      } catch (ignored) { /* not JSON: keep the status */ }
      showError(message);
    } catch (err) {
      showError(RosterPage.word('page.signin.unreachable_try'));
    } finally {
      button.disabled = false;
    }
  });

  // The module downloads and compiles while the session is checked (the check goes out first:
  // preload() blocks for a while creating the WebGL context).
  const session = fetch('/api/session', { credentials: 'same-origin' });
  Roster.preload();
  session.then(function (r) {
    if (r.ok) return startConsole();
    form.parentElement.hidden = false;
    document.getElementById('email').focus();
  }).catch(function () {
    form.parentElement.hidden = false;
    showError(RosterPage.word('page.signin.unreachable_reload'));
  });
})();
