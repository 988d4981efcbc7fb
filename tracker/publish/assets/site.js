/* The only script of a site made by `track publish`: filters and search on list.html.
   No framework, no build step, no request. The state lives in the address's fragment
   (list.html#status=pending&q=ha%20noi), so a filtered view can be bookmarked and linked. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("commitments");
  if (!form || !table) { return; }
  var fields = ["q", "status", "party", "pillar", "overdue", "upcoming"];
  var count = document.getElementById("count");

  /* The folding of `track list --search`: no case, no accents, đ is d, one space. */
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  var rows = Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
    return {
      tr: tr,
      status: tr.getAttribute("data-status"),
      pillar: tr.getAttribute("data-pillar"),
      parties: JSON.parse(tr.getAttribute("data-parties") || "[]"),
      flags: " " + (tr.getAttribute("data-flags") || "") + " ",
      raw: tr.getAttribute("data-text") || "",
      text: null
    };
  });

  /* Rows are folded on the first search, not on load: a list of 10,000 opens at once. */
  function searchable(row) {
    if (row.text === null) { row.text = fold(row.raw); }
    return row.text;
  }

  function read() {
    var state = {};
    fields.forEach(function (name) {
      var el = form.elements[name];
      state[name] = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value;
    });
    return state;
  }

  function write(state) {
    fields.forEach(function (name) {
      var el = form.elements[name];
      var value = state[name] || "";
      if (el.type === "checkbox") { el.checked = value === "1"; return; }
      if (el.tagName === "SELECT" && value && !Array.prototype.some.call(el.options, function (o) { return o.value === value; })) {
        var option = document.createElement("option");
        option.value = value; option.textContent = value;
        el.appendChild(option);
      }
      el.value = value;
    });
  }

  function fromAddress() {
    var text = location.hash.replace(/^#/, "") || location.search.replace(/^\?/, "");
    var state = {};
    text.split("&").forEach(function (pair) {
      if (!pair) { return; }
      var at = pair.indexOf("=");
      var key = decodeURIComponent((at < 0 ? pair : pair.slice(0, at)).replace(/\+/g, " "));
      var value = at < 0 ? "1" : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
      if (fields.indexOf(key) >= 0) { state[key] = value; }
    });
    return state;
  }

  function toAddress(state) {
    var parts = fields.filter(function (name) { return state[name]; }).map(function (name) {
      return name + "=" + encodeURIComponent(state[name]);
    });
    try { history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname); }
    catch (e) { /* some browsers refuse on file:// pages; the filter still applies */ }
  }

  function apply() {
    var state = read();
    var words = fold(state.q);
    var shown = 0;
    rows.forEach(function (row) {
      var keep = (!state.status || row.status === state.status) &&
        (!state.pillar || row.pillar === state.pillar) &&
        (!state.party || row.parties.indexOf(state.party) >= 0) &&
        (!state.overdue || row.flags.indexOf(" overdue ") >= 0) &&
        (!state.upcoming || row.flags.indexOf(" upcoming ") >= 0) &&
        (!words || searchable(row).indexOf(words) >= 0);
      row.tr.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = shown === rows.length
      ? rows.length + " commitments."
      : "Showing " + shown + " of " + rows.length + " commitments.";
    toAddress(state);
  }

  form.hidden = false;
  write(fromAddress());
  apply();
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  window.addEventListener("hashchange", function () { write(fromAddress()); apply(); });
})();
