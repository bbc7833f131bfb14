/* The public site's only script: text size, the phone menu, "Lên đầu trang", the print button
   (includes/print_button.html: print or save as PDF) and print URLs.
   Everything works without it (the menu shows open, the Top link is a plain anchor). */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "cms-text-size";
  var SIZES = ["small", "normal", "large", "larger"];
  root.classList.add("js");

  function store(value) {
    try {
      if (value === "normal") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, value);
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  function applySize(value) {
    if (SIZES.indexOf(value) < 0) value = "normal";
    if (value === "normal") root.removeAttribute("data-text-size");
    else root.setAttribute("data-text-size", value);
    var buttons = document.querySelectorAll("[data-text-size]");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      if (b.tagName !== "BUTTON") continue;
      var own = b.getAttribute("data-text-size");
      var pressed = own === value || (own === "large" && value === "larger");
      b.setAttribute("aria-pressed", pressed ? "true" : "false");
    }
  }

  function current() {
    return root.getAttribute("data-text-size") || "normal";
  }

  document.addEventListener("DOMContentLoaded", function () {
    applySize(current());

    document.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-text-size]");
      if (!button) return;
      var wanted = button.getAttribute("data-text-size");
      // A+ pressed again steps up once more (large → larger), then stays.
      if (wanted === "large" && (current() === "large" || current() === "larger")) wanted = "larger";
      applySize(wanted);
      store(wanted);
    });

    var nav = document.querySelector("[data-nav]");
    var toggle = document.querySelector("[data-nav-toggle]");
    if (nav && toggle) {
      var close = function () {
        nav.classList.remove("is-open");
        toggle.setAttribute("aria-expanded", "false");
      };
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        nav.classList.toggle("is-open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        if (open) {
          var first = nav.querySelector("#main-menu a");
          if (first) first.focus();
        }
      });
      nav.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
          close();
          toggle.focus();
        }
      });
    }

    var top = document.querySelector("[data-to-top]");
    if (top) {
      var onScroll = function () {
        top.classList.toggle("is-visible", window.scrollY > 400);
      };
      window.addEventListener("scroll", onScroll, { passive: true });
      onScroll();
      top.addEventListener("click", function (event) {
        event.preventDefault();
        window.scrollTo(0, 0);
        var skip = document.querySelector(".skip-link");
        if (skip) skip.focus({ preventScroll: true });
      });
    }
  });

  // "In trang": the browser's print dialog, which also saves as PDF.
  var printButtons = document.querySelectorAll("[data-print]");
  for (var p = 0; p < printButtons.length; p++) {
    printButtons[p].addEventListener("click", function () { window.print(); });
  }

  // Printed relative links show their full address.
  window.addEventListener("beforeprint", function () {
    var links = document.querySelectorAll('main a[href^="/"]');
    for (var i = 0; i < links.length; i++) links[i].setAttribute("data-print-href", links[i].href);
  });
})();
