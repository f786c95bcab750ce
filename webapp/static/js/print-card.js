// The printable case card: the print button opens the browser's print dialog (no inline script under the CSP).
document.getElementById("print-card")?.addEventListener("click", () => window.print());
