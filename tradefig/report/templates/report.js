/* tradefig report: tooltips for the marks, sorting and filtering of the rows, the toggles.
   Without script the page still reads: marks keep their title, the table is complete. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  /* --- tooltips: hover or focus a mark (Tab moves between marks; Enter jumps to its row) --- */
  var tip = document.getElementById("tip");
  var marks = document.querySelectorAll("mark.fig");
  for (var i = 0; i < marks.length; i++) {
    marks[i].setAttribute("data-tip", marks[i].getAttribute("title") || "");
    marks[i].removeAttribute("title");
  }
  var current = null;

  function showTip(mark) {
    var lines = (mark.getAttribute("data-tip") || "").split("\n");
    tip.textContent = "";
    var head = document.createElement("strong");
    head.textContent = lines[0];
    tip.appendChild(head);
    tip.appendChild(document.createTextNode("\n" + lines.slice(1).join("\n") + "\n#" + mark.getAttribute("data-row")));
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left, root.clientWidth - tip.offsetWidth - 8));
    var top = box.bottom + 6;
    if (top + tip.offsetHeight > root.clientHeight && box.top > tip.offsetHeight + 6) {
      top = box.top - tip.offsetHeight - 6;
    }
    tip.style.left = window.scrollX + left + "px";
    tip.style.top = window.scrollY + top + "px";
    mark.setAttribute("aria-describedby", "tip");
    current = mark;
  }

  function hideTip() {
    if (current) {
      current.removeAttribute("aria-describedby");
    }
    tip.hidden = true;
    current = null;
  }

  function markOf(event) {
    var target = event.target;
    return target && target.closest ? target.closest("mark.fig") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var mark = markOf(event);
    if (mark && mark !== current) {
      showTip(mark);
    }
  });
  document.addEventListener("mouseout", function (event) {
    var mark = markOf(event);
    if (mark && (!event.relatedTarget || !mark.contains(event.relatedTarget))) {
      hideTip();
    }
  });
  document.addEventListener("focusin", function (event) {
    var mark = markOf(event);
    if (mark) {
      showTip(mark);
    } else {
      hideTip();
    }
  });
  document.addEventListener("focusout", function (event) {
    if (markOf(event)) {
      hideTip();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hideTip();
      return;
    }
    var mark = markOf(event);
    if (mark && event.key === "Enter") {
      var row = document.getElementById("row-" + mark.getAttribute("data-row"));
      if (row) {
        clearFilters();
        row.scrollIntoView({ block: "center" });
        row.querySelector("a").focus({ preventScroll: true });
      }
    }
  });
  window.addEventListener("resize", hideTip);

  /* --- the table: sort by a column, filter by party, flow, period, status, document, text --- */
  var table = document.getElementById("rows-table");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = table.tHead.rows[0].cells;

  function sortKey(row, column, numeric) {
    var cell = row.cells[column];
    var text = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? parseFloat(text) : text.toLowerCase();
  }

  function sortBy(header) {
    var column = header.cellIndex;
    var numeric = header.querySelector("button").getAttribute("data-type") === "num";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    for (var h = 0; h < headers.length; h++) {
      headers[h].removeAttribute("aria-sort");
    }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sorted = rows.slice().sort(function (a, b) {
      var x = sortKey(a, column, numeric);
      var y = sortKey(b, column, numeric);
      var order = numeric ? x - y : x.localeCompare(y);
      if (order === 0 || isNaN(order)) {
        order = sortKey(a, 0, true) - sortKey(b, 0, true);
        return order;
      }
      return ascending ? order : -order;
    });
    for (var r = 0; r < sorted.length; r++) {
      body.appendChild(sorted[r]);
    }
  }

  for (var h = 0; h < headers.length; h++) {
    headers[h].querySelector("button").addEventListener("click", function (event) {
      sortBy(event.currentTarget.parentNode);
    });
  }

  var form = document.getElementById("filters");
  var shown = document.getElementById("shown");

  function value(name) {
    var field = form.elements.namedItem(name);
    return field ? field.value : "";
  }

  function applyFilters() {
    var party = value("party");
    var flow = value("flow");
    var period = value("period");
    var status = value("status");
    var doc = value("doc");
    var query = value("q").trim().toLowerCase();
    var count = 0;
    for (var r = 0; r < rows.length; r++) {
      var row = rows[r];
      var data = row.dataset;
      var keep =
        (!party || data.parties.split(" ").indexOf(party) >= 0) &&
        (!flow || data.flow === flow) &&
        (!period || data.period === (period === "-" ? "" : period)) &&
        (!status || data.status === status) &&
        (!doc || data.doc === doc) &&
        (!query || row.textContent.toLowerCase().indexOf(query) >= 0);
      row.hidden = !keep;
      if (keep) {
        count += 1;
      }
    }
    shown.textContent = count + " of " + rows.length + " rows";
  }

  function clearFilters() {
    form.reset();
    applyFilters();
  }

  form.addEventListener("input", applyFilters);
  form.addEventListener("change", applyFilters);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(applyFilters, 0);
  });

  /* --- toggles --- */
  function toggle(id, className) {
    var box = document.getElementById(id);
    box.addEventListener("change", function () {
      root.classList.toggle(className, box.checked);
    });
    root.classList.toggle(className, box.checked);
  }
  toggle("hide-removed", "hide-removed");
  toggle("hide-unused", "hide-unused");
})();
