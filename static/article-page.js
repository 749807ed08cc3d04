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
  // is measured, but only where it stands beside the article (64rem and wider; on phones it follows the article)
  // and only by a ResizeObserver, which reports the height after the browser's own layout: reading offsetHeight
  // here, while the page loads, would force an extra layout of the whole page before its first paint.
  var rail = document.querySelector('.article-aside');
  var wide = window.matchMedia && window.matchMedia('(min-width: 64rem)');
  if (rail && wide && typeof ResizeObserver === 'function') {
    var height = 0;
    var fits = false;
    var fit = function () {
      var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      var now = wide.matches && height > 0 && height + 2 * rem <= window.innerHeight;
      if (now !== fits) rail.classList.toggle('rail-fits', (fits = now));
    };
    // Started the first time the window is wide, and from then on kept (a narrower window simply never fits).
    var watching = false;
    var watch = function () {
      if (watching || !wide.matches) return;
      watching = true;
      new ResizeObserver(function (entries) {
        var box = entries[entries.length - 1].borderBoxSize;
        height = box && box[0] ? box[0].blockSize : rail.offsetHeight;
        fit();
      }).observe(rail);
      window.addEventListener('resize', fit);
    };
    watch();
    if (wide.addEventListener) wide.addEventListener('change', watch);
  }
})();
