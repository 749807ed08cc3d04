// Reports one view of this article. No cookies, no framework; with JavaScript off nothing is lost but the count.
(function () {
  var s = document.currentScript,
    d = s && s.dataset;
  if (!d || !d.article || !navigator.sendBeacon) return;
  function send() {
    navigator.sendBeacon('/api/views', JSON.stringify({ a: Number(d.article), t: d.token }));
  }
  // A prerendered page counts only if the reader actually opens it.
  if (document.prerendering) document.addEventListener('prerenderingchange', send, { once: true });
  else send();
})();
