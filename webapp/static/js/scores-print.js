// Print buttons on the scorecard and the monthly summary (no inline handlers: the CSP forbids them).
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".print-button"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
