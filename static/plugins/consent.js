// The consent plugin's banner and its client API (docs/extending.md, "Bundled plugins"). Pages are cached for every
// reader alike, so whether to show the banner is decided here, from the reader's own cookie. The choice is kept in
// the first-party cookie `dateline_consent` as `v1.<analytics 0|1>.<advertising 0|1>`; Global Privacy Control turns
// analytics and advertising off whatever is stored. Other plugins wait for a category with
// window.dateline.consent.on('advertising', fn): fn runs now if it is granted, else once it is.
(function () {
  var COOKIE = 'dateline_consent';
  var CATEGORIES = ['necessary', 'analytics', 'advertising'];
  var banner = document.getElementById('dl-consent');
  var reopen = document.getElementById('dl-consent-reopen');
  var gpc = navigator.globalPrivacyControl === true;
  var waiting = { necessary: [], analytics: [], advertising: [] };
  var stored = read();
  var openedBy = null;

  function read() {
    var m = /(?:^|;\s*)dateline_consent=v1\.([01])\.([01])(?:;|$)/.exec(document.cookie);
    return m ? { analytics: m[1] === '1', advertising: m[2] === '1' } : null;
  }
  function granted(category) {
    if (category === 'necessary') return true;
    return !gpc && stored !== null && stored[category] === true;
  }
  function release() {
    CATEGORIES.forEach(function (category) {
      if (!granted(category)) return;
      var fns = waiting[category];
      waiting[category] = [];
      fns.forEach(function (fn) {
        try {
          fn();
        } catch (error) {
          // One plugin's failing callback must not keep the others from running.
          setTimeout(function () {
            throw error;
          });
        }
      });
    });
  }
  function save(analytics, advertising) {
    var days = Number(banner && banner.getAttribute('data-days')) || 182;
    stored = { analytics: analytics, advertising: advertising };
    document.cookie =
      COOKIE +
      '=v1.' +
      (analytics ? 1 : 0) +
      '.' +
      (advertising ? 1 : 0) +
      '; Max-Age=' +
      days * 86400 +
      '; Path=/; SameSite=Lax' +
      (location.protocol === 'https:' ? '; Secure' : '');
    close();
    release();
  }
  function field(name) {
    return banner.querySelector('input[name="' + name + '"]');
  }
  function showChoices(show) {
    banner.querySelector('.dl-consent-choices').hidden = !show;
    banner.querySelector('[data-consent="choose"]').setAttribute('aria-expanded', String(show));
  }
  function open(byReader) {
    if (!banner) return;
    field('analytics').checked = granted('analytics');
    field('advertising').checked = granted('advertising');
    banner.hidden = false;
    if (gpc) banner.querySelector('.dl-consent-gpc').hidden = false;
    showChoices(byReader);
    openedBy = byReader ? document.activeElement : null;
    // Opened by the reader: focus goes to the banner. Shown on arrival: it waits, and takes no focus.
    if (byReader) banner.querySelector('h2').focus();
  }
  function close() {
    if (!banner) return;
    banner.hidden = true;
    if (reopen) reopen.hidden = false;
    if (openedBy && openedBy.focus) openedBy.focus();
    openedBy = null;
  }

  window.dateline = window.dateline || {};
  window.dateline.consent = {
    on: function (category, fn) {
      if (!(category in waiting)) throw new Error('unknown consent category ' + category);
      waiting[category].push(fn);
      release();
    },
    granted: granted,
    open: function () {
      open(true);
    },
  };

  if (banner) {
    banner.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-consent]');
      if (!button) return;
      var what = button.getAttribute('data-consent');
      if (what === 'all') save(true, true);
      else if (what === 'none') save(false, false);
      else if (what === 'save') save(field('analytics').checked, field('advertising').checked);
      else if (what === 'choose') showChoices(button.getAttribute('aria-expanded') !== 'true');
    });
    if (stored === null) open(false);
  }
  if (reopen) {
    reopen.hidden = stored === null;
    reopen.querySelector('button').addEventListener('click', function () {
      open(true);
    });
  }
  release();
  document.dispatchEvent(new CustomEvent('dateline:consent-ready'));
})();
