// The browser test of precis serve's page: headless chromium (Debian's),
// driven by playwright-core, against the real binary on a free loopback
// port with a store in a temporary directory.
//   node serve_page.mjs PRECIS_BINARY SOURCE_DIR OUT_DIR
// It posts the example articles, finds the ferry story with the search box,
// opens it, clicks a citation marker and checks that the outlets' supporting
// sentences appear side by side (each the text of the article it names),
// then saves OUT_DIR/story.png. It then posts an article whose title and
// text carry a <script> and an <img onerror>, and checks that neither runs
// and that both show as text. Exit status 0 passed, 1 failed.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [binary, sourceDir, outDir] = process.argv.slice(2);
if (!binary || !sourceDir || !outDir) {
  console.error("usage: node serve_page.mjs PRECIS_BINARY SOURCE_DIR OUT_DIR");
  process.exit(2);
}
const executablePath = process.env.PRECIS_CHROMIUM || "/usr/bin/chromium";

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok" : "FAILED"}: ${what}`);
  if (!ok) failures++;
  return ok;
}

// The server, its port read from the line it prints; `closed` settles once
// it has exited and its output is read.
function startServer(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["serve", "--db", db, "--port", "0", "--threads", "4"],
                        { stdio: ["ignore", "pipe", "inherit"] });
    const closed = new Promise((r) => child.once("close", r));
    let out = "";
    let listening = false;
    const timer = setTimeout(() => reject(new Error("the server printed no port in 30 s: " + out)), 30000);
    child.once("error", reject);
    closed.then((code) => { if (!listening) reject(new Error(`the server exited (${code}) before listening: ${out}`)); });
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m && !listening) {
        listening = true;
        clearTimeout(timer);
        resolve({ child, closed, port: Number(m[1]) });
      }
    });
  });
}

async function api(base, method, urlPath, body) {
  const res = await fetch(base + urlPath, {
    method, body, headers: body ? { "Content-Type": "application/json" } : {},
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// The four ferry articles of examples/lumen-bay-ferry/ as JSONL, each file's
// outlet named from its file name ("01-coastal-herald.txt": Coastal Herald).
function ferryArticles() {
  const dir = path.join(sourceDir, "examples", "lumen-bay-ferry");
  return readdirSync(dir).filter((f) => f.endsWith(".txt")).sort().map((f) => {
    const stem = f.replace(/\.txt$/, "");
    const source = stem.replace(/^\d+-/, "").split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join(" ");
    return JSON.stringify({ id: `ferry-${stem}`, source, date: "2026-06-13", text: readFileSync(path.join(dir, f), "utf8") });
  }).join("\n") + "\n";
}

const HOSTILE_TITLE = 'Pier notice <script>window.__precisPwned = 1; document.title = "pwned";</script>' +
                      '<img src="x" onerror="window.__precisPwned = 2; document.title = \'pwned\'">';
const HOSTILE_TEXT =
  "The Hallen pier will close for repairs on Monday, the harbour office said.\n" +
  'Visitors were told to use the north steps <script>window.__precisPwned = 3; document.title = "pwned";</script> ' +
  "while the pier is closed.\n" +
  'Repairs to the Hallen pier <img src="x" onerror="window.__precisPwned = 4; document.title = \'pwned\'"> ' +
  "should take two weeks, the harbour office said.";

const work = mkdtempSync(path.join(tmpdir(), "precis-browser-"));
let server;
let browser;
try {
  server = await startServer(path.join(work, "news.db"));
  const base = `http://127.0.0.1:${server.port}`;

  // The README's example stream, and the ferry story.
  const stream = readFileSync(path.join(sourceDir, "examples", "news-stream.jsonl"), "utf8");
  const posted = await api(base, "POST", "/api/articles", stream);
  check(posted.articles.length === 13 && posted.failed.length === 0, `the example stream stored (${posted.articles.length} articles)`);
  const ferry = await api(base, "POST", "/api/articles", ferryArticles());
  const stories = new Set(ferry.articles.map((a) => a.story));
  check(ferry.articles.length === 4 && stories.size === 1, "the four ferry articles stored, in one story");
  const ferryStory = ferry.articles[0].story;
  const ferryInfo = await api(base, "GET", `/api/stories/${ferryStory}`);

  browser = await chromium.launch({ executablePath, headless: true, chromiumSandbox: false });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  // Console errors, except the one for the icon the browser asks for by
  // itself (the server has none: a 404), which is checked by its response.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) pageErrors.push(m.text());
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== "/favicon.ico") pageErrors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(base + "/");

  // The list: every story, the ferry's among them; then found by searching.
  await page.waitForSelector("#stories li a");
  const listed = await page.$$eval("#stories li a", (as) => as.map((a) => a.textContent));
  check(listed.length === 5, `the page lists 5 stories (${listed.length})`);
  await page.fill("#q", "Marisol");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => document.querySelectorAll("#stories li").length === 1);
  const found = page.locator("#stories li a");
  check((await found.textContent()) === ferryInfo.title, `the search finds the ferry story ("${ferryInfo.title}")`);
  check((await found.getAttribute("href")) === `#/story/${ferryStory}`, "the search result links to its story");
  await found.click();

  // The story: its brief with citation markers.
  await page.waitForSelector("#brief .cite");
  check((await page.textContent("#story-title")) === ferryInfo.title, "the story page shows its title");
  const meta = await page.textContent("#story-meta");
  check(meta.startsWith("4 articles, 4 outlets (Coastal Herald, Island News, Maritime Wire, Bay Today)"),
        `the story's counts and outlets: "${meta}"`);
  const articleLinks = await page.$$eval("#articles li", (lis) => lis.map((li) => li.firstChild.textContent));
  check(JSON.stringify(articleLinks) === JSON.stringify(ferryInfo.articles.map((a) => a.title)),
        "the articles listed in time order");
  const markers = await page.$$eval("#brief .cite", (bs) => bs.map((b) => b.textContent));
  check(markers.length > 0 && markers.every((m) => /^\[\d+(,\d+)*\]$/.test(m)), `citation markers ${markers.join(" ")}`);
  // The marker of the sentence with the most outlets.
  let best = 0;
  markers.forEach((m, i) => { if (m.split(",").length > markers[best].split(",").length) best = i; });
  const cited = markers[best].slice(1, -1).split(",").map(Number);
  await page.click(`#cite-${best}`);
  await page.waitForSelector("#quotes-box:not([hidden])");
  check((await page.getAttribute(`#cite-${best}`, "aria-expanded")) === "true", "the marker says it is open");
  const quotes = await page.$$eval("#quotes figure", (fs) => fs.map((f) => ({
    caption: f.querySelector("figcaption").textContent, text: f.querySelector("blockquote").textContent,
  })));
  check(quotes.length === ferryInfo.quotes[best].length && quotes.length >= 1,
        `${quotes.length} supporting sentences shown for marker ${markers[best]}`);
  // Each shown sentence is the text of the article its caption names.
  const shownDocs = [];
  for (const q of quotes) {
    const m = q.caption.match(/^\[(\d+)\] (.+?)( \(in part\))?$/);
    if (!check(m !== null, `caption "${q.caption}"`)) continue;
    const n = Number(m[1]);
    shownDocs.push(n);
    const article = ferryInfo.articles[n - 1];
    check(m[2] === article.source, `quote [${n}] is from ${article.source}`);
    const stored = await api(base, "GET", `/api/articles/${encodeURIComponent(article.id)}`);
    const flat = (s) => s.replace(/\s+/g, " ");
    check(q.text.length > 20 && flat(stored.text).includes(flat(q.text)),
          `quote [${n}] is a sentence of ${article.id}: "${q.text.slice(0, 60)}..."`);
  }
  check(cited.every((n) => shownDocs.includes(n)), `every cited outlet (${cited.join(",")}) is shown`);
  const outlets = new Set(quotes.map((q) => q.caption.replace(/^\[\d+\] /, "")));
  check(outlets.size >= 2, `sentences of ${outlets.size} outlets side by side`);
  const boxes = await page.$$eval("#quotes figure", (fs) => fs.map((f) => f.getBoundingClientRect().top));
  check(boxes.length < 2 || Math.abs(boxes[0] - boxes[1]) < 1, "the first two quotes sit side by side");
  mkdirSync(outDir, { recursive: true });
  const shot = path.join(outDir, "story.png");
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
  // Escape closes the sentences and gives focus back to the marker.
  await page.keyboard.press("Escape");
  await page.waitForSelector("#quotes-box[hidden]", { state: "attached" });
  check(await page.evaluate((id) => document.activeElement && document.activeElement.id === id, `cite-${best}`),
        "Escape closes the sentences and focus returns to the marker");

  // A hostile article: its markup must show as text and never run.
  const hostile = await api(base, "POST", "/api/articles",
                            JSON.stringify({ id: "pier-notice", title: HOSTILE_TITLE, source: "Hallen Gazette",
                                             date: "2026-06-20", text: HOSTILE_TEXT }));
  const hostileStory = hostile.articles[0].story;
  const hostileInfo = await api(base, "GET", `/api/stories/${hostileStory}`);
  await page.fill("#q", "");
  await page.click("text=All stories");
  await page.waitForSelector(`#stories a[href="#/story/${hostileStory}"]`);
  check((await page.textContent(`#stories a[href="#/story/${hostileStory}"]`)) === HOSTILE_TITLE,
        "the list shows the hostile title as text, markup and all");
  await page.click(`#stories a[href="#/story/${hostileStory}"]`);
  await page.waitForSelector("#brief p");
  await page.waitForFunction((t) => document.querySelector("#story-title").textContent === t, HOSTILE_TITLE);
  // The brief quotes the sentences with markup in them: the page shows them
  // as written, characters and all.
  const briefText = (await page.textContent("#brief")).replace(/\s+/g, " ");
  const marked = hostileInfo.brief.sentences.map((x) => x.text).filter((t) => /<script>|<img /.test(t));
  check(marked.some((t) => t.includes("<script>")) && marked.some((t) => t.includes("<img ")),
        "the brief quotes the sentences holding the <script> and the <img>");
  check(marked.every((t) => briefText.includes(t.replace(/\s+/g, " "))), "the page shows them as text");
  // Every marker opened: the quotes show those sentences too.
  for (const marker of await page.$$("#brief .cite")) await marker.click();
  const quoted = (await page.textContent("#quotes")).replace(/\s+/g, " ");
  check(quoted.includes(marked[marked.length - 1].replace(/\s+/g, " ")), "the last marker's quote shows its markup as text");
  await page.waitForTimeout(300);  // time for an onerror or a script to fire, were there one
  const verdict = await page.evaluate(() => ({
    pwned: window.__precisPwned,
    title: document.title,
    scripts: [...document.scripts].map((s) => s.src),
    images: document.images.length,
  }));
  check(verdict.pwned === undefined, `no script from the article ran (window.__precisPwned: ${verdict.pwned})`);
  check(verdict.title === "precis: " + HOSTILE_TITLE, `document.title untouched ("${verdict.title.slice(0, 40)}...")`);
  check(verdict.scripts.length === 1 && verdict.scripts[0].endsWith("/app.js"), "the page has its own script only");
  check(verdict.images === 0, "no <img> element was made from the article");
  await page.screenshot({ path: path.join(outDir, "hostile.png"), fullPage: true });
  check(pageErrors.length === 0, `no error in the page's console${pageErrors.length ? ": " + pageErrors.join(" | ") : ""}`);
} catch (e) {
  check(false, `the test ran to its end: ${e.stack || e}`);
} finally {
  if (browser) await browser.close();
  if (server) {
    server.child.kill("SIGTERM");
    check(await server.closed === 0, "the server stops on SIGTERM");
  }
  rmSync(work, { recursive: true, force: true });
}
console.log(failures ? `browser test: ${failures} check(s) failed` : "browser test: passed");
process.exit(failures ? 1 : 0);
