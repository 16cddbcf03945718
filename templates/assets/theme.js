// Light/dark switch. Without a choice the page follows the system (prefers-color-scheme);
// a choice is kept in localStorage (per origin: file:// pages share one) and set on <html>
// by a one-line script in <head> before the style sheet applies, so the page never flashes.
// The button says what a click does — ライトモード while the page is dark, ダークモード while it
// is light — so it is a plain button, not a toggle: a toggle (aria-pressed) must keep one
// label, and "ライトモード, pressed" would tell a screen reader the opposite of what is shown.
(function () {
  var button = document.getElementById("theme");
  if (!button) return;
  var root = document.documentElement;
  var system = window.matchMedia("(prefers-color-scheme: dark)");
  function dark() { return root.dataset.theme ? root.dataset.theme === "dark" : system.matches; }
  function show() {
    button.textContent = dark() ? "ライトモード" : "ダークモード";
  }
  button.hidden = false;
  show();
  system.addEventListener("change", show);
  button.addEventListener("click", function () {
    root.dataset.theme = dark() ? "light" : "dark";
    try { localStorage.setItem("musubi-theme", root.dataset.theme); } catch (e) { /* storage off: this page only */ }
    show();
  });
})();
