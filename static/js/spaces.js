// Team spaces in this browser: a space's page remembers the space, and the
// home page lists the spaces remembered, newest first. The list stays in
// this browser (localStorage); a space's link is a secret, so it is never
// sent anywhere.
"use strict";

(() => {
  const key = "archlab:spaces";
  const load = () => {
    try { return JSON.parse(localStorage.getItem(key)) || []; } catch (e) { return []; }
  };

  const page = document.querySelector("[data-space-url]");
  if (page) {
    const url = page.dataset.spaceUrl;
    const list = load().filter((s) => s.url !== url);
    list.unshift({ url, title: page.dataset.spaceTitle, at: Date.now() });
    try { localStorage.setItem(key, JSON.stringify(list.slice(0, 12))); } catch (e) { /* private mode */ }
  }

  const home = document.querySelector("[data-recent-spaces]");
  if (!home) return;
  const spaces = load();
  if (spaces.length === 0) return;
  home.hidden = false;
  const ul = home.querySelector("ul");
  for (const s of spaces) {
    const li = document.createElement("li");
    li.className = "recent-space";
    const a = document.createElement("a");
    a.href = s.url;
    a.textContent = s.title || "Untitled space";
    const note = document.createElement("span");
    note.className = "muted";
    note.textContent = " · " + new Date(s.at).toLocaleDateString();
    li.append(a, note);
    ul.append(li);
  }
})();
