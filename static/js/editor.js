// archlab's editor: dragging, connecting, keys, zoom and undo. The server
// renders everything; this script sends edits as operations and puts the
// regions the server answers with in place. No framework, no build step.
"use strict";

(() => {
  const root = document.querySelector(".editor");
  if (!root) return;

  const base = root.dataset.base;
  const designID = root.dataset.designId;
  const readOnly = root.dataset.readonly === "true";
  // An old version's page shows that version and stays so.
  const past = root.dataset.past || "";
  let latest = Number(root.dataset.latest || 0);
  const GRID = 8, BLOCK_W = 168, BLOCK_H = 72;
  const historyKey = "archlab:history:" + designID;
  let selected = new URLSearchParams(location.search).get("select") || "";
  let view = null; // the diagram's viewBox {x, y, w, h}
  let busy = Promise.resolve();

  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => Array.from(el.querySelectorAll(sel));
  const svg = () => $("#diagram");
  const statusEl = () => $("#status");
  const version = () => Number(statusEl().dataset.version);

  rememberRecent();

  // ---- regions ---------------------------------------------------------

  // applyRegions puts each top-level element of the server's answer in
  // place of the element with the same id.
  // keep names regions to leave as they are.
  function applyRegions(html, keep = []) {
    const focus = rememberFocus();
    const tpl = document.createElement("template");
    tpl.innerHTML = html;
    for (const el of Array.from(tpl.content.children)) {
      if (el.id === "diagram-patch") { applyPatch(el); continue; }
      const old = el.id && document.getElementById(el.id);
      if (!old || keep.includes(el.id)) continue;
      el.removeAttribute("hx-swap-oob");
      old.replaceWith(el);
      if (window.htmx) window.htmx.process(el);
    }
    afterRender();
    restoreFocus(focus);
  }

  // applyPatch puts a drag's answer in place: the diagram's elements it
  // changed (the moved blocks, their connections, the groups around them),
  // each replacing the element of the same id, and the drawing's new bounds.
  function applyPatch(tpl) {
    const from = tpl.content.querySelector("svg"), to = $("#diagram");
    if (!from || !to) return;
    to.dataset.viewbox = from.dataset.viewbox;
    for (const el of Array.from(from.children)) {
      const key = el.dataset.blockId !== undefined ? "block" : el.dataset.connectionId !== undefined ? "connection" : "group";
      const id = el.dataset[key + "Id"];
      const old = to.querySelector(`[data-${key}-id="${CSS.escape(id)}"]`);
      if (old) old.replaceWith(el);
    }
  }

  // Every edit re-renders the regions; focus must stay where the person
  // was, in a field of the inspector or on a block of the canvas.
  function rememberFocus() {
    const a = document.activeElement;
    if (!a || a === document.body) return null;
    const f = { id: a.id, block: a.dataset && (a.dataset.blockId || a.dataset.connectionId) };
    try { f.start = a.selectionStart; f.end = a.selectionEnd; } catch (e) { /* not a text field */ }
    return f;
  }

  function restoreFocus(f) {
    if (!f) return;
    const el = (f.id && document.getElementById(f.id)) || (f.block && elementFor(f.block));
    if (!el || el === document.activeElement) return;
    el.focus({ preventScroll: true });
    if (f.start != null && el.setSelectionRange) {
      try { el.setSelectionRange(f.start, f.end); } catch (e) { /* not a text field */ }
    }
  }

  function afterRender() {
    restoreView();
    tabOrder();
    squeezeNames();
    markSelected();
    updateHistoryButtons();
    markFindings();
    restoreSections();
    document.dispatchEvent(new Event("archlab:rendered")); // groups.js
  }

  // The inspector's folded sections (more settings, estimates) stay as the
  // person left them when the inspector is drawn again after each edit.
  const openSections = new Set();
  document.addEventListener("toggle", (evt) => {
    const d = evt.target;
    if (!d.matches || !d.matches("#inspector details[data-section]")) return;
    if (d.open) openSections.add(d.dataset.section); else openSections.delete(d.dataset.section);
  }, true);
  function restoreSections() {
    for (const d of document.querySelectorAll("#inspector details[data-section]")) {
      if (openSections.has(d.dataset.section)) d.open = true;
    }
  }
  document.addEventListener("htmx:afterSettle", restoreSections);

  function setStatus(text, state) {
    const el = statusEl();
    el.textContent = text;
    el.className = "status status-" + state;
  }

  // ---- sending edits ---------------------------------------------------

  // send applies operations; mode says which history stack the change's
  // inverse goes on. Edits are queued so that each is based on the last.
  // Each edit gets an id of its own when it is made: sent again after the
  // server or its database was away, it is applied once, never twice.
  function send(ops, mode = "edit") {
    if (readOnly || !ops || ops.length === 0) return Promise.resolve(false);
    const batch = newBatchID();
    busy = busy.then(() => post(ops, mode, batch)).catch(() => false);
    return busy;
  }

  // newBatchID is a random id; crypto.randomUUID needs HTTPS, this does not.
  function newBatchID() {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // retryDelay is how long to wait before sending again: what the server
  // said (Retry-After), else a backoff doubling up to ten seconds.
  function retryDelay(res, attempt) {
    const after = res && Number(res.headers.get("Retry-After"));
    if (after > 0) return Math.min(after, 30) * 1000;
    return Math.min(1000 * 2 ** attempt, 10000);
  }

  // reconnecting says that the change is kept and will be sent again.
  function reconnecting() {
    setStatus("Reconnecting… archlab cannot reach its database or be reached; your change is kept and will be saved when it is back.", "reconnecting");
    statusEl().dataset.state = "reconnecting";
  }

  // post sends one edit until the server answers it: while the server or
  // its database is away (no answer, or 503), the edit waits, the status
  // says so, and it is sent again with the same id and base version.
  async function post(ops, mode, batch) {
    setStatus("Saving…", "saving");
    const baseVersion = version();
    for (let attempt = 0; ; attempt++) {
      let res = null;
      try {
        res = await fetch(base + "/ops", {
          method: "POST",
          headers: { "Content-Type": "application/json", "HX-Request": "true" },
          body: JSON.stringify({ baseVersion, ops, selected, batch }),
        });
      } catch (err) { /* no answer: the server is away */ }
      if (res && res.status !== 503) {
        applyRegions(await res.text());
        if (res.ok) record(mode);
        return res.ok;
      }
      reconnecting();
      await sleep(retryDelay(res, attempt));
    }
  }

  // record puts the inverse of the change just applied on a history stack.
  function record(mode) {
    const inverse = statusEl().dataset.inverse;
    if (!inverse) return;
    const h = loadHistory();
    const entry = { inverse: JSON.parse(inverse) };
    if (mode === "undo") h.redo.push(entry);
    else {
      h.undo.push(entry);
      if (mode === "edit") h.redo = [];
    }
    h.undo = h.undo.slice(-100);
    saveHistory(h);
    updateHistoryButtons();
  }

  function loadHistory() {
    try {
      const h = JSON.parse(localStorage.getItem(historyKey));
      if (h && Array.isArray(h.undo) && Array.isArray(h.redo)) return h;
    } catch (e) { /* a fresh history */ }
    return { undo: [], redo: [] };
  }

  function saveHistory(h) {
    try { localStorage.setItem(historyKey, JSON.stringify(h)); } catch (e) { /* full: history is a convenience */ }
  }

  function undo() { step("undo"); }
  function redo() { step("redo"); }

  async function step(which) {
    const h = loadHistory();
    const entry = h[which].pop();
    if (!entry) return;
    saveHistory(h);
    const ok = await send(entry.inverse, which === "undo" ? "undo" : "redo");
    if (!ok) {
      // Put it back: a conflict or a refusal leaves the history as it was.
      const again = loadHistory();
      again[which].push(entry);
      saveHistory(again);
      updateHistoryButtons();
    }
  }

  function updateHistoryButtons() {
    const h = loadHistory();
    const u = $('[data-action="undo"]'), r = $('[data-action="redo"]');
    if (u) u.disabled = h.undo.length === 0;
    if (r) r.disabled = h.redo.length === 0;
  }

  // ---- selection -------------------------------------------------------

  function elementFor(id) {
    if (!id) return null;
    return $(`[data-block-id="${CSS.escape(id)}"]`) || $(`[data-connection-id="${CSS.escape(id)}"]`) || $(`[data-group-id="${CSS.escape(id)}"]`);
  }

  function select(id, { focus = false, load = true } = {}) {
    const shown = $("#inspector").dataset.id || "";
    if ((id || "") === shown) load = false; // already in the inspector: keep what is being typed
    selected = id || "";
    markSelected();
    const url = new URL(location.href);
    if (selected) url.searchParams.set("select", selected); else url.searchParams.delete("select");
    window.history.replaceState(null, "", url);
    if (focus) {
      const el = elementFor(selected);
      if (el) el.focus({ preventScroll: true });
    }
    if (load && window.htmx) {
      const at = past ? "&version=" + past : "";
      return window.htmx.ajax("GET", base + "/inspect?id=" + encodeURIComponent(selected) + at, { target: "#inspector", swap: "outerHTML" });
    }
    return Promise.resolve();
  }

  function markSelected() {
    $$(".block.selected, .conn.selected, .group.selected").forEach((el) => el.classList.remove("selected"));
    const el = elementFor(selected);
    if (el) el.classList.add("selected");
    else if (selected && !$(`#inspector[data-id="${CSS.escape(selected)}"]`)) selected = "";
  }

  // ---- findings ----------------------------------------------------------

  // The findings bar folds the list away or opens it; the list stays so
  // across the re-renders of an edit.
  let findingsOpen = true, current = "";
  function toggleFindings(open = !findingsOpen) {
    findingsOpen = open;
    markFindings();
  }

  function markFindings() {
    const side = $(".sidebar"), bar = $(".findings-bar");
    if (side) side.classList.toggle("findings-closed", !findingsOpen);
    if (bar) bar.setAttribute("aria-expanded", String(findingsOpen));
    $$("#findings .finding").forEach((f) => f.classList.toggle("current", !!current && f.dataset.subjects.split(" ").includes(current)));
  }

  // openFindings opens the list at the findings about a block or
  // connection (its badge was clicked), scrolling the list, not the page.
  function openFindings(id) {
    current = id;
    toggleFindings(true);
    const first = $("#findings .finding.current"), list = $("#findings-list");
    if (!first || !list) return;
    list.scrollTop += first.getBoundingClientRect().top - list.getBoundingClientRect().top - 8;
    first.focus({ preventScroll: true });
  }

  function show(ids) {
    const els = ids.map(elementFor).filter(Boolean);
    if (els.length === 0) return;
    select(ids[0], { focus: true });
    els.forEach((el) => el.classList.add("highlight"));
    setTimeout(() => els.forEach((el) => el.classList.remove("highlight")), 2500);
    reveal(els);
  }

  // reveal pans the diagram so that the elements are in view, centred on
  // them, or on the first when they do not fit together.
  function reveal(els) {
    const boxes = els.map((el) => el.getBBox && bboxOf(el)).filter(Boolean);
    if (!boxes.length || !view) return;
    const union = (bs) => {
      const x1 = Math.min(...bs.map((b) => b.x)), y1 = Math.min(...bs.map((b) => b.y));
      return { x1, y1, x2: Math.max(...bs.map((b) => b.x + b.w)), y2: Math.max(...bs.map((b) => b.y + b.h)) };
    };
    let u = union(boxes);
    if (u.x1 >= view.x && u.y1 >= view.y && u.x2 <= view.x + view.w && u.y2 <= view.y + view.h) return;
    if (u.x2 - u.x1 > view.w || u.y2 - u.y1 > view.h) u = union([boxes[0]]);
    view.x = (u.x1 + u.x2) / 2 - view.w / 2;
    view.y = (u.y1 + u.y2) / 2 - view.h / 2;
    restoreView();
  }

  function bboxOf(el) {
    const b = el.getBBox();
    const t = blockPos(el);
    return t ? { x: t.x + b.x, y: t.y + b.y, w: b.width, h: b.height } : { x: b.x, y: b.y, w: b.width, h: b.height };
  }

  // ---- geometry --------------------------------------------------------

  function blockPos(el) {
    const m = /translate\(([-\d.]+)[ ,]([-\d.]+)\)/.exec(el.getAttribute("transform") || "");
    return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
  }

  function toDiagram(evt) {
    const s = svg();
    const pt = s.createSVGPoint();
    pt.x = evt.clientX;
    pt.y = evt.clientY;
    return pt.matrixTransform(s.getScreenCTM().inverse());
  }

  const snap = (v) => Math.round(v / GRID) * GRID;

  // connPath is a quick sketch of the server's routing
  // (web/components/route) while a block is dragged: an orthogonal line
  // between the facing sides, not yet round other blocks. On drop the
  // server draws the real route, names and badges.
  function connPath(a, b) {
    const gapX = Math.max(b.x - (a.x + BLOCK_W), a.x - (b.x + BLOCK_W));
    const gapY = Math.max(b.y - (a.y + BLOCK_H), a.y - (b.y + BLOCK_H));
    if (gapX >= gapY) {
      const right = b.x >= a.x;
      const x1 = right ? a.x + BLOCK_W : a.x, x2 = right ? b.x : b.x + BLOCK_W;
      const y1 = a.y + BLOCK_H / 2, y2 = b.y + BLOCK_H / 2, mx = (x1 + x2) / 2;
      return `M${x1} ${y1}H${mx}V${y2}H${x2}`;
    }
    const down = b.y >= a.y;
    const y1 = down ? a.y + BLOCK_H : a.y, y2 = down ? b.y : b.y + BLOCK_H;
    const x1 = a.x + BLOCK_W / 2, x2 = b.x + BLOCK_W / 2, my = (y1 + y2) / 2;
    return `M${x1} ${y1}V${my}H${x2}V${y2}`;
  }

  // squeezeNames condenses any line of a name that this browser's font
  // draws wider than the room the server measured for (names.go): all
  // widths are read before any is changed, for one layout.
  const NAME_ROOM = 106;
  function squeezeNames() {
    const wide = $$("#diagram .block-name:not([textLength])").filter((t) => t.getComputedTextLength() > NAME_ROOM);
    wide.forEach((t) => { t.setAttribute("textLength", NAME_ROOM); t.setAttribute("lengthAdjust", "spacingAndGlyphs"); });
  }

  // Labels (the connections' names) show or hide for every diagram of
  // the page, remembered in this browser; they show unless hidden.
  const labelsKey = "archlab:labels";
  function showLabels(on) {
    root.classList.toggle("labels-off", !on);
    const b = $('[data-action="labels"]');
    if (b) b.setAttribute("aria-pressed", String(on));
  }
  function toggleLabels() {
    const on = root.classList.contains("labels-off");
    showLabels(on);
    try { localStorage.setItem(labelsKey, on ? "on" : "off"); } catch (e) { /* private mode: for this page only */ }
  }
  try { showLabels(localStorage.getItem(labelsKey) !== "off"); } catch (e) { /* private mode: labels show */ }

  // The heat view colours blocks by utilisation (server-set classes); the
  // class is on the root, so it survives the diagram being swapped.
  function toggleHeat() {
    $('[data-action="heat"]').setAttribute("aria-pressed", String(root.classList.toggle("heat-on")));
  }

  // ---- zoom and pan ----------------------------------------------------

  // view is the part of the diagram in sight: its top left, its size in
  // diagram units and its scale (screen pixels per unit). Its shape is the
  // canvas's, so that the scale is the same both ways.
  // Fit never zooms out so far that names (13 px) are drawn under 11 px:
  // a larger design is shown from its top left, and panned. Nor does it
  // blow a small design up past its size.
  const READABLE = 11 / 13, MIN_SCALE = 0.1, MAX_SCALE = 4;

  function parseBox(s) {
    const [x, y, w, h] = (s || "0 0 800 480").split(/\s+/).map(Number);
    return { x, y, w, h };
  }

  function canvasSize() {
    const s = svg();
    return { w: (s && s.clientWidth) || 800, h: (s && s.clientHeight) || 480 };
  }

  function setView(x, y, scale) {
    const c = canvasSize();
    view = { x, y, w: c.w / scale, h: c.h / scale, s: scale };
    restoreView();
  }

  function restoreView() {
    const s = svg();
    if (!s) return;
    if (!view) return fit();
    s.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  }

  function fit() {
    const s = svg();
    if (!s) return;
    // The drawing's box, its 40-unit margin cut to 16: room enough for the
    // badges above blocks, and more of the design at a readable size.
    const vb = parseBox(s.dataset.viewbox), c = canvasSize();
    const box = { x: vb.x + 24, y: vb.y + 24, w: Math.max(vb.w - 48, 1), h: Math.max(vb.h - 48, 1) };
    const scale = Math.min(Math.max(Math.min(c.w / box.w, c.h / box.h), READABLE), 1);
    const w = c.w / scale, h = c.h / scale;
    // Centred where the design fits; from its top left where it does not.
    setView(w >= box.w ? box.x - (w - box.w) / 2 : box.x, h >= box.h ? box.y - (h - box.h) / 2 : box.y, scale);
  }

  // zoom scales the view by 1/factor around a point of the diagram (the
  // pointer), which stays where it is on the screen.
  function zoom(factor, cx, cy) {
    if (!view) return;
    const scale = Math.min(Math.max(view.s / factor, MIN_SCALE), MAX_SCALE);
    cx = cx ?? view.x + view.w / 2;
    cy = cy ?? view.y + view.h / 2;
    const k = view.s / scale;
    setView(cx - (cx - view.x) * k, cy - (cy - view.y) * k, scale);
  }

  // The canvas growing or shrinking (a panel folded, the window resized)
  // shows more or less of the diagram at the same scale.
  if (window.ResizeObserver && $(".stage")) {
    new ResizeObserver(() => { if (view) setView(view.x, view.y, view.s); }).observe($(".stage"));
  }

  // ---- panels and presenting ----------------------------------------------

  // The palette and the sidebar fold away to give the canvas the screen;
  // this browser remembers which are folded.
  const panelsKey = "archlab:panels";
  function loadPanels() {
    try { return JSON.parse(localStorage.getItem(panelsKey)) || {}; } catch (e) { return {}; }
  }
  function showPanels(folded) {
    for (const name of ["palette", "sidebar"]) {
      root.classList.toggle(name + "-closed", !!folded[name]);
      const b = $(`[data-action="toggle-${name}"]`);
      if (b) b.setAttribute("aria-expanded", String(!folded[name]));
    }
  }
  function togglePanel(name) {
    const folded = loadPanels();
    folded[name] = !folded[name];
    try { localStorage.setItem(panelsKey, JSON.stringify(folded)); } catch (e) { /* kept for this page only */ }
    showPanels(folded);
  }
  showPanels(loadPanels());

  // Presenting shows the diagram alone, full screen where the browser
  // allows, fitted; Esc or P leaves it and brings the view back.
  let presenting = null; // the view before presenting
  function present(on = !presenting) {
    if (on === !!presenting) return;
    if (on) {
      presenting = { ...view };
      root.classList.add("presenting");
      const full = document.documentElement;
      if (document.fullscreenEnabled && !document.fullscreenElement) full.requestFullscreen().catch(() => { /* the page fills the window */ });
      fit();
      return;
    }
    root.classList.remove("presenting");
    if (document.fullscreenElement) document.exitFullscreen().catch(() => { /* already left */ });
    view = presenting;
    presenting = null;
    setView(view.x, view.y, view.s);
  }
  document.addEventListener("fullscreenchange", () => {
    if (!presenting) return;
    if (document.fullscreenElement) fit();
    else present(false);
  });

  // ---- adding blocks ---------------------------------------------------

  // adding holds the blocks added but not yet saved (while archlab is
  // away they wait): a second block added meanwhile takes another id and
  // another place, so that it is not refused when both are saved.
  const adding = new Map(); // id → { x, y }

  function freeID(noun) {
    const taken = new Set($$("[data-block-id],[data-connection-id]").map((el) => el.dataset.blockId || el.dataset.connectionId));
    for (const id of adding.keys()) taken.add(id);
    if (!taken.has(noun)) return noun;
    for (let n = 2; ; n++) if (!taken.has(noun + n)) return noun + n;
  }

  // placeNew finds where a new block goes: beside the selected block (to
  // its right first, then below, above, left, further out), or with
  // nothing selected in free space nearest the middle of the view; never
  // over another block.
  function placeNew() {
    const v = view || parseBox(svg().dataset.viewbox);
    const boxes = $$(".block").map(blockPos).filter(Boolean).concat([...adding.values()]);
    const free = (p) => !boxes.some((b) => Math.abs(b.x - p.x) < BLOCK_W + 24 && Math.abs(b.y - p.y) < BLOCK_H + 24);
    const inView = (p) => p.x >= v.x && p.y >= v.y && p.x + BLOCK_W <= v.x + v.w && p.y + BLOCK_H <= v.y + v.h;
    const sel = selected && elementFor(selected);
    const from = sel && sel.classList.contains("block") ? blockPos(sel) : null;
    const origin = from || { x: v.x + v.w / 2 - BLOCK_W / 2, y: v.y + v.h / 2 - BLOCK_H / 2 };
    const spots = [];
    for (let i = -6; i <= 6; i++) {
      for (let j = -6; j <= 6; j++) {
        if (from && i === 0 && j === 0) continue;
        // Right before below before above before left; nearer first.
        const rank = (Math.abs(i) + Math.abs(j)) * 4 + (i < 0 ? 2 : i === 0 ? 1 : 0) + (j < 0 ? 0.5 : 0);
        spots.push({ x: snap(origin.x + i * (BLOCK_W + 72)), y: snap(origin.y + j * (BLOCK_H + 48)), rank });
      }
    }
    spots.sort((a, b) => a.rank - b.rank);
    const ok = spots.filter(free);
    const p = (from ? ok[0] : ok.find(inView) || ok[0]) || origin;
    // 0,0 means "never placed" to the layout: one grid step off it.
    return p.x === 0 && p.y === 0 ? { x: GRID, y: GRID } : p;
  }

  async function addBlock(button, at) {
    const id = freeID(button.dataset.noun);
    const { x, y } = at || placeNew();
    const block = { id, kind: button.dataset.addKind, x: snap(x), y: snap(y) };
    // An "Other AWS service" is outside the design from the start; its
    // service and reference are asked for in the inspector.
    const external = block.kind === "external";
    if (external) block.external = {};
    adding.set(id, { x: block.x, y: block.y });
    const ok = await send([{ op: "addBlock", block }]);
    adding.delete(id);
    if (!ok) return;
    // The new block is in view, panned to if it has to be.
    const el = elementFor(id);
    if (el) reveal([el]);
    await select(id, { focus: !external });
    const service = external && $("#external-service");
    if (service) service.focus();
  }

  // ---- connecting ------------------------------------------------------

  async function openConnect(from, to) {
    const dialog = $("#connect-dialog");
    if (!dialog || !window.htmx) return;
    const q = "from=" + encodeURIComponent(from) + (to ? "&to=" + encodeURIComponent(to) : "");
    await window.htmx.ajax("GET", base + "/connect?" + q, { target: "#connect-body", swap: "innerHTML" });
    const form = $(".connect-form", dialog);
    if (form && to) {
      // A drag onto a block with exactly one way to connect connects at once.
      const opt = $("#connect-target", form).selectedOptions[0];
      const choices = opt ? JSON.parse(opt.dataset.integrations || "[]") : [];
      if (opt && opt.value === to && choices.length === 1) {
        await send([{ op: "connect", connection: { from, to, integration: choices[0].id } }]);
        return;
      }
    }
    if (form) renderChoices(form);
    dialog.showModal();
    const first = $("select, input, button", dialog);
    if (first) first.focus();
  }

  function renderChoices(form) {
    const opt = $("#connect-target", form).selectedOptions[0];
    const box = $(".integration-choices", form);
    const refusal = $(".refusal", form);
    const submit = $('[type="submit"]', form);
    box.textContent = "";
    const choices = opt ? JSON.parse(opt.dataset.integrations || "[]") : [];
    refusal.hidden = choices.length > 0;
    refusal.textContent = opt ? opt.dataset.refusal || "" : "";
    submit.disabled = choices.length === 0;
    choices.forEach((c, i) => {
      const label = document.createElement("label");
      label.className = "choice";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = "integration";
      input.value = c.id;
      input.checked = i === 0;
      const strong = document.createElement("strong");
      strong.textContent = c.name;
      const small = document.createElement("span");
      small.className = "muted";
      small.textContent = " " + c.model + ": " + c.summary;
      label.append(input, " ", strong, small);
      box.append(label);
    });
  }

  // ---- events ----------------------------------------------------------

  const stage = $(".stage");
  let drag = null;
  // With Space held, a drag pans wherever it starts, as in drawing tools.
  let spaceHeld = false;
  function holdSpace(on) {
    spaceHeld = on;
    stage.classList.toggle("panning", on);
  }
  document.addEventListener("keyup", (evt) => { if (evt.key === " ") holdSpace(false); });
  window.addEventListener("blur", () => holdSpace(false));

  stage.addEventListener("pointerdown", (evt) => {
    if (evt.button !== 0) return;
    const handle = evt.target.closest(".handle");
    const block = evt.target.closest(".block");
    const p = toDiagram(evt);
    if (spaceHeld) {
      drag = { kind: "pan", x: evt.clientX, y: evt.clientY, view: { ...view }, held: true };
    } else if (handle && !readOnly) {
      const from = handle.dataset.handle;
      const line = document.createElementNS("http://www.w3.org/2000/svg", "path");
      line.setAttribute("class", "connect-preview");
      svg().append(line);
      drag = { kind: "connect", from, line, start: blockPos(elementFor(from)) };
    } else if (block && readOnly) {
      drag = { kind: "tap", id: block.dataset.blockId, badge: !!evt.target.closest(".badge") };
    } else if (block) {
      const pos = blockPos(block);
      drag = { kind: "move", el: block, id: block.dataset.blockId, dx: p.x - pos.x, dy: p.y - pos.y, start: pos, moved: false, badge: !!evt.target.closest(".badge") };
    } else if (!block && !evt.target.closest(".conn")) {
      drag = { kind: "pan", x: evt.clientX, y: evt.clientY, view: { ...view } };
    } else {
      return;
    }
    stage.setPointerCapture(evt.pointerId);
  });

  stage.addEventListener("pointermove", (evt) => {
    if (!drag) return;
    const p = toDiagram(evt);
    if (drag.kind === "move") {
      const x = snap(p.x - drag.dx), y = snap(p.y - drag.dy);
      if (x === drag.start.x && y === drag.start.y && !drag.moved) return;
      drag.moved = true;
      drag.to = { x, y };
      drag.el.setAttribute("transform", `translate(${x} ${y})`);
      for (const c of $$(`[data-from="${CSS.escape(drag.id)}"], [data-to="${CSS.escape(drag.id)}"]`)) {
        const a = blockPos(elementFor(c.dataset.from)), b = blockPos(elementFor(c.dataset.to));
        if (a && b) $$("path", c).forEach((path) => path.setAttribute("d", connPath(a, b)));
        c.classList.add("moving");
      }
    } else if (drag.kind === "connect") {
      const a = drag.start;
      drag.line.setAttribute("d", `M${a.x + BLOCK_W} ${a.y + BLOCK_H / 2}L${p.x} ${p.y}`);
    } else if (drag.kind === "pan") {
      view.x = drag.view.x - (evt.clientX - drag.x) / view.s;
      view.y = drag.view.y - (evt.clientY - drag.y) / view.s;
      restoreView();
    }
  });

  stage.addEventListener("pointerup", (evt) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    if (d.kind === "move") {
      if (d.moved) send([{ op: "moveBlock", id: d.id, x: d.to.x, y: d.to.y }]);
      else tapped(d);
    } else if (d.kind === "tap") {
      tapped(d);
    } else if (d.kind === "connect") {
      d.line.remove();
      const under = document.elementsFromPoint(evt.clientX, evt.clientY).map((el) => el.closest && el.closest(".block")).find(Boolean);
      if (under && under.dataset.blockId !== d.from) openConnect(d.from, under.dataset.blockId);
    } else if (d.kind === "pan" && !d.held && Math.abs(evt.clientX - d.x) + Math.abs(evt.clientY - d.y) < 4) {
      select("");
    }
  });

  // A tap selects; a tap on a badge also opens the findings it counts.
  function tapped(d) {
    select(d.id);
    if (d.badge) openFindings(d.id);
  }

  stage.addEventListener("click", (evt) => {
    const conn = evt.target.closest(".conn");
    if (conn) tapped({ id: conn.dataset.connectionId, badge: !!evt.target.closest(".badge") });
  });

  // Ctrl+wheel (a pinch, as browsers report it) zooms towards the pointer,
  // as much as the wheel turned; the wheel alone pans.
  stage.addEventListener("wheel", (evt) => {
    if (!view) return;
    evt.preventDefault();
    const unit = evt.deltaMode === 1 ? 16 : evt.deltaMode === 2 ? canvasSize().h : 1;
    if (evt.ctrlKey || evt.metaKey) {
      const p = toDiagram(evt);
      zoom(Math.exp(Math.max(-300, Math.min(300, evt.deltaY * unit)) * 0.002), p.x, p.y);
    } else {
      view.x += evt.deltaX * unit / view.s;
      view.y += evt.deltaY * unit / view.s;
      restoreView();
    }
  }, { passive: false });

  // Palette: click to add, drag onto the canvas to add there, filter.
  document.addEventListener("click", (evt) => {
    const t = evt.target.closest("button, a");
    if (!t) return;
    if (t.dataset.addKind) addBlock(t);
    else if (t.dataset.fix) send(JSON.parse(t.dataset.fix));
    else if (t.dataset.ops) sendFrom(t);
    else if (t.dataset.show) show(t.dataset.show.split(" "));
    else if (t.dataset.select) select(t.dataset.select, { focus: true });
    else if (t.dataset.delete) removeSelection(t.dataset.delete);
    else if (t.dataset.connectFrom) openConnect(t.dataset.connectFrom);
    else if (t.hasAttribute("data-close-dialog")) t.closest("dialog").close();
    else if (t.dataset.action) action(t.dataset.action);
    else if (t.dataset.skip) { evt.preventDefault(); skipTo(t.dataset.skip); }
  });

  // skipTo follows a skip link: to the diagram (the next Tab reaches its
  // first block), or to the findings bar, with the list open.
  function skipTo(target) {
    if (target === "findings") {
      toggleFindings(true);
      const bar = $(".findings-bar");
      if (bar) bar.focus();
      return;
    }
    const el = document.getElementById(target);
    if (el) el.focus({ preventScroll: true });
  }

  // Tab walks the blocks before the connections, though the connections
  // come first in the drawing (to lie under the blocks): they leave the
  // natural order, and Tab and Shift+Tab are steered between the two.
  function tabOrder() {
    $$("#diagram .conn").forEach((c) => { c.tabIndex = -1; });
  }
  let tabbing = 0;
  document.addEventListener("keydown", (evt) => {
    if (evt.key !== "Tab" || evt.ctrlKey || evt.altKey || evt.metaKey) return;
    tabbing = evt.shiftKey ? -1 : 1;
    setTimeout(() => { tabbing = 0; });
    const s = svg(), a = document.activeElement;
    if (!s || !a || !s.contains(a)) return;
    const blocks = $$(".block", s), order = blocks.concat($$(".conn", s));
    const i = order.indexOf(a);
    if (i < 0) return;
    const j = i + tabbing;
    if (j === order.length) {
      // Past the last connection: on from the last block, out of the drawing.
      tabbing = 0;
      blocks[blocks.length - 1].focus({ preventScroll: true });
    } else if (j >= 0) {
      evt.preventDefault();
      order[j].focus({ preventScroll: true });
    }
  });
  // Coming back into the drawing with Shift+Tab lands on its last
  // connection; a block or connection reached by Tab is brought into view.
  document.addEventListener("focusin", (evt) => {
    const s = svg(), el = evt.target;
    if (!tabbing || !s || !s.contains(el)) return;
    const conns = $$(".conn", s);
    if (tabbing < 0 && el.classList.contains("block") && conns.length && !(evt.relatedTarget && s.contains(evt.relatedTarget))) {
      conns[conns.length - 1].focus({ preventScroll: true });
      return;
    }
    if (el.matches(".block, .conn")) reveal([el]);
  });

  document.addEventListener("dragstart", (evt) => {
    const b = evt.target.closest && evt.target.closest("[data-add-kind]");
    if (b) evt.dataTransfer.setData("text/x-archlab-kind", b.dataset.addKind);
  });
  stage.addEventListener("dragover", (evt) => {
    if (evt.dataTransfer.types.includes("text/x-archlab-kind")) evt.preventDefault();
  });
  stage.addEventListener("drop", (evt) => {
    const kind = evt.dataTransfer.getData("text/x-archlab-kind");
    if (!kind) return;
    evt.preventDefault();
    const button = $(`[data-add-kind="${CSS.escape(kind)}"]`);
    const p = toDiagram(evt);
    addBlock(button, { x: p.x - BLOCK_W / 2, y: p.y - BLOCK_H / 2 });
  });

  const filter = $("#palette-filter");
  if (filter) {
    filter.addEventListener("input", () => {
      const q = filter.value.trim().toLowerCase();
      for (const item of $$(".palette-item")) {
        const hit = !q || (item.dataset.name + " " + item.dataset.addKind + " " + item.title).toLowerCase().includes(q);
        item.parentElement.hidden = !hit;
      }
      for (const g of $$(".palette-group")) g.hidden = $$("li:not([hidden])", g).length === 0;
    });
    filter.addEventListener("keydown", (evt) => {
      if (evt.key === "Enter") {
        evt.preventDefault();
        const first = $$(".palette-item").find((b) => !b.parentElement.hidden);
        if (first) addBlock(first);
      } else if (evt.key === "Escape") {
        filter.value = "";
        filter.dispatchEvent(new Event("input"));
        filter.blur();
      }
    });
  }

  // Ticking "Outside this design" on a block of no AWS service (a client)
  // needs its reference before it can be saved: the
  // field shows (by CSS) and takes the focus, and the form saves once a
  // reference is given, so no error appears for a field not yet seen.
  document.addEventListener("change", (evt) => {
    const box = evt.target;
    if (box.id !== "block-outside" || !box.checked || !("refNeeded" in box.dataset)) return;
    const ref = box.form && $("#external-ref", box.form);
    if (!ref || ref.value.trim() !== "") return;
    evt.stopPropagation();
    ref.focus();
  }, true);

  // The connect dialog.
  document.addEventListener("change", (evt) => {
    if (evt.target.id === "connect-target") renderChoices(evt.target.form);
  });
  document.addEventListener("submit", (evt) => {
    const form = evt.target.closest(".connect-form");
    if (!form) return;
    evt.preventDefault();
    const to = $("#connect-target", form).value;
    const integration = (new FormData(form)).get("integration");
    form.closest("dialog").close();
    send([{ op: "connect", connection: { from: form.dataset.from, to, integration } }]);
  });

  // Inspector saves go through htmx; they record their inverse like any
  // other edit once the status region arrives.
  const inInspector = (evt) => evt.detail.elt && evt.detail.elt.closest && evt.detail.elt.closest(".inspector-form");
  document.addEventListener("htmx:beforeRequest", (evt) => {
    if (inInspector(evt)) setStatus("Saving…", "saving");
  });
  // Each save carries a batch id; the save of the same values sent again
  // after an outage keeps it, so that it applies once.
  let pendingSave = null; // { key, batch } of a save not yet answered
  document.addEventListener("htmx:configRequest", (evt) => {
    if (!inInspector(evt)) return;
    const params = evt.detail.parameters;
    const entries = params instanceof FormData ? Array.from(params.entries()) : Object.entries(params);
    const key = JSON.stringify(entries.filter(([k]) => k !== "batch"));
    if (!pendingSave || pendingSave.key !== key) pendingSave = { key, batch: newBatchID(), attempt: 0 };
    if (params instanceof FormData) params.set("batch", pendingSave.batch); else params.batch = pendingSave.batch;
  });
  document.addEventListener("htmx:afterRequest", (evt) => {
    if (!inInspector(evt)) return;
    const status = evt.detail.xhr ? evt.detail.xhr.status : 0;
    if (status !== 0 && status !== 503) { pendingSave = null; return; }
    // Away: keep what was typed, say so, and save it again later.
    const form = evt.detail.elt.closest(".inspector-form");
    reconnecting();
    const delay = retryDelay(evt.detail.xhr && status ? { headers: { get: (h) => evt.detail.xhr.getResponseHeader(h) } } : null, pendingSave ? pendingSave.attempt++ : 0);
    setTimeout(() => { if (document.contains(form)) window.htmx.trigger(form, "change"); }, delay);
  });
  // A number typed outside the catalogue's range (the input's min and max)
  // is marked as it is typed; saving it brings the server's refusal beside
  // the field. Numbers are text inputs, so that "1,000" and typos reach the
  // server and come back with its words.
  document.addEventListener("input", (evt) => {
    const el = evt.target;
    if (!el.matches || !el.matches(".inspector-form input[max]")) return;
    const v = Number(el.value.replace(/[,_\s]/g, ""));
    const out = el.value.trim() !== "" && Number.isFinite(v) && (v < Number(el.min) || v > Number(el.max));
    el.setCustomValidity(out ? "Allowed: " + el.min + "–" + el.max : "");
  });
  let htmxFocus = null;
  document.addEventListener("htmx:oobBeforeSwap", () => { if (!htmxFocus) htmxFocus = rememberFocus(); });
  document.addEventListener("htmx:oobAfterSwap", (evt) => {
    if (evt.detail.target && evt.detail.target.id === "status" && statusEl().dataset.state === "saved") record("edit");
    afterRender();
  });
  document.addEventListener("htmx:afterSettle", () => {
    restoreFocus(htmxFocus);
    htmxFocus = null;
  });

  // sendFrom applies a button's operations ("Mark as declared"); when the
  // answer no longer has the button, focus goes back to the selection.
  async function sendFrom(button) {
    await send(JSON.parse(button.dataset.ops));
    if (!document.contains(button) && document.activeElement === document.body) {
      const el = elementFor(selected);
      if (el) el.focus({ preventScroll: true });
    }
  }

  function removeSelection(id) {
    if (!id) return;
    const op = $(`[data-block-id="${CSS.escape(id)}"]`) ? { op: "removeBlock", id }
      : $(`[data-group-id="${CSS.escape(id)}"]`) ? { op: "removeGroup", id } : { op: "disconnect", id };
    selected = "";
    send([op]);
  }

  function action(name) {
    switch (name) {
      case "undo": return undo();
      case "redo": return redo();
      case "tidy": return tidy();
      case "zoom-in": return zoom(1 / 1.25);
      case "zoom-out": return zoom(1.25);
      case "fit": return fit();
      case "labels": return toggleLabels();
      case "heat": return toggleHeat();
      case "help": return $("#help-dialog").showModal();
      case "share": return $("#share-dialog").showModal();
      case "findings": return toggleFindings();
      case "present": return present();
      case "toggle-palette": return togglePanel("palette");
      case "toggle-sidebar": return togglePanel("sidebar");
      case "comments": return comments(1);
    }
  }

  // tidy arranges the whole design (Tidy up, L) as one undoable edit.
  async function tidy() {
    setStatus("Arranging…", "saving");
    const batch = newBatchID();
    for (let attempt = 0; ; attempt++) {
      let res = null;
      try {
        res = await fetch(base + "/layout?batch=" + batch + "&select=" + encodeURIComponent(selected), {
          method: "POST", headers: { "HX-Request": "true" },
        });
      } catch (err) { /* no answer: the server is away */ }
      if (res && res.status !== 503) {
        applyRegions(await res.text());
        if (res.ok) { record("edit"); fit(); }
        return;
      }
      reconnecting();
      await sleep(retryDelay(res, attempt));
    }
  }

  // Arrow keys move the selected block; the move is saved once the keys
  // rest, as one edit.
  let nudge = null;
  function move(dx, dy) {
    const el = $(`[data-block-id="${CSS.escape(selected)}"]`);
    if (!el) return;
    const p = blockPos(el);
    const to = { x: p.x + dx, y: p.y + dy };
    el.setAttribute("transform", `translate(${to.x} ${to.y})`);
    clearTimeout(nudge && nudge.timer);
    nudge = { id: selected, to, timer: setTimeout(() => send([{ op: "moveBlock", id: nudge.id, x: nudge.to.x, y: nudge.to.y }]), 400) };
  }

  document.addEventListener("keydown", (evt) => {
    const inField = evt.target.closest && evt.target.closest("input, textarea, select, [contenteditable]");
    const mod = evt.ctrlKey || evt.metaKey;
    if (mod && evt.key.toLowerCase() === "z" && !inField) {
      evt.preventDefault();
      return evt.shiftKey ? redo() : undo();
    }
    if (mod && evt.key.toLowerCase() === "y" && !inField) { evt.preventDefault(); return redo(); }
    if (inField || mod || evt.altKey) return;
    if (evt.key === " " && !evt.repeat) holdSpace(true);
    const focused = evt.target.closest && evt.target.closest("[data-block-id], [data-connection-id]");
    switch (evt.key) {
      case "Enter":
      case " ":
        if (focused) { evt.preventDefault(); select(focused.dataset.blockId || focused.dataset.connectionId); }
        return;
      case "Escape": return presenting ? present(false) : select("");
      case "p": case "P": return present();
      case "?": return $("#help-dialog").showModal();
      case "+": case "=": return zoom(1 / 1.25);
      case "-": return zoom(1.25);
      case "0": return fit();
    }
    if (readOnly) return;
    const step = evt.shiftKey ? GRID * 5 : GRID;
    switch (evt.key) {
      case "a": case "A": case "c": case "C":
        // Acted on at keyup (below), so that the typed letter does not land
        // in the field the shortcut focuses.
        evt.preventDefault();
        return;
      case "f": case "F": {
        // Jump to the fix for the selection, or the first fix there is.
        const mine = selected && $$(".finding").find((f) => f.dataset.subjects.split(" ").includes(selected) && $("[data-fix]", f));
        const button = mine ? $("[data-fix]", mine) : $(".finding [data-fix]");
        if (button) { evt.preventDefault(); toggleFindings(true); button.focus(); }
        return;
      }
      case "l": case "L": return tidy();
      case "Delete": case "Backspace":
        evt.preventDefault();
        return removeSelection(selected);
      case "F2": {
        const name = $("#block-name");
        if (name) { evt.preventDefault(); name.focus(); name.select(); }
        return;
      }
      case "ArrowLeft": evt.preventDefault(); return move(-step, 0);
      case "ArrowRight": evt.preventDefault(); return move(step, 0);
      case "ArrowUp": evt.preventDefault(); return move(0, -step);
      case "ArrowDown": evt.preventDefault(); return move(0, step);
    }
  });

  document.addEventListener("keyup", (evt) => {
    if (readOnly || evt.ctrlKey || evt.metaKey || evt.altKey) return;
    if (evt.target.closest && evt.target.closest("input, textarea, select, [contenteditable], dialog[open]")) return;
    switch (evt.key) {
      case "a": case "A":
        if (filter) { filter.focus(); filter.select(); }
        return;
      case "c": case "C":
        if ($(`[data-block-id="${CSS.escape(selected)}"]`)) openConnect(selected);
        return;
    }
  });

  // ---- accepting a finding: an edit, so undo takes it back ---------------

  let accepting = null;
  document.addEventListener("click", (evt) => {
    const li = evt.target.closest("[data-accept]") && evt.target.closest("[data-rule]");
    if (!li) return;
    accepting = { rule: li.dataset.rule, subjects: li.dataset.subjects ? li.dataset.subjects.split(" ") : [] };
    $("[data-accept-what]").textContent = accepting.rule;
    const by = $("#accept-by");
    try { by.value ||= localStorage.getItem("archlab:name"); } catch (e) { /* no storage */ }
    $("#accept-dialog").showModal();
  });
  document.addEventListener("submit", (evt) => {
    const f = evt.target;
    if (f.id !== "accept-form") return;
    evt.preventDefault();
    const v = Object.fromEntries(new FormData(f));
    try { localStorage.setItem("archlab:name", v.by); } catch (e) { /* no storage */ }
    if (!v.until) delete v.until;
    send([{ op: "acceptFinding", accepted: { ...accepting, ...v } }]);
    f.reason.value = f.until.value = "";
    f.closest("dialog").close();
  });

  // ---- recent designs (kept in this browser only) ------------------------

  // ---- live --------------------------------------------------------------

  // listen follows the design's event stream: another person's edit
  // refreshes every region (after any edit of ours in flight), and the
  // presence count says how many people have the design open. EventSource
  // reconnects by itself and sends the last version it saw.
  let stream = null;
  function listen() {
    if (!window.EventSource || stream) return;
    const es = new EventSource(base + "/events?since=" + (past ? latest : version()));
    stream = es;
    es.addEventListener("change", (evt) => {
      const v = Number(JSON.parse(evt.data).version);
      if (past) return offerNewer(v);
      busy = busy.then(() => (v > version() ? refresh() : null)).catch(() => false);
    });
    es.addEventListener("presence", (evt) => showPresence(Number(JSON.parse(evt.data).count)));
    es.addEventListener("review", () => { if (!past) busy = busy.then(refresh).catch(() => false); });
    es.addEventListener("comment", () => comments());
    // EventSource gives up for good on an answer other than 200 (a 503
    // while the database is away): look again later, unless the link no
    // longer opens the design (403, a replaced edit link; 404).
    es.addEventListener("error", () => {
      if (es.readyState !== EventSource.CLOSED || stream !== es) return;
      stream = null;
      setTimeout(async () => {
        try {
          const res = await fetch(base + "/state", { headers: { "HX-Request": "true" } });
          if (res.status === 403 || res.status === 404) return;
        } catch (e) { /* still away: try once more below */ }
        listen();
      }, 5000);
    });
  }

  // offerNewer says, on an old version's page, that a newer version
  // exists, with a link to it; the page keeps showing its version.
  function offerNewer(v) {
    const offer = $('[data-testid="newer-version"]');
    if (!offer || v <= latest) return;
    latest = v;
    $(".newer-version", offer).textContent = "version " + v;
    offer.hidden = false;
  }

  async function refresh() {
    // from: the answer leaves out the regions this version shows as they are.
    const res = await fetch(base + "/state?select=" + encodeURIComponent(selected) + "&from=" + version(), { headers: { "HX-Request": "true" } });
    if (!res.ok) return;
    // A field being typed in keeps what was typed: the inspector stays.
    const typing = document.activeElement && document.activeElement.closest("#inspector input, #inspector textarea, #inspector select");
    applyRegions(await res.text(), typing ? ["inspector"] : []);
  }

  function showPresence(n) {
    const el = $("#presence");
    if (!el) return;
    el.hidden = n < 2;
    el.textContent = n + " people here";
    el.title = n + " people have this design open now, with you.";
    el.dataset.count = String(n);
  }

  function rememberRecent() {
    try {
      const key = "archlab:recent";
      const all = JSON.parse(localStorage.getItem(key)) || [];
      const before = all.find((r) => r.id === designID);
      const list = all.filter((r) => r.id !== designID);
      // The home page links the design itself: an old version's page
      // counts as its view link, and an edit link seen before is kept.
      const entry = { id: designID, title: root.dataset.title, url: past ? "/v/" + designID : base, editable: !readOnly, at: Date.now() };
      if (before && before.editable && readOnly) Object.assign(entry, { url: before.url, editable: true });
      list.unshift(entry);
      localStorage.setItem(key, JSON.stringify(list.slice(0, 12)));
    } catch (e) { /* private mode: no recent list */ }
  }

  // comments.js is fetched when first needed: the design has comments,
  // someone opens them, or someone comments while the page is open.
  function comments(open) {
    if (!root.dataset.commentsJs) return;
    if (open) root.dataset.commentsOpen = root.dataset.commentsOpen ? "" : "1";
    if (window.archlabComments) return document.dispatchEvent(new Event("archlab:comments"));
    window.archlabComments = 1;
    document.head.append(Object.assign(document.createElement("script"), { src: root.dataset.commentsJs }));
  }

  afterRender();
  listen();
  if (root.dataset.comments > 0) comments();
  // Leaving the page closes the stream at once, so that the people still
  // here stop counting this one (a page kept for the back button would
  // otherwise hold it open); coming back opens it again and catches up.
  window.addEventListener("pagehide", () => {
    if (stream) stream.close();
    stream = null;
  });
  window.addEventListener("pageshow", (evt) => {
    if (evt.persisted) listen();
  });
  // What groups.js (boxes that hold blocks) uses of the editor.
  window.archlabEditor = { send, select, selected: () => selected, toDiagram, blockPos, elementFor, connPath, snap };
})();
