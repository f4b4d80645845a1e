/* Filters for Redraft's comment table, the side-by-side view of redlines, a language switcher
   that stays on the same page, and one accessibility repair to Material's search.  Progressive enhancement: without this script the table
   is complete; with it, a select box per named column hides the rows that do not match.
   The options come from the cells themselves, so the page needs no data of its own. */
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function setUp(container) {
    var table = container.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) {
      return;
    }
    var wanted = (container.getAttribute("data-filter-columns") || "").split(",");
    /* The page's own words (in its language) and the filters' names in the URL. */
    var keys = (container.getAttribute("data-filter-keys") || "").split(",");
    var allWord = container.getAttribute("data-all") || "All";
    var countWords = container.getAttribute("data-count") || "{shown} of {total} comments";
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.trim();
    });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var form = document.createElement("form");
    form.className = "redraft-filters";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", container.getAttribute("data-label") || "Filter the comments");
    var filters = [];
    var uid = 0;

    wanted.forEach(function (name, position) {
      var index = headers.indexOf(name.trim());
      if (index < 0) {
        return;
      }
      var values = {};
      rows.forEach(function (row) {
        var value = cellText(row, index);
        if (value) {
          values[value] = true;
        }
      });
      var label = document.createElement("label");
      var id = "redraft-filter-" + uid++;
      label.setAttribute("for", id);
      label.appendChild(document.createTextNode(name));
      var select = document.createElement("select");
      select.id = id;
      var all = document.createElement("option");
      all.value = "";
      all.textContent = allWord;
      select.appendChild(all);
      Object.keys(values).sort(function (a, b) {
        return a.localeCompare(b, undefined, { numeric: true });
      }).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      label.appendChild(select);
      form.appendChild(label);
      var key = keys[position] || name.trim().toLowerCase().replace(/\s+/g, "-");
      filters.push({ index: index, select: select, key: key });
    });

    /* Each cell says which column it is, for the stacked layout of narrow screens. */
    rows.forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, index) {
        cell.setAttribute("data-label", headers[index] || "");
      });
    });

    /* The filters live in the query string (?party=Austria&disposition=Accepted), so that a
       filtered list can be shared and comes back on reload; unknown values are ignored. */
    function readQuery() {
      var query = new URLSearchParams(window.location.search);
      filters.forEach(function (filter) {
        var wanted = query.get(filter.key);
        var found = Array.prototype.some.call(filter.select.options, function (option) {
          return option.value === wanted;
        });
        filter.select.value = wanted && found ? wanted : "";
      });
    }

    function writeQuery() {
      var url = new URL(window.location.href);
      filters.forEach(function (filter) {
        if (filter.select.value) {
          url.searchParams.set(filter.key, filter.select.value);
        } else {
          url.searchParams.delete(filter.key);
        }
      });
      window.history.replaceState(window.history.state, "", url.href);
    }

    var count = document.createElement("output");
    count.className = "redraft-filter-count";
    count.setAttribute("aria-live", "polite");
    form.appendChild(count);

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = filters.every(function (filter) {
          return !filter.select.value || cellText(row, filter.index) === filter.select.value;
        });
        row.hidden = !visible;
        if (visible) {
          shown++;
        }
      });
      count.textContent = countWords
        .replace("{shown}", String(shown))
        .replace("{total}", String(rows.length));
    }

    form.addEventListener("change", function () {
      apply();
      writeQuery();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    container.parentNode.insertBefore(form, container);
    readQuery();
    apply();
  }

  /* Material's search dialog has role="dialog" but no name; give it the search box's own. */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder || "Search");
    }
  }

  /* The language switcher keeps the reader on the same page.  Every language tree has its
     version and guideline pages at the same path under its own root; Material can only map
     pages through a sitemap, which needs a site_url.  Here the page's path under its tree's
     root (Material's config.base) is tried under the other tree's root, and the other root
     is the fallback for a page that tree does not have. */
  function treeRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (error) {
      return null;
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function switchLanguage(event) {
    var link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
    var root = link && treeRoot();
    if (!root || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) {
      return;
    }
    var here = window.location.pathname;
    if (here.indexOf(root.pathname) !== 0) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    var otherRoot = new URL(link.href);
    var target = new URL(here.slice(root.pathname.length), otherRoot);
    target.hash = window.location.hash;
    /* Where the other tree has no such page, its home says so (missing_page_note in home.py)
       and links back to the page the reader left. */
    var explained = new URL(otherRoot.href);
    explained.searchParams.set("missing", window.location.href);
    fetch(target.href, { method: "HEAD" })
      .then(function (response) {
        window.location.href = response.ok ? target.href : explained.href;
      })
      .catch(function () {
        window.location.href = explained.href;
      });
  }

  /* Material's search results (a scrollable box with tabindex="0") and, on a narrow screen, its
     search box stay in the tab order while the search is closed and invisible: a keyboard user
     lands on nothing.  They take a tab stop only while the search is open (or the box is seen):
     the closed results are hidden, the unseen box leaves the tab order. */
  function guardSearchStops() {
    var toggle = document.getElementById("__search");
    var results = document.querySelector(".md-search__scrollwrap");
    var input = document.querySelector(".md-search__input");
    function seen(element) {
      if (!element.checkVisibility) {
        return true;
      }
      return element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    }
    function update() {
      /* results exist only for a query: an empty, focused box has nothing to tab into */
      var open = Boolean(toggle && toggle.checked) || Boolean(input && input.value.trim());
      if (results) {
        /* hidden, not tabindex="-1": a scrollable box must stay reachable by keyboard while
           it can be seen (axe's scrollable-region-focusable) */
        results.style.visibility = open ? "" : "hidden";
      }
      if (input) {
        if (open || seen(input)) {
          input.removeAttribute("tabindex");
        } else {
          input.setAttribute("tabindex", "-1");
        }
      }
    }
    if (toggle) {
      toggle.addEventListener("change", update);
    }
    if (input) {
      input.addEventListener("focus", update);
      input.addEventListener("input", update);
      input.addEventListener("blur", function () {
        window.setTimeout(update, 0);
      });
    }
    window.addEventListener("resize", update);
    update();
  }

  function showMissingNote() {
    var note = document.querySelector(".redraft-missing");
    var from = new URLSearchParams(window.location.search).get("missing");
    if (!note || !from) {
      return;
    }
    var back = note.querySelector(".redraft-missing-back");
    var left = null;
    try {
      left = new URL(from, window.location.href);
    } catch (error) {
      left = null;
    }
    /* Only a page of this site: the parameter must not become a link elsewhere. */
    if (left && left.origin === window.location.origin && back) {
      back.href = left.href;
    } else if (back) {
      back.parentNode.removeChild(back);
    }
    note.hidden = false;
  }

  /* The side-by-side view of a redline, drawn from its inline view: the older text is the
     inline one without its insertions, the newer one without its deletions (the page carries
     the inline view only; see redlines.py). */
  function sideOf(paragraph, drop) {
    var cell = document.createElement("td");
    Array.prototype.forEach.call(paragraph.childNodes, function (node) {
      cell.appendChild(node.cloneNode(true));
    });
    Array.prototype.forEach.call(cell.querySelectorAll(drop + ", .redraft-hint"), function (node) {
      node.parentNode.removeChild(node);
    });
    return cell;
  }

  function drawSideBySide(slot) {
    var set = slot.closest(".redraft-redline");
    var inline = set && set.querySelector(".redraft-inline");
    if (!inline) {
      return;
    }
    var table = document.createElement("table");
    table.className = "redraft-sbs";
    var head = table.createTHead().insertRow();
    [slot.getAttribute("data-old"), slot.getAttribute("data-new")].forEach(function (name) {
      var th = document.createElement("th");
      th.setAttribute("scope", "col");
      th.textContent = name;
      head.appendChild(th);
    });
    var body = table.createTBody();
    Array.prototype.forEach.call(inline.children, function (paragraph) {
      var row = body.insertRow();
      var inserted = paragraph.classList.contains("redraft-inserted");
      var deleted = paragraph.classList.contains("redraft-deleted");
      row.appendChild(inserted ? document.createElement("td") : sideOf(paragraph, "ins"));
      row.appendChild(deleted ? document.createElement("td") : sideOf(paragraph, "del"));
    });
    slot.parentNode.replaceChild(table, slot);
  }

  /* The compare chooser: two selects that open /compare/<from>/<to>/ for any two versions,
     in either direction.  A static site cannot answer a form, so the form starts hidden and
     is shown here; without this script the compare index lists every pair. */
  function setUpChooser(form) {
    var message = form.querySelector(".redraft-chooser-message");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var from = form.elements.namedItem("from").value;
      var to = form.elements.namedItem("to").value;
      if (from === to) {
        message.textContent = form.getAttribute("data-same");
        return;
      }
      message.textContent = "";
      var root = new URL(form.getAttribute("data-compare"), window.location.href);
      window.location.href = new URL(from + "/" + to + "/", root).href;
    });
  }

  /* Every printed sheet says what it is part of: the symbol and date of "This version" (the
     working draft "as at" its last change), else the page's heading (a comparison's names its
     two versions).  Chromium draws @page margin boxes but not named strings (string-set), so
     the words reach the margin box through a custom property on the root element, which the
     page context inherits (redraft.css, @page).  JSON.stringify makes them one CSS string:
     quotes and backslashes escaped, and the text has no line breaks left to escape. */
  function labelPrintedSheets() {
    var source = document.querySelector(".md-content .redraft-identity dd") ||
      document.querySelector(".md-content h1");
    if (!source) {
      return;
    }
    var copy = source.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".headerlink"), function (link) {
      link.remove();
    });
    var words = copy.textContent.replace(/\s+/g, " ").trim();
    if (words) {
      document.documentElement.style.setProperty("--redraft-sheet-label", JSON.stringify(words));
    }
  }

  /* A table wider than its column scrolls sideways inside Material's wrapper, and a long line
     of code inside its block; a reader without a mouse can scroll either only if it takes
     focus.  Only a box that does overflow becomes a tab stop (one that fits would be a stop
     with nothing to do), checked again when the window is resized.  Material's script does the
     same for code blocks, but only once it has measured them, a moment after the page has
     loaded (longer on a slow machine); this runs as soon as the page is parsed. */
  function reachScrollingBoxes() {
    function update() {
      Array.prototype.forEach.call(
        document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code"),
        function (box) {
          if (box.scrollWidth > box.clientWidth + 1) {
            box.setAttribute("tabindex", "0");
          } else {
            box.removeAttribute("tabindex");
          }
        }
      );
    }
    update();
    window.addEventListener("resize", update);
  }

  /* Material writes each search result's tags (a version's symbol, a guideline's former
     names) as a <nav>: one unnamed navigation landmark per result, which a screen reader lists
     as so many identical landmarks (axe: landmark-unique).  They are words, not navigation. */
  function plainSearchTags() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || !window.MutationObserver) {
      return;
    }
    new MutationObserver(function () {
      Array.prototype.forEach.call(list.querySelectorAll("nav.md-tags:not([role])"), function (nav) {
        nav.setAttribute("role", "none");
      });
    }).observe(list, { childList: true, subtree: true });
  }

  function init() {
    labelPrintedSheets();
    Array.prototype.forEach.call(document.querySelectorAll("form.redraft-chooser"), setUpChooser);
    Array.prototype.forEach.call(document.querySelectorAll(".redraft-sbs-slot"), drawSideBySide);
    document.addEventListener("click", switchLanguage, true);
    nameSearchDialog();
    showMissingNote();
    guardSearchStops();
    reachScrollingBoxes();
    plainSearchTags();
    Array.prototype.forEach.call(document.querySelectorAll(".redraft-filterable"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
