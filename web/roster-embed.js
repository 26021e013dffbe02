// Roster's embedding API. A host page loads this file and calls
//   const handle = await Roster.mount(element, {apiBase, token, route, theme, kiosk, ownsLocation, renderer, locale});
// locale: a BCP 47 tag ('de', 'uk-UA'); else the signed-in person's locale, else the browser's languages,
// else English (README, "Languages"); state().locale says which is in force, the `locale` event when it changes.
// renderer: 'auto' (default), 'webgl' or 'software' (see README, "Renderers"); state().renderer says
// which one draws.
// kiosk: true or {routes: ['#/users?q=ann', '#/devices'], rotateSeconds, refreshSeconds, pauseSeconds,
// scale, pointerHideSeconds}: read-only and unattended (see README, "Kiosk displays").
// (Roster.preload() starts downloading and compiling the module before it is mounted.)
// The handle has navigate(route), state(), on(event, callback) -> unsubscribe, scrollToRow(n) and
// destroy(). Events: navigate, userOpen, error, signedOut, download (a CSV export started: {url, what}).
// Every mounted console is its own WebAssembly instance with its own canvas, so two consoles on one
// page do not interfere. When the console cannot run at all (no WebAssembly, its files not loadable,
// out of memory) the element shows a sentence saying what is missing and what to do, mount() rejects
// with that sentence, the element dispatches a `roster-error` DOM event ({detail: {message}}) and a
// mounted console's handle emits `error`.
'use strict';
(function () {
  const scriptUrl = (document.currentScript && document.currentScript.src) || location.href;
  // The build's files under their content-hashed names (roster.js -> roster.<hash>.js), served
  // immutable: scripts/assemble_site.sh writes the table into this line when it assembles the site,
  // so finding them costs no request of its own. A name missing here (web/ served as it is) is
  // fetched under its plain name.
  const assetNames = {};
  // A CSV export (the console's "download" event): with the session cookie the browser fetches the
  // file itself and streams it to disk (the server sends it as an attachment); with a host-given token,
  // which a plain link cannot carry, it is fetched with the token and saved from a blob.
  function download(config, path) {
    const url = (config.apiBase || '') + path;
    const save = function (href) {
      const a = document.createElement('a');
      a.href = href;
      a.download = '';
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
    };
    if (!config.token) { save(url); return; }
    fetch(url, { headers: { Authorization: 'Bearer ' + config.token } })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.blob(); })
      .then(function (blob) {
        const href = URL.createObjectURL(blob);
        save(href);
        setTimeout(function () { URL.revokeObjectURL(href); }, 60000);
      })
      .catch(function (e) { console.error('Roster: the CSV download failed', e); });
  }

  function assetUrl(name) { return new URL(assetNames[name] || name, scriptUrl).href; }
  let nextId = 1;
  let factoryPromise = null;

  function loadFactory() {
    if (window.createRosterModule) return Promise.resolve(window.createRosterModule);
    if (!factoryPromise) {
      factoryPromise = new Promise(function (resolve, reject) {
        const script = document.createElement('script');
        script.src = assetUrl('roster.js');
        script.onload = function () { resolve(window.createRosterModule); };
        script.onerror = function () { reject(new Error('Roster: roster.js could not be loaded')); };
        document.head.appendChild(script);
      });
    }
    return factoryPromise;
  }

  // The module is compiled once, while it downloads, and every console instantiates it: started by
  // preload() (the default page calls it before its session check) or by the first mount.
  let compiledPromise = null;
  function compileModule() {
    if (typeof WebAssembly !== 'object') return Promise.reject(new Error(embedWord('page.embed.no_wasm')));  // mount says so
    if (!compiledPromise) {
      const url = assetUrl('roster.wasm');
      const download = function () { return fetch(url, { credentials: 'same-origin' }); };
      compiledPromise = (WebAssembly.compileStreaming ? WebAssembly.compileStreaming(download()) : Promise.reject())
        .catch(function () {  // a server that does not say application/wasm: compile the bytes instead
          return download().then(function (r) {
            if (!r.ok) throw new Error('Roster: roster.wasm could not be loaded (HTTP ' + r.status + ')');
            return r.arrayBuffer();
          }).then(function (bytes) { return WebAssembly.compile(bytes); });
        });
      compiledPromise.catch(function () { compiledPromise = null; });  // a later mount tries again
    }
    return compiledPromise;
  }

  // The font atlas the build baked for this screen's pixel ratio (1x and 2x), fetched alongside the
  // module so the console need not rasterize its fonts (the slowest part of its start). Null for any
  // other ratio or when the fetch fails: the console then rasterizes them itself.
  const atlasPromises = {};
  function fontAtlas() {
    const ratio = window.devicePixelRatio || 1;
    if (ratio !== 1 && ratio !== 2) return Promise.resolve(null);
    if (!atlasPromises[ratio]) {
      const url = assetUrl('fonts/atlas-' + ratio + 'x.bin');
      atlasPromises[ratio] = fetch(url, { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.arrayBuffer() : null; })
        .catch(function () { return null; });
      atlasPromises[ratio].then(function (bytes) { if (!bytes) delete atlasPromises[ratio]; });
    }
    return atlasPromises[ratio];
  }

  // A console's canvas with its WebGL 2 context already created. Under software rendering creating
  // the context blocks for ~70 ms, so preload() makes the first console's canvas while the module is
  // still downloading and compiling, and that mount adopts it. The console asks the canvas for a
  // WebGL 2 context later and gets this one back: these must be the attributes it asks for
  // (ConsoleApp::start).
  let spareCanvas = null;
  function canvasWithContext() {
    const canvas = document.createElement('canvas');
    canvas.getContext('webgl2', { alpha: false, depth: true, stencil: false, antialias: false,
      premultipliedAlpha: false, preserveDrawingBuffer: true });
    return canvas;
  }

  // Starts downloading and compiling the console before it is mounted (nothing else happens).
  function preload() {
    loadFactory().catch(function () { /* reported by mount */ });
    compileModule().catch(function () { /* reported by mount */ });
    fontAtlas();
    if (!spareCanvas) spareCanvas = canvasWithContext();
  }

  function prefersDark() {
    return !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  }
  // The person's display preferences (WCAG 1.4.3, 1.4.11, 2.3.3), which the canvas cannot take from
  // CSS: the console's palette and motion follow them, at start and whenever they change.
  const preferenceQueries = {
    moreContrast: '(prefers-contrast: more)',
    forcedColors: '(forced-colors: active)',
    reducedMotion: '(prefers-reduced-motion: reduce)',
  };
  function preferences() {
    const result = {};
    Object.keys(preferenceQueries).forEach(function (key) {
      result[key] = !!(window.matchMedia && window.matchMedia(preferenceQueries[key]).matches);
    });
    return result;
  }

  // Under forced colours the browser recolours the page but not a canvas: the console draws with the
  // system's colours itself, read here from a probe that opts out of the recolouring (0xRRGGBB each:
  // Canvas, CanvasText, Highlight, HighlightText; -1 where the browser does not say).
  function systemColors() {
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;width:0;height:0;overflow:hidden;forced-color-adjust:none';
    document.body.appendChild(probe);
    const colors = ['Canvas', 'CanvasText', 'Highlight', 'HighlightText'].map(function (name) {
      probe.style.color = '';
      probe.style.color = name;
      const m = probe.style.color ? getComputedStyle(probe).color.match(/\d+/g) : null;
      return m && m.length >= 3 ? ((+m[0] << 16) | (+m[1] << 8) | +m[2]) : -1;
    });
    probe.remove();
    return colors;
  }
  function sendPreferences(module) {
    const p = preferences();
    const colors = p.forcedColors ? systemColors() : [-1, -1, -1, -1];
    module.ccall('roster_set_preferences', null, ['number', 'number', 'number', 'number', 'number', 'number', 'number'],
      [p.moreContrast ? 1 : 0, p.forcedColors ? 1 : 0, p.reducedMotion ? 1 : 0].concat(colors));
  }

  // The last resort, in words: what is missing and what to do, where the console would have been.
  function showFailure(element, message, locale) {
    let box = element.querySelector('.roster-failure');
    if (!box) {
      box = document.createElement('div');
      box.className = 'roster-failure';
      box.setAttribute('role', 'alert');
      box.appendChild(document.createElement('p'));
      const reload = document.createElement('button');
      reload.type = 'button';
      reload.textContent = embedWord('page.embed.reload', locale);
      reload.addEventListener('click', function () { location.reload(); });
      box.appendChild(reload);
      element.appendChild(box);
    }
    box.firstChild.textContent = message;
    element.dispatchEvent(new CustomEvent('roster-error', { bubbles: true, detail: { message: message } }));
  }
  // The words roster-embed.js writes itself (a console that cannot run, the canvas's name), in the
  // mount's locale, else the browser's languages, else English: the catalogs' page.* words
  // (assets/locales, through tools/gen_locales.py's page-words.js), which scripts/assemble_site.sh
  // writes into the line below; the English after them is for a copy served unassembled.
  const pageWords = {};
  const kEnglish = {
    'page.embed.reload': 'Reload the page',
    'page.embed.canvas_label': 'Roster console',
    'page.embed.no_wasm': 'This browser cannot run the Roster console: it has no WebAssembly (or it is turned off ' +
      'by a policy). Use a current Chrome, Edge, Firefox or Safari, or ask your administrator to allow WebAssembly.',
    'page.embed.not_loaded': 'The Roster console could not be downloaded (roster.js or roster.wasm did not load). ' +
      'Check the connection and reload the page; if it persists, the server is missing its files.',
    'page.embed.no_memory': 'The Roster console ran out of memory or stopped unexpectedly. Reload the page; close ' +
      'other tabs if it happens again.',
  };
  // "de-AT", "de_AT" and "DE" find de, as the console's find_locale does; '' when none is shipped.
  function shippedLocale(tag) {
    if (!tag) return '';
    const t = String(tag).replace(/_/g, '-').toLowerCase();
    // Own keys only: a locale of __proto__ or constructor names no language.
    const has = function (key) { return Object.prototype.hasOwnProperty.call(pageWords, key); };
    if (has(t)) return t;
    return has(t.split('-')[0]) ? t.split('-')[0] : '';
  }
  function embedWord(key, locale) {
    let chosen = shippedLocale(locale);
    const browser = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (let i = 0; !chosen && i < browser.length; ++i) chosen = shippedLocale(browser[i]);
    const words = pageWords[chosen || 'en'] || {};
    return words[key] || (pageWords.en || {})[key] || kEnglish[key];
  }


  // createMirror(canvas, act): the accessibility mirror, kept in its own source and put here when
  // the site is assembled (a page served from web/ as it is runs without it).
  // a11y-mirror.js

  async function mount(element, options) {
    options = options || {};
    if (!element) throw new Error('Roster.mount needs an element');
    if (typeof WebAssembly !== 'object' || !WebAssembly.instantiate) {
      const noWasm = embedWord('page.embed.no_wasm', options.locale);
      showFailure(element, noWasm, options.locale);
      throw new Error(noWasm);
    }
    const id = nextId++;
    element.classList.add('roster-host');
    if (getComputedStyle(element).position === 'static') element.style.position = 'relative';

    const canvas = spareCanvas || canvasWithContext();
    spareCanvas = null;
    canvas.id = 'roster-canvas-' + id;
    canvas.tabIndex = 0;
    canvas.className = 'roster-canvas';
    canvas.setAttribute('aria-label', embedWord('page.embed.canvas_label', options.locale));
    // A named region: the focusable picture is a landmark a screen reader can jump to, whose content
    // the accessibility mirror beside it says (unlabelled content outside landmarks fails WCAG's
    // region check).
    canvas.setAttribute('role', 'region');
    // The hidden text field: IMEs, AltGr, dead keys and on-screen keyboards type into it, and the
    // console reads what was typed. It sits at the caret so IME windows appear in the right place.
    const field = document.createElement('textarea');
    field.id = 'roster-input-' + id;
    field.className = 'roster-input';
    field.setAttribute('autocomplete', 'off');
    field.setAttribute('autocorrect', 'off');
    field.setAttribute('autocapitalize', 'off');
    field.setAttribute('spellcheck', 'false');
    field.setAttribute('aria-hidden', 'true');
    field.tabIndex = -1;
    element.appendChild(canvas);
    element.appendChild(field);
    let module = null;
    const hasMirror = options.accessibilityMirror !== false && typeof createMirror === 'function';
    const mirror = hasMirror ? createMirror(canvas, function (id, action, text) {
      if (module) module.ccall('roster_a11y_action', null, ['string', 'string', 'string'], [id, action, text]);
    }) : { root: document.createElement('div'), apply: function () {}, takeStats: function () { return []; } };
    // Its drawing buffer at its final size now, while the module downloads, as the console would
    // size it (ConsoleApp::fit_canvas): resizing it later, once the console has started drawing,
    // waits for the GPU process.
    const box = canvas.getBoundingClientRect(), ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(box.width * ratio));
    canvas.height = Math.max(1, Math.round(box.height * ratio));

    const listeners = {};
    function emit(name, data) {
      (listeners[name] || []).slice().forEach(function (cb) {
        try { cb(data); } catch (e) { console.error(e); }
      });
    }

    const themeOption = options.theme || 'auto';
    const ownsLocation = !!options.ownsLocation;
    const config = {
      canvasSelector: '#' + canvas.id,
      textFieldSelector: '#' + field.id,
      apiBase: options.apiBase || '',
      token: options.token || '',
      route: options.route || (ownsLocation ? location.hash : '') || '#/users',
      dark: themeOption === 'dark' || (themeOption === 'auto' && prefersDark()),
      kiosk: !!options.kiosk,
      kioskConfig: options.kiosk ? JSON.stringify(typeof options.kiosk === 'object' ? options.kiosk : {}) : '',
      ownsLocation: ownsLocation,
      renderer: options.renderer || 'auto',
      locale: options.locale || '',
      // accessibilityMirror false: no accessibility mirror at all (benchmarks measure the console without it).
      noMirror: !hasMirror,
      languages: (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''])
        .join(','),
    };
    Object.assign(config, preferences());

    // The software renderer's picture goes to a 2D canvas over the WebGL one (a canvas that has had a
    // WebGL context can never give a 2D one). Clicks, keys and focus stay with the canvas below.
    let softCanvas = null, softContext = null;
    function present(image, y0, width, height) {
      if (!softCanvas) {
        softCanvas = document.createElement('canvas');
        softCanvas.className = 'roster-software';
        // Placed here too, for host pages without roster.css.
        softCanvas.style.cssText = 'position:absolute;inset:0;width:100%;height:100%;pointer-events:none';
        softCanvas.setAttribute('aria-hidden', 'true');
        canvas.after(softCanvas);
      }
      if (softCanvas.width !== width || softCanvas.height !== height) {
        softCanvas.width = width;
        softCanvas.height = height;
        softContext = null;
      }
      // Not willReadFrequently: that CPU-backed canvas made putImageData 15x slower here (34.8 ms
      // a 1920x1080 wheel frame, against 2.2 ms).
      if (!softContext) softContext = softCanvas.getContext('2d', { alpha: false });
      softContext.putImageData(image, 0, y0);
    }
    function showRenderer(name) {
      if (softCanvas) softCanvas.hidden = name !== 'software';
    }

    // A kiosk's pointer hides after a few seconds without movement and comes back when it moves.
    let pointerTimer = null;
    const pointerHideMs = 1000 * ((options.kiosk && Number(options.kiosk.pointerHideSeconds)) || 3);
    function showPointer() {
      canvas.classList.remove('roster-pointer-hidden');
      clearTimeout(pointerTimer);
      pointerTimer = setTimeout(function () { canvas.classList.add('roster-pointer-hidden'); }, pointerHideMs);
    }
    if (options.kiosk) {
      canvas.addEventListener('pointermove', showPointer);
      canvas.addEventListener('pointerdown', showPointer);
      showPointer();
    }

    let composing = false;
    function sendText(text) {
      if (module && text) module.ccall('roster_text_input', null, ['string'], [text]);
    }
    function onInput(e) {
      if (composing || e.isComposing) return;
      sendText(field.value);
      field.value = '';
    }
    function onCompositionStart() { composing = true; }
    function onCompositionEnd(e) {
      composing = false;
      sendText(e.data || field.value);
      field.value = '';
    }
    // The clipboard's text reaches the console only with the paste event: the console pastes it
    // through its own paste (so the field's rules and the undo apply).
    function onPaste(e) {
      const text = e.clipboardData && e.clipboardData.getData('text/plain');
      if (module && text) module.ccall('roster_paste', null, ['string'], [text.replace(/\r?\n/g, ' ')]);
      e.preventDefault();
    }
    field.addEventListener('input', onInput);
    field.addEventListener('compositionstart', onCompositionStart);
    field.addEventListener('compositionend', onCompositionEnd);
    field.addEventListener('paste', onPaste);
    canvas.addEventListener('paste', onPaste);

    function setTextInput(active, x, y, h) {
      if (active) {
        field.style.left = x + 'px';
        field.style.top = y + 'px';
        field.style.height = Math.max(h, 1) + 'px';
        if (document.activeElement !== field) field.focus({ preventScroll: true });
      } else if (document.activeElement === field) {
        canvas.focus({ preventScroll: true });
      }
    }

    function onLocation() {
      if (module) module.ccall('roster_on_location', null, ['string'], [location.hash]);
    }
    if (ownsLocation) {
      window.addEventListener('popstate', onLocation);
      window.addEventListener('hashchange', onLocation);
    }
    const media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    function onScheme() {
      if (module && themeOption === 'auto') module.ccall('roster_set_theme', null, ['number'], [prefersDark() ? 1 : 0]);
    }
    if (media && media.addEventListener) media.addEventListener('change', onScheme);
    function onPreferences() {
      if (module) sendPreferences(module);
    }
    const preferenceMedia = window.matchMedia ? Object.keys(preferenceQueries).map(function (key) {
      return window.matchMedia(preferenceQueries[key]);
    }) : [];
    preferenceMedia.forEach(function (m) { if (m.addEventListener) m.addEventListener('change', onPreferences); });

    // Keyboard focus in and out of the canvas (no keyboard trap, WCAG 2.1.2): the console lets a Tab
    // past its last control (a Shift+Tab past its first) go to the page; Tab from before the console
    // enters at its first control, Shift+Tab from after it at its last. A press on the canvas also
    // focuses it, but shows no focus ring.
    // A focus that follows a Tab keydown (anywhere in the page, or from the browser's own UI, which
    // shows as a focus without a keydown) is the keyboard's; one from the page's script or a press is not.
    let lastTab = { at: -1e9, shift: false };
    function onDocumentKey(e) { if (e.key === 'Tab') lastTab = { at: performance.now(), shift: e.shiftKey }; }
    document.addEventListener('keydown', onDocumentKey, true);
    canvas.addEventListener('focus', function (e) {
      if (!module || e.relatedTarget === field || performance.now() - lastTab.at > 1000) return;
      module.ccall('roster_focus_enter', null, ['number'], [lastTab.shift ? 1 : 0]);
    });
    function onBlur(e) {
      if (module && e.relatedTarget !== field && e.relatedTarget !== canvas) module.ccall('roster_focus_leave', null, [], []);
    }
    canvas.addEventListener('blur', onBlur);
    field.addEventListener('blur', onBlur);
    function onResize() { if (module) module.ccall('roster_wake', null, [], []); }
    const resizeObserver = window.ResizeObserver ? new ResizeObserver(onResize) : null;
    if (resizeObserver) resizeObserver.observe(canvas);

    let factory, compiled, atlas;
    try {
      [factory, compiled, atlas] = await Promise.all([loadFactory(), compileModule(), fontAtlas()]);
      if (typeof factory !== 'function') throw new Error('roster.js defines no module');
    } catch (err) {
      console.error('Roster:', err);
      canvas.remove();
      field.remove();
      mirror.root.remove();
      const notLoaded = embedWord('page.embed.not_loaded', options.locale);
      showFailure(element, notLoaded, options.locale);
      throw new Error(notLoaded);
    }
    let failed = null, rejectStart = null;
    const startFailed = new Promise(function (resolve, reject) { rejectStart = reject; });
    function fail(message) {
      if (failed) return;
      failed = message;
      rejectStart(new Error(message));  // mount() rejects if it has not returned yet
      canvas.remove();
      field.remove();
      mirror.root.remove();
      if (softCanvas) softCanvas.remove();
      showFailure(element, message, options.locale);
      emit('error', { message: message });
    }
    module = await Promise.race([startFailed, factory({
      // Instantiated from the module compiled while it downloaded.
      instantiateWasm: function (imports, receive) {
        WebAssembly.instantiate(compiled, imports).then(function (instance) { receive(instance, compiled); },
          function (err) {
            console.error('Roster: the module could not be instantiated', err);
            fail(embedWord(/memory/i.test(String(err)) ? 'page.embed.no_memory' : 'page.embed.not_loaded', options.locale));
          });
        return {};
      },
      onAbort: function (what) {
        console.error('Roster: the console stopped', what);
        fail(embedWord('page.embed.no_memory', options.locale));
      },
      rosterPresent: present,
      rosterRenderer: showRenderer,
      canvas: canvas,
      rosterConfig: config,
      rosterFontAtlas: atlas ? new Uint8Array(atlas) : null,  // copied into the module's memory at start
      rosterEmit: function (name, json) {
        let data = {};
        try { data = JSON.parse(json); } catch (e) { data = { raw: json }; }
        if (name === 'download') download(config, data.url);
        // The page's URL says the language in force (?locale=de), so a reload keeps it.
        if (name === 'locale' && ownsLocation && data.locale) {
          const url = new URL(location.href);
          if (url.searchParams.get('locale') !== data.locale) {
            url.searchParams.set('locale', data.locale);
            history.replaceState(history.state, '', url.href);
          }
        }
        emit(name, data);
      },
      rosterTextInput: setTextInput,
      rosterA11y: mirror.apply,
      rosterA11yUnchanged: mirror.noteUnchanged,
      locateFile: assetUrl,  // roster.js asks for roster.wasm by its plain name
    })]);
    startFailed.catch(function () { /* after mount: reported by the error event */ });
    // The start-up config carried the preferences as flags; the system colours come now.
    if (preferences().forcedColors) sendPreferences(module);

    let destroyed = false;
    return {
      navigate: function (route) {
        if (!destroyed) module.ccall('roster_navigate', null, ['string'], [String(route)]);
      },
      state: function () {
        if (destroyed) return null;
        return JSON.parse(module.ccall('roster_state_json', 'string', [], []));
      },
      scrollToRow: function (row) {
        if (!destroyed) module.ccall('roster_scroll_to_row', null, ['number'], [Number(row)]);
      },
      on: function (name, callback) {
        (listeners[name] = listeners[name] || []).push(callback);
        return function () {
          listeners[name] = (listeners[name] || []).filter(function (cb) { return cb !== callback; });
        };
      },
      destroy: function () {
        if (destroyed) return;
        destroyed = true;
        module.ccall('roster_destroy', null, [], []);
        if (ownsLocation) {
          window.removeEventListener('popstate', onLocation);
          window.removeEventListener('hashchange', onLocation);
        }
        if (media && media.removeEventListener) media.removeEventListener('change', onScheme);
        preferenceMedia.forEach(function (m) { if (m.removeEventListener) m.removeEventListener('change', onPreferences); });
        document.removeEventListener('keydown', onDocumentKey, true);
        clearTimeout(pointerTimer);
        if (resizeObserver) resizeObserver.disconnect();
        canvas.remove();
        field.remove();
        mirror.root.remove();
        if (softCanvas) softCanvas.remove();
        element.classList.remove('roster-host');
      },
      get framesDrawn() { return module.framesDrawn || 0; },
      // CPU time of the frames drawn since the last call (benchmarks): {count, p50, p95, max} in ms.
      takeFrameStats: function () { return JSON.parse(module.ccall('roster_frame_stats', 'string', [], [])); },
      // What bringing the accessibility mirror in step cost since the last call (benchmarks): [C++ diff
      // ms, JS apply ms, rows sent, other nodes sent] each, the apply null when the diff found nothing.
      takeA11yStats: function () { return mirror.takeStats(); },
      // What putting the mirror's rows in reading order at idle time cost since the last call, ms each.
      takeA11yReorderStats: function () { return mirror.takeReorderStats(); },
    };
  }

  window.Roster = { mount: mount, preload: preload };
})();
