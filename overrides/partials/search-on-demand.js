// Load the search index only when the reader starts to search. Material requests it at
// every page load (about 40 KB gzipped); deferring it keeps a first view under 100 KB.
// Inlined in <head> by overrides/main.html (before Material's bundle); holds back just that request.
(function () {
  var INDEX = /search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var wanted = /[?&]q=/.test(window.location.search);
  var waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.guideDeferred = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.guideDeferred || wanted) return send.apply(request, args);
    waiting.push(function () { send.apply(request, args); });
  };

  function inSearch(target) {
    return target && target.closest && target.closest('.md-search, [for="__search"]');
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) want(); });
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) want(); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "f" || event.key === "s" || event.key === "/") want();  // Material's search shortcuts
  }, true);
})();
