// The HTML pages' own words (the sign-in form, the kiosk page's instructions) in the language the
// console would choose for the same visit: ?locale= (the kiosk page's locale=), else the browser's
// languages in their order, else English. The words are page-words.js, which tools/gen_locales.py
// writes from the console's own catalogs (assets/locales/<tag>.json, the page.* keys). An element
// names its word: data-words="page.signin.heading" (its text), data-words-placeholder="..." (an
// input's placeholder). Sets <html lang>. Its handle is window.RosterPage: {locale, word(key, values)}.
'use strict';
window.RosterPage = (function () {
  const catalogs = window.RosterPageWords || {};

  // "de-AT", "de_AT" and "DE" find de, as the console's find_locale does.
  // Own keys only: ?locale=__proto__ or constructor names no language.
  const has = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };
  function shipped(tag) {
    if (!tag) return '';
    const t = String(tag).replace(/_/g, '-').toLowerCase();
    if (has(catalogs, t)) return t;
    const language = t.split('-')[0];
    return has(catalogs, language) ? language : '';
  }

  function choose() {
    const asked = shipped(new URLSearchParams(location.search).get('locale'));
    if (asked) return asked;
    const browser = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (let i = 0; i < browser.length; ++i) {
      const found = shipped(browser[i]);
      if (found) return found;
    }
    return 'en';
  }

  const locale = choose();
  const words = Object.assign({}, catalogs.en || {}, catalogs[locale] || {});  // a missing word reads in English

  function word(key, values) {
    const text = has(words, key) ? words[key] : key;
    if (!values) return text;
    // One pass, as the console's tr: a value that holds "{name}" (a server's message) stays as it is.
    return text.replace(/\{([A-Za-z0-9_]+)\}/g, function (whole, name) { return has(values, name) ? String(values[name]) : whole; });
  }

  document.documentElement.lang = locale;
  document.querySelectorAll('[data-words]').forEach(function (el) { el.textContent = word(el.dataset.words); });
  document.querySelectorAll('[data-words-placeholder]').forEach(function (el) {
    el.placeholder = word(el.dataset.wordsPlaceholder);
  });
  return { locale: locale, word: word };
})();
