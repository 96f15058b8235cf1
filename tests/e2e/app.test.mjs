// End-to-end test of the web app: Debian's Chromium, driven by
// playwright-core, against the release sandbox server serving the built app
// (what `cargo xtask serve` runs), and against a plain static server (the
// in-browser sandbox fallback).
//
// Inputs (set by `cargo xtask e2e`, defaults relative to the repository):
//   TC_SANDBOX_BIN  the tc-sandbox binary   (target/release/tc-sandbox)
//   TC_WEB_DIST     the built app            (target/web-dist)
//   TC_SCREENSHOTS  where screenshots go     (target/screenshots)
//   CHROMIUM        the browser              (/usr/bin/chromium)

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const serverBin = process.env.TC_SANDBOX_BIN ?? join(root, "target/release/tc-sandbox");
const dist = process.env.TC_WEB_DIST ?? join(root, "target/web-dist");
const shots = process.env.TC_SCREENSHOTS ?? join(root, "target/screenshots");
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const TAG = "Case 42/Review now";
const SNIPPET = "Beacon to hxxp://evil[.]example/login.php and 198.51.100[.]23";

let server; // the sandbox server process
let origin; // its http://127.0.0.1:PORT
let context; // the browser
let profile; // its fresh user-data-dir
const problems = []; // console errors, page errors, CSP violations, HTTP errors

/** The problems so far, less the expected 404s (an indicator that does not
 * exist yet; the probe for a sandbox server on a static host), emptied. */
function unexpectedProblems(expected) {
  const seen = problems.splice(0);
  const expectedUrls = seen.filter((p) => expected.some((re) => re.test(p))).length;
  // Chromium also logs each failed fetch to the console, without its URL.
  let consoleAllowance = expectedUrls;
  return seen.filter((p) => {
    if (expected.some((re) => re.test(p))) return false;
    if (consoleAllowance > 0 && /Failed to load resource: .* 404/.test(p)) {
      consoleAllowance -= 1;
      return false;
    }
    return true;
  });
}

/** Starts the sandbox server on a free port and reads the port from its stdout. */
function startServer() {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(serverBin, ["--listen", "127.0.0.1:0", "--dist", dist], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const timer = setTimeout(() => reject(new Error("the server did not announce its address in 20 s")), 20_000);
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ child, origin: m[1] });
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the server exited early (${code}): ${out}`)));
  });
}

/** A static file server for the built app, with no API behind it. */
function startStatic() {
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
  const http = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
    const file = join(dist, path === "" ? "index.html" : path);
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => http.listen(0, "127.0.0.1", () => ok(http)));
}

async function newPage(viewport = { width: 1280, height: 900 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(15_000);
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return page;
}

async function lookup(page, text) {
  await page.locator("body").press("/");
  const box = page.getByTestId("lookup-input");
  assert.ok(await box.evaluate((el) => el === document.activeElement), "`/` focuses the lookup box");
  await box.fill(text);
  await page.getByTestId("lookup-submit").click();
}

/** The card of one value (in its first owner). */
function card(page, value) {
  return page
    .getByTestId("indicator-card")
    .filter({ has: page.getByTestId("indicator-value").getByText(value, { exact: true }) })
    .first();
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  ({ child: server, origin } = await startServer());
  profile = mkdtempSync(join(tmpdir(), "tc-e2e-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: ARGS,
  });
});

after(async () => {
  await context?.close();
  if (server?.pid) {
    server.removeAllListeners("exit");
    process.kill(server.pid, "SIGTERM");
  }
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Runs a test body; on failure saves a screenshot of every open page. */
async function shootOnFailure(name, body) {
  problems.length = 0;
  try {
    await body();
  } catch (e) {
    for (const [i, p] of context.pages().entries()) {
      await p.screenshot({ path: join(shots, `failure-${name}-${i}.png`), fullPage: true }).catch(() => {});
    }
    throw e;
  }
}

test("lookup, create, tag, tags page, untag, settings against the sandbox server", { timeout: 120_000 }, () => shootOnFailure("server", async () => {
  const page = await newPage();
  await page.goto(`${origin}/`);
  await page.getByTestId("lookup-input").waitFor();
  await page.getByText(`demo sandbox at ${origin}/api`).waitFor();

  // The defanged snippet: the URL is not in the demo data, the address is.
  await lookup(page, SNIPPET);
  await page.getByText("2 indicators found").waitFor();
  const notFound = page.getByTestId("indicator-not-found");
  await notFound.waitFor();
  await notFound.getByTestId("indicator-create").click();
  await card(page, "http://evil.example/login.php").waitFor();
  const address = card(page, "198.51.100.23");
  await address.waitFor();
  await address.getByText("TLP:GREEN").waitFor();
  await address.getByText("C2/Infrastructure").waitFor();

  // A tag with a slash and spaces, added in place.
  await address.getByTestId("tag-add-input").fill(TAG);
  await address.getByTestId("tag-add-submit").click();
  await address.getByTestId("tag-chip").filter({ hasText: TAG }).waitFor();
  await page.screenshot({ path: join(shots, "lookup.png"), fullPage: true });

  // The tags page finds it and lists the address under it.
  await page.getByRole("link", { name: "Tags", exact: true }).click();
  await page.getByTestId("tags-search").fill("Case 42");
  const row = page.getByTestId("tag-row").filter({ hasText: TAG });
  await row.waitFor();
  await row.getByRole("button").click();
  const detail = page.getByTestId("tag-detail");
  const item = detail.getByTestId("tag-item").filter({ hasText: "198.51.100.23" });
  await item.waitFor();
  await page.screenshot({ path: join(shots, "tags.png"), fullPage: true });

  // Remove it from the selected item, with a result for that item.
  await item.getByRole("checkbox").check();
  await detail.getByTestId("bulk-remove").click();
  await detail.getByTestId("bulk-result").filter({ hasText: "✓" }).waitFor();
  await detail.getByText("0 items", { exact: true }).waitFor();

  // Back on the lookup page the chip is gone.
  await page.getByRole("link", { name: "Lookup", exact: true }).click();
  await card(page, "198.51.100.23").getByText("C2/Infrastructure").waitFor();
  assert.equal(await card(page, "198.51.100.23").getByTestId("tag-chip").filter({ hasText: TAG }).count(), 0);

  // Settings: the connection test answers with the demo user.
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  const base = page.getByTestId("settings-base-url");
  assert.equal(await base.inputValue(), `${origin}/api`);
  await page.getByTestId("connection-test").click();
  await page.getByTestId("connection-status").getByText("Connected").waitFor();
  await page.screenshot({ path: join(shots, "settings.png"), fullPage: true });
  await page.close();

  // Phone width.
  const phone = await newPage({ width: 390, height: 844 });
  await phone.goto(`${origin}/#/lookup`);
  await phone.getByTestId("lookup-input").waitFor();
  await lookup(phone, "Seen: evil[.]example");
  await card(phone, "evil.example").waitFor();
  await phone.screenshot({ path: join(shots, "lookup-phone.png"), fullPage: true });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at phone width (overflow ${overflow}px)`);
  await phone.close();

  const notYet = /^http 404: GET .*\/api\/v2\/indicators\/urls\/http%3A%2F%2Fevil\.example%2Flogin\.php\/owners$/;
  assert.deepEqual(unexpectedProblems([notYet]), [], "no console errors, page errors or CSP violations");
}));

test("static files without the server use the in-browser sandbox", { timeout: 60_000 }, () => shootOnFailure("static", async () => {
  const http = await startStatic();
  try {
    const page = await newPage();
    const { port } = http.address();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByText("demo sandbox in this page (no server)").waitFor();
    await lookup(page, "Seen: evil[.]example");
    const c = card(page, "evil.example");
    await c.waitFor();
    await c.getByTestId("tag-chip").filter({ hasText: "APT-Sandbox" }).waitFor();
    await page.close();
    // The probe of /api/v2/whoami answers 404 on a static host.
    assert.deepEqual(unexpectedProblems([/^http 404: GET .*\/api\/v2\/whoami$/]), []);
  } finally {
    http.close();
  }
}));
