/* The top bar. On narrow screens (app.css folds the navigation below 1280 px) the menu button shows and hides
   the navigation with the user's links opened beneath it; on wide screens the user menu (<details>) is a
   drop-down that closes when the user clicks elsewhere or presses Escape. */
(function () {
  "use strict";
  function closeUserMenus(except) {
    document.querySelectorAll(".topbar:not(.open) details.user[open]").forEach(function (menu) {
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
      var user = bar.querySelector("details.user");
      if (user) user.open = open;
      return;
    }
    closeUserMenus(event.target);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeUserMenus(null);
  });
})();
