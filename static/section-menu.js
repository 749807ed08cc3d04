// The phone's Sections menu is a <details>: it opens and closes without this file. With it, Escape closes the menu
// and puts focus back on its summary, and the menu closes when focus or a tap moves elsewhere on the page, so an
// open list does not stay pushed into the page after the reader has left it.
(function () {
  var menu = document.querySelector('.section-menu'),
    summary = menu && menu.querySelector('summary');
  if (!summary) return;
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' || !menu.open) return;
    menu.open = false;
    summary.focus();
  });
  menu.addEventListener('focusout', function (event) {
    // Null when focus leaves the page (another window): the menu stays as the reader left it.
    var next = event.relatedTarget;
    if (menu.open && next && !menu.contains(next)) menu.open = false;
  });
  document.addEventListener('click', function (event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
})();
