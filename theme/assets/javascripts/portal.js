/* The one thing of Material's script the portal's pages need: the light/dark toggle.
   Material's bundle (about 100 KB) is not loaded: on a throttled phone it held the main thread
   for about 400 ms, and it fetched sitemap.xml beside every <link rel="alternate"> of a page
   (hreflang and feed links, absolute addresses: cross-origin on a mirror) to map pages between
   languages, which the portal's own language menu already links directly. Everything else the
   pages use (drawer, tabs, language menu, Mục lục) is HTML and CSS.
   The choice is stored as Material stores it (__md_set("__palette")), so Material's inline
   script in the page head applies it before the first paint. */
(function () {
  "use strict";
  var form = document.querySelector('[data-md-component="palette"]');
  if (!form || typeof __md_get !== "function") return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));

  function apply(index, store) {
    var input = inputs[index];
    // Only what differs is written: each change of <body>'s attributes restyles the page,
    // which on a slow phone is most of this script's cost.
    // (data-md-color-media is stored, as Material does, but no stylesheet reads it from <body>.)
    ["scheme", "primary", "accent"].forEach(function (key) {
      var name = "data-md-color-" + key;
      var value = input.getAttribute(name);
      if (document.body.getAttribute(name) !== value) document.body.setAttribute(name, value);
    });
    // Each option's label is the button that switches to the next option: show the current one's.
    inputs.forEach(function (other, i) {
      var label = other.nextElementSibling;
      if (label && label.hidden !== (i !== index)) label.hidden = i !== index;
    });
    if (!input.checked) input.checked = true;
    if (store) {
      __md_set("__palette", {
        index: index,
        color: {
          media: input.getAttribute("data-md-color-media"),
          scheme: input.getAttribute("data-md-color-scheme"),
          primary: input.getAttribute("data-md-color-primary"),
          accent: input.getAttribute("data-md-color-accent")
        }
      });
    }
  }

  var saved = __md_get("__palette");
  var start = saved && typeof saved.index === "number" ? saved.index : inputs.findIndex(function (input) {
    return matchMedia(input.getAttribute("data-md-color-media")).matches;
  });
  apply(Math.max(0, Math.min(start, inputs.length - 1)), false);
  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () { apply(i, true); });
  });
})();
