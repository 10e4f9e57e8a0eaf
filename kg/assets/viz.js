/* kg viz: hand-written canvas viewer for the offline network page (Apache-2.0, part of kg).
 * Positions come precomputed from Python; this script only filters, draws and answers clicks,
 * so it stays fast with thousands of nodes. It never loads anything from the network. */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const TYPES = DATA.styles.types, EDGE_WORDS = DATA.styles.edges, FIELDS = DATA.styles.fields;
  const nodes = DATA.nodes, edges = DATA.edges, evidence = DATA.evidence;
  const N = nodes.length, E = edges.length;
  const LABEL_BUDGET = 250, EVIDENCE_SHOWN = 60, RESULTS_SHOWN = 30;

  const $ = (id) => document.getElementById(id);
  const canvas = $("graph"), ctx = canvas.getContext("2d"), stage = $("stage");
  const tooltip = $("tooltip"), panel = $("panel"), panelBody = $("panel-body");
  const searchBox = $("search"), resultsList = $("results");

  // ------------------------------------------------------------ derived data
  const adjacency = Array.from({ length: N }, () => []);
  edges.forEach((e, i) => { adjacency[e.s].push(i); if (e.t !== e.s) adjacency[e.t].push(i); });
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
  const folded = nodes.map((n) => fold(n.l));
  nodes.forEach((n) => { n.rad = 0.16 + 0.07 * Math.log2(1 + n.d); });
  const TYPE_RANK = { person: 0, unit: 1, organization: 2, meeting: 3, resolution: 4, article: 5 };
  // Labels go to people first, then units and bodies, each by degree.
  const byDegree = nodes.map((_, i) => i).sort((a, b) => (TYPE_RANK[nodes[a].t] - TYPE_RANK[nodes[b].t]) ||
    nodes[b].d - nodes[a].d || (nodes[a].l < nodes[b].l ? -1 : 1));
  let articleEvidence = null;  // article index -> evidence indices, built when first needed

  // ------------------------------------------------------------ state
  const visible = new Uint8Array(N), edgeVisible = new Uint8Array(E), matched = new Uint8Array(N);
  const typeOn = {};
  Object.keys(TYPES).forEach((t) => { typeOn[t] = true; });
  // Articles are the provenance of everything: hidden at first, reachable from every evidence link.
  typeOn.article = !nodes.some((n) => n.t !== "article");
  const initialTypes = { ...typeOn };
  const filter = { unit: -1, role: -1, term: -1 };
  let selected = -1, hovered = -1, focus = null, matchCount = 0;
  const view = { scale: 1, x: 0, y: 0, width: 0, height: 0, dpr: 1 };
  let scheduled = false;

  // ------------------------------------------------------------ spatial index for hit tests
  const CELL = 2.0;
  const grid = new Map();
  nodes.forEach((n, i) => {
    const key = Math.floor(n.x / CELL) + "," + Math.floor(n.y / CELL);
    let cell = grid.get(key);
    if (!cell) { cell = []; grid.set(key, cell); }
    cell.push(i);
  });

  function nodeAt(sx, sy) {
    const wx = (sx - view.x) / view.scale, wy = (sy - view.y) / view.scale;
    const slack = 4 / view.scale, reach = Math.ceil((1.5 + slack) / CELL);
    const cx = Math.floor(wx / CELL), cy = Math.floor(wy / CELL);
    let best = -1, bestDist = Infinity;
    for (let gx = cx - reach; gx <= cx + reach; gx++) {
      for (let gy = cy - reach; gy <= cy + reach; gy++) {
        const cell = grid.get(gx + "," + gy);
        if (!cell) continue;
        for (const i of cell) {
          if (!visible[i]) continue;
          const n = nodes[i], d = Math.hypot(n.x - wx, n.y - wy);
          if (d <= n.rad * 1.2 + slack && d < bestDist) { best = i; bestDist = d; }
        }
      }
    }
    return best;
  }

  // ------------------------------------------------------------ filters
  function facetCore(field, value) {
    const core = new Uint8Array(N);
    if (value < 0) return null;
    nodes.forEach((n, i) => { if (n[field] && n[field].includes(value)) core[i] = 1; });
    return core;
  }

  function passesFacet(i, field, core) {
    if (!core || core[i]) return true;
    const n = nodes[i];
    if ((n[field] && n[field].length) || n.t === "person" || n.t === "organization") return false;
    // Nodes that carry no role or term (units, articles…) stay as context of the matching ones.
    return adjacency[i].some((k) => core[edges[k].s === i ? edges[k].t : edges[k].s]);
  }

  function applyFilters() {
    const roleCore = facetCore("r", filter.role), termCore = facetCore("m", filter.term);
    let shown = 0, shownEdges = 0;
    for (let i = 0; i < N; i++) {
      const n = nodes[i];
      visible[i] = typeOn[n.t] && (filter.unit < 0 || (n.u || []).includes(filter.unit)) &&
        passesFacet(i, "r", roleCore) && passesFacet(i, "m", termCore) ? 1 : 0;
      shown += visible[i];
    }
    for (let k = 0; k < E; k++) {
      const e = edges[k];
      let ok = visible[e.s] && visible[e.t];
      if (ok && e.k === "holds_post") {
        ok = (filter.role < 0 || e.r === filter.role) && (filter.term < 0 || e.m === filter.term);
      }
      edgeVisible[k] = ok ? 1 : 0;
      shownEdges += edgeVisible[k];
    }
    $("status").textContent = `Showing ${shown.toLocaleString()} of ${N.toLocaleString()} nodes, ` +
      `${shownEdges.toLocaleString()} of ${E.toLocaleString()} edges.`;
    redraw();
  }

  // ------------------------------------------------------------ drawing
  function shapePath(c, shape, x, y, r) {
    switch (shape) {
      case "square": c.rect(x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76); break;
      case "diamond":
        c.moveTo(x, y - r * 1.25); c.lineTo(x + r * 1.25, y); c.lineTo(x, y + r * 1.25); c.lineTo(x - r * 1.25, y);
        c.closePath(); break;
      case "triangle":
        c.moveTo(x, y - r * 1.3); c.lineTo(x + r * 1.15, y + r * 0.75); c.lineTo(x - r * 1.15, y + r * 0.75);
        c.closePath(); break;
      case "triangle-down":
        c.moveTo(x, y + r * 1.3); c.lineTo(x + r * 1.15, y - r * 0.75); c.lineTo(x - r * 1.15, y - r * 0.75);
        c.closePath(); break;
      case "hexagon":
        for (let a = 0; a < 6; a++) {
          const t = Math.PI / 3 * a + Math.PI / 6;
          if (a === 0) c.moveTo(x + r * Math.cos(t), y + r * Math.sin(t)); else c.lineTo(x + r * Math.cos(t), y + r * Math.sin(t));
        }
        c.closePath(); break;
      default: c.moveTo(x + r, y); c.arc(x, y, r, 0, Math.PI * 2);
    }
  }

  const redraw = () => {
    if (!scheduled) { scheduled = true; requestAnimationFrame(() => { scheduled = false; draw(); }); }
  };

  function inView(sx, sy, pad) {
    return sx > -pad && sy > -pad && sx < view.width + pad && sy < view.height + pad;
  }

  function draw() {
    const t0 = performance.now();
    const s = view.scale, ox = view.x, oy = view.y;
    ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
    ctx.clearRect(0, 0, view.width, view.height);
    drawEdges(s, ox, oy);
    drawNodes(s, ox, oy);
    drawLabels(s, ox, oy);
    window.kgView.lastDrawMs = performance.now() - t0;
    document.documentElement.dataset.ready = "1";
  }

  function drawEdges(s, ox, oy) {
    const lit = [];
    ctx.lineWidth = 1;
    ctx.strokeStyle = focus ? "rgba(140,140,140,0.12)" : "rgba(120,128,136,0.35)";
    ctx.beginPath();
    for (let k = 0; k < E; k++) {
      if (!edgeVisible[k]) continue;
      const e = edges[k];
      if (focus && (e.s === selected || e.t === selected)) { lit.push(e); continue; }
      const a = nodes[e.s], b = nodes[e.t];
      ctx.moveTo(a.x * s + ox, a.y * s + oy);
      ctx.lineTo(b.x * s + ox, b.y * s + oy);
    }
    ctx.stroke();
    if (!lit.length) return;
    ctx.lineWidth = 1.6;
    ctx.strokeStyle = "rgba(209,73,91,0.85)";
    ctx.beginPath();
    for (const e of lit) {
      const a = nodes[e.s], b = nodes[e.t];
      ctx.moveTo(a.x * s + ox, a.y * s + oy);
      ctx.lineTo(b.x * s + ox, b.y * s + oy);
    }
    ctx.stroke();
  }

  function drawNodes(s, ox, oy) {
    const passes = focus ? [0, 1] : [1];
    for (const pass of passes) {
      ctx.globalAlpha = pass ? 1 : 0.18;
      for (const type of Object.keys(TYPES)) {
        if (!typeOn[type]) continue;
        const style = TYPES[type];
        ctx.beginPath();
        for (let i = 0; i < N; i++) {
          const n = nodes[i];
          if (!visible[i] || n.t !== type || (focus && (focus.has(i) ? 1 : 0) !== pass)) continue;
          const x = n.x * s + ox, y = n.y * s + oy, r = Math.max(n.rad * s, 1.6);
          if (!inView(x, y, r + 2)) continue;
          shapePath(ctx, style.shape, x, y, r);
        }
        ctx.fillStyle = style.color;
        ctx.fill();
        if (s * 0.5 > 2.5) { ctx.lineWidth = 1; ctx.strokeStyle = "#ffffff"; ctx.stroke(); }
      }
    }
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2;
    if (matchCount) {
      ctx.strokeStyle = "#f2b705";
      ctx.beginPath();
      for (let i = 0; i < N; i++) {
        if (!matched[i] || !visible[i]) continue;
        const n = nodes[i], r = Math.max(n.rad * s, 1.6) + 4;
        ctx.moveTo(n.x * s + ox + r, n.y * s + oy);
        ctx.arc(n.x * s + ox, n.y * s + oy, r, 0, Math.PI * 2);
      }
      ctx.stroke();
    }
    for (const [i, colour] of [[hovered, "#57606a"], [selected, "#1f2328"]]) {
      if (i < 0) continue;
      const n = nodes[i], r = Math.max(n.rad * s, 1.6) + 3;
      ctx.strokeStyle = colour;
      ctx.beginPath();
      ctx.arc(n.x * s + ox, n.y * s + oy, r, 0, Math.PI * 2);
      ctx.stroke();
    }
  }

  function drawLabels(s, ox, oy) {
    ctx.font = "12px system-ui, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    const must = [];
    if (selected >= 0) must.push(selected);
    if (hovered >= 0) must.push(hovered);
    if (focus) focus.forEach((i) => must.push(i));
    if (matchCount && matchCount <= 50) for (let i = 0; i < N; i++) if (matched[i]) must.push(i);
    const done = new Set(), boxes = [];
    const put = (i, always) => {
      if (done.has(i) || !visible[i]) return false;
      const n = nodes[i], x = n.x * s + ox, y = n.y * s + oy, r = Math.max(n.rad * s, 1.6);
      if (!inView(x, y, 40)) return false;
      const text = n.l.length > 48 ? n.l.slice(0, 47) + "…" : n.l;
      const box = [x + r + 2, y - 8, x + r + 5 + ctx.measureText(text).width, y + 8];
      if (!always && boxes.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) return false;
      boxes.push(box);
      done.add(i);
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, x + r + 3, y);
      ctx.fillStyle = "#1f2328";
      ctx.fillText(text, x + r + 3, y);
      return true;
    };
    must.forEach((i) => put(i, true));
    let budget = LABEL_BUDGET;
    for (const i of byDegree) {
      if (budget <= 0) break;
      if (nodes[i].rad * s < 5) continue;
      if (put(i, false)) budget--;
    }
  }

  // ------------------------------------------------------------ view
  function resize() {
    const rect = stage.getBoundingClientRect();
    view.dpr = window.devicePixelRatio || 1;
    view.width = rect.width; view.height = rect.height;
    canvas.width = Math.max(1, Math.round(rect.width * view.dpr));
    canvas.height = Math.max(1, Math.round(rect.height * view.dpr));
    redraw();
  }

  function fit(indices) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const i of indices) {
      const n = nodes[i];
      x0 = Math.min(x0, n.x - n.rad); y0 = Math.min(y0, n.y - n.rad);
      x1 = Math.max(x1, n.x + n.rad); y1 = Math.max(y1, n.y + n.rad);
    }
    if (!isFinite(x0)) { view.scale = 1; view.x = view.width / 2; view.y = view.height / 2; redraw(); return; }
    const w = Math.max(x1 - x0, 4), h = Math.max(y1 - y0, 4);
    view.scale = Math.min(40, 0.85 * Math.min(view.width / w, view.height / h));
    view.x = view.width / 2 - (x0 + x1) / 2 * view.scale;
    view.y = view.height / 2 - (y0 + y1) / 2 * view.scale;
    redraw();
  }

  const visibleIndices = () => nodes.map((_, i) => i).filter((i) => visible[i]);

  function centreOn(i) {
    const n = nodes[i];
    view.scale = Math.max(view.scale, 8 / Math.max(n.rad, 0.1));
    view.x = view.width / 2 - n.x * view.scale;
    view.y = view.height / 2 - n.y * view.scale;
    redraw();
  }

  // ------------------------------------------------------------ selection and panel
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    });
    children.forEach((c) => node.append(c));
    return node;
  }

  function nodeLink(i) {
    const a = el("a", { class: "node", href: "#", text: nodes[i].l, "data-node": String(i) });
    a.addEventListener("click", (ev) => { ev.preventDefault(); select(i, true); });
    return a;
  }

  function swatch(type, size) {
    const c = document.createElement("canvas");
    const dpr = window.devicePixelRatio || 1;
    c.width = c.height = size * dpr;
    c.style.width = c.style.height = size + "px";
    const g = c.getContext("2d");
    g.scale(dpr, dpr);
    g.beginPath();
    shapePath(g, TYPES[type].shape, size / 2, size / 2, size * 0.36);
    g.fillStyle = TYPES[type].color;
    g.fill();
    return c;
  }

  function select(i, recentre) {
    selected = i;
    if (i < 0) { focus = null; panel.hidden = true; resize(); return; }
    focus = new Set([i]);
    adjacency[i].forEach((k) => { focus.add(edges[k].s); focus.add(edges[k].t); });
    if (!visible[i]) { typeOn[nodes[i].t] = true; syncTypeBoxes(); clearFacets(); applyFilters(); }
    renderPanel(i);
    const wasHidden = panel.hidden;
    panel.hidden = false;
    if (wasHidden) resize();
    if (recentre) centreOn(i); else redraw();
  }

  function renderPanel(i) {
    const n = nodes[i];
    const body = [
      el("h2", { text: n.l }),
      el("div", { class: "kind" }, swatch(n.t, 14),
        n.k.toLowerCase() === TYPES[n.t].label.toLowerCase() ? n.k : `${TYPES[n.t].label} · ${n.k}`),
      el("p", { class: "iri", text: n.id }),
    ];
    const facts = factRows(n);
    if (facts.length) body.push(el("h3", { text: "Facts" }), el("table", { class: "facts" }, ...facts));
    const relations = relationItems(i);
    if (relations.length) body.push(el("h3", { text: `Relations (${relations.length})` }), el("ul", { class: "rel" }, ...relations));
    const ev = evidenceOf(i);
    body.push(el("h3", { text: `Evidence (${ev.length})` }));
    body.push(ev.length ? evidenceList(ev, n) : el("p", { class: "more", text: "No evidence sentence recorded." }));
    panelBody.replaceChildren(...body);
    panelBody.scrollTop = 0;
  }

  function factRows(n) {
    const rows = [];
    Object.keys(n.f || {}).forEach((key) => {
      const value = n.f[key];
      const cell = el("td");
      if (key === "url" && /^https?:\/\//i.test(value)) {
        cell.append(el("a", { href: value, target: "_blank", rel: "noopener noreferrer", text: value }));
      } else cell.textContent = value;
      rows.push(el("tr", {}, el("th", { text: FIELDS[key] || key }), cell));
    });
    if (n.u && n.u.length && n.t !== "unit") {
      const cell = el("td");
      n.u.forEach((u, k) => { if (k) cell.append(", "); cell.append(nodeLink(u)); });
      rows.push(el("tr", {}, el("th", { text: "Units" }), cell));
    }
    return rows;
  }

  function relationItems(i) {
    const order = Object.keys(EDGE_WORDS);
    const items = adjacency[i].map((k) => {
      const e = edges[k], out = e.s === i, other = out ? e.t : e.s;
      return { e, out, other, rank: order.indexOf(e.k) * 2 + (out ? 0 : 1) };
    }).sort((a, b) => a.rank - b.rank || (nodes[a.other].l < nodes[b.other].l ? -1 : 1));
    return items.map(({ e, out, other }) => {
      const words = EDGE_WORDS[e.k] || [e.k, e.k];
      const quals = [];
      if (e.r !== undefined && e.r >= 0 && !(e.k === "holds_post" && out)) quals.push(DATA.roles[e.r]);
      if (e.m !== undefined && e.m >= 0) quals.push(DATA.terms[e.m]);
      if (e.st) quals.push(e.st);
      const li = el("li");
      if (e.k === "holds_post" && out && e.r >= 0) li.append(el("span", { class: "verb", text: DATA.roles[e.r] + ", " }));
      else li.append(el("span", { class: "verb", text: (out ? words[0] : words[1]) + " " }));
      li.append(nodeLink(other));
      if (quals.length) li.append(el("span", { class: "qual", text: " (" + quals.join(", ") + ")" }));
      return li;
    });
  }

  function evidenceOf(i) {
    const found = new Set(nodes[i].e || []);
    adjacency[i].forEach((k) => (edges[k].e || []).forEach((x) => found.add(x)));
    if (nodes[i].t === "article") {
      if (!articleEvidence) {
        articleEvidence = new Map();
        evidence.forEach((ev, x) => {
          if (!articleEvidence.has(ev.a)) articleEvidence.set(ev.a, []);
          articleEvidence.get(ev.a).push(x);
        });
      }
      (articleEvidence.get(i) || []).forEach((x) => found.add(x));
    }
    return [...found].sort((a, b) => a - b);
  }

  function evidenceList(list, n) {
    const needle = n.t === "person" ? n.l : "";
    const items = list.slice(0, EVIDENCE_SHOWN).map((x) => {
      const ev = evidence[x];
      const quote = el("blockquote");
      highlight(quote, ev.x, needle);
      const source = el("div", { class: "source" }, "— ");
      if (ev.a >= 0) {
        const article = nodes[ev.a];
        const file = (article.f && article.f.source_file) || article.l;
        const link = el("a", { class: "node article", href: "#", text: file, "data-node": String(ev.a), title: article.l });
        link.addEventListener("click", (e) => { e.preventDefault(); select(ev.a, true); });
        source.append(link);
        if (article.f && article.f.url && /^https?:\/\//i.test(article.f.url)) {
          source.append(" · ", el("a", { href: article.f.url, target: "_blank", rel: "noopener noreferrer", text: "open article ↗" }));
        }
        if (ev.o >= 0) source.append(el("span", { class: "qual", text: ` (characters ${ev.o}–${ev.z})` }));
      }
      return el("li", {}, quote, source);
    });
    const listNode = el("ol", { class: "evidence" }, ...items);
    if (list.length > EVIDENCE_SHOWN) listNode.append(el("li", { class: "more", text: `… and ${list.length - EVIDENCE_SHOWN} more.` }));
    return listNode;
  }

  function highlight(target, text, needle) {
    const at = needle ? text.indexOf(needle) : -1;
    if (at < 0) { target.textContent = text; return; }
    target.append(text.slice(0, at), el("mark", { text: needle }), text.slice(at + needle.length));
  }

  // ------------------------------------------------------------ search
  let results = [], activeResult = -1;

  function search(query) {
    const q = fold(query);
    matched.fill(0);
    matchCount = 0;
    results = [];
    if (q) {
      const starts = [], contains = [];
      for (let i = 0; i < N; i++) {
        const at = folded[i].indexOf(q);
        if (at < 0) continue;
        matched[i] = 1; matchCount++;
        (at === 0 || folded[i][at - 1] === " " ? starts : contains).push(i);
      }
      const rank = (a, b) => (nodes[a].t === "person" ? 0 : 1) - (nodes[b].t === "person" ? 0 : 1) || nodes[b].d - nodes[a].d;
      results = starts.sort(rank).concat(contains.sort(rank));
    }
    renderResults(query);
    redraw();
  }

  function renderResults(query) {
    activeResult = results.length ? 0 : -1;
    if (!query.trim()) { resultsList.hidden = true; resultsList.replaceChildren(); return; }
    const items = results.slice(0, RESULTS_SHOWN).map((i, k) => {
      const li = el("li", { role: "option", "data-node": String(i) }, swatch(nodes[i].t, 12), el("span", { text: nodes[i].l }),
        el("small", { text: TYPES[nodes[i].t].label }));
      if (k === 0) li.classList.add("active");
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i); });
      return li;
    });
    if (!items.length) items.push(el("li", { class: "none", text: "No match." }));
    else if (results.length > RESULTS_SHOWN) items.push(el("li", { class: "none", text: `${results.length - RESULTS_SHOWN} more…` }));
    resultsList.replaceChildren(...items);
    resultsList.hidden = false;
  }

  function pick(i) {
    resultsList.hidden = true;
    select(i, true);
  }

  searchBox.addEventListener("input", () => search(searchBox.value));
  searchBox.addEventListener("focus", () => { if (searchBox.value.trim()) resultsList.hidden = false; });
  searchBox.addEventListener("blur", () => { resultsList.hidden = true; });
  searchBox.addEventListener("keydown", (ev) => {
    const shown = Math.min(results.length, RESULTS_SHOWN);
    if (ev.key === "Enter" && activeResult >= 0) { ev.preventDefault(); pick(results[activeResult]); return; }
    if (ev.key === "Escape") { searchBox.value = ""; search(""); return; }
    if ((ev.key === "ArrowDown" || ev.key === "ArrowUp") && shown) {
      ev.preventDefault();
      activeResult = (activeResult + (ev.key === "ArrowDown" ? 1 : shown - 1)) % shown;
      [...resultsList.children].forEach((li, k) => li.classList.toggle("active", k === activeResult));
    }
  });

  // ------------------------------------------------------------ filter controls
  const typeBoxes = {};
  function buildControls() {
    const counts = {};
    nodes.forEach((n) => { counts[n.t] = (counts[n.t] || 0) + 1; });
    Object.keys(TYPES).forEach((t) => {
      if (!counts[t]) return;
      const box = el("input", { type: "checkbox" });
      box.checked = typeOn[t];
      box.addEventListener("change", () => { typeOn[t] = box.checked; applyFilters(); });
      typeBoxes[t] = box;
      $("types").append(el("label", {}, box, swatch(t, 14), TYPES[t].label,
        el("span", { class: "count", text: counts[t].toLocaleString() })));
    });
    const unitSelect = $("f-unit");
    DATA.units.forEach(([i, depth]) => {
      unitSelect.append(el("option", { value: String(i), text: "\u00a0\u00a0".repeat(depth) + nodes[i].l }));
    });
    DATA.roles.forEach((r, i) => $("f-role").append(el("option", { value: String(i), text: r })));
    DATA.terms.forEach((t, i) => $("f-term").append(el("option", { value: String(i), text: t })));
    [["f-unit", "unit"], ["f-role", "role"], ["f-term", "term"]].forEach(([id, key]) => {
      $(id).addEventListener("change", () => { filter[key] = $(id).value === "" ? -1 : Number($(id).value); applyFilters(); });
    });
    $("reset").addEventListener("click", () => {
      Object.assign(typeOn, initialTypes);
      syncTypeBoxes(); clearFacets(); applyFilters(); fit(visibleIndices());
    });
    $("fit").addEventListener("click", () => fit(visibleIndices()));
    $("close").addEventListener("click", () => select(-1));
  }

  function syncTypeBoxes() { Object.entries(typeBoxes).forEach(([t, box]) => { box.checked = typeOn[t]; }); }

  function clearFacets() {
    filter.unit = filter.role = filter.term = -1;
    ["f-unit", "f-role", "f-term"].forEach((id) => { $(id).value = ""; });
  }

  // ------------------------------------------------------------ pointer
  let drag = null;
  canvas.addEventListener("pointerdown", (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", (ev) => {
    const rect = canvas.getBoundingClientRect();
    if (drag) {
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; canvas.classList.add("dragging"); }
      if (drag.moved) { view.x = drag.vx + dx; view.y = drag.vy + dy; redraw(); return; }
    }
    const i = nodeAt(ev.clientX - rect.left, ev.clientY - rect.top);
    if (i !== hovered) { hovered = i; redraw(); }
    if (i >= 0) {
      tooltip.textContent = `${nodes[i].l} · ${nodes[i].k}`;
      tooltip.style.left = (ev.clientX - rect.left + 14) + "px";
      tooltip.style.top = (ev.clientY - rect.top + 10) + "px";
      tooltip.hidden = false;
    } else tooltip.hidden = true;
  });
  canvas.addEventListener("pointerup", (ev) => {
    const wasDrag = drag && drag.moved;
    drag = null;
    canvas.classList.remove("dragging");
    if (wasDrag) return;
    const rect = canvas.getBoundingClientRect();
    select(nodeAt(ev.clientX - rect.left, ev.clientY - rect.top), false);
  });
  canvas.addEventListener("pointerleave", () => { tooltip.hidden = true; if (hovered >= 0) { hovered = -1; redraw(); } });
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const rect = canvas.getBoundingClientRect();
    const mx = ev.clientX - rect.left, my = ev.clientY - rect.top;
    const factor = Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015));
    const scale = Math.min(400, Math.max(0.01, view.scale * factor));
    view.x = mx - (mx - view.x) * scale / view.scale;
    view.y = my - (my - view.y) * scale / view.scale;
    view.scale = scale;
    redraw();
  }, { passive: false });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "/" && document.activeElement !== searchBox) { ev.preventDefault(); searchBox.focus(); }
    else if (ev.key === "Escape" && document.activeElement !== searchBox) select(-1);
  });
  if (window.ResizeObserver) new ResizeObserver(resize).observe(stage); else window.addEventListener("resize", resize);

  // ------------------------------------------------------------ start
  window.kgView = {
    lastDrawMs: 0,
    find: (label) => nodes.findIndex((n) => n.l === label),
    screenPosition: (i) => {
      const rect = canvas.getBoundingClientRect();
      return { x: rect.left + nodes[i].x * view.scale + view.x, y: rect.top + nodes[i].y * view.scale + view.y };
    },
    select: (i) => select(i, true),
    visibleCount: () => visible.reduce((a, b) => a + b, 0),
    redrawNow: () => { draw(); return window.kgView.lastDrawMs; },
  };
  buildControls();
  applyFilters();
  resize();
  fit(visibleIndices());
})();
