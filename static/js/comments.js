// archlab's comments panel: threads on blocks, connections, findings and
// the design, in the editor, the viewer and the embed. The server renders
// the panel; this script opens it, remembers the commenter's name in this
// browser, sends the forms, and draws a count on each block that has open
// threads. The editor loads it only when it is needed.
"use strict";

(() => {
  const editor = document.querySelector(".editor");
  const root = editor || document.querySelector(".embed");
  const panel = document.getElementById("comments");
  if (!root || !panel) return;
  const base = editor ? editor.dataset.base : panel.getAttribute("hx-get").replace(/\/comments$/, "");
  const nameKey = "archlab:name";
  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => Array.from(el.querySelectorAll(sel));
  const SVG = "http://www.w3.org/2000/svg";

  if (editor && editor.dataset.commentsCss && !$('link[href="' + editor.dataset.commentsCss + '"]')) {
    document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: editor.dataset.commentsCss }));
  }

  const storedName = () => {
    try { return localStorage.getItem(nameKey) || ""; } catch (e) { return ""; }
  };
  // The name is also kept in a cookie, so that the editor's edits say who
  // made them (the server reads it; the editor's own script stays small).
  const nameCookie = (n) => {
    n = n.trim().slice(0, 80);
    if (n) document.cookie = "archlab_name=" + encodeURIComponent(n) + "; Path=/; Max-Age=31536000; SameSite=Lax";
  };
  const keepName = (n) => {
    try { localStorage.setItem(nameKey, n); } catch (e) { /* private mode: asked again */ }
    nameCookie(n);
  };
  if (!/(^|; )archlab_name=/.test(document.cookie)) nameCookie(storedName());
  const selected = () => (window.archlabEditor ? window.archlabEditor.selected() : "");
  const isOpen = () => !editor || editor.dataset.commentsOpen === "1";

  async function get(part) {
    const q = new URLSearchParams({ select: selected() });
    if (part) q.set("part", part);
    const res = await fetch(base + "/comments?" + q, { headers: { "HX-Request": "true" } });
    return res.ok ? res.text() : null;
  }

  // Answers may come back out of order: one to a request started before
  // the answer last shown is older than it, and is dropped.
  let asked = 0, shown = 0;
  const fresh = (n) => (n > shown ? (shown = n) : 0);

  // load fetches the panel, or only the threads when something is being
  // typed in the new comment; replies being typed are kept.
  let lastSelected = null;
  async function load() {
    const typing = $(".new-thread textarea", panel);
    const whole = !typing || !typing.value;
    const n = ++asked;
    const html = await get(whole ? "" : "threads");
    if (html === null || !fresh(n)) return;
    const restore = keep();
    if (whole) panel.innerHTML = html;
    else $("#comment-threads", panel).outerHTML = html;
    restore();
    lastSelected = selected();
    after();
  }

  // keep remembers what is typed in the panel (a name, a comment, a
  // reply) and returns what puts it back after the panel is redrawn.
  function keep() {
    const typed = {};
    $$("textarea, input[type=text]", panel).forEach((t) => { if (t.id && t.value) typed[t.id] = t.value; });
    const focused = document.activeElement && document.activeElement.id;
    return () => {
      for (const [id, v] of Object.entries(typed)) {
        const t = document.getElementById(id);
        if (t && !t.value) t.value = v;
      }
      const f = focused && document.getElementById(focused);
      if (f && panel.contains(f)) f.focus();
    };
  }

  function after() {
    const name = $("#comment-name", panel);
    if (name && !name.value) name.value = storedName();
    const threads = $("#comment-threads", panel);
    const open = threads ? threads.dataset.open : "0";
    const count = $('[data-testid="comment-count"]');
    if (count) count.textContent = open;
    if (editor) editor.dataset.comments = open;
    badges();
  }

  // badges draws each block's count of open threads at its lower right.
  function badges() {
    const threads = $("#comment-threads", panel);
    const counts = threads ? JSON.parse(threads.dataset.counts || "{}") : {};
    $$(".comment-badge").forEach((b) => {
      const id = b.parentNode.dataset.blockId;
      if (!counts[id] || b.dataset.n !== String(counts[id])) b.remove();
    });
    for (const [id, n] of Object.entries(counts)) {
      const block = $(`[data-block-id="${CSS.escape(id)}"]`);
      if (!block || $(".comment-badge", block)) continue;
      const g = document.createElementNS(SVG, "g");
      g.setAttribute("class", "comment-badge");
      g.setAttribute("transform", "translate(150 58)");
      g.dataset.n = String(n);
      g.dataset.testid = "comment-badge";
      // A speech bubble, its tail pointing at the block.
      const r = document.createElementNS(SVG, "path");
      r.setAttribute("d", "M4 0h16a4 4 0 0 1 4 4v8a4 4 0 0 1-4 4H11l-5 4v-4H4a4 4 0 0 1-4-4V4a4 4 0 0 1 4-4z");
      const t = document.createElementNS(SVG, "text");
      t.setAttribute("x", "12");
      t.setAttribute("y", "12");
      t.textContent = String(n);
      const title = document.createElementNS(SVG, "title");
      title.textContent = n + (n === 1 ? " open comment thread" : " open comment threads");
      g.append(title, r, t);
      block.append(g);
    }
  }

  function sync() {
    panel.hidden = !isOpen();
    const b = $('[data-action="comments"]');
    if (b && editor) b.setAttribute("aria-expanded", String(isOpen()));
    return load();
  }

  // The selection is offered as what a new comment is about.
  document.addEventListener("click", (evt) => {
    const badge = evt.target.closest && evt.target.closest(".comment-badge");
    if (badge && editor && !isOpen()) {
      editor.dataset.commentsOpen = "1";
      sync();
      return;
    }
    // A finding clicked in the findings list is what the new comment is
    // about, named as the server names it (rule/subjects, sorted).
    const finding = evt.target.closest && evt.target.closest(".finding[data-rule]");
    const about = $("#comment-about", panel);
    if (finding && about && isOpen()) {
      const key = "finding:" + finding.dataset.rule + "/" + finding.dataset.subjects.split(" ").filter(Boolean).sort().join(",");
      if ([...about.options].some((o) => o.value === key)) about.value = key;
      return;
    }
    setTimeout(async () => {
      if (!isOpen() || selected() === lastSelected || panel.contains(evt.target)) return;
      lastSelected = selected();
      const about = $("#comment-about", panel);
      const html = await get("");
      if (!about || html === null) return;
      const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("comment-about");
      if (fresh) about.replaceWith(document.adoptNode(fresh));
    });
  });

  panel.addEventListener("submit", async (evt) => {
    const form = evt.target;
    evt.preventDefault();
    const data = new FormData(form);
    const name = $("#comment-name", panel);
    // Comments, replies and resolutions say who; the settings do not.
    if (name && form.classList.contains("comment-form")) {
      if (!name.value.trim() && storedName()) name.value = storedName();
      if (!name.value.trim()) {
        name.focus();
        return showError(form, "Give your name first: it is shown with your comment and kept in this browser.");
      }
      keepName(name.value.trim());
      if (!data.get("author")) data.set("author", name.value.trim());
    }
    const button = $("button[type=submit]", form);
    if (button) button.disabled = true;
    const n = ++asked;
    try {
      const res = await fetch(form.action, {
        method: "POST",
        headers: { "HX-Request": "true", Accept: "application/json" },
        body: new URLSearchParams(data),
      });
      if (!res.ok) {
        let msg = "Not sent (" + res.status + ").";
        try { msg = (await res.json()).error.message; } catch (e) { /* not JSON */ }
        return showError(form, msg);
      }
      const html = await res.text();
      // Sent: what was typed goes, whether or not a newer answer is shown.
      // (The form may have been redrawn meanwhile: its copy too.)
      const text = $("textarea", form);
      for (const t of [text, text && document.getElementById(text.id)]) if (t) t.value = "";
      if (!fresh(n)) return;
      if (form.classList.contains("comment-settings")) {
        panel.innerHTML = html;
      } else {
        const restore = keep();
        $("#comment-threads", panel).outerHTML = html;
        restore();
      }
      after();
    } catch (e) {
      showError(form, "Not sent: archlab cannot be reached. Your text is kept; try again.");
    } finally {
      if (button && document.contains(button)) button.disabled = false;
    }
  });

  function showError(form, msg) {
    const p = $(".comment-error", form);
    if (!p) return;
    p.textContent = msg;
    p.hidden = false;
  }

  panel.addEventListener("click", (evt) => {
    const close = evt.target.closest('[data-action="comments"]');
    if (close && !editor) evt.preventDefault();
  });

  // The editor says when comments change or the panel is toggled; its
  // diagram, redrawn after an edit, gets its badges back.
  document.addEventListener("archlab:comments", sync);
  document.addEventListener("htmx:afterSwap", after);
  const stage = document.getElementById("stage") || root;
  new MutationObserver(() => {
    const threads = $("#comment-threads", panel);
    if (threads && threads.dataset.counts !== "{}") badges();
  }).observe(stage, { childList: true, subtree: true });
  if (editor) sync();
  else after();
})();
