// Print buttons on the scorecard and the monthly summary (no inline handlers: the CSP forbids them).
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".print-button"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // folded deductions print open; the ones this opened fold again after printing
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details.more-deductions"), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { opened.forEach(function (d) { d.open = false; }); });
})();
