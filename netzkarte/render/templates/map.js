/* netzkarte map page script.
 * Every text that came from input is written with textContent or drawn on the canvas;
 * nothing here uses innerHTML, insertAdjacentHTML, document.write or eval.
 *
 * What the page holds: every node and edge of the map (data.nodes, data.edges), and a
 * *view* of them in vis-network's DataSets: large maps open aggregated (data.groups:
 * Kommune → Sozialraum → institutions) and only the open part is in the DataSets, so
 * every interaction touches a few hundred items, not twenty thousand. Names are drawn by
 * this script on top of the canvas at a fixed screen size: the most important always,
 * the rest where they do not collide. */
(function () {
  "use strict";
  var timings = { start: Math.round(performance.now()) };
  function mark(what) { timings[what] = Math.round(performance.now()); }
  var data = JSON.parse(document.getElementById("netzkarte-data").textContent);
  var META = data.meta, L = data.labels, S = data.style;
  var BIG = !!META.big;
  var NONE = "__none__";
  var DIM_NODE = { background: "#EEEEEE", border: "#D5D5D5" };
  var HIGHLIGHT = "#D40000";
  var MATCH = "#0059A0";
  var GROUP_COLOUR = { background: "#E4E4E4", border: "#555555" };
  var LABEL_PX = 12, LABEL_PX_TOP = 14, LABEL_PX_GROUP = 15, LABEL_PX_TOUR = 18;
  var groupsData = data.groups || [];

  // ---------------------------------------------------------------- helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  // „… und 1 weiterer Eintrag“, „… und 7 weitere Einträge“: the words agree with the count
  function moreEntries(n) { return "… und " + n + (n === 1 ? " weiterer Eintrag" : " weitere Einträge"); }
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
  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }
  function button(text, onClick, cls) {
    var b = el("button", cls || null, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

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
  var groupById = new Map();
  groupsData.forEach(function (g) { g.members = []; g.children = []; groupById.set(g.id, g); });
  groupsData.forEach(function (g) { if (g.parent) { groupById.get(g.parent).children.push(g.id); } });
  // the chain of groups of every node and group, outermost first
  var chainOf = new Map();
  function groupChain(gid) {
    var out = [];
    while (gid) { out.unshift(gid); gid = groupById.get(gid).parent; }
    return out;
  }
  groupsData.forEach(function (g) { chainOf.set(g.id, groupChain(g.parent)); });
  data.nodes.forEach(function (n) {
    if (n.grp && groupById.has(n.grp)) {
      var chain = groupChain(n.grp);
      chainOf.set(n.id, chain);
      chain.forEach(function (gid) { groupById.get(gid).members.push(n.id); });
    }
  });
  function isGroup(id) { return groupById.has(id); }
  function itemOf(id) { return byId.get(id) || groupById.get(id); }
  // a bundle's name and count; while filters hide some of its members: "(12 von 40)"
  function groupLabel(g) {
    var shown = groupPass && groupPass.has(g.id) ? groupPass.get(g.id) : g.n;
    return g.label + " (" + (shown < g.n ? shown + " von " + g.n : g.n) + ")";
  }
  // names and numbers in German order, "Sozialraum 9" before "Sozialraum 10"
  var COLLATOR = window.Intl && Intl.Collator ? new Intl.Collator("de", { numeric: true }) : null;
  function naturalCompare(a, b) {
    a = String(a); b = String(b);
    return COLLATOR ? COLLATOR.compare(a, b) : (a < b ? -1 : (a > b ? 1 : 0));
  }

  function tooltip(n) {
    var box = el("div");
    box.appendChild(el("div", "nk-tip-name", displayLabel(n)));
    var parts = [label("types", n.type)];
    if (n.sector) { parts.push(label("sectors", n.sector)); }
    if (n.district) { parts.push("Sozialraum " + n.district); }
    box.appendChild(el("div", null, parts.join(" · ")));
    return box;
  }
  // where a tie comes from after a Bestandsaufnahme (edge column Bestätigung): both sides,
  // one side, or disputed
  var UNSURE = { one_sided: true, unconfirmed: true, disputed: true };
  var CONF_DASHES = { one_sided: [7, 5], unconfirmed: [7, 5], disputed: [1.5, 4] };
  var DISPUTED = { color: "rgba(140,140,140,0.9)", highlight: "#000000", hover: "#000000" };
  function confirmationText(e) {
    if (!e.conf) { return ""; }
    var who = e.by && byId.has(e.by) ? "„" + displayLabel(byId.get(e.by)) + "“" : "einer Seite";
    if (e.conf === "confirmed") { return "von beiden Seiten bestätigt"; }
    if (e.conf === "disagreeing") { return "von beiden Seiten genannt, Art oder Stärke weichen ab"; }
    if (e.conf === "one_sided") { return "nur von " + who + " genannt – die andere Seite nennt sie nicht"; }
    if (e.conf === "unconfirmed") { return "nur von " + who + " genannt – die andere Seite hat nicht geantwortet"; }
    if (e.conf === "disputed") { return "bestritten – wer geantwortet hat, verneint sie"; }
    return label("confirmations", e.conf);
  }
  function edgeTooltip(e) {
    var parts = [label("kinds", e.kind)];
    if (e.strength) { parts.push("Stärke " + label("strengths", String(e.strength))); }
    if (e.function) { parts.push(label("functions", e.function)); }
    if (e.formal) { parts.push("formal vereinbart"); }
    var box = el("div");
    box.appendChild(el("div", null, parts.join(" · ")));
    if (e.conf) { box.appendChild(el("div", "nk-tip-conf", confirmationText(e))); }
    return box;
  }

  function nodeColour(n) { return n.sector ? S.sectors[n.sector] : S.noSector; }
  // a node's own colours (no tooltip: emphasis changes only these)
  function nodeColours(n) {
    var colour = nodeColour(n);
    var border = n.coord ? S.coordinatorBorder : darken(colour);
    return { background: colour, border: border,
             highlight: { background: colour, border: "#000000" },
             hover: { background: colour, border: "#000000" } };
  }
  function baseNode(n) {
    var o = {
      id: n.id, x: n.x, y: n.y, label: displayLabel(n), shape: S.types[n.type].shape,
      size: n.size, borderWidth: n.coord ? 3 : 1.5, color: nodeColours(n),
      shapeProperties: { borderDashes: n.form === "person" ? S.personDashes : false }
    };
    if (!BIG) { o.title = tooltip(n); }
    return o;
  }
  function groupSize(g) { return Math.min(70, 16 + 3 * Math.sqrt(g.n)); }
  function baseGroup(g) {
    return {
      id: g.id, x: g.x, y: g.y, label: groupLabel(g), shape: "dot", size: groupSize(g),
      borderWidth: 2, color: { background: GROUP_COLOUR.background, border: GROUP_COLOUR.border,
        highlight: { background: "#D0D0D0", border: "#000000" },
        hover: { background: "#D0D0D0", border: "#000000" } }
    };
  }
  function edgeWidth(e) {
    if (e.kind === "cooperation" && e.strength) { return S.strengthWidth[String(e.strength)]; }
    return S.edges[e.kind].width;
  }
  var edgeColours = {};
  Object.keys(S.edges).forEach(function (k) {
    edgeColours[k] = { color: rgba(S.edges[k].colour, S.edges[k].opacity), highlight: "#000000", hover: "#000000" };
  });
  function edgeColour(e) { return e.conf === "disputed" ? DISPUTED : edgeColours[e.kind]; }
  function baseEdge(e) {
    var st = S.edges[e.kind];
    var o = { id: e.id, from: e.from, to: e.to, width: edgeWidth(e), color: edgeColour(e) };
    if (st.dashes.length) { o.dashes = st.dashes; }
    if (CONF_DASHES[e.conf]) { o.dashes = CONF_DASHES[e.conf]; }
    if (st.arrows) { o.arrows = "to"; }
    if (!BIG) { o.title = edgeTooltip(e); }
    return o;
  }
  function baseBundleEdge(id, a, b, count) {
    return { id: id, from: a, to: b, width: Math.min(8, 0.8 + Math.log(1 + count)),
             color: { color: "rgba(120,120,120,0.45)", highlight: "#000000", hover: "#000000" },
             title: undefined };
  }

  // ---------------------------------------------------------------- the view
  var open = new Set();           // opened groups
  var hiddenSet = new Set();      // real nodes hidden by the filters
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var inView = new Set();         // node and group ids in the DataSet
  var edgeInView = new Map();     // edge id -> [from, to, count]
  function repOf(id) {
    var chain = chainOf.get(id);
    if (chain) {
      for (var i = 0; i < chain.length; i++) { if (!open.has(chain[i])) { return chain[i]; } }
    }
    return id;
  }
  function wantedItems() {
    var want = [];
    data.nodes.forEach(function (n) { if (repOf(n.id) === n.id) { want.push(n.id); } });
    groupsData.forEach(function (g) { if (!open.has(g.id) && repOf(g.id) === g.id) { want.push(g.id); } });
    return want;
  }
  function syncView() {
    var want = wantedItems();
    var wantSet = new Set(want);
    var removeNodes = [], addNodes = [];
    inView.forEach(function (id) { if (!wantSet.has(id)) { removeNodes.push(id); } });
    want.forEach(function (id) {
      if (!inView.has(id)) { addNodes.push(isGroup(id) ? baseGroup(groupById.get(id)) : baseNode(byId.get(id))); }
    });
    var wantEdges = new Map();
    data.edges.forEach(function (e) {
      if (edgeOff(e)) { return; }
      var a = repOf(e.from), b = repOf(e.to);
      if (a === b) { return; }
      if (a === e.from && b === e.to) { wantEdges.set(e.id, [a, b, 1]); return; }
      var key = a < b ? "b:" + a + "|" + b : "b:" + b + "|" + a;
      var have = wantEdges.get(key);
      if (have) { have[2] += 1; } else { wantEdges.set(key, [a < b ? a : b, a < b ? b : a, 1]); }
    });
    var removeEdges = [], addEdges = [];
    edgeInView.forEach(function (v, id) {
      var w = wantEdges.get(id);
      if (!w || w[2] !== v[2]) { removeEdges.push(id); }
    });
    wantEdges.forEach(function (w, id) {
      var v = edgeInView.get(id);
      if (!v || v[2] !== w[2]) {
        addEdges.push(id.charAt(0) === "b" ? baseBundleEdge(id, w[0], w[1], w[2]) : baseEdge(edgeById.get(id)));
      }
    });
    // drawn once, at the end, with the names of the new view
    drawOnce(function () {
      if (removeEdges.length) { edges.remove(removeEdges); }
      if (removeNodes.length) { nodes.remove(removeNodes); }
      if (addNodes.length) { nodes.add(addNodes); }
      if (addEdges.length) { edges.add(addEdges); }
      removeNodes.forEach(function (id) { inView.delete(id); nodeLook.delete(id); });
      want.forEach(function (id) { inView.add(id); });
      removeEdges.forEach(function (id) { edgeInView.delete(id); edgeLook.delete(id); });
      wantEdges.forEach(function (w, id) { edgeInView.set(id, w); });
      addNodes.forEach(function (o) { nodeLook.delete(o.id); });
      addEdges.forEach(function (o) { edgeLook.delete(o.id); });
      orderLabels();
    });
  }
  function openGroup(gid, quiet) {
    if (!groupById.has(gid) || open.has(gid)) { return; }
    groupChain(gid).forEach(function (g) { open.add(g); });
    open.add(gid);
    if (!quiet) { syncView(); refreshEmphasis(); saveHash(); }
  }
  function closeGroup(gid) {
    if (!open.has(gid)) { return; }
    open.delete(gid);
    // closing a group closes what is open inside it
    groupsData.forEach(function (g) { if ((chainOf.get(g.id) || []).indexOf(gid) !== -1) { open.delete(g.id); } });
    if (state.selected && repOf(state.selected) !== state.selected) { state.selected = null; resetDetails(); }
    syncView(); refreshEmphasis(); saveHash();
  }
  function openAncestors(id) {
    var chain = chainOf.get(id) || [];
    var changed = false;
    chain.forEach(function (g) { if (!open.has(g)) { open.add(g); changed = true; } });
    return changed;
  }

  mark("parsed");
  var container = document.getElementById("nk-network");
  var embedded = false;
  try { embedded = window.self !== window.top; } catch (err) { embedded = true; }
  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: !BIG, tooltipDelay: 150, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG,
                   multiselect: false, navigationButtons: false, keyboard: false },
    // names are drawn by this script (drawLabels): vis never draws them
    nodes: { font: { face: S.font, size: 14 }, scaling: { label: { drawThreshold: 100000 } } },
    edges: { smooth: BIG ? false : { enabled: true, type: "continuous", roundness: 0.3 },
             selectionWidth: 1.5, arrows: { to: { scaleFactor: 0.6 } }, color: { inherit: false } }
  };
  var nodeLook = new Map();  // id -> "normal" | "dim" | "finding" | "match" | "hidden"
  var edgeLook = new Map();
  var state = { query: "", matches: null, selected: null, steps: 1, findings: new Set(),
                active: null, tour: null, confirmedOnly: false };
  function edgeOff(e) { return state.confirmedOnly && !!UNSURE[e.conf]; }
  var labelOrder = [], labelRank = new Map();  // node ids by importance; id -> its place
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  // vis-network draws the whole canvas (names included) synchronously after every change
  // of its DataSets when physics is off: each update, add or remove is a full frame. A
  // change of the view touches nodes, edges and links in several steps; drawOnce draws
  // them once, at the end (a search keystroke drew four frames before: two at once, two
  // more in the next frames).
  var held = 0, heldChange = false;
  network.body.emitter.on("_dataUpdated", function () { if (held) { heldChange = true; } });
  function drawOnce(fn) {
    var emitter = network.body.emitter;
    if (held++ === 0) { heldChange = false; emitter.emit("_blockRedraw"); }
    try { fn(); } finally {
      if (--held === 0) {
        emitter.emit("_allowRedraw");
        if (heldChange) { emitter.emit("_redraw"); }
      }
    }
  }
  syncView();
  mark("network");

  // ---------------------------------------------------------------- background guides
  // Guides are drawn behind the network: texts, circles, lines and polygons (the
  // Sozialräume of the Stadtplan). A shape may carry its own stroke, fill, hatch, line
  // width and dashes (screen pixels); the default is a thin light grey line. A polygon's
  // holes are further subpaths, filled by the even-odd rule: an enclave is not covered.
  var MIN_GUIDE_PX = 13;
  var hatchCanvas = {};
  function hatchPattern(ctx, colour, scale) {
    var c = hatchCanvas[colour];
    if (!c) {
      c = document.createElement("canvas");
      c.width = 8; c.height = 8;
      var h = c.getContext("2d");
      h.strokeStyle = colour; h.lineWidth = 1.5;
      h.beginPath(); h.moveTo(-2, 10); h.lineTo(10, -2); h.moveTo(-2, 2); h.lineTo(2, -2);
      h.moveTo(6, 10); h.lineTo(10, 6); h.stroke();
      hatchCanvas[colour] = c;
    }
    var pattern = ctx.createPattern(c, "repeat");
    if (pattern.setTransform && window.DOMMatrix) { pattern.setTransform(new DOMMatrix().scale(1 / scale)); }
    return pattern;
  }
  function guidePath(ctx, g) {
    ctx.beginPath();
    if (g.kind === "circle") { ctx.arc(g.x, g.y, g.r, 0, 2 * Math.PI); }
    else if (g.kind === "line") { ctx.moveTo(g.x, g.y); ctx.lineTo(g.x2, g.y2); }
    else {
      [g.pts].concat(g.holes || []).forEach(function (p) {
        ctx.moveTo(p[0], p[1]);
        for (var i = 2; i < p.length; i += 2) { ctx.lineTo(p[i], p[i + 1]); }
        ctx.closePath();
      });
    }
  }
  function drawGuideShape(ctx, g, scale) {
    guidePath(ctx, g);
    if (g.fill) { ctx.fillStyle = g.fill; ctx.fill("evenodd"); }
    if (g.hatch) { ctx.fillStyle = hatchPattern(ctx, g.hatch, scale); ctx.fill("evenodd"); }
    if (g.stroke === "none") { return; }
    ctx.strokeStyle = g.stroke || "#D8D8D8";
    ctx.lineWidth = (g.w || 1) / scale;
    ctx.setLineDash((g.dash || []).map(function (d) { return d / scale; }));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  network.on("beforeDrawing", function (ctx) {
    var scale = network.getScale();
    ctx.save();
    // open bundles: a faint disc and their name behind their members
    open.forEach(function (gid) {
      var g = groupById.get(gid);
      if (!g || repOf(gid) !== gid) { return; }
      ctx.fillStyle = "rgba(0,0,0,0.035)";
      ctx.beginPath(); ctx.arc(g.x, g.y, bundleDisc(g), 0, 2 * Math.PI); ctx.fill();
    });
    if (!data.guides.length) { ctx.restore(); return; }
    ctx.textBaseline = "middle";
    data.guides.forEach(function (g) { if (g.kind !== "text") { drawGuideShape(ctx, g, scale); } });
    var tx = network.body.view.translation.x, ty = network.body.view.translation.y;
    var boxes = [];
    data.guides.forEach(function (g, gi) {
      if (g.kind !== "text") { return; }
      var align = g.align || "center";
      // never smaller than MIN_GUIDE_PX on the screen; a text with a span fits it
      var fit = g.span ? fittedGuide(gi, g, scale) : null;
      var fontSize = fit ? fit.size / scale : Math.max(g.size || 16, MIN_GUIDE_PX / scale);
      var lines = fit ? fit.lines : String(g.text).split("\n");
      var first = guideFirstLine(g, lines.length, fontSize);
      var x0 = Infinity, x1 = -Infinity;
      ctx.font = "600 " + fontSize + "px " + S.font;
      lines.forEach(function (line, i) {
        var y = first + i * fontSize * GUIDE_LINE;
        var w = ctx.measureText(line).width;
        var left = align === "left" ? g.x : (align === "right" ? g.x - w : g.x - w / 2);
        x0 = Math.min(x0, left); x1 = Math.max(x1, left + w);
        ctx.fillStyle = "rgba(255,255,255,0.85)";
        ctx.fillRect(left - 3 / scale, y - fontSize * 0.65, w + 6 / scale, fontSize * 1.3);
        ctx.fillStyle = g.colour || "#555555";
        ctx.textAlign = align;
        ctx.fillText(line, g.x, y);
      });
      if (fit) {
        var top = first - fontSize * 0.6, bottom = first + (lines.length - 1) * fontSize * GUIDE_LINE + fontSize * 0.6;
        boxes.push({ text: plainText(g.text), lines: lines.slice(), px: fit.size, cut: fit.cut,
                     align: align, x: x0 * scale + tx, y: top * scale + ty,
                     w: (x1 - x0) * scale, h: (bottom - top) * scale });
      }
    });
    guideBoxes = boxes;
    ctx.restore();
  });
  // ---------------------------------------------------------------- fitted texts (kette heads, row labels)
  // A text guide with a span (its width in map units) is set to fit it at the current zoom:
  // wrapped at spaces, soft hyphens (shown as "-" where the line breaks) and dashes between
  // words, smaller down to GUIDE_MIN_PX, shortened with "…" only as a last resort; the full
  // text shows on hover. So the life phases stay readable side by side on a 1366 pixel laptop.
  var SHY = "\u00ad", GUIDE_MIN_PX = 11, GUIDE_LINES = 5, GUIDE_LINE = 1.2;
  var guideBoxes = [];
  var LETTER = /[A-Za-z\u00c0-\u024f]/;
  function plainText(text) { return String(text).replace(/\u00ad/g, "").replace(/\n/g, " "); }
  function breakPieces(paragraph, soft) {
    // pieces after which a line may break: "Schwanger\u00ad" (soft), "schaft ", "Schule–", …
    var out = [], cur = "";
    for (var i = 0; i < paragraph.length; i++) {
      var ch = paragraph.charAt(i);
      cur += ch;
      if (ch === " " || (soft && ch === SHY) || (ch === "\u2013" && LETTER.test(paragraph.charAt(i - 1)) && LETTER.test(paragraph.charAt(i + 1)))) {
        out.push(cur); cur = "";
      }
    }
    if (cur) { out.push(cur); }
    return out;
  }
  function joinPieces(pieces) {
    var t = pieces.join("").replace(/ +$/, "");
    if (t.charAt(t.length - 1) === SHY) { t = t.slice(0, -1) + "-"; }
    return t.replace(/\u00ad/g, "");
  }
  function wrapText(text, maxW, widthOf, soft) {
    var lines = [];
    String(text).split("\n").forEach(function (paragraph) {
      var cur = [];
      breakPieces(paragraph, soft).forEach(function (piece) {
        if (cur.length && widthOf(joinPieces(cur.concat([piece]))) > maxW) { lines.push(joinPieces(cur)); cur = [piece]; }
        else { cur.push(piece); }
      });
      if (cur.length) { lines.push(joinPieces(cur)); }
    });
    return lines;
  }
  function shortened(line, maxW, widthOf) {
    if (widthOf(line) <= maxW) { return line; }
    var t = line;
    while (t.length > 1 && widthOf(t + "…") > maxW) { t = t.slice(0, -1); }
    return t.replace(/[\s\-–(]+$/, "") + "…";
  }
  // the lines and size of a text fitted to maxW (in the units of widthOf(text, size)): at
  // most three lines from size down to minSize, else four, else up to maxLines; breaks at spaces and
  // dashes before soft hyphens; cut when it had to be shortened after all
  function fitLines(text, maxW, size, minSize, maxLines, widthOf) {
    var s, lines, w, limits = [Math.min(3, maxLines), Math.min(4, maxLines), maxLines];
    function fits() { return lines.every(function (l) { return w(l) <= maxW; }); }
    for (var k = 0; k < limits.length; k++) {
      for (s = Math.max(size, minSize); ; s = Math.max(minSize, s * 0.92)) {
        w = function (t) { return widthOf(t, s); };
        for (var soft = 0; soft < 2; soft++) {
          lines = wrapText(text, maxW, w, soft === 1);
          if (lines.length <= limits[k] && fits()) { return { lines: lines, size: s, cut: false }; }
        }
        if (s <= minSize) { break; }
      }
    }
    var fit = lines.slice(0, maxLines);
    if (lines.length > maxLines) { fit[maxLines - 1] = lines.slice(maxLines - 1).join(" "); }
    fit = fit.map(function (l) { return shortened(l, maxW, w); });
    return { lines: fit, size: s, cut: true };
  }
  var guideWidthCache = new Map();
  function guideWidth(text, px) {
    // the width of a guide text (weight 600) at px, from one measurement at 100 px
    var w = guideWidthCache.get(text);
    if (w === undefined) {
      measureCtx.font = "600 100px " + S.font;
      w = measureCtx.measureText(text).width;
      guideWidthCache.set(text, w);
    }
    return w * px / 100;
  }
  function fitGuide(g, scale) {
    // screen pixels at this scale
    return fitLines(g.text, g.span * scale, Math.max((g.size || 16) * scale, MIN_GUIDE_PX), GUIDE_MIN_PX,
                    GUIDE_LINES, guideWidth);
  }
  var guideFits = { scale: null, fits: new Map() };
  function fittedGuide(gi, g, scale) {
    if (guideFits.scale !== scale) { guideFits = { scale: scale, fits: new Map() }; }
    var f = guideFits.fits.get(gi);
    if (!f) { f = fitGuide(g, scale); guideFits.fits.set(gi, f); }
    return f;
  }
  function guideFirstLine(g, count, size) {
    // the middle of the first line: a text grows upwards from y ("bottom") or around it
    return g.valign === "bottom" ? g.y - (count - 1) * size * GUIDE_LINE : g.y - (count - 1) / 2 * size * GUIDE_LINE;
  }
  // the full text of a fitted guide on hover (a column head wrapped or shortened)
  container.addEventListener("mousemove", function (ev) {
    var r = container.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top;
    var hit = null;
    guideBoxes.forEach(function (b) { if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) { hit = b; } });
    if (hit) { container.title = hit.text; } else if (container.title) { container.removeAttribute("title"); }
  });
  function bundleDisc(g) { return Math.max(60, 12 * Math.sqrt(g.n) * 4); }

  // ---------------------------------------------------------------- names (own label layer)
  // Drawn in screen pixels after vis has drawn the network: a fixed size whatever the zoom.
  // Names are placed greedily, by importance, and never overlap: the most important nodes
  // (lowest "pri", every bundle, the selection, the nodes of the active finding and the
  // search matches) first, below, above, right or left of their node, else moved aside with
  // a thin line to it, else - in a narrow view - left out; the others only where their name
  // fits beside the node. Only the selection's name may cover a column head of the chain.
  var ALWAYS = 12;
  var widthCache = new Map();
  var measureCtx = document.createElement("canvas").getContext("2d");
  function textWidth(text, px, bold) {
    var key = (bold ? "b" : "") + px + "|" + text;
    var w = widthCache.get(key);
    if (w === undefined) {
      measureCtx.font = (bold ? "700 " : "400 ") + px + "px " + S.font;
      w = measureCtx.measureText(text).width;
      widthCache.set(key, w);
    }
    return w;
  }
  // a name shortened with "…" to at most maxW pixels
  function shortName(full, maxW, px, bold) {
    var text = full;
    while (textWidth(text, px, bold) > maxW && text.length > 4) {
      text = text.slice(0, text.charAt(text.length - 1) === "…" ? -2 : -1).replace(/\s+$/, "") + "…";
    }
    return text;
  }
  function orderLabels() {
    labelOrder = Array.from(inView);
    labelOrder.sort(function (a, b) {
      var ga = isGroup(a), gb = isGroup(b);
      if (ga !== gb) { return ga ? -1 : 1; }
      if (ga) { return groupById.get(b).n - groupById.get(a).n || naturalCompare(groupById.get(a).label, groupById.get(b).label); }
      return byId.get(a).pri - byId.get(b).pri;
    });
    labelRank = new Map();
    labelOrder.forEach(function (id, i) { labelRank.set(id, i); });
  }
  var lastLabels = [];
  function labelText(id) {
    return isGroup(id) ? groupLabel(groupById.get(id)) : displayLabel(byId.get(id));
  }
  // the names a view needs (the selection first, then the finding's nodes and the search
  // matches by importance)
  function forcedLabels() {
    var more = [];
    nodeLook.forEach(function (look, id) {
      if ((look === "finding" || look === "match") && id !== state.selected) { more.push(id); }
    });
    more.sort(function (a, b) { return (labelRank.get(a) || 0) - (labelRank.get(b) || 0); });
    var out = new Set();
    if (state.selected && inView.has(state.selected)) { out.add(state.selected); }
    more.forEach(function (id) { out.add(id); });
    return out;
  }
  function drawLabels(ctx) {
    var view = network.body.view, scale = view.scale, tx = view.translation.x, ty = view.translation.y;
    var W = container.clientWidth, H = container.clientHeight;
    var dpr = (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1;
    var forced = forcedLabels();
    var tour = !!state.tour;
    var placed = [], grid = new Map(), CELL = 64;
    function cells(r, fn) {
      for (var cx = Math.floor(r[0] / CELL); cx <= Math.floor((r[0] + r[2]) / CELL); cx++) {
        for (var cy = Math.floor(r[1] / CELL); cy <= Math.floor((r[1] + r[3]) / CELL); cy++) {
          if (fn(cx + ":" + cy) === false) { return false; }
        }
      }
      return true;
    }
    function free(r, namesOnly) {
      return cells(r, function (key) {
        var list = grid.get(key);
        if (!list) { return true; }
        for (var i = 0; i < list.length; i++) {
          var o = list[i];
          if (namesOnly && o[4]) { continue; }
          if (r[0] < o[0] + o[2] && o[0] < r[0] + r[2] && r[1] < o[1] + o[3] && o[1] < r[1] + r[3]) { return false; }
        }
        return true;
      });
    }
    function inside(r) { return r[0] >= 0 && r[1] >= 0 && r[0] + r[2] <= W && r[1] + r[3] <= H; }
    function take(r) { cells(r, function (key) { var l = grid.get(key); if (!l) { l = []; grid.set(key, l); } l.push(r); }); }
    var out = [];
    var shownCount = 0, PAD = 3, rescued = 0, RESCUE = 2 * ALWAYS;
    // the column heads and row labels of the chain stay readable: names go around them
    guideBoxes.forEach(function (b) { take([b.x - 2, b.y, b.w + 4, b.h, true]); });
    function fits(x, y, w, h) {
      var c = [x - PAD, y - 1, w + 2 * PAD, h + 2];
      return inside(c) && free(c) ? c : null;
    }
    // where a name of w × h goes: below, above, right or left of its node; an important
    // one also at the canvas edge (pushed back inside) or moved aside, with a thin line
    function placeName(sx, sy, r, w, h, must, rescue) {
      var c = fits(sx - w / 2, sy + r + 2, w, h) || fits(sx - w / 2, sy - r - 2 - h, w, h) ||
        fits(sx + r + 4, sy - h / 2, w, h) || fits(sx - r - 4 - w, sy - h / 2, w, h);
      if (c) { return { rect: c, lead: false }; }
      if (!must || !rescue) { return null; }
      var x = Math.max(PAD, Math.min(W - w - PAD, sx - w / 2));
      c = fits(x, sy + r + 2, w, h) || fits(x, sy - r - 2 - h, w, h);
      if (c) { return { rect: c, lead: false }; }
      for (var ring = 1; ring <= 16; ring++) {
        for (var k = 0; k < 12; k++) {
          var ang = (k / 12) * 2 * Math.PI + ring * 0.4, dist = r + ring * 16;
          c = fits(sx + Math.cos(ang) * dist - w / 2, sy + Math.sin(ang) * dist - h / 2, w, h);
          if (c) { return { rect: c, lead: true }; }
        }
      }
      return null;
    }
    function consider(id, must, first) {
      var look = nodeLook.get(id) || "normal";
      if (look === "hidden" || (look === "dim" && !first)) { return; }  // the selection is named while a finding dims it
      var item = itemOf(id);
      var sx = item.x * scale + tx, sy = item.y * scale + ty;
      var r = (isGroup(id) ? groupSize(item) : item.size) * scale;
      if (sx < -200 || sy < -50 || sx > W + 200 || sy > H + 50) { return; }
      var group = isGroup(id);
      var px = tour ? LABEL_PX_TOUR : (group ? LABEL_PX_GROUP : (must ? LABEL_PX_TOP : LABEL_PX));
      var bold = group || must;
      var full = labelText(id);
      if (full.length > 48) { full = full.slice(0, 46) + "…"; }
      var h = px * 1.25, text = full, w = textWidth(text, px, bold), spot = null;
      // a name wider than the map (a phone, a notebook cell) is shortened to fit it; the
      // first RESCUE important ones that find no room are moved aside or shortened further
      // (a search for one letter forces hundreds of names: the rest take a direct spot or none)
      var rescue = must && rescued < RESCUE;
      if (rescue) { rescued += 1; }
      var widths = rescue ? [W - 2 * PAD - 2, 0.7 * W, 0.45 * W] : [W - 2 * PAD - 2];
      for (var wi = 0; wi < widths.length && !spot; wi++) {
        if (w <= widths[wi] && wi > 0) { continue; }
        if (w > widths[wi]) { text = shortName(full, widths[wi], px, bold); w = textWidth(text, px, bold); }
        spot = placeName(sx, sy, r, w, h, must, rescue);
      }
      if (!spot && first) {
        // the selection is named in any case: below its node, within the canvas, over a
        // column head if need be (it comes first, so no other name is there yet)
        text = shortName(full, W - 2 * PAD - 2, px, bold); w = textWidth(text, px, bold);
        var x3 = Math.max(PAD, Math.min(W - w - PAD, sx - w / 2));
        var c3 = [x3 - PAD, sy + r + 1, w + 2 * PAD, h + 2];
        if (c3[1] + c3[3] > H) { c3[1] = sy - r - 3 - h; }
        if (free(c3, true)) { spot = { rect: c3, lead: false }; }
      }
      var rect = spot && spot.rect, lead = spot && spot.lead;
      if (!rect) { return; }  // no room without covering a more important name
      take(rect);
      out.push({ id: id, text: text, x: rect[0] + PAD, y: rect[1] + 1, w: w, h: h, px: px, bold: bold,
                 always: must, look: look, lead: lead ? [sx, sy] : null });
    }
    var i, id;
    // first the forced ones, then the most important, then the rest as room allows
    forced.forEach(function (fid) { if (inView.has(fid)) { consider(fid, true, fid === state.selected); } });
    // while the view moves on a large view only the always-named are drawn
    var limit = moving && labelOrder.length > 1500 ? ALWAYS : labelOrder.length;
    for (i = 0; i < labelOrder.length && out.length < 600 && shownCount < limit; i++) {
      id = labelOrder[i];
      if (forced.has(id)) { continue; }
      var look = nodeLook.get(id) || "normal";
      if (look === "hidden" || look === "dim") { continue; }
      var must = isGroup(id) || shownCount < ALWAYS;
      shownCount += 1;
      consider(id, must);
    }
    ctx.save();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.textBaseline = "top";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "rgba(60,60,60,0.8)";
    ctx.lineWidth = 1;
    out.forEach(function (lab) {
      if (!lab.lead) { return; }
      var lx = Math.max(lab.x, Math.min(lab.x + lab.w, lab.lead[0]));
      var ly = lab.lead[1] < lab.y ? lab.y : lab.y + lab.h;
      ctx.beginPath(); ctx.moveTo(lab.lead[0], lab.lead[1]); ctx.lineTo(lx, ly); ctx.stroke();
    });
    out.forEach(function (lab) {
      ctx.font = (lab.bold ? "700 " : "400 ") + lab.px + "px " + S.font;
      ctx.lineWidth = Math.max(3, lab.px / 4);
      ctx.strokeStyle = "rgba(255,255,255,0.95)";
      ctx.strokeText(lab.text, lab.x, lab.y + lab.px * 0.1);
      ctx.fillStyle = lab.look === "finding" ? "#8A0000" : (lab.look === "match" ? "#003F73" : "#1A1A1A");
      ctx.fillText(lab.text, lab.x, lab.y + lab.px * 0.1);
    });
    ctx.restore();
    lastLabels = out;
  }
  network.on("afterDrawing", drawLabels);
  var moving = false, movingTimer = null;
  function startMoving() {
    moving = true;
    if (movingTimer) { clearTimeout(movingTimer); }
    movingTimer = setTimeout(function () { moving = false; movingTimer = null; network.redraw(); }, 160);
  }
  network.on("zoom", startMoving);
  network.on("dragging", startMoving);

  // ---------------------------------------------------------------- fast frames while moving
  // While a view of more than BATCH_NODES nodes moves (zoom, drag), the nodes are drawn
  // here, grouped by colour: per node one small path, filled, and its border stroked only
  // where it is wide enough to see - instead of vis-network's two fills, a stroke and two
  // save/restore per node. The same shapes and colours, without dashed borders; at rest
  // vis draws every node itself again (moving ends 160 ms after the last step).
  var BATCH_NODES = 1500, batchedFrames = 0;
  var visDrawNodes = network.renderer && network.renderer._drawNodes;
  if (typeof visDrawNodes === "function") {
    network.renderer._drawNodes = function (ctx, alwaysShow) {
      if (moving && !alwaysShow && network.body.nodeIndices.length > BATCH_NODES) { return drawNodesBatched(ctx); }
      return visDrawNodes.call(network.renderer, ctx, alwaysShow);
    };
  }
  function batchShape(ctx, shape, x, y, r) {
    ctx.beginPath();
    if (shape === "square") { ctx.rect(x - r, y - r, 2 * r, 2 * r); return; }
    var pts = shapePoints(shape, x, y, r);
    if (pts) {
      ctx.moveTo(pts[0], pts[1]);
      for (var i = 2; i < pts.length; i += 2) { ctx.lineTo(pts[i], pts[i + 1]); }
      ctx.closePath();
      return;
    }
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  function drawNodesBatched(ctx) {
    var body = network.body, scale = body.view.scale;
    var W = container.clientWidth, H = container.clientHeight;
    var a = network.DOMtoCanvas({ x: -20, y: -20 }), b = network.DOMtoCanvas({ x: W + 20, y: H + 20 });
    var groups = new Map();
    var ids = body.nodeIndices;
    for (var i = 0; i < ids.length; i++) {
      var node = body.nodes[ids[i]], o = node.options, r = o.size, x = node.x, y = node.y;
      if (x + r < a.x || x - r > b.x || y + r < a.y || y - r > b.y) { continue; }
      var c = o.color, selected = node.selected;
      var bg = selected ? c.highlight.background : c.background;
      var bd = selected ? c.highlight.border : c.border;
      var width = (selected ? 2 * o.borderWidth : o.borderWidth) / scale;
      var key = bg + "|" + bd + "|" + width;
      var g = groups.get(key);
      if (!g) { g = { bg: bg, bd: bd, width: width, items: [] }; groups.set(key, g); }
      g.items.push([o.shape, x, y, r]);
    }
    groups.forEach(function (g) {
      ctx.fillStyle = g.bg;
      ctx.strokeStyle = g.bd;
      for (var k = 0; k < g.items.length; k++) {
        var it = g.items[k];
        batchShape(ctx, it[0], it[1], it[2], it[3]);
        ctx.fill();
        if (it[3] * scale >= 2.5) { ctx.lineWidth = Math.min(g.width, it[3]); ctx.stroke(); }
      }
    });
    batchedFrames += 1;
    return { drawExternalLabels: null };
  }

  // ---------------------------------------------------------------- fitting the view
  function fitScale(x0, y0, x1, y1, maxScale, margin) {
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var mx = Math.min(margin || 0, w / 5), my = Math.min((margin || 0) / 3, h / 8);
    return Math.min(maxScale || 2, 0.96 * Math.min((w - 2 * mx) / Math.max(x1 - x0, 1), (h - 2 * my) / Math.max(y1 - y0, 1)));
  }
  function fitBox(x0, y0, x1, y1, maxScale, margin) {
    var scale = fitScale(x0, y0, x1, y1, maxScale, margin);
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale, animation: false });
  }
  function boxOf(ids) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    ids.forEach(function (id) {
      var it = itemOf(id);
      if (!it) { return; }
      var s = isGroup(id) ? groupSize(it) : it.size;
      b[0] = Math.min(b[0], it.x - s); b[1] = Math.min(b[1], it.y - s);
      b[2] = Math.max(b[2], it.x + s); b[3] = Math.max(b[3], it.y + s + 24);
    });
    return b;
  }
  function fitTo(ids, maxScale) {
    var b = boxOf(ids);
    if (b[0] === Infinity) { return; }
    // room on the screen for the names beside the outer nodes
    fitBox(b[0], b[1], b[2], b[3], maxScale || 1.6, 130);
  }
  // fit the shown nodes and the guides (vis's own fit ignores the guides)
  function fitAll() {
    var ids = [];
    inView.forEach(function (id) { if ((nodeLook.get(id) || "normal") !== "hidden") { ids.push(id); } });
    var b = boxOf(ids);
    if (b[0] === Infinity) { b = [0, 0, 0, 0]; }
    function grow(x, y) { b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y); }
    {
      data.guides.forEach(function (g) {
        var fs = g.size || 16;
        if (g.kind === "text" && g.span) {
          // its width is the span; its height depends on the zoom (below)
          var sx = g.align === "left" ? g.x : (g.align === "right" ? g.x - g.span : g.x - g.span / 2);
          grow(sx, g.y); grow(sx + g.span, g.y);
        } else if (g.kind === "text") {
          var lines = String(g.text).split("\n");
          var tw = Math.max.apply(null, lines.map(function (t) { return t.length; })) * fs * 0.6;
          var left = g.align === "left" ? g.x : (g.align === "right" ? g.x - tw : g.x - tw / 2);
          grow(left, g.y - fs * lines.length); grow(left + tw, g.y + fs * lines.length);
        } else if (g.kind === "line") { grow(g.x, g.y); grow(g.x2, g.y2); }
        else if (g.kind === "polygon") { for (var i = 0; i < g.pts.length; i += 2) { grow(g.pts[i], g.pts[i + 1]); } }
        else { grow(g.x - g.r, g.y - g.r); grow(g.x + g.r, g.y + g.r); }
      });
      // the fitted texts have more lines the smaller the view: their height at the scale
      // they make (a few rounds: each makes the box taller and the scale smaller)
      for (var round = 0; round < 4; round++) {
        var scale = fitScale(b[0], b[1], b[2], b[3], 2);
        data.guides.forEach(function (g) {
          if (g.kind !== "text" || !g.span) { return; }
          var f = fitGuide(g, scale), size = f.size / scale;
          var first = guideFirstLine(g, f.lines.length, size);
          grow(g.x, first - size * 0.7);
          grow(g.x, first + (f.lines.length - 1) * size * GUIDE_LINE + size * 0.7);
        });
      }
    }
    fitBox(b[0], b[1], b[2], b[3], 2);
  }

  // ---------------------------------------------------------------- emphasis (focus, search, findings)
  var groupPass = new Map();   // group id -> members passing the filters
  function activeFindings() {
    return data.findings.filter(function (f) { return state.findings.has(f.id) || state.active === f.id; });
  }
  function findingSets() {
    var ns = new Set(), es = new Set(), links = [];
    activeFindings().forEach(function (f) {
      f.nodes.forEach(function (id) { ns.add(id); });
      f.edges.forEach(function (id) { es.add(id); });
      (f.links || []).forEach(function (l) { links.push(l); ns.add(l.from); ns.add(l.to); });
    });
    return { nodes: ns, edges: es, links: links };
  }
  function neighbourhood(id, steps) {
    var out = new Set([id]), frontier = [id];
    for (var s = 0; s < steps; s++) {
      var next = [];
      frontier.forEach(function (x) {
        adjacency.get(x).forEach(function (e) {
          if (edgeOff(e)) { return; }
          var other = e.from === x ? e.to : e.from;
          if (!out.has(other) && !hiddenSet.has(other)) { out.add(other); next.push(other); }
        });
      });
      frontier = next;
    }
    return out;
  }
  function repsOf(set) {
    var out = new Set();
    if (set) { set.forEach(function (id) { out.add(repOf(id)); }); }
    return out;
  }
  var focusSet = null;
  function nodeUpdate(id, look) {
    var group = isGroup(id), n = group ? null : byId.get(id);
    var b = group ? baseGroup(groupById.get(id)) : { color: nodeColours(n), borderWidth: n.coord ? 3 : 1.5 };
    var u = { id: id, color: b.color, borderWidth: b.borderWidth, hidden: look === "hidden" };
    if (look === "dim") {
      u.color = { background: DIM_NODE.background, border: DIM_NODE.border,
                  highlight: b.color.highlight, hover: b.color.hover };
    } else if (look === "finding" || look === "match") {
      var ring = look === "finding" ? HIGHLIGHT : MATCH;
      u.color = { background: b.color.background, border: ring,
                  highlight: { background: b.color.background, border: ring },
                  hover: { background: b.color.background, border: ring } };
      u.borderWidth = look === "finding" ? 5 : 4;
    }
    return u;
  }
  var linkIds = [];
  function refreshEmphasis() {
    var fs = findingSets();
    var emphasis = !!(state.matches || fs.nodes.size || fs.edges.size);
    focusSet = state.selected && byId.has(state.selected) ? neighbourhood(state.selected, state.steps) : null;
    var focusReps = repsOf(focusSet), findingReps = repsOf(fs.nodes), matchReps = repsOf(state.matches);
    fs.edges.forEach(function (eid) { var e = edgeById.get(eid); if (e) { findingReps.add(repOf(e.from)); findingReps.add(repOf(e.to)); } });
    var nodeUpdates = [];
    inView.forEach(function (id) {
      var look;
      if (isGroup(id)) {
        look = !groupPass.get(id) ? "hidden"
          : (focusSet && !focusReps.has(id)) ? "hidden"
          : findingReps.has(id) ? "finding"
          : matchReps.has(id) ? "match" : (emphasis ? "dim" : "normal");
      } else {
        look = hiddenSet.has(id) ? "hidden"
          : (focusSet && !focusSet.has(id)) ? "hidden"
          : findingReps.has(id) ? "finding"
          : matchReps.has(id) ? "match" : (emphasis ? "dim" : "normal");
      }
      if ((nodeLook.get(id) || "normal") === look) { return; }
      nodeLook.set(id, look);
      nodeUpdates.push(nodeUpdate(id, look));
    });
    var edgeUpdates = [];
    edgeInView.forEach(function (w, id) {
      var la = nodeLook.get(w[0]) || "normal", lb = nodeLook.get(w[1]) || "normal";
      var look = la === "hidden" || lb === "hidden" ? "hidden"
        : fs.edges.has(id) ? "finding"
        : (emphasis && (la === "dim" || lb === "dim")) ? "dim" : "normal";
      if ((edgeLook.get(id) || "normal") === look) { return; }
      edgeLook.set(id, look);
      var bundle = id.charAt(0) === "b";
      var e = bundle ? null : edgeById.get(id);
      var b = bundle ? baseBundleEdge(id, w[0], w[1], w[2]) : { color: edgeColour(e), width: edgeWidth(e) };
      var u = { id: id, color: b.color, width: b.width, hidden: look === "hidden" };
      if (look === "dim") {
        u.color = { color: "rgba(228,228,228,0.5)", highlight: "#000000", hover: "#000000" };
      } else if (look === "finding") {
        u.color = { color: HIGHLIGHT, highlight: HIGHLIGHT, hover: HIGHLIGHT };
        u.width = Math.max(4, b.width * 2);
      }
      edgeUpdates.push(u);
    });
    // suggested relations of the active findings: dashed
    var links = [], oldLinks = linkIds;
    linkIds = [];
    fs.links.forEach(function (l, i) {
      var a = repOf(l.from), b = repOf(l.to);
      if (a === b || !inView.has(a) || !inView.has(b)) { return; }
      var id = "s:" + i;
      linkIds.push(id);
      links.push({ id: id, from: a, to: b, dashes: [8, 6], width: 2.5,
                   color: { color: HIGHLIGHT, highlight: HIGHLIGHT, hover: HIGHLIGHT } });
    });
    drawOnce(function () {
      if (nodeUpdates.length) { nodes.update(nodeUpdates); }
      if (edgeUpdates.length) { edges.update(edgeUpdates); }
      if (oldLinks.length) { edges.remove(oldLinks); }
      if (links.length) { edges.add(links); }
    });
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
      order = Array.from(seen).sort(naturalCompare);
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
  function computeFilters() {
    hiddenSet.clear();
    groupsData.forEach(function (g) { groupPass.set(g.id, 0); });
    data.nodes.forEach(function (n) {
      if (!passes(n)) { hiddenSet.add(n.id); return; }
      var chain = chainOf.get(n.id);
      if (chain) { chain.forEach(function (gid) { groupPass.set(gid, groupPass.get(gid) + 1); }); }
    });
  }
  function filtersActive() {
    return state.confirmedOnly || DIMENSIONS.some(function (dim) { return allowed[dim.key].size !== optionsOf[dim.key].length; });
  }
  function setConfirmedOnly(on) {
    state.confirmedOnly = !!on;
    var cb = document.getElementById("nk-confirmed-only");
    if (cb) { cb.checked = state.confirmedOnly; }
    syncView();
    if (state.selected) { refreshEmphasis(); }
  }
  function applyFilters() {
    computeFilters();
    if (state.selected && hiddenSet.has(state.selected)) { state.selected = null; resetDetails(); }
    var groupBox = details.querySelector("[data-group]");
    if (groupBox) { showGroupDetails(groupBox.dataset.group); }  // its counts follow the filters
    if (groupsData.length) { network.redraw(); }  // the bundles' names count what is shown
    refreshEmphasis();
    renderTable();
    saveHash();
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
    if (data.edges.some(function (e) { return e.conf; })) {
      var conf = el("div", "nk-conf-filter");
      var lab = el("label");
      var cb = el("input");
      cb.type = "checkbox";
      cb.id = "nk-confirmed-only";
      cb.addEventListener("change", function () { setConfirmedOnly(cb.checked); applyFilters(); });
      lab.appendChild(cb);
      lab.appendChild(document.createTextNode(" nur bestätigte Beziehungen"));
      conf.appendChild(lab);
      conf.appendChild(el("p", "nk-muted nk-hint", "Blendet aus, was nach der Bestandsaufnahme nur eine Seite nennt, unbestätigt oder bestritten ist."));
      box.appendChild(conf);
    }
    document.getElementById("nk-filter-reset").addEventListener("click", resetFilters);
  }
  function syncFilterBoxes() {
    Array.prototype.forEach.call(document.querySelectorAll("#nk-filters input[data-filter]"),
      function (cb) { cb.checked = allowed[cb.dataset.filter].has(cb.value); });
  }
  function resetFilters() {
    DIMENSIONS.forEach(function (dim) { allowed[dim.key] = new Set(optionsOf[dim.key]); });
    syncFilterBoxes();
    if (state.confirmedOnly) { setConfirmedOnly(false); }
    applyFilters();
  }

  // ---------------------------------------------------------------- search
  // one folded string per node, scanned in a few milliseconds even at 20,000 nodes; the
  // view only updates the items on screen
  var searchIndex = data.nodes.map(function (n) { return fold(displayLabel(n)); });
  var results = document.getElementById("nk-results");
  var searchBox = document.getElementById("nk-search");
  function search(query) {
    state.query = query;
    var q = fold(query.trim());
    clear(results);
    if (!q) {
      state.matches = null;
      results.hidden = true;
      searchBox.setAttribute("aria-expanded", "false");
    } else {
      var found = [];
      for (var i = 0; i < searchIndex.length; i++) {
        if (searchIndex[i].indexOf(q) !== -1) { found.push(data.nodes[i]); }
      }
      state.matches = new Set(found.map(function (n) { return n.id; }));
      found.sort(function (a, b) { return a.pri - b.pri; });
      var shown = found.slice(0, 30);
      shown.forEach(function (n, k) {
        var li = el("li", null, displayLabel(n));
        li.tabIndex = -1;
        li.id = "nk-result-" + k;
        li.setAttribute("role", "option");
        li.dataset.node = n.id;
        li.addEventListener("click", function () { results.hidden = true; focusNode(n.id); });
        li.addEventListener("keydown", function (ev) { resultKey(ev, li); });
        results.appendChild(li);
      });
      if (!found.length) { results.appendChild(el("li", "nk-muted", "Kein Treffer")); }
      else if (found.length > shown.length) {
        results.appendChild(el("li", "nk-muted", moreEntries(found.length - shown.length)));
      }
      results.hidden = false;
      searchBox.setAttribute("aria-expanded", "true");
    }
    refreshEmphasis();
    return state.matches ? Array.from(state.matches) : [];
  }
  function resultItems() { return Array.prototype.slice.call(results.querySelectorAll("li[data-node]")); }
  function resultKey(ev, li) {
    var items = resultItems(), k = items.indexOf(li);
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); results.hidden = true; focusNode(li.dataset.node); searchBox.focus(); }
    else if (ev.key === "ArrowDown") { ev.preventDefault(); (items[k + 1] || items[0]).focus(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); if (k <= 0) { searchBox.focus(); } else { items[k - 1].focus(); } }
    else if (ev.key === "Escape") { results.hidden = true; searchBox.focus(); }
  }
  searchBox.addEventListener("input", function () { search(searchBox.value); saveHash(); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && state.matches && state.matches.size) {
      var first = resultItems()[0];
      results.hidden = true;
      focusNode(first ? first.dataset.node : state.matches.values().next().value);
    } else if (ev.key === "ArrowDown" && !results.hidden) {
      var items = resultItems();
      if (items.length) { ev.preventDefault(); items[0].focus(); }
    } else if (ev.key === "Escape") {
      searchBox.value = ""; search(""); saveHash();
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
    if (title) { frag.appendChild(el("h3", null, title + " (" + items.length + ")")); }
    var ul = el("ul");
    items.slice(0, 150).forEach(function (it) {
      var li = el("li");
      li.appendChild(linkTo(it.id));
      if (it.note) { li.appendChild(document.createTextNode(" – " + it.note)); }
      ul.appendChild(li);
    });
    if (items.length > 150) { ul.appendChild(el("li", "nk-muted", moreEntries(items.length - 150))); }
    frag.appendChild(ul);
    return frag;
  }
  function showDetails(id) {
    clear(details);
    var n = byId.get(id);
    if (!n) { return; }
    var box = el("div", "nk-details");
    box.appendChild(el("h2", "nk-details-name", displayLabel(n)));
    var steps = el("p", "nk-steps");
    var stepLabel = el("label", null, "Umfeld: ");
    var sel = el("select");
    sel.id = "nk-steps";
    [["1", "direkte Partner (1 Schritt)"], ["2", "auch deren Partner (2 Schritte)"]].forEach(function (o) {
      var opt = el("option", null, o[1]); opt.value = o[0]; sel.appendChild(opt);
    });
    sel.value = String(state.steps);
    sel.addEventListener("change", function () { setSteps(parseInt(sel.value, 10)); });
    stepLabel.appendChild(sel);
    steps.appendChild(stepLabel);
    steps.appendChild(button("Umfeld aufheben", function () { clearSelection(); }));
    box.appendChild(steps);
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
      var conf = confirmationText(e);
      if (e.kind === "member" && e.from === id) {
        memberships.push({ id: other, note: [fn, conf].filter(Boolean).join("; ") });
      } else if (e.kind === "member") {
        members.push({ id: other, note: [fn, conf].filter(Boolean).join("; ") });
      } else {
        var arrow = e.from === id ? "→ " : "← ";
        var parts = [arrow + label("kinds", e.kind)];
        if (e.strength) { parts.push("Stärke " + label("strengths", String(e.strength))); }
        if (e.formal) { parts.push("formal"); }
        if (conf) { parts.push(conf); }
        ties.push({ id: other, note: parts.join(", ") });
      }
    });
    [listSection("Mitgliedschaften", memberships), listSection("Mitglieder", members),
     listSection("Beziehungen", ties)].forEach(function (s) { if (s) { box.appendChild(s); } });
    var chain = chainOf.get(id) || [];
    if (chain.length) {
      var inner = chain[chain.length - 1];
      var gp = el("p", "nk-muted", "Gehört zum Bündel „" + groupById.get(inner).label + "“ ");
      gp.appendChild(button("Bündel schließen", function () { closeGroup(inner); }));
      box.appendChild(gp);
    }
    details.appendChild(box);
  }
  function showGroupDetails(gid) {
    clear(details);
    var g = groupById.get(gid);
    var box = el("div", "nk-details");
    box.dataset.group = gid;  // the filters update its counts
    box.appendChild(el("h2", "nk-details-name", g.label));
    var passing = groupPass.has(gid) ? groupPass.get(gid) : g.n;
    box.appendChild(el("p", "nk-muted", (passing < g.n ? passing + " von " + g.n + " Knoten (Filter aktiv)" : g.n + " Knoten") +
      " – Doppelklick oder die Schaltfläche öffnet das Bündel an seinem Platz."));
    box.appendChild(button("Bündel öffnen", function () { openGroup(gid); fitTo(groupById.get(gid).members.filter(function (m) { return inView.has(m); }).concat(g.children.filter(function (c) { return inView.has(c); }))); }));
    // the bundles inside, in German order with their counts; a click shows one
    var inner = g.children.filter(function (c) { return groupPass.get(c) !== 0; }).sort(function (a, b) {
      return naturalCompare(groupById.get(a).label, groupById.get(b).label);
    });
    if (inner.length) {
      var sec = el("div", "nk-inner-bundles");
      sec.appendChild(el("h3", null, "Bündel darin (" + inner.length + ")"));
      var ul = el("ul");
      inner.forEach(function (c) {
        var li = el("li");
        li.appendChild(button(groupLabel(groupById.get(c)), function () { selectGroup(c, true); }, "nk-link"));
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      box.appendChild(sec);
    }
    var top = g.members.filter(function (m) { return !hiddenSet.has(m); }).sort(function (a, b) { return byId.get(a).pri - byId.get(b).pri; });
    var s = listSection("Enthält", top.map(function (i) { return { id: i }; }));
    if (s) { box.appendChild(s); }
    details.appendChild(box);
  }
  function resetDetails() {
    clear(details);
    details.appendChild(el("p", "nk-muted", "Klicken Sie auf einen Knoten, um Details zu sehen. Doppelklick auf ein Bündel öffnet es."));
  }
  function setSteps(n) {
    state.steps = n === 2 ? 2 : 1;
    refreshEmphasis();
    if (state.selected) { fitTo(Array.from(focusSet || [])); }
    saveHash();
  }
  function clearSelection() {
    state.selected = null;
    network.unselectAll();
    resetDetails();
    refreshEmphasis();
    saveHash();
  }
  function selectNode(id, fit) {
    if (isGroup(id)) { selectGroup(id, fit); return; }
    if (!byId.has(id)) { return; }
    if (openAncestors(id)) { syncView(); }
    if (hiddenSet.has(id)) { resetFilters(); }
    state.selected = id;
    showDetails(id);
    refreshEmphasis();
    network.selectNodes([id]);
    if (fit) { fitTo(Array.from(focusSet || [id])); }
    saveHash();
  }
  function focusNode(id) { selectNode(id, true); }
  function selectGroup(gid, fit) {
    // a bundle: its details (opening the bundles around it), no neighbourhood
    if (openAncestors(gid)) { syncView(); }
    state.selected = null;
    showGroupDetails(gid);
    refreshEmphasis();
    if (fit) { fitTo([gid]); }
    saveHash();
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (isGroup(id)) { selectGroup(id, false); }
      else { selectNode(id, false); }
    } else if (!params.edges.length) {
      clearSelection();
    }
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) { return; }
    var id = params.nodes[0];
    if (isGroup(id)) {
      openGroup(id);
      showGroupDetails(id);
    } else if ((chainOf.get(id) || []).length) {
      var chain = chainOf.get(id);
      closeGroup(chain[chain.length - 1]);
    }
  });

  // ---------------------------------------------------------------- findings
  var findingById = new Map();
  data.findings.forEach(function (f) { findingById.set(f.id, f); });
  function findingReps(f) {
    var ids = f.nodes.slice();
    f.edges.forEach(function (eid) { var e = edgeById.get(eid); if (e) { ids.push(e.from, e.to); } });
    return ids;
  }
  function activateFinding(fid, opts) {
    var f = findingById.get(fid);
    if (!f) { return; }
    state.active = fid;
    state.selected = null;
    network.unselectAll();
    var ids = findingReps(f);
    // open the bundles the finding is about when they are few
    var closed = new Set();
    ids.forEach(function (id) { (chainOf.get(id) || []).forEach(function (g) { if (!open.has(g)) { closed.add(g); } }); });
    if (closed.size && closed.size <= 4) { closed.forEach(function (g) { open.add(g); }); syncView(); }
    refreshEmphasis();
    var reps = Array.from(repsOf(new Set(ids))).filter(function (id) { return (nodeLook.get(id) || "normal") !== "hidden"; });
    fitTo(reps.length ? reps : ids, 1.0);
    showFindingDetails(f);
    markActiveFinding();
    if (!(opts && opts.quiet)) { saveHash(); }
  }
  function deactivateFinding() {
    state.active = null;
    markActiveFinding();
    refreshEmphasis();
  }
  function markActiveFinding() {
    Array.prototype.forEach.call(document.querySelectorAll("#nk-findings .nk-finding"), function (item) {
      var on = item.dataset.finding === state.active;
      item.classList.toggle("nk-finding-active", on);
      var b = item.querySelector(".nk-finding-title");
      if (b) { b.setAttribute("aria-pressed", on ? "true" : "false"); }
    });
  }
  function findingMeta(f) {
    // „Befund 17“: the same number as in the Maßnahmenliste (column „Nr.“)
    var kind = el("div", "nk-finding-kind", (f.number ? "Befund " + f.number + " · " : "") + f.kindLabel + " · " + f.severityLabel);
    if (f.uncertain) {
      var badge = el("span", "nk-unsicher", "unsicher");
      badge.title = "Einträge ohne Einordnung könnten diesen Befund ändern (siehe Datenlage).";
      kind.appendChild(badge);
    }
    return kind;
  }
  function showFindingDetails(f) {
    clear(details);
    var box = el("div", "nk-details nk-finding-details");
    box.dataset.finding = f.id;
    box.appendChild(findingMeta(f));
    box.appendChild(el("h2", "nk-details-name", f.title));
    if (f.district) { box.appendChild(el("p", "nk-muted", "Sozialraum " + f.district)); }
    if (f.text) { box.appendChild(el("p", "nk-finding-text", f.text)); }
    if (f.recommendation) {
      var rec = el("p", "nk-finding-rec");
      rec.appendChild(el("strong", null, "Empfehlung: "));
      rec.appendChild(document.createTextNode(f.recommendation));
      box.appendChild(rec);
    }
    if (f.links && f.links.length) {
      box.appendChild(el("h3", null, "Vorgeschlagene Verbindungen (gestrichelt)"));
      var ul = el("ul");
      f.links.forEach(function (l) {
        var li = el("li");
        li.appendChild(linkTo(l.from));
        li.appendChild(document.createTextNode(" – "));
        li.appendChild(linkTo(l.to));
        if (l.label) { li.appendChild(document.createTextNode(" (" + l.label + ")")); }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    // „Betrifft“: the entries the finding names (its nodes in the JSON, the „Beteiligte“ of
    // the Maßnahmenliste); what the map highlights beyond them (the entries of a Sozialraum,
    // shared members, suggested partners) is listed apart, folded
    var about = f.about || f.nodes;
    var s = listSection("Betrifft", about.map(function (id) { return { id: id }; }));
    if (s) { box.appendChild(s); }
    var named = new Set(about);
    var extra = f.nodes.filter(function (id) { return !named.has(id); });
    if (extra.length) {
      var more = el("details", "nk-finding-extra");
      var head = el("summary", null, (about.length ? "Außerdem auf der Karte hervorgehoben" : "Auf der Karte hervorgehoben")
        + (f.district && !about.length ? " – Einträge im Sozialraum " + f.district : "") + " (" + extra.length + ")");
      more.appendChild(head);
      var list = listSection(null, extra.map(function (id) { return { id: id }; }));
      if (list) { more.appendChild(list); }
      box.appendChild(more);
    }
    details.appendChild(box);
  }
  function setTicked(fid, on) {
    if (on) { state.findings.add(fid); } else { state.findings.delete(fid); }
    var cb = document.querySelector("#nk-findings input[data-finding='" + fid + "']");
    if (cb) { cb.checked = on; }
  }
  function buildFindings() {
    if (!data.findings.length) { return; }
    var box = document.getElementById("nk-findings");
    clear(box);
    var bar = el("div", "nk-findings-bar");
    bar.appendChild(button("Alle Markierungen aus", function () {
      state.findings.forEach(function (fid) { setTicked(fid, false); });
      state.findings.clear();
      state.active = null;
      markActiveFinding();
      refreshEmphasis();
      resetDetails();
      saveHash();
    }));
    bar.appendChild(button("Rundgang starten", function () { startTour(0); }, "nk-tour-start"));
    box.appendChild(bar);
    box.appendChild(el("p", "nk-muted nk-hint", "Klick auf einen Befund zeigt ihn auf der Karte; Pfeiltasten ↑/↓ wechseln. Das Häkchen wählt ihn für den Rundgang und lässt ihn markiert."));
    var list = el("ul", "nk-finding-list");
    list.setAttribute("aria-label", "Befunde");
    data.findings.forEach(function (f) {
      var item = el("li", "nk-finding sev-" + f.severity);
      item.dataset.finding = f.id;
      if (Object.prototype.hasOwnProperty.call(S.severityBorders, f.severity)) {
        item.style.borderLeftColor = S.severityBorders[f.severity];  // style.MAP_SEVERITY_BORDERS
      }
      if (f.uncertain) { item.classList.add("nk-finding-unsicher"); item.dataset.confidence = "unsicher"; }
      item.appendChild(findingMeta(f));
      var line = el("div", "nk-finding-line");
      var cb = el("input");
      cb.type = "checkbox";
      cb.dataset.finding = f.id;
      cb.setAttribute("aria-label", "Markieren und für den Rundgang wählen: " + f.title);
      cb.addEventListener("change", function () {
        setTicked(f.id, cb.checked);
        if (cb.checked) { activateFinding(f.id); } else {
          if (state.active === f.id) { state.active = null; markActiveFinding(); }
          refreshEmphasis(); saveHash();
        }
      });
      line.appendChild(cb);
      var title = button(f.title, function () { activateFinding(f.id); }, "nk-finding-title");
      title.setAttribute("aria-pressed", "false");
      title.addEventListener("keydown", function (ev) {
        var items = Array.prototype.slice.call(list.querySelectorAll(".nk-finding-title"));
        var k = items.indexOf(title);
        if (ev.key === "ArrowDown" && items[k + 1]) { ev.preventDefault(); items[k + 1].focus(); activateFinding(findingByTitle(items[k + 1])); }
        else if (ev.key === "ArrowUp" && items[k - 1]) { ev.preventDefault(); items[k - 1].focus(); activateFinding(findingByTitle(items[k - 1])); }
      });
      line.appendChild(title);
      item.appendChild(line);
      if (f.recommendation) { item.appendChild(el("div", "nk-finding-rec", "Empfehlung: " + f.recommendation)); }
      list.appendChild(item);
    });
    box.appendChild(list);
  }
  function findingByTitle(b) { return b.parentNode.parentNode.dataset.finding; }

  // ---------------------------------------------------------------- Rundgang (presentation)
  var tourBox = null;
  function tourList() {
    var chosen = data.findings.filter(function (f) { return state.findings.has(f.id); });
    if (!chosen.length) { chosen = data.findings.filter(function (f) { return f.severity === "high" || f.severity === "medium"; }); }
    if (!chosen.length) { chosen = data.findings.slice(); }
    return chosen.map(function (f) { return f.id; });
  }
  function buildTourBox() {
    tourBox = el("section", "nk-tour-box");
    tourBox.id = "nk-tour-box";
    tourBox.setAttribute("aria-live", "polite");
    tourBox.setAttribute("aria-label", "Rundgang");
    document.body.appendChild(tourBox);
  }
  function refit() {
    network.setSize("100%", "100%");
    network.redraw();
  }
  function startTour(step, ids) {
    var list = ids || tourList();
    if (!list.length) { return; }
    state.tour = { ids: list, step: 0 };
    document.body.classList.add("nk-tour");
    if (!tourBox) { buildTourBox(); }
    // full screen only on a click or key press (a reopened link shows the tour without it)
    var gesture = !navigator.userActivation || navigator.userActivation.isActive;
    try {
      var req = gesture && document.documentElement.requestFullscreen && document.documentElement.requestFullscreen();
      if (req && req.catch) { req.catch(function () { return null; }); }
    } catch (err) { /* full screen refused: the page still shows the tour */ }
    refit();
    tourStep(step || 0);
  }
  function endTour() {
    if (!state.tour) { return; }
    state.tour = null;
    document.body.classList.remove("nk-tour");
    if (tourBox) { tourBox.hidden = true; }
    try { if (document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen().catch(function () { return null; }); } }
    catch (err) { /* nothing to leave */ }
    refit();
    saveHash();
  }
  function tourStep(step) {
    var t = state.tour;
    if (!t) { return; }
    t.step = Math.max(0, Math.min(t.ids.length - 1, step));
    var f = findingById.get(t.ids[t.step]);
    clear(tourBox);
    tourBox.hidden = false;
    var head = el("div", "nk-tour-head");
    head.appendChild(el("span", "nk-tour-count", "Befund " + (t.step + 1) + " von " + t.ids.length));
    head.appendChild(findingMeta(f));
    tourBox.appendChild(head);
    tourBox.appendChild(el("h2", "nk-tour-title", f.title));
    if (f.text) { tourBox.appendChild(el("p", "nk-tour-text", f.text)); }
    if (f.recommendation) { tourBox.appendChild(el("p", "nk-tour-rec", "Empfehlung: " + f.recommendation)); }
    var nav = el("div", "nk-tour-nav");
    var prev = button("← Zurück", function () { tourStep(state.tour.step - 1); });
    prev.disabled = t.step === 0;
    var next = button("Weiter →", function () { tourStep(state.tour.step + 1); });
    next.disabled = t.step === t.ids.length - 1;
    nav.appendChild(prev); nav.appendChild(next);
    nav.appendChild(button("Rundgang beenden (Esc)", endTour));
    tourBox.appendChild(nav);
    activateFinding(f.id);
  }
  document.addEventListener("keydown", function (ev) {
    if (!state.tour) { return; }
    var k = ev.key;
    if (k === "ArrowRight" || k === "PageDown" || k === " " || k === "ArrowDown") { ev.preventDefault(); tourStep(state.tour.step + 1); }
    else if (k === "ArrowLeft" || k === "PageUp" || k === "ArrowUp" || k === "Backspace") { ev.preventDefault(); tourStep(state.tour.step - 1); }
    else if (k === "Home") { ev.preventDefault(); tourStep(0); }
    else if (k === "End") { ev.preventDefault(); tourStep(state.tour.ids.length - 1); }
    else if (k === "Escape") { ev.preventDefault(); endTour(); }
  });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && state.tour) { endTour(); }
  });

  // ---------------------------------------------------------------- the view in the address (#…)
  // filters, open bundles, search, focus, findings and the tour step: a link reopens the view
  var restoring = false;
  function saveHash() {
    if (restoring) { return; }
    var parts = [];
    if (state.findings.size) { parts.push("f=" + Array.from(state.findings).join(",")); }
    if (state.active) { parts.push("a=" + state.active); }
    if (state.selected) { parts.push("s=" + state.selected); }
    if (state.steps !== 1) { parts.push("st=" + state.steps); }
    if (state.query) { parts.push("q=" + encodeURIComponent(state.query)); }
    if (open.size) { parts.push("g=" + Array.from(open).join(",")); }
    var off = [];
    DIMENSIONS.forEach(function (dim) {
      optionsOf[dim.key].forEach(function (v) { if (!allowed[dim.key].has(v)) { off.push(dim.key + ":" + encodeURIComponent(v)); } });
    });
    if (off.length) { parts.push("x=" + off.join(",")); }
    if (state.confirmedOnly) { parts.push("c=1"); }
    if (state.tour) { parts.push("t=" + state.tour.step); if (state.findings.size === 0) { parts.push("tl=" + state.tour.ids.join(",")); } }
    var hash = parts.length ? "#" + parts.join("&") : "";
    try {
      if (hash !== location.hash) { history.replaceState(null, "", hash || location.pathname + location.search); }
    } catch (err) { /* a sandboxed frame may refuse: the view simply is not in the address */ }
  }
  function readHash() {
    var raw = "";
    try { raw = location.hash.replace(/^#/, ""); } catch (err) { return null; }
    if (!raw) { return null; }
    var out = {};
    raw.split("&").forEach(function (p) {
      var i = p.indexOf("=");
      if (i > 0) { out[p.slice(0, i)] = p.slice(i + 1); }
    });
    return out;
  }
  function applyHash(h) {
    if (!h) { return false; }
    restoring = true;
    try {
      if (h.x) {
        h.x.split(",").forEach(function (pair) {
          var i = pair.indexOf(":");
          var key = pair.slice(0, i), v = decodeURIComponent(pair.slice(i + 1));
          if (allowed[key]) { allowed[key].delete(v); }
        });
        syncFilterBoxes();
        computeFilters();
      }
      if (h.c === "1") { state.confirmedOnly = true; var cc = document.getElementById("nk-confirmed-only"); if (cc) { cc.checked = true; } syncView(); }
      if (h.g) { h.g.split(",").forEach(function (g) { if (groupById.has(g)) { open.add(g); } }); syncView(); }
      if (h.st) { state.steps = h.st === "2" ? 2 : 1; }
      if (h.q) { searchBox.value = decodeURIComponent(h.q); search(searchBox.value); results.hidden = true; }
      if (h.f) { h.f.split(",").forEach(function (fid) { if (findingById.has(fid)) { setTicked(fid, true); } }); }
      refreshEmphasis();
      if (h.t !== undefined && data.findings.length) {
        var ids = h.tl ? h.tl.split(",").filter(function (fid) { return findingById.has(fid); }) : null;
        startTour(parseInt(h.t, 10) || 0, ids && ids.length ? ids : null);
      } else {
        if (h.a && findingById.has(h.a)) { activateFinding(h.a, { quiet: true }); }
        if (h.s && byId.has(h.s)) { selectNode(h.s, true); }
        if (!h.a && !h.s) { fitAll(); }
      }
    } finally {
      restoring = false;
    }
    return true;
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
      if (dl.more) { list.appendChild(el("li", "nk-muted", moreEntries(dl.more))); }
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
  function areaIcon(item) {
    if (item.kind === "circle") {
      var s = svg(14, 14), c = document.createElementNS(SVG, "circle");
      c.setAttribute("cx", 7); c.setAttribute("cy", 7); c.setAttribute("r", 5.5);
      c.setAttribute("fill", "none"); c.setAttribute("stroke", item.colour);
      c.setAttribute("stroke-width", 1.5); c.setAttribute("stroke-dasharray", "3,2");
      s.appendChild(c);
      return s;
    }
    var sw = el("span", "nk-swatch");
    if (item.kind === "hatch") {
      sw.style.border = "2px solid " + item.colour;
      sw.style.backgroundImage = "repeating-linear-gradient(135deg, " + item.colour + " 0 1.5px, transparent 1.5px 4px)";
    } else {
      sw.style.background = item.colour;
    }
    return sw;
  }
  function buildLegend() {
    var lg = data.legend, box = document.getElementById("nk-legend");
    if (lg.areas) {
      var areas = legendBlock(lg.areas.title, lg.areas.items, areaIcon) || el("div");
      if (!lg.areas.items.length) { areas.appendChild(el("h3", null, lg.areas.title)); }
      if (lg.areas.note) { areas.appendChild(el("div", "nk-muted", lg.areas.note)); }
      areas.classList.add("nk-legend-areas");
      box.appendChild(areas);
    }
    var blocks = [
      legendBlock(lg.title_types, lg.types, function (t) { return shapeIcon(t.shape, t.code === "person"); }),
      legendBlock(lg.title_sectors, lg.sectors.concat([lg.no_sector]), function (s) {
        var sw = el("span", "nk-swatch"); sw.style.background = s.colour; return sw; }),
      legendBlock(lg.title_edges, lg.edges, lineIcon),
      legendBlock(lg.title_roles, lg.roles, function (r) { return el("span", "nk-badge", r.badge); })
    ];
    blocks.forEach(function (b) { if (b) { box.appendChild(b); } });
    var count = { sure: 0, one: 0, disputed: 0 };
    data.edges.forEach(function (e) {
      if (e.conf === "confirmed" || e.conf === "disagreeing") { count.sure += 1; }
      else if (e.conf === "one_sided" || e.conf === "unconfirmed") { count.one += 1; }
      else if (e.conf === "disputed") { count.disputed += 1; }
    });
    if (count.sure + count.one + count.disputed) {
      var conf = legendBlock("Bestandsaufnahme (Linie)", [
        { colour: "#3B3B3B", width: 1.5, dashes: [], arrows: false, label: "von beiden Seiten bestätigt (" + count.sure + ")" },
        { colour: "#3B3B3B", width: 1.5, dashes: [6, 4], arrows: false, label: "nur von einer Seite genannt oder unbestätigt (" + count.one + ")" },
        { colour: "#8C8C8C", width: 1.5, dashes: [1.5, 3], arrows: false, label: "bestritten (" + count.disputed + ")" }
      ], lineIcon);
      conf.classList.add("nk-legend-conf");
      box.appendChild(conf);
    }
    var size = el("div");
    size.appendChild(el("h3", null, lg.size));
    if (groupsData.length) { size.appendChild(el("div", "nk-muted", "Graue Kreise: Bündel (Zahl der Knoten), Doppelklick öffnet, Doppelklick auf ein Mitglied schließt")); }
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
  function resetView() {
    endTour();
    searchBox.value = ""; search("");
    state.selected = null; state.active = null; state.steps = 1;
    state.findings.forEach(function (fid) { setTicked(fid, false); });
    state.findings.clear();
    markActiveFinding();
    open.clear();   // bundles closed again, as the map opened
    syncView();
    resetFilters(); resetDetails(); refreshEmphasis();
    network.unselectAll();
    fitAll();
    saveHash();
  }
  document.getElementById("nk-reset").addEventListener("click", resetView);
  document.getElementById("nk-tour").addEventListener("click", function () { startTour(0); });
  if (!data.findings.length) { document.getElementById("nk-tour").hidden = true; }

  // ---------------------------------------------------------------- print (vector SVG of the view)
  // Printing (Ctrl+P, "Als PDF speichern") shows the current view as an SVG built from the
  // same positions, looks and names as the screen, with the legend beside it on one
  // landscape page. The drawing is laid out twice, for the map area of A4 and of A3 (names
  // at the same size in points, so A3 shows more of them, and the view widened to A3's
  // proportions); the print style shows the one that fits the paper chosen in the dialog.
  // Every line and name stays vector. No canvas pixels.
  var PAPERS = [{ key: "A4", w: 214, h: 172 }, { key: "A3", w: 342, h: 258 }];  // map areas, mm
  var PT = 25.4 / 72;                     // mm per point
  var PX_MM = 0.22;                       // a screen pixel (border, dash) on paper, mm
  var printBox = document.getElementById("nk-print");
  var lastPrint = null;
  function svgNode(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = String(text); }
    return e;
  }
  function num(v) { return String(Math.round(v * 100) / 100); }
  function shapePoints(shape, x, y, r) {
    if (shape === "square") { return [x - r, y - r, x + r, y - r, x + r, y + r, x - r, y + r]; }
    if (shape === "diamond") { return [x, y - r, x + r, y, x, y + r, x - r, y]; }
    if (shape === "triangle") {
      var s2 = r, ir = Math.sqrt(3) / 6 * 2 * r, h = Math.sqrt(3) * r;
      return [x, y - (h - ir), x + s2, y + ir, x - s2, y + ir];
    }
    return null;
  }
  function colourOf(c, fallback) {
    if (!c) { return fallback; }
    return typeof c === "string" ? c : (c.color || c.background || fallback);
  }
  function printView(paper) {
    var W = container.clientWidth || 800, H = container.clientHeight || 600;
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: W, y: H });
    var x0 = a.x, y0 = a.y, vw = Math.max(b.x - a.x, 1), vh = Math.max(b.y - a.y, 1);
    var aspect = paper.w / paper.h;
    // widen the view to the paper's proportions: at least what the screen shows
    if (vw / vh < aspect) { var nw = vh * aspect; x0 -= (nw - vw) / 2; vw = nw; }
    else { var nh = vw / aspect; y0 -= (nh - vh) / 2; vh = nh; }
    return { x0: x0, y0: y0, w: vw, h: vh, u: vw / paper.w };
  }
  function printLabels(view, positions, paper) {
    var PRINT_W = paper.w, PRINT_H = paper.h;
    // the names of the view, placed again at print size (collision-free, important first)
    var u = view.u, out = [], grid = new Map(), CELL = 8;
    function cells(r, fn) {
      for (var cx = Math.floor(r[0] / CELL); cx <= Math.floor((r[0] + r[2]) / CELL); cx++) {
        for (var cy = Math.floor(r[1] / CELL); cy <= Math.floor((r[1] + r[3]) / CELL); cy++) {
          if (fn(cx + ":" + cy) === false) { return false; }
        }
      }
      return true;
    }
    function free(r) {
      return cells(r, function (key) {
        var list = grid.get(key) || [];
        for (var i = 0; i < list.length; i++) {
          var o = list[i];
          if (r[0] < o[0] + o[2] && o[0] < r[0] + r[2] && r[1] < o[1] + o[3] && o[1] < r[1] + r[3]) { return false; }
        }
        return true;
      });
    }
    function take(r) { cells(r, function (key) { var l = grid.get(key); if (!l) { l = []; grid.set(key, l); } l.push(r); }); }
    var shown = 0;
    function consider(id, must) {
      var look = nodeLook.get(id) || "normal";
      if (look === "hidden" || look === "dim" || !positions[id]) { return; }
      var item = itemOf(id), group = isGroup(id);
      var mx = (positions[id].x - view.x0) / u, my = (positions[id].y - view.y0) / u;
      if (mx < -5 || my < -5 || mx > PRINT_W + 5 || my > PRINT_H + 5) { return; }
      var r = (group ? groupSize(item) : item.size) / u;
      var size = (group ? 8.5 : (must ? 8 : 7.2)) * PT, bold = group || must;
      var text = labelText(id);
      if (text.length > 48) { text = text.slice(0, 46) + "…"; }
      var w = textWidth(text, 100, bold) / 100 * size * 1.04, h = size * 1.35;
      var spots = [[mx - w / 2, my + r + 0.4], [mx - w / 2, my - r - 0.4 - h], [mx + r + 0.8, my - h / 2], [mx - r - 0.8 - w, my - h / 2]];
      function inside(c) { return c[0] >= 0 && c[1] >= 0 && c[0] + c[2] <= PRINT_W && c[1] + c[3] <= PRINT_H; }
      var rect = null, lead = null;
      for (var i = 0; i < spots.length && !rect; i++) {
        var c = [spots[i][0] - 0.5, spots[i][1], w + 1, h];
        if ((must || inside(c)) && free(c)) { rect = c; }
      }
      // an important name is moved aside, with a thin line to its node (as on the screen)
      for (var ring = 1; must && !rect && ring <= 8; ring++) {
        for (var k = 0; k < 12 && !rect; k++) {
          var ang = (k / 12) * 2 * Math.PI + ring * 0.4, dist = r + ring * 3.5;
          var c2 = [mx + Math.cos(ang) * dist - w / 2 - 0.5, my + Math.sin(ang) * dist - h / 2, w + 1, h];
          if (inside(c2) && free(c2)) { rect = c2; lead = [mx, my]; }
        }
      }
      if (!rect && must) { rect = [spots[0][0] - 0.5, spots[0][1], w + 1, h]; }
      if (!rect) { return; }
      take(rect);
      out.push({ id: id, text: text, x: rect[0], y: rect[1], w: rect[2], h: h, size: size, bold: bold,
                 look: look, lead: lead });
    }
    var forced = forcedLabels();
    forced.forEach(function (id) { if (inView.has(id)) { consider(id, true); } });
    for (var i = 0; i < labelOrder.length && out.length < 1500; i++) {
      var id = labelOrder[i];
      if (forced.has(id)) { continue; }
      var look = nodeLook.get(id) || "normal";
      if (look === "hidden" || look === "dim") { continue; }
      consider(id, isGroup(id) || shown < ALWAYS);
      shown += 1;
    }
    return out;
  }
  function printGuides(svgRoot, layer, view) {
    var u = view.u, defs = null, patterns = {};
    function hatch(colour) {
      if (patterns[colour]) { return patterns[colour]; }
      if (!defs) { defs = svgNode("defs"); svgRoot.insertBefore(defs, svgRoot.firstChild); }
      var id = "nk-hatch-" + Object.keys(patterns).length, size = 2 * u;
      var pat = svgNode("pattern", { id: id, patternUnits: "userSpaceOnUse", width: num(size), height: num(size) });
      pat.appendChild(svgNode("path", { d: "M0," + num(size) + " L" + num(size) + ",0", stroke: colour, "stroke-width": num(0.35 * u) }));
      defs.appendChild(pat);
      patterns[colour] = "url(#" + id + ")";
      return patterns[colour];
    }
    open.forEach(function (gid) {
      var g = groupById.get(gid);
      if (!g || repOf(gid) !== gid) { return; }
      layer.appendChild(svgNode("circle", { cx: num(g.x), cy: num(g.y), r: num(bundleDisc(g)), fill: "rgba(0,0,0,0.035)" }));
    });
    data.guides.forEach(function (g) {
      if (g.kind === "text") { return; }
      var e;
      if (g.kind === "circle") { e = svgNode("circle", { cx: num(g.x), cy: num(g.y), r: num(g.r) }); }
      else if (g.kind === "line") { e = svgNode("line", { x1: num(g.x), y1: num(g.y), x2: num(g.x2), y2: num(g.y2) }); }
      else if (g.holes && g.holes.length) {
        // the outline and its holes as subpaths of one path: even-odd leaves the holes open
        e = svgNode("path", { "fill-rule": "evenodd", d: [g.pts].concat(g.holes).map(function (p) {
          var d = [];
          for (var i = 0; i < p.length; i += 2) { d.push((i ? "L" : "M") + num(p[i]) + "," + num(p[i + 1])); }
          return d.join(" ") + " Z";
        }).join(" ") });
      }
      else {
        var pts = [];
        for (var i = 0; i < g.pts.length; i += 2) { pts.push(num(g.pts[i]) + "," + num(g.pts[i + 1])); }
        e = svgNode("polygon", { points: pts.join(" ") });
      }
      e.setAttribute("fill", g.fill || "none");
      if (g.stroke === "none") { e.setAttribute("stroke", "none"); }
      else {
        e.setAttribute("stroke", g.stroke || "#C8C8C8");
        e.setAttribute("stroke-width", num((g.w || 1) * PX_MM * u));
        if (g.dash && g.dash.length) { e.setAttribute("stroke-dasharray", g.dash.map(function (d) { return num(d * PX_MM * u); }).join(",")); }
      }
      layer.appendChild(e);
      if (g.hatch) {
        var h = e.cloneNode(false);
        h.setAttribute("fill", hatch(g.hatch));
        h.setAttribute("stroke", "none");
        layer.appendChild(h);
      }
    });
    data.guides.forEach(function (g) {
      if (g.kind !== "text") { return; }
      var size = Math.max(g.size || 16, 8 * PT * u);
      var lines = String(g.text).split("\n");
      if (g.span) {
        // fitted to its span on the paper (mm), as on the screen, never below 7 pt
        var fit = fitLines(g.text, g.span / u, size / u, 7 * PT, GUIDE_LINES, function (t, s) { return guideWidth(t, s) * 1.04; });
        size = fit.size * u; lines = fit.lines;
      }
      var first = guideFirstLine(g, lines.length, size);
      var anchor = g.align === "left" ? "start" : (g.align === "right" ? "end" : "middle");
      lines.forEach(function (line, i) {
        var y = first + i * size * GUIDE_LINE;
        var w = textWidth(line, 100, true) / 100 * size * 1.04;
        var left = anchor === "start" ? g.x : (anchor === "end" ? g.x - w : g.x - w / 2);
        layer.appendChild(svgNode("rect", { x: num(left - size * 0.2), y: num(y - size * 0.65),
          width: num(w + size * 0.4), height: num(size * 1.3), fill: "#FFFFFF", "fill-opacity": "0.85" }));
        layer.appendChild(svgNode("text", {
          x: num(g.x), y: num(y + size * 0.36), "font-size": num(size),
          "font-weight": "600", "text-anchor": anchor, fill: g.colour || "#555555" }, line));
      });
    });
  }
  function buildPrintSvg(paper) {
    var view = printView(paper), u = view.u;
    var root = svgNode("svg", { viewBox: [view.x0, view.y0, view.w, view.h].map(num).join(" "),
      preserveAspectRatio: "xMidYMid meet", class: "nk-print-map nk-paper-" + paper.key, role: "img",
      "font-family": S.font });
    root.setAttribute("aria-label", "Netzwerkkarte, gedruckte Ansicht");
    var positions = network.getPositions();
    var guides = svgNode("g", { class: "nk-print-guides" });
    root.appendChild(guides);
    printGuides(root, guides, view);
    var pad = 0.15;
    function near(p) {
      return p.x > view.x0 - pad * view.w && p.x < view.x0 + (1 + pad) * view.w &&
             p.y > view.y0 - pad * view.h && p.y < view.y0 + (1 + pad) * view.h;
    }
    var edgeLayer = svgNode("g", { class: "nk-print-edges", "stroke-linecap": "round", fill: "none" });
    edges.get().forEach(function (e) {
      if (e.hidden) { return; }
      var p = positions[e.from], q = positions[e.to];
      if (!p || !q || (!near(p) && !near(q))) { return; }
      var colour = colourOf(e.color, "#888888");
      var line = svgNode("line", { x1: num(p.x), y1: num(p.y), x2: num(q.x), y2: num(q.y),
        stroke: colour, "stroke-width": num(Math.max(e.width || 1, 0.15 * u)) });
      line.dataset.edge = e.id;
      var dashes = e.dashes === true ? [5, 15] : e.dashes;
      if (dashes && dashes.length) { line.setAttribute("stroke-dasharray", dashes.map(num).join(",")); }
      edgeLayer.appendChild(line);
      if (e.arrows) {
        var target = itemOf(e.to), r = target ? (isGroup(e.to) ? groupSize(target) : target.size) : 10;
        var dx = q.x - p.x, dy = q.y - p.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
        var ux = dx / len, uy = dy / len, al = 9 + 2 * (e.width || 1), aw = al * 0.45;
        var tx = q.x - ux * r, ty = q.y - uy * r;
        edgeLayer.appendChild(svgNode("polygon", { fill: colour, points: [
          tx, ty, tx - ux * al - uy * aw, ty - uy * al + ux * aw, tx - ux * al + uy * aw, ty - uy * al - ux * aw
        ].map(num).join(" ") }));
      }
    });
    root.appendChild(edgeLayer);
    var nodeLayer = svgNode("g", { class: "nk-print-nodes" });
    nodes.get().forEach(function (n) {
      var p = positions[n.id];
      if (n.hidden || !p || !near(p)) { return; }
      var r = n.size || 10, shape = shapePoints(n.shape, p.x, p.y, r), e;
      e = shape ? svgNode("polygon", { points: shape.map(num).join(" ") })
                : svgNode("circle", { cx: num(p.x), cy: num(p.y), r: num(r) });
      e.setAttribute("fill", colourOf(n.color && n.color.background, "#CCCCCC"));
      e.setAttribute("stroke", colourOf(n.color && n.color.border, "#333333"));
      e.setAttribute("stroke-width", num((n.borderWidth || 1) * PX_MM * u));
      var bd = n.shapeProperties && n.shapeProperties.borderDashes;
      if (bd && bd.length) { e.setAttribute("stroke-dasharray", bd.map(function (d) { return num(d * PX_MM * u * 1.5); }).join(",")); }
      e.dataset.node = n.id;
      nodeLayer.appendChild(e);
    });
    root.appendChild(nodeLayer);
    // names on a light box (no outline text: the PDF's text stays clean to copy and search)
    var labelLayer = svgNode("g", { class: "nk-print-labels" });
    var labels = printLabels(view, positions, paper);
    labels.forEach(function (lab) {
      var X = function (mm) { return num(view.x0 + mm * u); }, Y = function (mm) { return num(view.y0 + mm * u); };
      if (lab.lead) {
        var lx = Math.max(lab.x, Math.min(lab.x + lab.w, lab.lead[0])), ly = lab.lead[1] < lab.y ? lab.y : lab.y + lab.h;
        labelLayer.appendChild(svgNode("line", { x1: X(lab.lead[0]), y1: Y(lab.lead[1]), x2: X(lx), y2: Y(ly),
          stroke: "#444444", "stroke-width": num(0.15 * u) }));
      }
      labelLayer.appendChild(svgNode("rect", { x: X(lab.x), y: Y(lab.y), width: num(lab.w * u),
        height: num(lab.h * u), rx: num(0.5 * u), fill: "#FFFFFF", "fill-opacity": "0.8" }));
      var t = svgNode("text", { x: X(lab.x + 0.5), y: Y(lab.y + lab.size * 1.02),
        "font-size": num(lab.size * u), "font-weight": lab.bold ? "700" : "400",
        fill: lab.look === "finding" ? "#8A0000" : (lab.look === "match" ? "#003F73" : "#1A1A1A") }, lab.text);
      t.dataset.node = lab.id;
      labelLayer.appendChild(t);
    });
    root.appendChild(labelLayer);
    lastPrint[paper.key] = { labels: labels.map(function (l) { return l.id; }), view: view };
    return root;
  }
  function printCaption() {
    var parts = [META.layoutLabel];
    var f = state.active ? findingById.get(state.active) : null;
    if (f) { parts.push("hervorgehoben: Befund „" + f.title + "“"); }
    else if (state.findings.size) { parts.push(state.findings.size + (state.findings.size === 1 ? " Befund" : " Befunde") + " markiert"); }
    if (state.selected && byId.has(state.selected)) {
      parts.push("Umfeld von „" + displayLabel(byId.get(state.selected)) + "“ (" + state.steps + (state.steps === 1 ? " Schritt)" : " Schritte)"));
    }
    if (state.query) { parts.push("Suche „" + state.query + "“"); }
    if (filtersActive()) { parts.push("Filter aktiv"); }
    if (META.anonymous) { parts.push("anonymisiert"); }
    var d = new Date();
    parts.push("gedruckt am " + ("0" + d.getDate()).slice(-2) + "." + ("0" + (d.getMonth() + 1)).slice(-2) + "." + d.getFullYear());
    return parts.join(" · ");
  }
  function preparePrint() {
    clear(printBox);
    var head = el("div", "nk-print-head");
    head.appendChild(el("h1", null, document.getElementById("nk-title").textContent));
    head.appendChild(el("p", "nk-print-caption", printCaption()));
    printBox.appendChild(head);
    var body = el("div", "nk-print-body");
    var frame = el("div", "nk-print-frame");
    lastPrint = {};
    PAPERS.forEach(function (paper) { frame.appendChild(buildPrintSvg(paper)); });
    body.appendChild(frame);
    var legend = el("div", "nk-print-legend");
    Array.prototype.forEach.call(document.getElementById("nk-legend").childNodes, function (c) { legend.appendChild(c.cloneNode(true)); });
    var marks = [];
    if (state.active || state.findings.size) { marks.push(["#D40000", "rot umrandet: Knoten des hervorgehobenen Befunds"]); }
    if (state.matches) { marks.push(["#0059A0", "blau umrandet: Suchtreffer"]); }
    if (marks.length) {
      var div = el("div");
      div.appendChild(el("h3", null, "Markierungen"));
      var ul = el("ul");
      marks.forEach(function (m) {
        var li = el("li"), sw = el("span", "nk-swatch");
        sw.style.background = "#FFFFFF"; sw.style.border = "2px solid " + m[0];
        li.appendChild(sw); li.appendChild(el("span", null, m[1]));
        ul.appendChild(li);
      });
      div.appendChild(ul);
      legend.appendChild(div);
    }
    body.appendChild(legend);
    printBox.appendChild(body);
    return lastPrint;
  }
  window.addEventListener("beforeprint", preparePrint);

  // ---------------------------------------------------------------- table (list of nodes and relations)
  // The same data as the map for screen readers and keyboards: sortable, filtered by the
  // filters and a text box, each name a button that shows the node on the map.
  var tablePanel = document.getElementById("nk-table");
  var tableState = { what: "nodes", key: "name", dir: 1, text: "" };
  var TABLE_ROWS = 400;
  function nodeRow(n) {
    return { id: n.id, name: displayLabel(n), type: label("types", n.type),
             sector: n.sector ? label("sectors", n.sector) : "", district: n.district || "",
             degree: adjacency.get(n.id).length };
  }
  function edgeRow(e) {
    return { id: e.id, from: e.from, to: e.to, name: displayLabel(byId.get(e.from)),
             other: displayLabel(byId.get(e.to)), kind: label("kinds", e.kind),
             strength: e.strength ? label("strengths", String(e.strength)) : "",
             conf: e.conf ? label("confirmations", e.conf) : "" };
  }
  var NODE_COLS = [["name", "Name"], ["type", "Typ"], ["sector", "Handlungsfeld"], ["district", "Sozialraum"], ["degree", "Verbindungen"]];
  var EDGE_COLS = [["name", "Von"], ["kind", "Beziehung"], ["other", "Zu"], ["strength", "Stärke"]];
  if (data.edges.some(function (e) { return e.conf; })) { EDGE_COLS.push(["conf", "Bestätigung"]); }
  function renderTable() {
    if (tablePanel.hidden) { return; }
    var body = document.getElementById("nk-table-body");
    clear(body);
    var nodesMode = tableState.what === "nodes";
    var cols = nodesMode ? NODE_COLS : EDGE_COLS;
    var q = fold(tableState.text.trim());
    var rows = [];
    if (nodesMode) {
      data.nodes.forEach(function (n) { if (!hiddenSet.has(n.id)) { rows.push(nodeRow(n)); } });
    } else {
      data.edges.forEach(function (e) { if (!edgeOff(e) && !hiddenSet.has(e.from) && !hiddenSet.has(e.to)) { rows.push(edgeRow(e)); } });
    }
    if (q) { rows = rows.filter(function (r) { return cols.some(function (c) { return fold(String(r[c[0]])).indexOf(q) !== -1; }); }); }
    var key = tableState.key, dir = tableState.dir;
    rows.sort(function (a, b) {
      var x = a[key], y = b[key];
      if (typeof x === "number") { return (x - y) * dir; }
      return naturalCompare(x, y) * dir;
    });
    var table = el("table", "nk-data-table");
    table.appendChild(el("caption", null, (nodesMode ? "Knoten" : "Beziehungen") + ": " + rows.length +
      (rows.length > TABLE_ROWS ? " (die ersten " + TABLE_ROWS + " gezeigt; Suchfeld grenzt ein)" : "")));
    var thead = el("thead"), tr = el("tr");
    cols.forEach(function (c) {
      var th = el("th");
      th.scope = "col";
      th.setAttribute("aria-sort", key === c[0] ? (dir > 0 ? "ascending" : "descending") : "none");
      th.appendChild(button(c[1] + (key === c[0] ? (dir > 0 ? " ▲" : " ▼") : ""), function () {
        if (tableState.key === c[0]) { tableState.dir = -tableState.dir; } else { tableState.key = c[0]; tableState.dir = 1; }
        renderTable();
        var again = document.querySelector("#nk-table th[data-col='" + c[0] + "'] button");
        if (again) { again.focus(); }
      }, "nk-sort"));
      th.dataset.col = c[0];
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = el("tbody");
    rows.slice(0, TABLE_ROWS).forEach(function (r) {
      var row = el("tr");
      cols.forEach(function (c, i) {
        var td = el(i === 0 ? "th" : "td");
        if (i === 0) { td.scope = "row"; }
        if (c[0] === "name" || c[0] === "other") {
          var target = nodesMode ? r.id : (c[0] === "name" ? r.from : r.to);
          td.appendChild(button(r[c[0]], function () { focusNode(target); }, "nk-link"));
        } else {
          td.textContent = String(r[c[0]]);
        }
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    body.appendChild(table);
  }
  function showTable(on) {
    tablePanel.hidden = !on;
    document.getElementById("nk-table-toggle").setAttribute("aria-pressed", on ? "true" : "false");
    document.getElementById("nk-table-toggle").textContent = on ? "Karte" : "Tabelle";
    if (on) { renderTable(); document.getElementById("nk-table-text").focus(); }
  }
  document.getElementById("nk-table-toggle").addEventListener("click", function () { showTable(tablePanel.hidden); });
  document.getElementById("nk-table-text").addEventListener("input", function (ev) { tableState.text = ev.target.value; renderTable(); });
  Array.prototype.forEach.call(document.querySelectorAll("input[name=nk-table-what]"), function (r) {
    r.addEventListener("change", function () { if (r.checked) { tableState.what = r.value; tableState.key = "name"; tableState.dir = 1; renderTable(); } });
  });

  // ---------------------------------------------------------------- embedded (Jupyter)
  // In a notebook the wheel scrolls the notebook; the map zooms once it has been clicked
  // (until the pointer leaves it) or while Ctrl is held.
  var wheelActive = !embedded;
  container.addEventListener("wheel", function (ev) {
    if (!wheelActive && !ev.ctrlKey) { ev.stopPropagation(); }
  }, true);
  container.addEventListener("pointerdown", function () { if (embedded) { wheelActive = true; container.classList.add("nk-active"); } }, true);
  container.addEventListener("mouseleave", function () { if (embedded) { wheelActive = false; container.classList.remove("nk-active"); } });
  if (embedded) { document.body.classList.add("nk-embedded"); }

  mark("clusters");
  computeFilters();
  buildFilters();
  buildFindings();
  buildDatenlage();
  buildLegend();
  refreshEmphasis();

  // ---------------------------------------------------------------- debug / test handle
  function looks(map, want) {
    return Array.from(map).filter(function (p) { return p[1] === want; }).map(function (p) { return p[0]; });
  }
  window.netzkarte = {
    network: network, nodes: nodes, edges: edges, meta: META,
    visibleNodeIds: function () { return Array.from(inView).filter(function (id) { return (nodeLook.get(id) || "normal") !== "hidden"; }); },
    hiddenNodeIds: function () { return looks(nodeLook, "hidden"); },
    visibleEdgeIds: function () { return Array.from(edgeInView.keys()).filter(function (id) { return (edgeLook.get(id) || "normal") !== "hidden"; }); },
    dimmedNodeIds: function () { return looks(nodeLook, "dim"); },
    highlightedNodeIds: function () { return looks(nodeLook, "finding"); },
    highlightedEdgeIds: function () { return looks(edgeLook, "finding"); },
    suggestedLinks: function () { return linkIds.map(function (id) { var e = edges.get(id); return [e.from, e.to]; }); },
    searchMatches: function () { return state.matches ? Array.from(state.matches) : []; },
    labelOf: function (id) { var n = byId.get(id); return n ? displayLabel(n) : null; },
    idByUid: function (uid) { var hit = data.nodes.filter(function (n) { return n.uid === uid; }); return hit.length ? hit[0].id : null; },
    clusterIds: function () { return Array.from(inView).filter(isGroup); },
    groupOf: function (id) { var c = chainOf.get(id) || []; return c.length ? c[c.length - 1] : null; },
    openGroup: openGroup, closeGroup: closeGroup, openGroups: function () { return Array.from(open); },
    openAll: function () { groupsData.forEach(function (g) { open.add(g.id); }); syncView(); refreshEmphasis(); },
    labels: function () { return lastLabels.map(function (l) { return { id: l.id, text: l.text, x: l.x, y: l.y, w: l.w, h: l.h, px: l.px, always: l.always }; }); },
    scale: function () { return network.getScale(); },
    priority: function () { return labelOrder.slice(); },
    search: search, select: focusNode, exportPng: exportPng, reset: resetView,
    finding: activateFinding, activeFinding: function () { return state.active; },
    tour: function () { return state.tour ? { step: state.tour.step, ids: state.tour.ids.slice() } : null; },
    startTour: startTour, endTour: endTour, steps: setSteps,
    lastPng: function () { return lastPng; },
    preparePrint: preparePrint, lastPrint: function () { return lastPrint; },
    batchedFrames: function () { return batchedFrames; },
    guideTexts: function () { return guideBoxes.slice(); },
    timings: timings
  };

  // ---------------------------------------------------------------- ready
  mark("ui");
  // the container has its size already: fit (or reopen the view in the address), then
  // signal ready once that view is drawn
  if (!applyHash(readHash())) { fitAll(); }
  network.once("afterDrawing", function () {
    mark("drawn");
    document.body.setAttribute("data-netzkarte-ready", "true");
  });
  network.redraw();
}());
