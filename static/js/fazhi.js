// What the pages used to say in inline handlers (onchange, onsubmit), said once here: the
// Content-Security-Policy allows no inline script (config/settings.py, tests/test_csp.py).
// Listeners sit on the document, so content swapped in by htmx behaves the same.
(function () {
  "use strict";

  // <select data-autosubmit>: choosing a value sends its form (the year pickers).
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!(select instanceof HTMLSelectElement) || !select.form) return;
    if (!select.hasAttribute("data-autosubmit")) return;
    if (select.form.hasAttribute("data-year-path")) goToYear(select.form);
    else select.form.submit();
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    // <form data-confirm-submit="…">: asked before it is sent (deleting a record). Not data-confirm:
    // the report editor asks that one itself, after saving what is typed (report-editor.js).
    var question = form.getAttribute("data-confirm-submit");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // <form data-year-path>: the chosen year is a path segment (…/2024/), not ?year=2024.
    if (form.hasAttribute("data-year-path")) {
      event.preventDefault();
      goToYear(form);
    }
  });

  function goToYear(form) {
    if (form.elements.year) {
      window.location.href = new URL("../" + form.elements.year.value + "/", window.location.href).href;
    }
  }
})();
