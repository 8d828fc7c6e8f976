// Wide tables and charts scroll inside their own frame (grid_html.framed): the line under a frame
// ("可左右滑动查看") is shown only while its content is wider than the frame.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll("div.xxgk-frame").forEach(function (frame) {
      frame.classList.toggle("xxgk-overflows", frame.scrollWidth > frame.clientWidth + 1);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("resize", mark);
})();
