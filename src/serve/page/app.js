// precis serve's page: plain DOM, text only (article content is never
// inserted as markup), hash routes: #/ (stories), #/story/N (one story).
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function status(message) { $("status").textContent = message || ""; }

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function outletLine(s) {
  const n = s.outlets.length;
  return `${s.articles} article${s.articles === 1 ? "" : "s"}, ${n} outlet${n === 1 ? "" : "s"}` +
    (n ? ` (${s.outlets.join(", ")})` : "") + (s.updated ? ` · ${s.updated}` : "");
}

async function showList() {
  $("story-view").hidden = true;
  $("list-view").hidden = false;
  document.title = "precis: stories";
  const q = $("q").value.trim();
  status("Loading stories…");
  try {
    const data = await getJson("/api/stories?limit=200" + (q ? "&q=" + encodeURIComponent(q) : ""));
    const list = $("stories");
    list.replaceChildren();
    for (const s of data.stories) {
      list.append(el("li", {},
        el("a", { href: `#/story/${s.id}`, text: s.title || `Story ${s.id}` }),
        el("div", { class: "meta", text: outletLine(s) })));
    }
    status(data.stories.length ? "" : (q ? "No story matches." : "No stories yet: add articles below."));
  } catch (e) {
    status("Could not load the stories: " + e.message);
  }
}

function sourceName(src) {
  return src ? (src.source || src.title || src.id) : "?";
}

function openQuotes(button, sentence, quotes, sources) {
  for (const b of document.querySelectorAll(".cite[aria-expanded='true']")) b.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-expanded", "true");
  const box = $("quotes");
  box.replaceChildren();
  for (const q of quotes) {
    const src = sources[q.doc - 1];
    box.append(el("figure", {},
      el("figcaption", { text: `[${q.doc}] ${sourceName(src)}${q.level === "partly" ? " (in part)" : ""}` }),
      el("blockquote", { text: q.text })));
  }
  $("quotes-title").textContent = `Who reports: “${sentence.text}”`;
  $("quotes-box").hidden = false;
  $("quotes-box").dataset.opener = button.id;
  $("quotes-close").focus();
}

function renderBrief(data) {
  const brief = data.brief || { sentences: [], sources: [] };
  const sources = brief.sources || [];
  const box = $("brief");
  box.replaceChildren();
  $("quotes-box").hidden = true;
  if (!brief.sentences.length) box.append(el("p", { text: "No brief: the articles hold no sentence that fits." }));
  const p = el("p");
  brief.sentences.forEach((s, i) => {
    p.append(document.createTextNode(s.text + " "));
    if (s.cites_with_next) return;
    const button = el("button", {
      type: "button", class: "cite", id: `cite-${i}`, "aria-expanded": "false",
      "aria-controls": "quotes-box", text: `[${s.citations.join(",")}]`,
      title: "Show what each outlet says",
    });
    button.addEventListener("click", () => openQuotes(button, s, data.quotes[i] || [], sources));
    p.append(button, document.createTextNode(" "));
  });
  box.append(p);
}

function renderDisagreements(data) {
  const box = $("disagreements");
  box.replaceChildren();
  const sources = (data.brief && data.brief.sources) || [];
  if (!data.disagreements.length) {
    box.append(el("p", { text: "The articles agree on the facts compared (counts, days, speakers)." }));
    return;
  }
  for (const d of data.disagreements) {
    const list = el("ul");
    for (const v of d.versions) {
      const who = v.docs.map((n) => `[${n}] ${sourceName(sources[n - 1])}`).join(", ");
      const item = el("li", {}, el("strong", { text: v.value }), document.createTextNode(` — ${who}`));
      for (const s of v.sentences) item.append(el("blockquote", { text: s.text }));
      list.append(item);
    }
    box.append(el("div", { class: "disagreement" }, el("p", { text: `${d.kind}: ${d.about}` }), list));
  }
}

function renderArticles(data) {
  const list = $("articles");
  list.replaceChildren();
  for (const a of data.articles) {
    const title = a.title || a.id;
    const head = /^https?:\/\//i.test(a.url) ? el("a", { href: a.url, rel: "noopener noreferrer", text: title })
                                             : el("span", { text: title });
    const meta = [a.source, a.date || a.when, a.copy_of ? `copy of ${a.copy_of}` : ""].filter(Boolean).join(" · ");
    list.append(el("li", {}, head, el("div", { class: "meta", text: meta })));
  }
}

async function showStory(id) {
  $("list-view").hidden = true;
  $("story-view").hidden = false;
  status("Loading the story…");
  try {
    const words = parseInt($("words").value, 10) || 100;
    const data = await getJson(`/api/stories/${encodeURIComponent(id)}?words=${words}`);
    document.title = "precis: " + (data.title || `story ${data.id}`);
    $("story-title").textContent = data.title || `Story ${data.id}`;
    // A story's answer lists its articles; the line wants their count.
    $("story-meta").textContent = outletLine({ ...data, articles: data.articles.length });
    renderBrief(data);
    renderDisagreements(data);
    renderArticles(data);
    status("");
  } catch (e) {
    status("Could not load the story: " + e.message);
  }
}

function route() {
  const m = location.hash.match(/^#\/story\/(\d+)$/);
  if (m) showStory(m[1]); else showList();
  $("main").focus({ preventScroll: true });
}

async function post(event) {
  event.preventDefault();
  let body = $("paste").value;
  const file = $("file").files[0];
  if (file) body = await file.text();
  if (!body.trim()) { status("Nothing to post: paste articles or choose a file."); return; }
  const headers = { "Content-Type": body.trim().startsWith("{") ? "application/json" : "text/plain" };
  const token = $("token").value;
  if (token) headers.Authorization = "Bearer " + token;
  status("Posting…");
  try {
    const res = await fetch("/api/articles", { method: "POST", headers, body });
    const data = await res.json().catch(() => ({ error: res.statusText }));
    if (data.error) throw new Error(data.error);
    const lines = [`${data.articles.length} stored (or already there), ${data.failed.length} failed.`];
    for (const f of data.failed) lines.push(`line ${f.line}: ${f.error}`);
    $("post-result").textContent = lines.join("\n");
    status("");
    $("paste").value = "";
    $("file").value = "";
    showList();
  } catch (e) {
    status("Posting failed: " + e.message);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("submit", (e) => { e.preventDefault(); location.hash = "#/"; showList(); });
  $("post").addEventListener("submit", post);
  $("budget").addEventListener("submit", (e) => { e.preventDefault(); route(); });
  $("quotes-close").addEventListener("click", () => {
    const opener = $($("quotes-box").dataset.opener || "");
    $("quotes-box").hidden = true;
    if (opener) { opener.setAttribute("aria-expanded", "false"); opener.focus(); }
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("quotes-box").hidden) $("quotes-close").click();
  });
  window.addEventListener("hashchange", route);
  route();
});
