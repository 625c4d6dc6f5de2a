/* Form behaviour kept out of the templates so the CSP can forbid inline scripts.
   <select data-autosubmit> submits its form on change; <form data-loading="ID"> shows element ID while it submits. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
      el.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var id = form instanceof HTMLFormElement ? form.getAttribute("data-loading") : null;
    var indicator = id ? document.getElementById(id) : null;
    if (indicator) indicator.classList.add("htmx-request");
  });
})();
