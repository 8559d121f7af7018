// The guide's own behaviour. Loaded with `defer` after Material's bundle: it runs once the page
// is parsed and before DOMContentLoaded, which is when Material sets up its components. So
// what is changed here (glossary titles, alternate links) is in place before Material reads it.
// No inline scripts or handlers (Content-Security-Policy); strings come from the JSON block
// `#guide-strings` (overrides/partials/guide/strings.html), translated through the catalogs.
(function () {
  "use strict";

  var strings = {};
  try {
    strings = JSON.parse(document.getElementById("guide-strings").textContent);
  } catch (error) {
    strings = {};
  }

  function text(key, fallback) {
    return strings[key] || fallback;
  }

  // ---------------------------------------------------------------------------------------
  // Previews at another address (another port, host or sub-path): the hreflang links are
  // absolute, for the published address, and Material fetches `sitemap.xml` next to each of
  // them. Where the page is served elsewhere, point them at where it is served.
  function fixPreviewAlternates() {
    var canonical = document.querySelector('link[rel="canonical"]');
    if (!canonical) return;
    var published = new URL(canonical.href);
    var served = window.location;
    var a = published.pathname.split("/");
    var b = served.pathname.split("/");
    while (a.length > 1 && b.length > 1 && a[a.length - 1] === b[b.length - 1]) {
      a.pop();
      b.pop();
    }
    var publishedRoot = published.origin + a.join("/") + "/";
    var servedRoot = served.origin + b.join("/") + "/";
    if (publishedRoot === servedRoot) return;
    document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
      if (link.href.indexOf(publishedRoot) === 0) {
        link.href = servedRoot + link.href.slice(publishedRoot.length);
      }
    });
  }

  // ---------------------------------------------------------------------------------------
  // Language switch keeps the reader's place: the nearest heading at or above the top of the
  // window (heading ids are identical in both languages).
  function headerHeight() {
    var header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().bottom : 0;
  }

  function currentSection() {
    if (window.scrollY < 1) return window.location.hash;
    var limit = headerHeight() + 8;
    var found = "";
    var headings = document.querySelectorAll(".md-content h1[id], .md-content h2[id], .md-content h3[id]");
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top > limit) break;
      found = "#" + headings[i].id;
    }
    return found || window.location.hash;
  }

  function languageLink(target) {
    return target && target.closest ? target.closest(".md-select a[hreflang], .guide-banner a[hreflang]") : null;
  }

  function setupLanguageSwitch() {
    function update(event) {
      var link = languageLink(event.target);
      if (link) link.hash = currentSection();
      return link;
    }
    // Capture phase: before Material's own click handling, which would keep only the URL's `#`.
    document.addEventListener("click", function (event) {
      var link = update(event);
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      event.stopPropagation();
      window.location.href = link.href;
    }, true);
    ["auxclick", "contextmenu", "focusin", "pointerdown"].forEach(function (type) {
      document.addEventListener(type, update, true);
    });
  }

  // ---------------------------------------------------------------------------------------
  // Glossary terms: a definition that is readable (16 px), stays inside the window, opens on
  // hover and on keyboard focus, closes with Escape (WCAG 1.4.13), and on a touch screen opens
  // with a tap, with a link to the glossary, instead of leaving the page.
  var tip = null;
  var tipLink = null;
  var tipText = null;
  var tipOwner = null;
  var tipMode = "";
  var hideTimer = 0;
  var lastPointer = "mouse";
  var lastPointerTime = 0;

  function isTerm(link) {
    return link && link.hasAttribute("data-guide-term");
  }

  function termOf(target) {
    var link = target && target.closest ? target.closest("a[data-guide-term]") : null;
    return isTerm(link) ? link : null;
  }

  function buildTip() {
    tip = document.createElement("div");
    tip.className = "guide-tip";
    tip.id = "guide-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    tipText = document.createElement("p");
    tipText.className = "guide-tip__text";
    tipLink = document.createElement("a");
    tipLink.className = "guide-tip__link";
    tipLink.textContent = text("glossary", "Read more in the glossary");
    tip.appendChild(tipText);
    tip.appendChild(tipLink);
    tip.addEventListener("mouseenter", function () { window.clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(tip);
  }

  function place(link) {
    var margin = 8;
    var width = document.documentElement.clientWidth;
    var box = link.getBoundingClientRect();
    tip.style.maxWidth = Math.min(352, width - 2 * margin) + "px";
    tip.style.left = "0px";
    tip.style.top = "0px";
    var size = tip.getBoundingClientRect();
    var left = Math.min(Math.max(margin, box.left), width - size.width - margin);
    var below = box.bottom + 6;
    var top = below + size.height > window.innerHeight - margin && box.top - size.height - 6 > headerHeight()
      ? box.top - size.height - 6 : below;
    tip.style.left = Math.max(margin, left) + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function showTip(link, mode) {
    window.clearTimeout(hideTimer);
    if (!tip) buildTip();
    tipOwner = link;
    tipMode = mode;
    tipText.textContent = link.getAttribute("data-guide-term");
    tipLink.href = link.href;
    tipLink.tabIndex = mode === "tap" ? 0 : -1;
    tip.setAttribute("role", mode === "tap" ? "dialog" : "tooltip");
    if (mode === "tap") tip.setAttribute("aria-label", link.textContent);
    else tip.removeAttribute("aria-label");
    tip.classList.toggle("guide-tip--tap", mode === "tap");
    tip.hidden = false;
    place(link);
    link.setAttribute("aria-expanded", "true");
  }

  function hideTip() {
    window.clearTimeout(hideTimer);
    if (!tip || tip.hidden) return;
    tip.hidden = true;
    if (tipOwner) tipOwner.removeAttribute("aria-expanded");
    tipOwner = null;
    tipMode = "";
  }

  function scheduleHide() {
    window.clearTimeout(hideTimer);
    if (tipMode === "tap") return;
    hideTimer = window.setTimeout(hideTip, 300);
  }

  function setupTerms() {
    // Move each definition out of `title` (Material would show it as its own small tooltip);
    // a hidden element per term keeps it as the link's accessible description.
    var descriptions = {};
    var holder = document.createElement("div");
    holder.hidden = true;
    document.querySelectorAll(".md-typeset a[title]:not(.headerlink)").forEach(function (link) {
      var hash = link.hash.slice(1);
      if (!hash || !/\/glossary\/$/.test(link.pathname)) return;
      var definition = link.getAttribute("title");
      link.removeAttribute("title");
      link.setAttribute("data-guide-term", definition);
      var id = "guide-def-" + hash;
      if (!descriptions[id]) {
        var span = document.createElement("span");
        span.id = id;
        span.textContent = definition;
        holder.appendChild(span);
        descriptions[id] = true;
      }
      link.setAttribute("aria-describedby", id);
    });
    document.body.appendChild(holder);

    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
      lastPointerTime = Date.now();
      if (tip && !tip.hidden && !tip.contains(event.target) && termOf(event.target) !== tipOwner) hideTip();
    }, true);
    document.addEventListener("mouseover", function (event) {
      var link = termOf(event.target);
      if (link && lastPointer === "mouse") showTip(link, "hover");
    });
    document.addEventListener("mouseout", function (event) {
      if (termOf(event.target) && tipMode === "hover") scheduleHide();
    });
    document.addEventListener("focusin", function (event) {
      var link = termOf(event.target);
      var touched = lastPointer !== "mouse" && Date.now() - lastPointerTime < 1000;
      if (link && !touched) showTip(link, "focus");
      else if (tip && !tip.contains(event.target) && tipMode !== "tap") hideTip();
    });
    document.addEventListener("focusout", function (event) {
      if (termOf(event.target) && tipMode === "focus") hideTip();
    });
    document.addEventListener("click", function (event) {
      var link = termOf(event.target);
      var touched = lastPointer !== "mouse" && Date.now() - lastPointerTime < 1000;
      if (!link || !touched || (tipMode === "tap" && tipOwner === link)) return;
      event.preventDefault();
      showTip(link, "tap");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !tip || tip.hidden) return;
      var owner = tipOwner;
      var inside = tip.contains(document.activeElement);
      hideTip();
      if (inside && owner) owner.focus({ preventScroll: true });
      event.stopPropagation();
    }, true);
    window.addEventListener("resize", hideTip);
  }

  // ---------------------------------------------------------------------------------------
  // Heading anchors ("¶"): not tab stops (about 14 per page), and named in the page's language.
  function setupHeadingAnchors() {
    document.querySelectorAll(".md-typeset a.headerlink").forEach(function (anchor) {
      anchor.tabIndex = -1;
      var heading = anchor.parentElement ? anchor.parentElement.textContent.replace(/¶$/, "").trim() : "";
      anchor.title = text("anchor", "Link to this section");
      anchor.setAttribute("aria-label", text("anchor", "Link to this section") + ": " + heading);
    });
  }

  // ---------------------------------------------------------------------------------------
  // Tables that still scroll sideways say so; tables that do not scroll are no tab stop.
  // A table is measured once it is rendered (off screen its layout is skipped:
  // content-visibility), and all tables are measured before any is changed, so that
  // measuring never forces the page to be laid out again.
  function setupTableScroll() {
    var wrappers = Array.prototype.slice.call(document.querySelectorAll(".guide-table-wrapper"));
    if (!wrappers.length || !("ResizeObserver" in window)) return;
    function rendered(wrapper) {
      var table = wrapper.querySelector("table");
      return table && (!table.checkVisibility || table.checkVisibility({ contentVisibilityAuto: true }));
    }
    function update(list) {
      list.filter(rendered).map(function (wrapper) {
        var width = wrapper.clientWidth;
        return { wrapper: wrapper, scrolls: width > 0 && wrapper.querySelector("table").getBoundingClientRect().width > width + 1,
                 overflows: wrapper.scrollWidth > width || wrapper.scrollHeight > wrapper.clientHeight };
      }).forEach(function (found) {
        var wrapper = found.wrapper;
        var hint = wrapper.previousElementSibling;
        var hasHint = hint && hint.classList.contains("guide-scroll-hint");
        if (found.scrolls && !hasHint) {
          hint = document.createElement("p");
          hint.className = "guide-scroll-hint";
          hint.textContent = text("scroll", "Scroll sideways to see the whole table.");
          wrapper.parentNode.insertBefore(hint, wrapper);
        } else if (!found.scrolls && hasHint) {
          hint.remove();
        }
        // Keyboard users can scroll any region that overflows, even by a pixel (as axe checks).
        if (found.scrolls || found.overflows) wrapper.tabIndex = 0;
        else wrapper.removeAttribute("tabindex");
      });
    }
    var observer = new ResizeObserver(function (entries) {
      update(entries.map(function (entry) { return entry.target; }));
    });
    wrappers.forEach(function (wrapper) {
      observer.observe(wrapper);
      wrapper.addEventListener("contentvisibilityautostatechange", function (event) {
        if (!event.skipped) update([wrapper]);
      });
    });
  }

  // ---------------------------------------------------------------------------------------
  // Sources: each entry links back to the places where it is cited.
  function setupBackLinks() {
    var counts = {};
    document.querySelectorAll('.md-typeset .guide-cite a[href^="#ref-"]').forEach(function (mark) {
      var key = mark.getAttribute("href").slice(5);
      counts[key] = (counts[key] || 0) + 1;
      mark.id = "cite-" + key + "-" + counts[key];
    });
    Object.keys(counts).forEach(function (key) {
      var entry = document.getElementById("ref-" + key);
      if (!entry || entry.querySelector(".guide-backlinks")) return;
      var span = document.createElement("span");
      span.className = "guide-backlinks";
      for (var n = 1; n <= counts[key]; n++) {
        var back = document.createElement("a");
        back.href = "#cite-" + key + "-" + n;
        back.className = "guide-backlink";
        back.textContent = counts[key] > 1 ? "↩ " + n : "↩";
        back.setAttribute("aria-label", text("back", "Back to where this source is cited") + (counts[key] > 1 ? " (" + n + ")" : ""));
        span.appendChild(back);
      }
      entry.appendChild(document.createTextNode(" "));
      entry.appendChild(span);
    });
  }

  // ---------------------------------------------------------------------------------------
  // Print buttons (the checklist): shown only where a script can print.
  function setupPrintButtons() {
    document.querySelectorAll("[data-guide-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function start() {
    // Before Material reads them: alternate links and glossary titles.
    fixPreviewAlternates();
    setupLanguageSwitch();
    setupTerms();
    // The rest in tasks of their own, so that no single task blocks the page for long
    // (the longest pages have hundreds of citation marks and headings).
    [setupHeadingAnchors, setupTableScroll, setupBackLinks, setupPrintButtons].forEach(function (setup) {
      setTimeout(setup, 0);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})();
