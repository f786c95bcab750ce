// County ranking: click a header to sort the table; the bar chart shows each unit's total (Chart.js, vendored).
(function () {
  "use strict";

  function cellValue(row, index, numeric) {
    var text = row.cells[index].textContent.trim();
    return numeric ? parseFloat(text) || 0 : text;
  }

  function sortBy(table, th, index) {
    var numeric = th.getAttribute("data-sort") === "num";
    var descending = th.getAttribute("aria-sort") !== "descending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var order = numeric ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return descending ? -order : order;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function wireSorting() {
    var table = document.getElementById("ranking-table");
    if (!table || !table.tHead) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th, index); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sortBy(table, th, index); } });
    });
  }

  function drawChart() {
    var canvas = document.getElementById("ranking-chart");
    if (!canvas || typeof window.Chart === "undefined") { return; }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: JSON.parse(canvas.getAttribute("data-labels")),
        datasets: [{ label: canvas.getAttribute("data-label"), data: JSON.parse(canvas.getAttribute("data-values")),
                     backgroundColor: "#0b5cad" }]
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
    });
  }

  wireSorting();
  drawChart();
})();
