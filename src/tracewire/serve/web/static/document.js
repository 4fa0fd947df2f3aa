// The evidence a link points at (#claim-N) may be cut into several <mark>s by searched
// words: mark every piece of that claim's sentence, not only the first.
"use strict";
(function () {
  function mark() {
    document.querySelectorAll("mark.evidence.targeted").forEach(function (m) {
      m.classList.remove("targeted");
    });
    var found = /^#claim-(\d+)$/.exec(window.location.hash);
    if (!found) return;
    document.querySelectorAll('mark.evidence[data-claim="' + found[1] + '"]').forEach(function (m) {
      m.classList.add("targeted");
    });
  }
  window.addEventListener("hashchange", mark);
  mark();
})();
