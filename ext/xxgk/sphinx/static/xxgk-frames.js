// Wide tables and charts scroll inside their own frame (grid_html.framed): the line under a frame
// ("可左右滑动查看") is shown only while its content is wider than the frame.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll("div.xxgk-frame").forEach(function (frame) {
      var overflows = frame.scrollWidth > frame.clientWidth + 1;
      frame.classList.toggle("xxgk-overflows", overflows);
      // a Tab stop only where there is something to scroll to with the arrow keys
      if (overflows) frame.setAttribute("tabindex", "0"); else frame.removeAttribute("tabindex");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("resize", mark);
})();
