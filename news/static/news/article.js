/* Article tools without third-party scripts: print button and copy-link. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-copy-link]").forEach(function (link) {
    if (!navigator.clipboard) { return; }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(link.getAttribute("data-copy-link")).then(function () {
        link.textContent = "Đã sao chép liên kết";
      });
    });
  });
})();
