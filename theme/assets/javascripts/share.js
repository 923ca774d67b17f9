// The share bar (theme/partials/portal-share.html). Nothing here runs a request of its own:
// Facebook and Zalo are plain links, opened only when the reader presses them.
(function () {
  "use strict";

  // Clipboard API where the page is a secure context; otherwise the old select-and-copy.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.top = "0";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      document.body.removeChild(area);
      if (copied) {
        resolve();
      } else {
        reject(new Error("copy refused"));
      }
    });
  }

  function setUp(bar) {
    var status = bar.querySelector(".portal-share__status");
    var copy = bar.querySelector("[data-portal-copy]");
    copy.addEventListener("click", function () {
      var url = copy.getAttribute("data-portal-copy");
      copyText(url).then(
        function () {
          status.textContent = bar.getAttribute("data-copied");
        },
        function () {
          // Last resort, works everywhere: the reader copies from a dialog.
          window.prompt(bar.getAttribute("data-prompt"), url);
        }
      );
    });

    // On a phone the system share sheet lists the Zalo app itself, which is where readers
    // share; Zalo's web page (the link's target) stays for computers and old browsers.
    var zalo = bar.querySelector("[data-portal-native]");
    if (zalo) {
      zalo.addEventListener("click", function (event) {
        var phone = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
        if (!navigator.share || !phone) {
          return;
        }
        event.preventDefault();
        navigator
          .share({ title: zalo.getAttribute("data-title"), url: zalo.getAttribute("data-url") })
          .catch(function (error) {
            if (error && error.name !== "AbortError") {
              window.location.href = zalo.href;
            }
          });
      });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-portal-share]"), setUp);
})();
