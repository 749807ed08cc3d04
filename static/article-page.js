// What the article page does with JavaScript, and nothing it needs: without it the share links still work and the
// rail simply scrolls with the page.
(function () {
  // The share box's two buttons: the browser's own share sheet, and copying the article's address. Both start
  // hidden and are shown only where the browser can do what they promise.
  var box = document.querySelector('[data-share-url]');
  if (box) {
    var url = box.getAttribute('data-share-url');
    var title = box.getAttribute('data-share-title') || document.title;
    var status = box.querySelector('.share-status');

    // A live region announces a change only: cleared first, the same message is read again on a second copy.
    var say = function (text) {
      if (!status) return;
      status.textContent = '';
      setTimeout(function () {
        status.textContent = text;
      }, 50);
    };

    var offer = function (name, action) {
      var item = box.querySelector('[data-share="' + name + '"]');
      var button = item && item.querySelector('button');
      if (!button) return;
      button.addEventListener('click', action);
      item.hidden = false;
    };

    if (typeof navigator.share === 'function') {
      offer('sheet', function () {
        // A reader who closes the sheet rejects the promise: nothing went wrong, so nothing is said.
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }

    // The clipboard exists only on secure pages (https, or localhost while developing).
    if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
      offer('copy', function () {
        navigator.clipboard.writeText(url).then(
          function () {
            say('Link copied.');
          },
          function () {
            say('The browser did not allow copying. The address is ' + url);
          },
        );
      });
    }
  }

  // The rail may stay in view (site.css: .rail-fits) only when the window shows all of it with 1rem above and
  // below: stuck in a shorter window, its foot could never be reached. Its height depends on its headlines, so it
  // is measured, again whenever the window or the rail changes size.
  var rail = document.querySelector('.article-aside');
  if (rail) {
    var fit = function () {
      var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      rail.classList.toggle('rail-fits', rail.offsetHeight + 2 * rem <= window.innerHeight);
    };
    fit();
    window.addEventListener('resize', fit);
    if (typeof ResizeObserver === 'function') new ResizeObserver(fit).observe(rail);
  }
})();
