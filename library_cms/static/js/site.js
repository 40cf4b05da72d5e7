// The site's small helpers: the menu button on narrow screens, and videos that load from their
// host only when the reader asks (the thumbnail stands in until then).
(function () {
  "use strict";
  var toggle = document.querySelector("[data-menu-toggle]");
  var menu = document.getElementById("main-menu");
  if (toggle && menu) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("main-menu--open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.click();
        toggle.focus();
      }
    });
  }
  document.querySelectorAll("[data-video-poster]").forEach(function (poster) {
    poster.addEventListener("click", function (event) {
      var template = document.getElementById(poster.getAttribute("data-video-poster"));
      if (!template) { return; }  // no stored embed: follow the link to the video's page
      event.preventDefault();
      var frame = document.createElement("div");
      frame.className = "video-frame";
      frame.appendChild(template.content.cloneNode(true));
      var iframe = frame.querySelector("iframe");
      if (iframe) {
        var source = new URL(iframe.src, window.location.href);
        source.searchParams.set("autoplay", "1");
        iframe.src = source.toString();
        iframe.setAttribute("allow", (iframe.getAttribute("allow") || "") + "; autoplay");
      }
      poster.replaceWith(frame);
      if (iframe) { iframe.focus(); }
    });
  });
})();
