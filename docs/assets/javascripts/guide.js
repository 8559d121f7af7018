// Keep the reader's section when switching language: heading ids are identical in both languages.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a[hreflang]") : null;
  if (link && window.location.hash && !link.hash) {
    link.hash = window.location.hash;
  }
});
