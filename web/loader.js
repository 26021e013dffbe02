// Starts the console on the default page. The embedding API (Roster.mount) arrives with the console.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  createRosterModule({ canvas: canvas }).then(function (module) {
    window.rosterModule = module;
  }).catch(function (err) {
    console.error('Roster failed to start', err);
  });
})();
