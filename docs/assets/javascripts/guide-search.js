// The guide's search, in Material's search dialog (overrides/partials/search.html).
// Nothing loads until the reader opens the search: then this language's Pagefind bundle
// (<language root>/pagefind/, written by hairguide/search.py) and the word groups from
// data/glossary.yml and data/synonyms.yml (pagefind/guide-words.json).
//
// A query is split into units: a phrase or word from a word group stands for every word of
// its group ("vampire" also searches "PRP"); other words stand for themselves; small question
// words are dropped. Pages that match more units come first, then pages other than the
// glossary and the sources list, then Pagefind's score (titles and headings weigh more).
(function () {
  "use strict";
  var dialog = document.querySelector("[data-guide-search]");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  var input = dialog.querySelector("input.md-search__input");
  var form = dialog.querySelector("form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var elsewhere = dialog.querySelector(".guide-search__elsewhere");
  var text = dialog.dataset;
  var SHOWN = 10;
  var WORD = /[\p{L}\p{N}_]+(?:[-'’][\p{L}\p{N}_]+)*/gu;
  var engines = {};
  var latest = 0;
  var timer = null;
  var lastInput = 0;

  // --- loading -------------------------------------------------------------------------
  function engine(root) {
    var base = new URL(root, window.location.href).href;
    if (!engines[base]) {
      engines[base] = Promise.all([
        import(base + "pagefind/pagefind.js"),
        fetch(base + "pagefind/guide-words.json").then(function (r) { return r.json(); })
      ]).then(function (loaded) {
        var pagefind = loaded[0];
        return pagefind.options({ excerptLength: 22 }).then(function () {
          return { base: base, pagefind: pagefind, words: prepare(loaded[1]), cache: {} };
        });
      });
    }
    return engines[base];
  }

  function prepare(data) {
    var index = {};
    data.groups.forEach(function (group) {
      group.forEach(function (phrase) { index[phrase] = group; });
    });
    return { index: index, stop: new Set(data.stopwords), demote: data.demote || [] };
  }

  // --- query ---------------------------------------------------------------------------
  function words(query) {
    return (query.toLowerCase().match(WORD) || []);
  }

  function units(query, vocabulary) {
    var tokens = words(query);
    var found = [];
    for (var i = 0; i < tokens.length;) {
      var n = Math.min(5, tokens.length - i);
      for (; n > 0; n--) {
        var phrase = tokens.slice(i, i + n).join(" ");
        var group = vocabulary.index[phrase];
        if (group) { found.push(distinct([phrase].concat(group))); break; }
      }
      if (n > 0) { i += n; continue; }
      if (!vocabulary.stop.has(tokens[i])) found.push([tokens[i]]);
      i += 1;
    }
    return found.length ? found : tokens.map(function (token) { return [token]; });
  }

  // A group's inflected forms ("erblich bedingter/bedingten Haarausfall") stem alike: search one.
  function distinct(group) {
    var seen = new Set();
    return group.filter(function (phrase) {
      var key = words(phrase).map(function (w) { return w.replace(/(en|er|es|em|e|s|n)$/, ""); }).join(" ");
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).slice(0, 8);
  }

  function searchOne(engine, phrase) {
    if (!engine.cache[phrase]) {
      engine.cache[phrase] = engine.pagefind.search(phrase).then(function (search) {
        return search ? search.results : [];
      });
    }
    return engine.cache[phrase];
  }

  function rank(engine, query) {
    var wanted = units(query, engine.words);
    return Promise.all(wanted.map(function (alternatives) {
      return Promise.all(alternatives.map(function (phrase) { return searchOne(engine, phrase); }));
    })).then(function (perUnit) {
      var pages = {};
      perUnit.forEach(function (perPhrase) {
        var best = {};
        perPhrase.forEach(function (results) {
          results.forEach(function (result) {
            if (!best[result.id] || best[result.id].score < result.score) best[result.id] = result;
          });
        });
        Object.keys(best).forEach(function (id) {
          var page = pages[id] || (pages[id] = { matched: 0, score: 0, result: best[id] });
          page.matched += 1;
          page.score += best[id].score;
          if (best[id].score > page.result.score) page.result = best[id];
        });
      });
      var ranked = Object.keys(pages).map(function (id) { return pages[id]; });
      ranked.sort(function (a, b) { return (b.matched - a.matched) || (b.score - a.score); });
      // Only the best pages' texts are loaded (one small file each).
      return Promise.all(ranked.slice(0, SHOWN + 4).map(function (page) {
        return page.result.data().then(function (data) { page.data = data; return page; });
      })).then(function (loaded) {
        // Pagefind also matches a long unknown word by a letter or two it begins with ("E," in
        // an author list for "Eigenbluttherapie"): a page found only so is not a result.
        // A marked word must also begin like one of the words searched for (its first three
        // letters): Pagefind sometimes marks an unrelated word ("IGeL" for "Geheimratsecken").
        var starts = [].concat.apply([], wanted).join(" ").toLowerCase().split(/\s+/).map(function (word) {
          return (word.match(/[\p{L}\p{N}]/gu) || []).join("").slice(0, 3);
        });
        var found = loaded.filter(function (page) {
          var marks = page.data.excerpt.match(/<mark>[^<]*<\/mark>/g) || [];
          return !marks.length || marks.some(function (mark) {
            var letters = (mark.slice(6, -7).match(/[\p{L}\p{N}]/gu) || []).join("").toLowerCase();
            return letters.length > 2 && starts.indexOf(letters.slice(0, 3)) >= 0;
          });
        });
        var dropped = loaded.length - found.length;
        loaded = found;
        loaded.forEach(function (page) {
          // Pagefind's URLs are site paths ("/de/glossary/"); compare them from the language's root.
          var url = new URL(page.data.url, engine.base).pathname.slice(new URL(engine.base).pathname.length);
          page.reference = engine.words.demote.some(function (prefix) { return url.indexOf(prefix) === 0; });
        });
        loaded.sort(function (a, b) {
          return (b.matched - a.matched) || (a.reference - b.reference) || (b.score - a.score);
        });
        return { pages: loaded, units: wanted, total: ranked.length - dropped };
      });
    });
  }

  // --- results -------------------------------------------------------------------------
  // Word beginnings to mark: the reader's own words and the one-word equivalents of them
  // (words of longer equivalents, such as "after" in "after giving birth", are not marked).
  function stems(wanted) {
    var result = [];
    wanted.forEach(function (alternatives) {
      alternatives.forEach(function (phrase) {
        var parts = words(phrase);
        if (parts.length !== 1) return;
        result.push(parts[0].length > 5 ? parts[0].slice(0, parts[0].length - 2) : parts[0]);
      });
    });
    return result;
  }

  // The excerpt as plain text, with every word that begins like a query word marked.
  function excerpt(html, wanted) {
    // Parsed in an inert document: nothing in an excerpt can run or load.
    var plain = new DOMParser().parseFromString(html, "text/html").body.textContent;
    var prefixes = stems(wanted);
    var paragraph = document.createElement("p");
    var last = 0;
    plain.replace(WORD, function (word, offset) {
      var lower = word.toLowerCase();
      if (prefixes.some(function (p) { return lower.indexOf(p) === 0; })) {
        paragraph.append(plain.slice(last, offset));
        var mark = document.createElement("mark");
        mark.textContent = word;
        paragraph.append(mark);
        last = offset + word.length;
      }
      return word;
    });
    paragraph.append(plain.slice(last));
    return paragraph;
  }

  function section(data) {
    var subs = (data.sub_results || []).filter(function (sub) { return sub.url.indexOf("#") > 0 && !/#top$/.test(sub.url); });
    subs.sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; });
    return subs[0] || null;
  }

  function item(engine, page, wanted, lang) {
    var data = page.data;
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var sub = section(data);
    var link = document.createElement("a");
    link.className = "md-search-result__link guide-search__result";
    link.href = new URL(sub ? sub.url : data.url, engine.base).href;
    if (lang) { link.hreflang = lang; link.lang = lang; }
    var title = document.createElement("span");
    title.className = "guide-search__title";
    title.textContent = data.meta.title || data.url;
    link.append(title);
    if (sub && sub.title !== data.meta.title) {
      var where = document.createElement("span");
      where.className = "guide-search__section";
      where.textContent = sub.title;
      link.append(where);
    }
    var body = excerpt(sub ? sub.excerpt : data.excerpt, wanted);
    body.className = "guide-search__excerpt";
    link.append(body);
    li.append(link);
    return li;
  }

  function count(n) {
    if (n === 0) return text.textNone;
    return (n === 1 ? text.textOne : text.textOther).replace("#", String(n));
  }

  function show(target, engine, ranked, lang) {
    target.replaceChildren.apply(target, ranked.pages.slice(0, SHOWN).map(function (page) {
      return item(engine, page, ranked.units, lang);
    }));
  }

  // Whether some page that is not the glossary or the sources list matched every word.
  function answered(ranked) {
    return ranked.pages.some(function (page) { return !page.reference && page.matched === ranked.units.length; });
  }

  function clear() {
    list.replaceChildren();
    elsewhere.hidden = true;
    meta.textContent = text.textPlaceholder;
  }

  function run(query) {
    var id = ++latest;
    if (!words(query).length) return Promise.resolve(clear());
    return engine(text.root).then(function (own) {
      return rank(own, query).then(function (ranked) {
        if (id !== latest) return;
        show(list, own, ranked);
        meta.textContent = count(ranked.total);
        elsewhere.hidden = true;
        if (!text.otherRoot || answered(ranked)) return;
        return engine(text.otherRoot).then(function (other) {
          return rank(other, query).then(function (found) {
            if (id !== latest || !answered(found)) return;
            elsewhere.querySelector("p").textContent = ranked.total ? text.textAlso : text.textElsewhere;
            show(elsewhere.querySelector("ol"), other, found, text.otherLang);
            elsewhere.hidden = false;
          });
        });
      });
    }).then(function () {
      // Tests and tools wait for this: the results for `query` are complete.
      if (id === latest) dialog.dataset.searched = query;
    }).catch(function (error) {
      if (id === latest) meta.textContent = text.textError;
      throw error;
    });
  }

  // --- dialog --------------------------------------------------------------------------
  function open() {
    if (!toggle.checked) toggle.checked = true;
    engine(text.root).then(function () {
      if (!input.value.trim() && !latest) meta.textContent = text.textPlaceholder;
    }, function () { meta.textContent = text.textError; });
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) { open(); input.focus(); }
  });
  input.addEventListener("focus", open);
  // The first key after a pause searches at once; keys in quick succession wait for a pause.
  input.addEventListener("input", function () {
    var now = Date.now();
    var quiet = now - lastInput > 300;
    lastInput = now;
    clearTimeout(timer);
    if (quiet) run(input.value);
    else timer = setTimeout(function () { run(input.value); }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { clear(); input.focus(); }, 0);
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape" && toggle.checked) {
      event.preventDefault();
      close();
    } else if (!typing && !toggle.checked && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      open();
      input.focus();
      input.select();
    } else if (toggle.checked && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      var links = Array.prototype.slice.call(dialog.querySelectorAll(".md-search-result__list a"));
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < -1 || next >= links.length || (at === -1 && event.key === "ArrowUp")) return;
      event.preventDefault();
      (next === -1 ? input : links[next]).focus();
    }
  }, true);

  // A link like /?q=PRP opens the search with the query (as Material's did).
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    open();
    run(query);
  }
})();
