// archlab's groups in the editor: picking several blocks (Shift+click),
// making a group of them (the Group button or G), dragging a group by its
// title with its blocks, and the inspector's group controls. The server
// draws the boxes; while something is dragged they follow here, computed
// as the server computes them (web/components/groups.go).
"use strict";

(() => {
  const ed = window.archlabEditor;
  const root = document.querySelector(".editor");
  if (!ed || !root || root.dataset.readonly === "true") return;

  const BLOCK_W = 168, BLOCK_H = 72, PAD = 16, TITLE = 26;
  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => Array.from(el.querySelectorAll(sel));
  const esc = (id) => CSS.escape(id);
  const block = (id) => $(`[data-block-id="${esc(id)}"]`);
  const groups = () => $$("[data-group-id]");
  const members = (g) => (g.dataset.members || "").split(" ").filter(Boolean);

  // picked holds the blocks Shift+click added to the selection.
  const picked = new Set();
  function markPicked() {
    $$(".block.picked").forEach((el) => el.classList.remove("picked"));
    for (const id of picked) {
      const el = block(id);
      if (el) el.classList.add("picked"); else picked.delete(id);
    }
  }
  // The selection for a new group: the selected block and the picked ones.
  function chosen() {
    const ids = new Set(picked);
    const sel = ed.selected();
    if (sel && block(sel)) ids.add(sel);
    return [...ids];
  }
  document.addEventListener("archlab:rendered", markPicked);

  // ---- boxes that follow their blocks ------------------------------------

  // refreshBoxes recomputes every group's box from its blocks' places on
  // the page, innermost first, as the server does.
  function refreshBoxes() {
    const byID = new Map(groups().map((g) => [g.dataset.groupId, g]));
    const order = [...byID.values()].sort((a, b) => Number(b.dataset.depth) - Number(a.dataset.depth));
    const boxes = new Map();
    for (const g of order) {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      const grow = (a, b, c, d) => { x0 = Math.min(x0, a); y0 = Math.min(y0, b); x1 = Math.max(x1, c); y1 = Math.max(y1, d); };
      for (const id of members(g)) {
        const p = block(id) && ed.blockPos(block(id));
        if (p) grow(p.x, p.y, p.x + BLOCK_W, p.y + BLOCK_H);
      }
      for (const [cid, b] of boxes) if (byID.get(cid).dataset.parent === g.dataset.groupId) grow(b.x, b.y, b.x + b.w, b.y + b.h);
      if (x0 === Infinity) continue;
      const b = { x: x0 - PAD, y: y0 - PAD - TITLE, w: x1 - x0 + 2 * PAD, h: y1 - y0 + 2 * PAD + TITLE };
      boxes.set(g.dataset.groupId, b);
      for (const r of $$("rect", g)) {
        r.setAttribute("x", b.x); r.setAttribute("y", b.y); r.setAttribute("width", b.w);
        if (r.classList.contains("group-box")) r.setAttribute("height", b.h);
      }
      const t = $(".group-title", g);
      if (t) { t.setAttribute("x", b.x + 12); t.setAttribute("y", b.y + 17); }
    }
  }

  // redrawConns redraws the connections of the given blocks.
  function redrawConns(ids) {
    for (const id of ids) {
      for (const c of $$(`[data-from="${esc(id)}"], [data-to="${esc(id)}"]`)) {
        const a = ed.blockPos(block(c.dataset.from)), b = ed.blockPos(block(c.dataset.to));
        if (a && b) $$("path", c).forEach((path) => path.setAttribute("d", ed.connPath(a, b)));
      }
    }
  }

  // contents lists the blocks of a group and of the groups inside it.
  function contents(id) {
    const out = new Set();
    const walk = (gid, depth) => {
      const g = $(`[data-group-id="${esc(gid)}"]`);
      if (!g || depth > 50) return;
      members(g).forEach((m) => out.add(m));
      groups().filter((c) => c.dataset.parent === gid).forEach((c) => walk(c.dataset.groupId, depth + 1));
    };
    walk(id, 0);
    return [...out];
  }

  // ---- pointer: Shift+click picks, a group's title drags it ----------------

  const stage = $(".stage");
  let drag = null;
  // Capture: these gestures are the groups', not the editor's pan or move.
  stage.addEventListener("pointerdown", (evt) => {
    if (evt.button !== 0) return;
    const b = evt.target.closest(".block");
    const band = evt.target.closest(".group-band");
    if (b && evt.shiftKey) {
      evt.stopPropagation();
      const id = b.dataset.blockId;
      if (picked.has(id)) picked.delete(id);
      else if (id !== ed.selected()) picked.add(id);
      markPicked();
      return;
    }
    if (!band) {
      if (!evt.shiftKey && picked.size) { picked.clear(); markPicked(); }
      return;
    }
    evt.stopPropagation();
    const id = band.dataset.groupHandle;
    const ids = contents(id);
    drag = { id, ids, start: ed.toDiagram(evt), from: new Map(ids.map((m) => [m, ed.blockPos(block(m))])), moved: false };
    stage.setPointerCapture(evt.pointerId);
  }, true);

  // The editor moves a block (its listener runs first): its groups follow.
  stage.addEventListener("pointermove", (evt) => {
    if (!drag && evt.buttons === 1) refreshBoxes();
  });
  stage.addEventListener("pointermove", (evt) => {
    if (!drag) return;
    evt.stopPropagation();
    const p = ed.toDiagram(evt);
    const dx = ed.snap(p.x - drag.start.x), dy = ed.snap(p.y - drag.start.y);
    if (!drag.moved && dx === 0 && dy === 0) return;
    drag.moved = true;
    drag.dx = dx; drag.dy = dy;
    for (const [m, at] of drag.from) {
      if (at) block(m).setAttribute("transform", `translate(${at.x + dx} ${at.y + dy})`);
    }
    redrawConns(drag.ids);
    refreshBoxes();
  }, true);

  stage.addEventListener("pointerup", (evt) => {
    if (!drag) return;
    evt.stopPropagation();
    const d = drag;
    drag = null;
    if (!d.moved) { ed.select(d.id); return; }
    // One edit moves every block of the group: one undo puts them back.
    const ops = [];
    for (const [m, at] of d.from) if (at) ops.push({ op: "moveBlock", id: m, x: at.x + d.dx, y: at.y + d.dy });
    ed.send(ops);
  }, true);

  // ---- making a group ------------------------------------------------------

  const dialog = $("#group-dialog");
  const PARENTS = { context: ["context"], account: ["context"], region: ["account", "context"], vpc: ["region", "account", "context"], subnet: ["vpc"] };

  function openDialog() {
    if (!dialog) return;
    const ids = chosen();
    const note = $("#group-members", dialog);
    if (ids.length === 0) {
      note.textContent = "Select a block first (Shift+click adds more).";
    } else {
      note.textContent = "Blocks: " + ids.join(", ");
    }
    $("[data-testid=group-submit]", dialog).disabled = ids.length === 0;
    fillParents();
    dialog.showModal();
    $("#group-name", dialog).focus();
  }

  // fillParents offers the drawn groups the chosen kind may lie inside.
  function fillParents() {
    const kind = $("#group-kind", dialog).value;
    const sel = $("#group-parent", dialog);
    sel.replaceChildren();
    if (kind !== "subnet") sel.append(new Option("Nothing", ""));
    for (const g of groups()) {
      if (PARENTS[kind].includes(g.dataset.kind)) sel.append(new Option($(".group-title", g).textContent, g.dataset.groupId));
    }
  }

  function freeID(name) {
    const taken = new Set($$("[data-block-id],[data-connection-id],[data-group-id]").map((el) => el.dataset.blockId || el.dataset.connectionId || el.dataset.groupId));
    let id = name.replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ? c.toUpperCase() : "")).slice(0, 60);
    if (!/^[A-Za-z]/.test(id)) id = "Group" + id;
    if (!taken.has(id)) return id;
    for (let n = 2; ; n++) if (!taken.has(id + n)) return id + n;
  }

  // ancestors lists a group and the groups around it.
  function ancestors(id) {
    const out = [];
    for (let g = id && $(`[data-group-id="${esc(id)}"]`); g && out.length < 50; g = g.dataset.parent && $(`[data-group-id="${esc(g.dataset.parent)}"]`)) out.push(g);
    return out;
  }

  // create sends the new group, first taking its blocks out of the groups
  // that may no longer list them: another group of the same kind, and the
  // groups around the new one, which hold them through it.
  function create(kind, name, parent) {
    const ids = chosen();
    if (ids.length === 0) return;
    const around = new Set(ancestors(parent).map((g) => g.dataset.groupId));
    const ops = [];
    for (const g of groups()) {
      const ms = members(g);
      if (!(g.dataset.kind === kind || around.has(g.dataset.groupId)) || !ms.some((m) => ids.includes(m))) continue;
      ops.push({ op: "setGroupMembers", id: g.dataset.groupId, blocks: ms.filter((m) => !ids.includes(m)) });
    }
    const group = { id: freeID(name || kind), kind, name, blocks: ids };
    if (parent) group.parent = parent;
    ops.push({ op: "addGroup", group });
    picked.clear();
    ed.send(ops);
  }

  if (dialog) {
    $("#group-kind", dialog).addEventListener("change", fillParents);
    $("form", dialog).addEventListener("submit", (evt) => {
      evt.preventDefault();
      const kind = $("#group-kind", dialog).value, name = $("#group-name", dialog).value.trim();
      const parent = $("#group-parent", dialog).value;
      dialog.close();
      $("#group-name", dialog).value = "";
      create(kind, name, parent);
    });
  }

  document.addEventListener("click", (evt) => {
    if (evt.target.closest('[data-action="group"]')) openDialog();
  });
  // A group's title is a button: Enter or Space selects the group.
  document.addEventListener("keydown", (evt) => {
    const band = evt.target.closest && evt.target.closest(".group-band");
    if (!band || (evt.key !== "Enter" && evt.key !== " ")) return;
    evt.preventDefault();
    ed.select(band.dataset.groupHandle);
  });
  document.addEventListener("keyup", (evt) => {
    if (evt.ctrlKey || evt.metaKey || evt.altKey || (evt.key !== "g" && evt.key !== "G")) return;
    if (evt.target.closest && evt.target.closest("input, textarea, select, [contenteditable], dialog[open]")) return;
    openDialog();
  });

  // ---- the inspector's group controls -------------------------------------

  // Renaming a group: its form sends one updateGroup.
  document.addEventListener("submit", (evt) => {
    const form = evt.target.closest(".group-rename");
    if (!form) return;
    evt.preventDefault();
    ed.send([{ op: "updateGroup", id: form.dataset.groupId, name: $("input[name=name]", form).value.trim() }]);
  });
})();
