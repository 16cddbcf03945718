/* Zoom for the graph page's picture (graph.html): larger, smaller (never narrower than its box),
   or all of it in the box. Without script the picture has its readable size and the box scrolls. */
(function () {
  var zoom = document.querySelector(".graph-zoom"), box = document.querySelector(".graph-scroll");
  var svg = box && box.querySelector("svg.graph");
  if (!zoom || !svg) return;
  zoom.hidden = false;
  zoom.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-zoom]");
    if (!button) return;
    var factor = Number(button.dataset.zoom), now = svg.getBoundingClientRect().width;
    var middle = (box.scrollLeft + box.clientWidth / 2) / now;  /* keep what is in the middle there */
    var width = factor ? Math.min(Math.max(now * factor, box.clientWidth), svg.viewBox.baseVal.width * 2) : box.clientWidth;
    svg.style.width = width + "px";
    box.scrollLeft = middle * width - box.clientWidth / 2;
  });
})();
