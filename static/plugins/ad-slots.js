// The ad-slots plugin's loader. The boxes are in the page, their height reserved by CSS; the ad script named in
// data-ad-script is added once, and only after the reader grants advertising through the consent plugin's API.
// Without the consent plugin on the page no ad script ever loads.
(function () {
  var me = document.currentScript;
  var src = me && me.getAttribute('data-ad-script');
  var loaded = false;
  if (!src || !document.querySelector('.dl-ad-box')) return;
  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement('script');
    script.src = src;
    script.async = true;
    document.head.appendChild(script);
  }
  function whenConsentReady() {
    var consent = window.dateline && window.dateline.consent;
    if (consent) consent.on('advertising', load);
    else document.addEventListener('dateline:consent-ready', whenConsentReady, { once: true });
  }
  whenConsentReady();
})();
