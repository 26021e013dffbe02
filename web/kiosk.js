// The kiosk page: read-only, unattended, full-screen. The kiosk token comes in the URL fragment
// (#token=..., which browsers never send to a server), leaves the address bar and the history at
// once, and is kept for this tab only (sessionStorage) so that a reload still works; it is never
// logged. Without a token the page says what an operator must do; it never shows a sign-in form.
// Routes and timing come from the query string: ?route=/users?q=ann&route=/devices&rotate=30
// &refresh=15&pause=120&scale=1.5&theme=dark&renderer=software. Its handle is window.roster.
'use strict';
(function () {
  const storageKey = 'roster.kioskToken';
  let token = '';
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (fragment.get('token')) {
    token = fragment.get('token');
    history.replaceState(null, '', location.pathname + location.search);
    try { sessionStorage.setItem(storageKey, token); } catch (e) { /* private mode: this load only */ }
  } else {
    try { token = sessionStorage.getItem(storageKey) || ''; } catch (e) { token = ''; }
  }
  // A bearer token is printable ASCII without spaces (an Authorization header could not carry
  // anything else); a mangled link shows the operator's instructions instead.
  if (!/^[A-Za-z0-9._~+\/=-]{1,512}$/.test(token)) token = '';
  if (!token) {
    document.getElementById('kiosk-message').hidden = false;
    return;
  }

  const query = new URLSearchParams(location.search);
  function number(name) {
    const v = Number(query.get(name));
    return query.has(name) && isFinite(v) ? v : undefined;
  }
  const routes = query.getAll('route').filter(function (r) { return r.length > 0; });
  const kiosk = {
    routes: routes.length ? routes : ['#/users'],
    rotateSeconds: number('rotate'),
    refreshSeconds: number('refresh'),
    pauseSeconds: number('pause'),
    scale: number('scale'),
  };
  const host = document.getElementById('console');
  host.hidden = false;
  const theme = query.get('theme');
  Roster.mount(host, { token: token, kiosk: kiosk, theme: theme === 'dark' || theme === 'light' ? theme : 'auto',
    renderer: query.get('renderer') || 'auto', locale: query.get('locale') || '' })
    .then(function (handle) {
      window.roster = handle;
      document.dispatchEvent(new CustomEvent('roster-ready'));
    }, function () { /* the console's element says why it cannot run */ });
})();
