// The example host page: mounts Roster in a box of its own (signed in with the same-origin session;
// a host on another origin passes {apiBase, token}) and drives it through the handle.
'use strict';
(async function () {
  const status = document.getElementById('host-status');
  const handle = await Roster.mount(document.getElementById('embedded-console'), { route: '#/users?sort=Name' });
  window.embeddedRoster = handle;
  handle.on('userOpen', function (e) { status.textContent = 'Opened user ' + e.userId; });
  handle.on('error', function (e) { status.textContent = e.message; });
  handle.on('signedOut', function () { status.textContent = 'Signed out: sign in on the main page first.'; });
  document.getElementById('show-admins').addEventListener('click', function () {
    handle.navigate('#/users?role=1');
  });
})();
