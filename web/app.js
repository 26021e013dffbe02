// The default page: the HTML sign-in form (so password managers and autofill work), then the console,
// mounted over the whole window and owning the URL hash. Its handle is window.roster.
'use strict';
(function () {
  const form = document.getElementById('signin');
  const errorBox = document.getElementById('signin-error');
  const button = form.querySelector('button');
  const host = document.getElementById('console');

  async function startConsole() {
    form.parentElement.hidden = true;
    host.hidden = false;
    const handle = await Roster.mount(host, { ownsLocation: true });
    handle.on('signedOut', function () {
      handle.destroy();
      window.roster = null;
      host.hidden = true;
      form.parentElement.hidden = false;
      document.getElementById('password').value = '';
    });
    window.roster = handle;
    document.dispatchEvent(new CustomEvent('roster-ready'));
  }

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
        await startConsole();
        return;
      }
      let message = 'Sign-in failed (HTTP ' + response.status + ').';
      try {
        const body = await response.json();
        if (body && body.error && body.error.message) message = body.error.message;
      } catch (ignored) { /* not JSON: keep the status */ }
      showError(message);
    } catch (err) {
      showError('The server could not be reached. Check the connection and try again.');
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
    showError('The server could not be reached. Check the connection and reload.');
  });
})();
