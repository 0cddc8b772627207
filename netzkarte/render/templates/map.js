/* netzkarte map page script.
 * Every text that came from input is written with textContent or drawn on the canvas;
 * nothing here uses innerHTML, insertAdjacentHTML, document.write or eval. */
(function () {
  "use strict";
  var timings = { start: Math.round(performance.now()) };
  function mark(what) { timings[what] = Math.round(performance.now()); }
  var data = JSON.parse(document.getElementById("netzkarte-data").textContent);
  var META = data.meta, L = data.labels, S = data.style;
  var BIG = !!META.big;
  var NONE = "__none__";
  var DIM_NODE = { background: "#EEEEEE", border: "#D5D5D5" };
  var DIM_FONT = "#C8C8C8";
  var HIGHLIGHT = "#D40000";

  // ---------------------------------------------------------------- helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function fold(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/\u00df/g, "ss");
  }
  function label(table, code) { return (L[table] && L[table][code]) || String(code); }
  function darken(hex) {
    var n = parseInt(hex.slice(1), 16);
    var r = Math.round(((n >> 16) & 255) * 0.7), g = Math.round(((n >> 8) & 255) * 0.7),
      b = Math.round((n & 255) * 0.7);
    return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
  }
  function displayLabel(n) { return n.badge ? n.label + " [" + n.badge + "]" : n.label; }

  // ---------------------------------------------------------------- model
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var edgeById = new Map();
  var adjacency = new Map();
  data.nodes.forEach(function (n) { adjacency.set(n.id, []); });
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    adjacency.get(e.from).push(e);
    adjacency.get(e.to).push(e);
  });

  function tooltip(n) {
    var box = el("div");
    box.appendChild(el("div", "nk-tip-name", displayLabel(n)));
    var parts = [label("types", n.type)];
    if (n.sector) { parts.push(label("sectors", n.sector)); }
    if (n.district) { parts.push("Sozialraum " + n.district); }
    box.appendChild(el("div", null, parts.join(" · ")));
    return box;
  }
  function edgeTooltip(e) {
    var parts = [label("kinds", e.kind)];
    if (e.strength) { parts.push("Stärke " + label("strengths", String(e.strength))); }
    if (e.function) { parts.push(label("functions", e.function)); }
    if (e.formal) { parts.push("formal vereinbart"); }
    return el("div", null, parts.join(" · "));
  }

  function baseNode(n) {
    var colour = n.sector ? S.sectors[n.sector] : S.noSector;
    var border = n.coord ? S.coordinatorBorder : darken(colour);
    var o = {
      id: n.id, x: n.x, y: n.y, label: displayLabel(n), shape: S.types[n.type].shape,
      size: n.size, borderWidth: n.coord ? 3 : 1.5,
      color: { background: colour, border: border,
               highlight: { background: colour, border: "#000000" },
               hover: { background: colour, border: "#000000" } },
      font: { color: "#222222" },
      shapeProperties: { borderDashes: n.form === "person" ? S.personDashes : false }
    };
    if (!BIG) { o.title = tooltip(n); }
    return o;
  }
  function edgeWidth(e) {
    if (e.kind === "cooperation" && e.strength) { return S.strengthWidth[String(e.strength)]; }
    return S.edges[e.kind].width;
  }
  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }
  var edgeColours = {};
  Object.keys(S.edges).forEach(function (k) {
    edgeColours[k] = { color: rgba(S.edges[k].colour, S.edges[k].opacity), highlight: "#000000", hover: "#000000" };
  });
  function baseEdge(e) {
    var st = S.edges[e.kind];
    var o = { id: e.id, from: e.from, to: e.to, width: edgeWidth(e), color: edgeColours[e.kind] };
    if (st.dashes.length) { o.dashes = st.dashes; }
    if (st.arrows) { o.arrows = "to"; }
    if (!BIG) { o.title = edgeTooltip(e); }
    return o;
  }

  var hiddenSet = new Set();
  mark("parsed");
  var nodes = new vis.DataSet(data.nodes.map(baseNode));
  var edges = new vis.DataSet(data.edges.map(baseEdge));
  var container = document.getElementById("nk-network");
  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: !BIG, tooltipDelay: 150, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG,
                   multiselect: false, navigationButtons: false, keyboard: false },
    nodes: { font: { face: S.font, size: META.nodeCount > 300 ? 12 : (META.layout === "netz" ? 14 : 20), strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: { label: { drawThreshold: 7 } } },
    edges: { smooth: BIG ? false : { enabled: true, type: "continuous", roundness: 0.3 },
             selectionWidth: 1.5, arrows: { to: { scaleFactor: 0.6 } }, color: { inherit: false } }
  };
  mark("datasets");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  mark("network");

  // ---------------------------------------------------------------- background guides
  network.on("beforeDrawing", function (ctx) {
    if (!data.guides.length) { return; }
    var scale = network.getScale();
    ctx.save();
    ctx.strokeStyle = "#D8D8D8";
    ctx.lineWidth = 1 / scale;
    ctx.textBaseline = "middle";
    data.guides.forEach(function (g) {
      if (g.kind === "circle") {
        ctx.beginPath(); ctx.arc(g.x, g.y, g.r, 0, 2 * Math.PI); ctx.stroke();
      } else if (g.kind === "line") {
        ctx.beginPath(); ctx.moveTo(g.x, g.y); ctx.lineTo(g.x2, g.y2); ctx.stroke();
      }
    });
    data.guides.forEach(function (g) {
      if (g.kind !== "text") { return; }
      var align = g.align || "center";
      var fontSize = g.size || 16;
      ctx.font = "600 " + fontSize + "px " + S.font;
      var lines = String(g.text).split("\n");
      lines.forEach(function (line, i) {
        var y = g.y + (i - (lines.length - 1) / 2) * fontSize * 1.2;
        var w = ctx.measureText(line).width;
        var left = align === "left" ? g.x : (align === "right" ? g.x - w : g.x - w / 2);
        ctx.fillStyle = "rgba(255,255,255,0.85)";
        ctx.fillRect(left - 3 / scale, y - fontSize * 0.65, w + 6 / scale, fontSize * 1.3);
        ctx.fillStyle = "#555555";
        ctx.textAlign = align;
        ctx.fillText(line, g.x, y);
      });
    });
    ctx.restore();
  });

  // fit nodes and guides (vis's own fit ignores the guides and never zooms in past 1)
  function fitAll() {
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    function grow(x, y) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
    data.nodes.forEach(function (n) {
      if (!hiddenSet.has(n.id)) { grow(n.x - n.size, n.y - n.size); grow(n.x + n.size, n.y + n.size + 18); }
    });
    if (x0 === Infinity) { grow(0, 0); }
    data.guides.forEach(function (g) {
      var fs = g.size || 16;
      if (g.kind === "text") {
        var lines = String(g.text).split("\n");
        var tw = Math.max.apply(null, lines.map(function (t) { return t.length; })) * fs * 0.6;
        var left = g.align === "left" ? g.x : (g.align === "right" ? g.x - tw : g.x - tw / 2);
        grow(left, g.y - fs * lines.length); grow(left + tw, g.y + fs * lines.length);
      } else if (g.kind === "line") { grow(g.x, g.y); grow(g.x2, g.y2); }
      else { grow(g.x - g.r, g.y - g.r); grow(g.x + g.r, g.y + g.r); }
    });
    var scale = Math.min(2, 0.96 * Math.min(w / Math.max(x1 - x0, 1), h / Math.max(y1 - y0, 1)));
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale, animation: false });
  }

  // ---------------------------------------------------------------- clustering
  var clusterIds = [];
  function applyClusters() {
    if (!META.cluster) { return; }
    var groups = new Map();
    data.nodes.forEach(function (n) {
      if (n.cl) {
        if (!groups.has(n.cl)) { groups.set(n.cl, []); }
        groups.get(n.cl).push(n);
      }
    });
    // refresh vis's internal data once, with the last cluster (refreshing after each
    // of 50 clusters costs seconds on 5,000 nodes)
    var keys = Array.from(groups.keys()).filter(function (k) { return groups.get(k).length > 1; });
    keys.forEach(function (key, i) {
      var members = groups.get(key);
      var id = "cluster:" + i;
      var sx = 0, sy = 0;
      members.forEach(function (n) { sx += n.x; sy += n.y; });
      network.cluster({
        joinCondition: function (opts) { var n = byId.get(opts.id); return !!n && n.cl === key; },
        clusterNodeProperties: {
          id: id, label: key + " (" + members.length + ")", shape: "dot",
          size: Math.min(60, 14 + 3 * Math.sqrt(members.length)),
          x: sx / members.length, y: sy / members.length,
          color: { background: "#DDDDDD", border: "#555555" }, borderWidth: 2,
          font: { size: 14, color: "#222222" }
        }
      }, i === keys.length - 1);
      clusterIds.push(id);
    });
  }
  applyClusters();
  function isBundle(id) { return clusterIds.indexOf(id) !== -1; }
  function openBundle(id) {
    network.openCluster(id);
    clusterIds = clusterIds.filter(function (c) { return c !== id; });
  }
  network.on("doubleClick", function (params) {
    if (params.nodes.length && isBundle(params.nodes[0])) { openBundle(params.nodes[0]); }
  });

  // ---------------------------------------------------------------- emphasis (search, selection, findings)
  var state = { query: "", matches: null, selected: null, findings: new Set() };
  var nodeLook = new Map();  // id -> "normal" | "dim" | "finding"
  var edgeLook = new Map();

  function findingSets() {
    var ns = new Set(), es = new Set();
    data.findings.forEach(function (f) {
      if (state.findings.has(f.id)) {
        f.nodes.forEach(function (id) { ns.add(id); });
        f.edges.forEach(function (id) { es.add(id); });
      }
    });
    return { nodes: ns, edges: es };
  }
  function neighbourhood(id) {
    var out = new Set([id]);
    adjacency.get(id).forEach(function (e) { out.add(e.from); out.add(e.to); });
    return out;
  }
  function refreshEmphasis() {
    var fs = findingSets();
    var focus = null;
    function add(set) { if (!focus) { focus = new Set(); } set.forEach(function (x) { focus.add(x); }); }
    if (state.matches) { add(state.matches); }
    if (state.selected && byId.has(state.selected)) { add(neighbourhood(state.selected)); }
    if (fs.nodes.size || fs.edges.size) {
      add(fs.nodes);
      fs.edges.forEach(function (eid) { var e = edgeById.get(eid); add([e.from, e.to]); });
    }
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      var look = fs.nodes.has(n.id) ? "finding" : (focus && !focus.has(n.id) ? "dim" : "normal");
      if ((nodeLook.get(n.id) || "normal") === look) { return; }
      nodeLook.set(n.id, look);
      var b = baseNode(n);
      var u = { id: n.id, color: b.color, borderWidth: b.borderWidth, font: { color: "#222222" } };
      if (look === "dim") {
        u.color = { background: DIM_NODE.background, border: DIM_NODE.border,
                    highlight: b.color.highlight, hover: b.color.hover };
        u.font = { color: DIM_FONT };
      } else if (look === "finding") {
        u.color = { background: b.color.background, border: HIGHLIGHT,
                    highlight: { background: b.color.background, border: HIGHLIGHT },
                    hover: { background: b.color.background, border: HIGHLIGHT } };
        u.borderWidth = 5;
      }
      nodeUpdates.push(u);
    });
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var look = fs.edges.has(e.id) ? "finding"
        : (focus && !(focus.has(e.from) && focus.has(e.to)) ? "dim" : "normal");
      if ((edgeLook.get(e.id) || "normal") === look) { return; }
      edgeLook.set(e.id, look);
      var b = baseEdge(e);
      var u = { id: e.id, color: b.color, width: b.width };
      if (look === "dim") {
        u.color = { color: "rgba(228,228,228,0.5)", highlight: "#000000", hover: "#000000" };
      } else if (look === "finding") {
        u.color = { color: HIGHLIGHT, highlight: HIGHLIGHT, hover: HIGHLIGHT };
        u.width = Math.max(4, b.width * 2);
      }
      edgeUpdates.push(u);
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
  }

  // ---------------------------------------------------------------- filters
  var DIMENSIONS = [
    { key: "type", title: "Knotentyp", table: "types", values: function (n) { return [n.type]; } },
    { key: "sector", title: "Handlungsfeld", table: "sectors",
      values: function (n) { return n.sector ? [n.sector] : []; } },
    { key: "district", title: "Sozialraum", table: null,
      values: function (n) { return n.district ? [n.district] : []; } },
    { key: "phase", title: "Lebensphase", table: "phases",
      values: function (n) { return n.phases || []; } },
    { key: "tier", title: "Steuerungsebene", table: "tiers",
      values: function (n) { return n.tier ? [n.tier] : []; } }
  ];
  var allowed = {};   // key -> Set of allowed values (incl. NONE)
  var optionsOf = {}; // key -> ordered values present
  DIMENSIONS.forEach(function (dim) {
    var seen = new Set(), none = false;
    data.nodes.forEach(function (n) {
      var vs = dim.values(n);
      if (!vs.length) { none = true; }
      vs.forEach(function (v) { seen.add(v); });
    });
    var order;
    if (dim.table) {
      order = Object.keys(L[dim.table]).filter(function (v) { return seen.has(v); });
    } else {
      order = Array.from(seen).sort(function (a, b) { return a.localeCompare(b, "de"); });
    }
    if (none) { order.push(NONE); }
    optionsOf[dim.key] = order;
    allowed[dim.key] = new Set(order);
  });

  function passes(n) {
    for (var i = 0; i < DIMENSIONS.length; i++) {
      var dim = DIMENSIONS[i], vs = dim.values(n), ok = false;
      if (!vs.length) { ok = allowed[dim.key].has(NONE); }
      for (var j = 0; j < vs.length && !ok; j++) { ok = allowed[dim.key].has(vs[j]); }
      if (!ok) { return false; }
    }
    return true;
  }
  function applyFilters() {
    var updates = [];
    data.nodes.forEach(function (n) {
      var hide = !passes(n);
      if (hide !== hiddenSet.has(n.id)) {
        if (hide) { hiddenSet.add(n.id); } else { hiddenSet.delete(n.id); }
        updates.push({ id: n.id, hidden: hide });
      }
    });
    if (updates.length) { nodes.update(updates); }
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var hide = hiddenSet.has(e.from) || hiddenSet.has(e.to);
      edgeUpdates.push({ id: e.id, hidden: hide });
    });
    edges.update(edgeUpdates);
  }
  function buildFilters() {
    var box = document.getElementById("nk-filters");
    DIMENSIONS.forEach(function (dim) {
      var values = optionsOf[dim.key];
      if (values.length < 2) { return; }
      var det = el("details", "nk-filter");
      det.dataset.filter = dim.key;
      if (dim.key === "type" || dim.key === "sector") { det.open = true; }
      det.appendChild(el("summary", null, dim.title));
      var list = el("div", "nk-filter-list");
      values.forEach(function (v) {
        var lab = el("label");
        var cb = el("input");
        cb.type = "checkbox";
        cb.checked = true;
        cb.value = v;
        cb.dataset.filter = dim.key;
        cb.addEventListener("change", function () {
          if (cb.checked) { allowed[dim.key].add(v); } else { allowed[dim.key].delete(v); }
          applyFilters();
        });
        lab.appendChild(cb);
        var text = v === NONE ? "ohne Angabe" : (dim.table ? label(dim.table, v) : v);
        lab.appendChild(document.createTextNode(" " + text));
        lab.title = text;
        list.appendChild(lab);
      });
      det.appendChild(list);
      box.appendChild(det);
    });
    document.getElementById("nk-filter-reset").addEventListener("click", resetFilters);
  }
  function resetFilters() {
    DIMENSIONS.forEach(function (dim) { allowed[dim.key] = new Set(optionsOf[dim.key]); });
    Array.prototype.forEach.call(document.querySelectorAll("#nk-filters input[type=checkbox]"),
      function (cb) { cb.checked = true; });
    applyFilters();
  }

  // ---------------------------------------------------------------- search
  var searchIndex = data.nodes.map(function (n) { return [n.id, fold(n.label)]; });
  var results = document.getElementById("nk-results");
  function search(query) {
    state.query = query;
    var q = fold(query.trim());
    clear(results);
    if (!q) {
      state.matches = null;
      results.hidden = true;
    } else {
      var found = new Set();
      searchIndex.forEach(function (pair) { if (pair[1].indexOf(q) !== -1) { found.add(pair[0]); } });
      state.matches = found;
      var shown = 0;
      found.forEach(function (id) {
        if (shown >= 30) { return; }
        shown += 1;
        var li = el("li", null, displayLabel(byId.get(id)));
        li.tabIndex = 0;
        li.dataset.node = id;
        li.addEventListener("click", function () { results.hidden = true; focusNode(id); });
        li.addEventListener("keydown", function (ev) {
          if (ev.key === "Enter") { results.hidden = true; focusNode(id); }
        });
        results.appendChild(li);
      });
      if (!found.size) { results.appendChild(el("li", "nk-muted", "Kein Treffer")); }
      else if (found.size > shown) {
        results.appendChild(el("li", "nk-muted", "… und " + (found.size - shown) + " weitere"));
      }
      results.hidden = false;
    }
    refreshEmphasis();
    return state.matches ? Array.from(state.matches) : [];
  }
  var searchBox = document.getElementById("nk-search");
  searchBox.addEventListener("input", function () { search(searchBox.value); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && state.matches && state.matches.size) {
      results.hidden = true;
      focusNode(state.matches.values().next().value);
    } else if (ev.key === "Escape") {
      searchBox.value = ""; search("");
    }
  });

  // ---------------------------------------------------------------- details
  var details = document.getElementById("nk-details");
  function row(dl, term, value) {
    if (value === undefined || value === null || value === "" ||
        (Array.isArray(value) && !value.length)) { return; }
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, Array.isArray(value) ? value.join(", ") : value));
  }
  function linkTo(id) {
    var b = el("button", "nk-link", displayLabel(byId.get(id)));
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function listSection(title, items) {
    if (!items.length) { return null; }
    var frag = el("div");
    frag.appendChild(el("h3", null, title + " (" + items.length + ")"));
    var ul = el("ul");
    items.slice(0, 150).forEach(function (it) {
      var li = el("li");
      li.appendChild(linkTo(it.id));
      if (it.note) { li.appendChild(document.createTextNode(" – " + it.note)); }
      ul.appendChild(li);
    });
    if (items.length > 150) { ul.appendChild(el("li", "nk-muted", "… und " + (items.length - 150) + " weitere")); }
    frag.appendChild(ul);
    return frag;
  }
  function showDetails(id) {
    clear(details);
    var n = byId.get(id);
    if (!n) { return; }
    var box = el("div", "nk-details");
    box.appendChild(el("h2", "nk-details-name", displayLabel(n)));
    var dl = el("dl");
    row(dl, "Typ", label("types", n.type));
    if (n.form) { row(dl, "Form", label("forms", n.form)); }
    row(dl, "Kategorie", n.category);
    if (n.committeeType) { row(dl, "Gremientyp", label("committeeTypes", n.committeeType)); }
    if (n.tier) { row(dl, "Steuerungsebene", label("tiers", n.tier)); }
    row(dl, "Handlungsfeld", n.sector ? label("sectors", n.sector) : "ohne Angabe");
    if (n.level) { row(dl, "Ebene", label("levels", n.level)); }
    if (n.rank) { row(dl, "Hierarchieebene", label("ranks", n.rank)); }
    row(dl, "Kommune", n.municipality);
    row(dl, "Sozialraum", n.district);
    row(dl, "Lebensphasen", (n.phases || []).map(function (p) { return label("phases", p); }));
    row(dl, "Rollen", (n.roles || []).map(function (r) { return label("roles", r); }));
    if (n.status) { row(dl, "Status", label("status", n.status)); }
    if (n.outreach !== undefined) { row(dl, "Aufsuchend", n.outreach ? "ja" : "nein"); }
    if (n.metric !== undefined) { row(dl, "Größe nach", data.legend.size.replace("Größe: ", "") + ": " + n.metric); }
    row(dl, "ID", n.uid);
    row(dl, "Kontakt", n.contact);
    row(dl, "Bemerkung", n.note);
    box.appendChild(dl);

    var memberships = [], members = [], ties = [];
    adjacency.get(id).forEach(function (e) {
      var other = e.from === id ? e.to : e.from;
      var fn = e.function ? label("functions", e.function) : "";
      if (e.kind === "member" && e.from === id) {
        memberships.push({ id: other, note: fn });
      } else if (e.kind === "member") {
        members.push({ id: other, note: fn });
      } else {
        var arrow = e.from === id ? "→ " : "← ";
        var parts = [arrow + label("kinds", e.kind)];
        if (e.strength) { parts.push("Stärke " + label("strengths", String(e.strength))); }
        if (e.formal) { parts.push("formal"); }
        ties.push({ id: other, note: parts.join(", ") });
      }
    });
    [listSection("Mitgliedschaften", memberships), listSection("Mitglieder", members),
     listSection("Beziehungen", ties)].forEach(function (s) { if (s) { box.appendChild(s); } });
    details.appendChild(box);
  }
  function showClusterDetails(cid) {
    clear(details);
    var inner = network.getNodesInCluster(cid);
    var box = el("div", "nk-details");
    var first = byId.get(inner[0]);
    box.appendChild(el("h2", "nk-details-name", (first && first.cl) || "Bündel"));
    box.appendChild(el("p", "nk-muted", inner.length + " Knoten – Doppelklick öffnet das Bündel."));
    var s = listSection("Enthält", inner.map(function (i) { return { id: i }; }));
    if (s) { box.appendChild(s); }
    details.appendChild(box);
  }
  function resetDetails() {
    clear(details);
    details.appendChild(el("p", "nk-muted", "Klicken Sie auf einen Knoten, um Details zu sehen. Doppelklick auf ein Bündel öffnet es."));
  }
  function selectNode(id) {
    state.selected = id;
    showDetails(id);
    refreshEmphasis();
  }
  function focusNode(id) {
    var target = id;
    if (clusterIds.length) {
      var c = network.findNode(id);
      if (c.length > 1 && isBundle(c[0])) { openBundle(c[0]); }
    }
    if (hiddenSet.has(id)) { resetFilters(); }
    network.selectNodes([target]);
    network.focus(target, { scale: Math.max(network.getScale(), 1.0), animation: false });
    selectNode(target);
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (isBundle(id)) { state.selected = null; showClusterDetails(id); refreshEmphasis(); }
      else { selectNode(id); }
    } else if (!params.edges.length) {
      state.selected = null;
      resetDetails();
      refreshEmphasis();
    }
  });

  // ---------------------------------------------------------------- findings
  function buildFindings() {
    if (!data.findings.length) { return; }
    var box = document.getElementById("nk-findings");
    clear(box);
    var off = el("button", null, "Alle Markierungen aus");
    off.type = "button";
    off.addEventListener("click", function () {
      state.findings.clear();
      Array.prototype.forEach.call(box.querySelectorAll("input[type=checkbox]"),
        function (cb) { cb.checked = false; });
      refreshEmphasis();
    });
    box.appendChild(off);
    data.findings.forEach(function (f) {
      var item = el("div", "nk-finding sev-" + f.severity);
      if (Object.prototype.hasOwnProperty.call(S.severityBorders, f.severity)) {
        item.style.borderLeftColor = S.severityBorders[f.severity];  // style.MAP_SEVERITY_BORDERS
      }
      var lab = el("label");
      var cb = el("input");
      cb.type = "checkbox";
      cb.dataset.finding = f.id;
      cb.addEventListener("change", function () {
        if (cb.checked) { state.findings.add(f.id); } else { state.findings.delete(f.id); }
        refreshEmphasis();
      });
      lab.appendChild(cb);
      lab.appendChild(document.createTextNode(" " + f.title));
      var kind = el("div", "nk-finding-kind", f.kindLabel + " · " + f.severityLabel);
      if (f.uncertain) {
        item.classList.add("nk-finding-unsicher");
        item.dataset.confidence = "unsicher";
        var badge = el("span", "nk-unsicher", "unsicher");
        badge.title = "Einträge ohne Einordnung könnten diesen Befund ändern (siehe Datenlage).";
        kind.appendChild(badge);
      }
      item.appendChild(kind);
      item.appendChild(lab);
      if (f.text) { item.title = f.text; }
      if (f.recommendation) { item.appendChild(el("div", "nk-finding-rec", "Empfehlung: " + f.recommendation)); }
      box.appendChild(item);
    });
  }

  // ---------------------------------------------------------------- Datenlage
  function buildDatenlage() {
    var dl = data.datenlage;
    if (!dl) { return; }
    var panel = document.getElementById("nk-datenlage");
    var body = document.getElementById("nk-datenlage-body");
    var total = dl.nodes.length + dl.more;
    panel.hidden = false;
    clear(body);
    var box = el("div", "nk-datenlage");
    if (!dl.counts.length && !dl.uncertain && !total) {
      document.getElementById("nk-datenlage-summary").textContent = "– alles beurteilbar";
      box.appendChild(el("p", "nk-muted", "Alle Einträge ließen sich beurteilen."));
      body.appendChild(box);
      return;
    }
    var parts = [];
    if (total) { parts.push(total + (total === 1 ? " Eintrag" : " Einträge") + " ergänzen"); }
    if (dl.uncertain) { parts.push(dl.uncertain + " unsicher"); }
    document.getElementById("nk-datenlage-summary").textContent = "– " + parts.join(", ");
    box.appendChild(el("p", null, "Was die Analysen nicht beurteilen konnten, weil Angaben fehlen:"));
    var counts = el("ul", "nk-datenlage-counts");
    dl.counts.forEach(function (c) { counts.appendChild(el("li", null, c.label + ": " + c.n)); });
    box.appendChild(counts);
    if (dl.uncertain) {
      var p = el("p");
      p.appendChild(document.createTextNode(dl.uncertain + (dl.uncertain === 1 ? " Befund ist" : " Befunde sind") + " deshalb "));
      p.appendChild(el("span", "nk-unsicher", "unsicher"));
      p.appendChild(document.createTextNode(" (höchstens „niedrig“)."));
      box.appendChild(p);
    }
    if (dl.nodes.length) {
      box.appendChild(el("h3", null, "Einträge mit fehlenden Angaben (" + total + ")"));
      var list = el("ul", "nk-datenlage-nodes");
      dl.nodes.forEach(function (item) {
        if (!byId.has(item.node)) { return; }
        var li = el("li");
        li.dataset.node = item.node;
        li.appendChild(linkTo(item.node));
        var why = " – " + item.reasons.join("; ");
        if (item.decides) { why += " (klärt " + item.decides + (item.decides === 1 ? " unsicheren Befund)" : " unsichere Befunde)"); }
        li.appendChild(el("span", "nk-reasons", why));
        list.appendChild(li);
      });
      if (dl.more) { list.appendChild(el("li", "nk-muted", "… und " + dl.more + " weitere")); }
      box.appendChild(list);
    }
    if (dl.advice.length) {
      box.appendChild(el("h3", null, "Was ergänzt werden sollte"));
      var advice = el("ul", "nk-datenlage-advice");
      dl.advice.forEach(function (a) { advice.appendChild(el("li", null, a)); });
      box.appendChild(advice);
    }
    body.appendChild(box);
  }

  // ---------------------------------------------------------------- legend
  var SVG = "http://www.w3.org/2000/svg";
  function svg(w, h) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", w); s.setAttribute("height", h);
    s.setAttribute("aria-hidden", "true");
    return s;
  }
  function shapeIcon(shape, dashed) {
    var s = svg(14, 14), p;
    if (shape === "square") {
      p = document.createElementNS(SVG, "rect");
      p.setAttribute("x", 2); p.setAttribute("y", 2); p.setAttribute("width", 10); p.setAttribute("height", 10);
    } else if (shape === "diamond") {
      p = document.createElementNS(SVG, "polygon"); p.setAttribute("points", "7,1 13,7 7,13 1,7");
    } else if (shape === "triangle") {
      p = document.createElementNS(SVG, "polygon"); p.setAttribute("points", "7,1 13,12 1,12");
    } else {
      p = document.createElementNS(SVG, "circle");
      p.setAttribute("cx", 7); p.setAttribute("cy", 7); p.setAttribute("r", 5.5);
    }
    p.setAttribute("fill", dashed ? "#ffffff" : "#9a9a9a");
    p.setAttribute("stroke", "#333333");
    if (dashed) { p.setAttribute("stroke-dasharray", "2,1.5"); }
    s.appendChild(p);
    return s;
  }
  function lineIcon(item) {
    var s = svg(34, 12);
    var l = document.createElementNS(SVG, "line");
    l.setAttribute("x1", 1); l.setAttribute("y1", 6); l.setAttribute("x2", item.arrows ? 27 : 33); l.setAttribute("y2", 6);
    l.setAttribute("stroke", item.colour);
    l.setAttribute("stroke-width", Math.max(1, item.width));
    if (item.dashes.length) { l.setAttribute("stroke-dasharray", item.dashes.join(",")); }
    s.appendChild(l);
    if (item.arrows) {
      var a = document.createElementNS(SVG, "polygon");
      a.setAttribute("points", "27,2 33,6 27,10"); a.setAttribute("fill", item.colour);
      s.appendChild(a);
    }
    return s;
  }
  function legendBlock(title, items, icon) {
    if (!items.length) { return null; }
    var div = el("div");
    div.appendChild(el("h3", null, title));
    var ul = el("ul");
    items.forEach(function (it) {
      var li = el("li");
      li.appendChild(icon(it));
      li.appendChild(el("span", null, it.label));
      ul.appendChild(li);
    });
    div.appendChild(ul);
    return div;
  }
  function buildLegend() {
    var lg = data.legend, box = document.getElementById("nk-legend");
    var blocks = [
      legendBlock(lg.title_types, lg.types, function (t) { return shapeIcon(t.shape, t.code === "person"); }),
      legendBlock(lg.title_sectors, lg.sectors.concat([lg.no_sector]), function (s) {
        var sw = el("span", "nk-swatch"); sw.style.background = s.colour; return sw; }),
      legendBlock(lg.title_edges, lg.edges, lineIcon),
      legendBlock(lg.title_roles, lg.roles, function (r) { return el("span", "nk-badge", r.badge); })
    ];
    blocks.forEach(function (b) { if (b) { box.appendChild(b); } });
    var size = el("div");
    size.appendChild(el("h3", null, lg.size));
    if (META.cluster) { size.appendChild(el("div", "nk-muted", "Graue Kreise: Bündel, Doppelklick öffnet")); }
    box.appendChild(size);
  }

  // ---------------------------------------------------------------- PNG export
  var lastPng = null;
  function exportPng() {
    var canvas = container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = canvas.width; out.height = canvas.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    lastPng = out.toDataURL("image/png");
    var a = document.createElement("a");
    a.href = lastPng;
    a.download = "netzkarte.png";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    return lastPng;
  }
  document.getElementById("nk-png").addEventListener("click", exportPng);
  document.getElementById("nk-reset").addEventListener("click", function () {
    searchBox.value = ""; search("");
    state.selected = null; state.findings.clear();
    Array.prototype.forEach.call(document.querySelectorAll("#nk-findings input[type=checkbox]"),
      function (cb) { cb.checked = false; });
    resetFilters(); resetDetails(); refreshEmphasis();
    network.unselectAll();
    fitAll();
  });

  mark("clusters");
  buildFilters();
  buildFindings();
  buildDatenlage();
  buildLegend();

  // ---------------------------------------------------------------- debug / test handle
  function ids(ds, fn) { return ds.getIds({ filter: fn }); }
  window.netzkarte = {
    network: network, nodes: nodes, edges: edges, meta: META,
    visibleNodeIds: function () { return ids(nodes, function (n) { return !n.hidden; }); },
    hiddenNodeIds: function () { return ids(nodes, function (n) { return !!n.hidden; }); },
    visibleEdgeIds: function () { return ids(edges, function (e) { return !e.hidden; }); },
    dimmedNodeIds: function () { return Array.from(nodeLook).filter(function (p) { return p[1] === "dim"; }).map(function (p) { return p[0]; }); },
    highlightedNodeIds: function () { return Array.from(nodeLook).filter(function (p) { return p[1] === "finding"; }).map(function (p) { return p[0]; }); },
    highlightedEdgeIds: function () { return Array.from(edgeLook).filter(function (p) { return p[1] === "finding"; }).map(function (p) { return p[0]; }); },
    searchMatches: function () { return state.matches ? Array.from(state.matches) : []; },
    labelOf: function (id) { var n = byId.get(id); return n ? displayLabel(n) : null; },
    idByUid: function (uid) { var hit = data.nodes.filter(function (n) { return n.uid === uid; }); return hit.length ? hit[0].id : null; },
    clusterIds: function () { return clusterIds.slice(); },
    search: search, select: focusNode, exportPng: exportPng,
    lastPng: function () { return lastPng; },
    timings: timings
  };

  // ---------------------------------------------------------------- ready
  mark("ui");
  // the container has its size already: fit, then signal ready once that view is drawn
  fitAll();
  network.once("afterDrawing", function () {
    mark("drawn");
    document.body.setAttribute("data-netzkarte-ready", "true");
  });
}());
