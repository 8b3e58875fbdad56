// archlab's page script. It only reads data-* attributes; the server renders
// everything else. Inline scripts are forbidden by the content security
// policy, so behaviour lives here.
"use strict";

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const text = button.getAttribute("data-copy");
  navigator.clipboard.writeText(text).then(() => {
    const before = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = before; }, 1500);
  });
});

// The home page lists the designs recently opened in this browser, each
// with its diagram as a thumbnail (the view link's SVG export, loaded as
// it scrolls into view); the list never leaves the browser.
(() => {
  const list = document.querySelector("[data-recent]");
  if (!list) return;
  let recent = [];
  try { recent = JSON.parse(localStorage.getItem("archlab:recent")) || []; } catch (e) { /* none */ }
  if (recent.length === 0) return;
  list.hidden = false;
  const ul = list.querySelector("ul");
  for (const r of recent) {
    const li = document.createElement("li");
    li.className = "recent-item";
    const a = document.createElement("a");
    a.href = r.url;
    if (r.id) {
      const img = document.createElement("img");
      img.src = "/v/" + encodeURIComponent(r.id) + "/export/svg";
      img.loading = "lazy";
      img.alt = "";
      img.width = 240;
      img.height = 150;
      // A design deleted since, or unreachable, keeps its title.
      img.addEventListener("error", () => img.remove());
      a.append(img);
    }
    const title = document.createElement("span");
    title.className = "recent-title";
    title.textContent = r.title || "Untitled design";
    a.append(title);
    const note = document.createElement("span");
    note.className = "muted recent-note";
    note.textContent = (r.editable ? "edit" : "view") + " · " + new Date(r.at).toLocaleDateString();
    li.append(a, note);
    ul.append(li);
  }
})();
