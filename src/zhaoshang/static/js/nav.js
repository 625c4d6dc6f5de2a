/* The top bar. On narrow screens (app.css folds the navigation below 1280 px) the menu button shows and hides
   the navigation with the drop-downs (the back-office pages, the user's links) opened in it; on wide screens each drop-down
   (<details class="dropdown">) closes when the user clicks elsewhere or presses Escape. */
(function () {
  "use strict";
  function closeDropdowns(except) {
    document.querySelectorAll(".topbar:not(.open) details.dropdown[open]").forEach(function (menu) {
      if (!menu.contains(except)) menu.removeAttribute("open");
    });
  }
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest ? event.target.closest(".menu-toggle") : null;
    if (toggle) {
      var bar = toggle.parentElement;
      var open = !bar.classList.contains("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      bar.classList.toggle("open", open);
      bar.querySelectorAll("details.dropdown").forEach(function (menu) {
        menu.open = open;
      });
      return;
    }
    closeDropdowns(event.target);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeDropdowns(null);
  });
})();
