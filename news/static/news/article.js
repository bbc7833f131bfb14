/* Article tools without third-party scripts: copy-link (the print button is site.js's). */
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-link]").forEach(function (link) {
    if (!navigator.clipboard) { return; }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(link.getAttribute("data-copy-link")).then(function () {
        link.textContent = link.getAttribute("data-copied");  // in the page's language
      });
    });
  });
})();
