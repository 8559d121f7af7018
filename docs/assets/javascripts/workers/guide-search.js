// Search worker wrapper: Material turns every query word into a prefix search ("word*"),
// which lunr never stems, so "Behandlungen" would not find "Behandlung". We add each word
// once more with a neutral boost ("word^1"): Material leaves that form alone and lunr runs
// it through the language's stemmer. The prefix form stays, for search-as-you-type.
(function () {
  var addListener = self.addEventListener.bind(self);
  var SEARCH_QUERY = 2;

  function withStemmedTerms(query) {
    return query.split(/\s+/).filter(Boolean).map(function (word) {
      return /^[\p{L}\p{N}]{3,}$/u.test(word) ? word + "^1 " + word : word;
    }).join(" ");
  }

  self.addEventListener = function (type, handler, options) {
    if (type !== "message") {
      return addListener(type, handler, options);
    }
    return addListener(type, function (event) {
      var message = event.data;
      if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
        event = { data: { type: SEARCH_QUERY, data: withStemmedTerms(message.data) } };
      }
      return handler.call(this, event);
    }, options);
  };
  // Material's own worker (its file name changes with Material's version; see overrides/main.html).
  importScripts("search.a7633da7.min.js");
})();
