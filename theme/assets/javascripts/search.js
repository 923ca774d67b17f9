/* Header search over the Pagefind index of this page's language (build_scripts/search.py).
 *
 * Nothing is fetched until the reader focuses the search box: then pagefind.js loads, and with
 * it the WebAssembly and the small entry files (of each part, for an index built in parts);
 * each query fetches only the index chunks of its words and the fragments of the results it
 * shows.
 *
 * đ/Đ: the index was built from pages where đ/Đ are written d/D + U+0335, which Pagefind folds
 * to d/D like any combining mark. Queries get the same rewriting, so "doi" finds "đối" and an
 * exact "đối" ranks first; everything shown is turned back into đ/Đ.
 */
(function () {
  "use strict";

  var STROKE = "\u0335";
  var STROKED = /([dD])\u0335/g;
  var PAGE_SIZE = 8;
  var EXCERPT_WORDS = 24;
  var LEAD_WORDS = 6; // words shown before the first match
  var OPENING_END = "\u2042"; // ⁂, as in search_digest.OPENING_END
  var DEBOUNCE_MS = 150;

  var STRINGS = {
    vi: {
      loading: "Đang tải chỉ mục tìm kiếm…",
      none: "Không tìm thấy văn bản nào cho “{q}”.",
      one: "1 kết quả cho “{q}”",
      many: "{n} kết quả cho “{q}”",
      error: "Không tải được chỉ mục tìm kiếm. Vui lòng thử lại.",
      hint: "Gõ có dấu hoặc không dấu, hoặc số hiệu văn bản (ví dụ 12-CT/TW).",
    },
    en: {
      loading: "Loading the search index…",
      none: "No documents found for “{q}”.",
      one: "1 result for “{q}”",
      many: "{n} results for “{q}”",
      error: "The search index could not be loaded. Please try again.",
      hint: "Type words or a document number (for example 12-CT/TW).",
    },
  };

  var root = document.querySelector("[data-portal-search]");
  if (!root) return;
  var strings = STRINGS[root.getAttribute("data-lang")] || STRINGS.vi;
  var openButton = root.querySelector(".portal-search__open");
  var closeButton = root.querySelector(".portal-search__close");
  var form = root.querySelector(".portal-search__form");
  var input = root.querySelector(".portal-search__input");
  var output = root.querySelector(".portal-search__output");
  var status = root.querySelector(".portal-search__status");
  var list = root.querySelector(".portal-search__results");
  var more = root.querySelector(".portal-search__more");

  var engine = null; // Promise of the Pagefind module, created on first focus
  var results = [];
  var shown = 0;
  var generation = 0; // drops answers to queries the reader has already changed
  var timer = 0;
  var exactUrls = {}; // pages shown first because the query is their number
  var dropped = 0; // ranked results left out because they were already shown by number

  function foldQuery(text) {
    return text.normalize("NFC").replace(/đ/g, "d" + STROKE).replace(/Đ/g, "D" + STROKE);
  }

  /* A document number however typed ("175/KH-UBND", "175 kh ubnd", "175-kh-ubnd"), reduced as
   * build_scripts/search.py's number_key() reduces the numbers of pages: keep them in step. */
  function numberKey(text) {
    return text
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^0-9a-z]+/g, "");
  }

  /* The pages whose number is the query, from the number index (build_scripts/search_numbers.py):
   * portal documents, then reference pages. Only for a query with a figure in it; one small
   * file per leading figure, fetched once. Each is made to look like a Pagefind result. */
  var numberFiles = {};
  function numberMatches(query) {
    var key = numberKey(query);
    var figure = /[0-9]+/.exec(key);
    if (!figure || key.length > 40) return Promise.resolve([]);
    var bundle = new URL(root.getAttribute("data-bundle"), document.baseURI);
    var file = new URL("../so-hieu/" + figure[0] + ".json", bundle);
    if (!numberFiles[file.href]) {
      numberFiles[file.href] = fetch(file.href).then(function (response) {
        return response.ok ? response.json() : [];
      }).catch(function () {
        delete numberFiles[file.href];
        return [];
      });
    }
    return numberFiles[file.href].then(function (entries) {
      return entries
        .filter(function (e) {
          return e.key === key || (e.kind === "doc" && e.lead === key);
        })
        .map(function (e) {
          var url = new URL("../" + e.path, bundle).pathname;
          var data = { url: url, meta: { title: e.title, facts: e.facts }, content: "", locations: [] };
          return { id: "number:" + url, url: url, data: function () { return Promise.resolve(data); } };
        });
    });
  }

  /* Exact number matches first, then Pagefind's ranking of the words. A page both found by
   * its number and ranked by Pagefind is shown once (showMore drops the second). */
  function merged(exact, ranked) {
    exactUrls = {};
    exact.forEach(function (result) {
      exactUrls[result.url] = true;
    });
    return exact.concat(ranked);
  }

  function unfold(text) {
    return String(text || "").replace(STROKED, function (_, d) {
      return d === "d" ? "đ" : "Đ";
    });
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return values[key];
    });
  }

  function load() {
    if (!engine) {
      var bundle = new URL(root.getAttribute("data-bundle"), document.baseURI);
      var baseUrl = new URL("..", bundle).pathname;
      // A large index comes in parts (parts.json lists them, build_scripts/search.py): each is
      // merged into the main one, which then ranks across all. Fetched beside pagefind.js.
      var parts = fetch(new URL("parts.json", bundle).href).then(function (response) {
        if (!response.ok) throw new Error("parts.json: " + response.status);
        return response.json();
      });
      engine = Promise.all([import(new URL("pagefind.js", bundle).href), parts]).then(
        function (loaded) {
          var pagefind = loaded[0];
          return pagefind
            .options({ baseUrl: baseUrl })
            .then(function () {
              return pagefind.init();
            })
            .then(function () {
              return Promise.all(
                loaded[1].map(function (part) {
                  return pagefind.mergeIndex(new URL(part, bundle).pathname, { baseUrl: baseUrl });
                })
              );
            })
            .then(function () {
              return pagefind;
            });
        }
      );
      engine.catch(function () {
        engine = null; // a later focus tries again
      });
    }
    return engine;
  }

  /* The excerpt: EXCERPT_WORDS words of the page's opening around the first match, matches
   * marked. Pagefind indexes a digest of each page (build_scripts/search_digest.py): its
   * title, its opening word for word, the sign OPENING_END, then single words, which are
   * never shown. Built from text nodes only, so no markup from a page can reach this one. */
  function excerptNodes(data) {
    var words = unfold(data.content).split(/[\r\n\s]+/g);
    var end = words.findIndex(function (word) {
      return word.indexOf(OPENING_END) === 0;
    });
    if (end < 0) end = words.length;
    var titleWords = unfold(data.meta.title).split(/\s+/).length;
    var hits = data.locations.filter(function (at) {
      return at >= titleWords && at < end;
    });
    var start = hits.length ? Math.max(titleWords, hits[0] - LEAD_WORDS) : titleWords;
    start = Math.max(Math.min(start, end - EXCERPT_WORDS), 0);
    var nodes = [];
    for (var at = start; at < Math.min(end, start + EXCERPT_WORDS); at++) {
      if (hits.indexOf(at) >= 0) {
        var mark = document.createElement("mark");
        mark.textContent = words[at];
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(words[at]));
      }
      nodes.push(document.createTextNode(" "));
    }
    if (start + EXCERPT_WORDS < end) nodes.push(document.createTextNode("…"));
    return nodes;
  }

  function resultItem(data) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.className = "portal-search__link";
    link.href = data.url;
    var title = document.createElement("span");
    title.className = "portal-search__title";
    title.textContent = unfold(data.meta.title) || data.url;
    link.appendChild(title);
    if (data.meta.facts) {
      var facts = document.createElement("span");
      facts.className = "portal-search__facts";
      facts.textContent = unfold(data.meta.facts);
      link.appendChild(facts);
    }
    var excerpt = document.createElement("span");
    excerpt.className = "portal-search__excerpt";
    excerptNodes(data).forEach(function (node) {
      excerpt.appendChild(node);
    });
    link.appendChild(excerpt);
    item.appendChild(link);
    return item;
  }

  /* Fetch the next page of results (one fragment each) and add them to the list. */
  function showMore(mine) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    more.hidden = true;
    return Promise.all(
      batch.map(function (result) {
        return result.data();
      })
    ).then(function (pages) {
      if (mine !== generation) return;
      batch.forEach(function (result, i) {
        var data = pages[i];
        if (exactUrls[data.url] && String(result.id).indexOf("number:") !== 0) {
          dropped += 1;
        } else {
          list.appendChild(resultItem(data));
        }
      });
      shown += pages.length;
      more.hidden = shown >= results.length;
    });
  }

  function clear() {
    results = [];
    shown = 0;
    dropped = 0;
    list.textContent = "";
    more.hidden = true;
  }

  function run() {
    var query = input.value.trim();
    var mine = ++generation;
    if (!query) {
      clear();
      status.textContent = strings.hint;
      return;
    }
    output.hidden = false;
    list.setAttribute("aria-busy", "true");
    load()
      .then(function (pagefind) {
        return Promise.all([numberMatches(query), pagefind.search(foldQuery(query))]);
      })
      .then(function (found) {
        if (mine !== generation) return;
        clear();
        results = merged(found[0], found[1].results);
        return showMore(mine).then(function () {
          if (mine !== generation) return;
          var n = results.length - dropped;
          status.textContent = say(
            n === 0 ? strings.none : n === 1 ? strings.one : strings.many,
            { n: n, q: query }
          );
          list.setAttribute("aria-busy", "false");
        });
      })
      .catch(function () {
        if (mine !== generation) return;
        status.textContent = strings.error;
        list.setAttribute("aria-busy", "false");
      });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".portal-search__link"));
  }

  function open() {
    root.classList.add("portal-search--open");
    openButton.setAttribute("aria-expanded", "true");
    input.focus();
  }

  function close() {
    root.classList.remove("portal-search--open");
    openButton.setAttribute("aria-expanded", "false");
    output.hidden = true;
  }

  input.addEventListener("focus", function () {
    output.hidden = false;
    if (!input.value.trim()) status.textContent = strings.loading;
    load().then(
      function () {
        if (!input.value.trim()) status.textContent = strings.hint;
      },
      function () {
        status.textContent = strings.error;
      }
    );
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  more.addEventListener("click", function () {
    var mine = generation;
    var next = shown;
    showMore(mine).then(function () {
      var target = links()[next];
      if (target) target.focus();
    });
  });
  openButton.addEventListener("click", open);
  closeButton.addEventListener("click", function () {
    input.value = "";
    clear();
    close();
    openButton.focus();
  });

  /* Keyboard: arrows move between the box and the results, Escape closes. */
  root.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    } else if (event.key === "Escape") {
      close();
      (getComputedStyle(openButton).display === "none" ? input : openButton).focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!root.contains(event.target)) close();
  });
})();
