// Opens swapguide HTML pages in headless Chromium as a customer's phone
// would (360 px wide, from file://, with every other request blocked) and
// checks what the issue asks:
//   - no request leaves the file (each attempt is blocked and counted),
//   - no console error,
//   - no axe-core violation of WCAG 2.0/2.1/2.2 A and AA,
//   - no sideways scrolling at 360 px,
//   - a ticked step, and a ticked item in the box, are still ticked after
//     a reload,
//   - in the dark scheme the logo sits on a light plate.
// Screenshots go to the folder given by SWAPGUIDE_ARTIFACTS.
//
//   node tests/browser/check.mjs PAGE.html…
// Prints one JSON line per page; exits 1 if any page fails.

import { readFileSync, mkdirSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const artifacts = process.env.SWAPGUIDE_ARTIFACTS || "target/browser-artifacts";
mkdirSync(artifacts, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

let failed = false;
for (const file of process.argv.slice(2)) {
  const url = pathToFileURL(resolve(file)).href;
  const result = { page: file, outside: [], console: [], violations: [], overflow: 0, kept: null, dir: "", lang: "" };
  // bypassCSP: the page's own policy would block a stray request before
  // the route below could see and count it.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, bypassCSP: true });
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u === url || u.startsWith("data:")) return route.continue();
    result.outside.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") result.console.push(m.text()); });
  page.on("pageerror", (e) => result.console.push(String(e)));
  await page.goto(url, { waitUntil: "load" });

  result.overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  // The page's direction and language, as the browser sees them.
  result.dir = await page.evaluate(() => getComputedStyle(document.documentElement).direction);
  result.lang = await page.evaluate(() => document.documentElement.lang);

  await page.evaluate(axeSource);
  const axe = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      resultTypes: ["violations"],
    }));
  result.violations = axe.violations.map((v) => ({
    id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));

  const name = basename(file, ".html");
  await page.screenshot({ path: `${artifacts}/${name}-360.png`, fullPage: true });

  // Tick the first step and the first item in the box, reload, and find
  // them still ticked.
  const first = page.locator("input[data-step]").first();
  const item = page.locator("input[data-tick]").first();
  if (await first.count()) {
    await first.check();
    if (await item.count()) await item.check();
    await page.reload({ waitUntil: "load" });
    result.kept = await page.locator("input[data-step]").first().isChecked();
    if (await item.count()) {
      result.kept = result.kept && await page.locator("input[data-tick]").first().isChecked();
    }
    await page.screenshot({ path: `${artifacts}/${name}-360-ticked.png` });
  }

  await page.emulateMedia({ colorScheme: "dark" });
  // A logo drawn for white paper sits on a light plate in the dark scheme.
  result.plate = await page.evaluate(() => {
    const logo = document.querySelector(".provider .logo");
    return !logo || getComputedStyle(logo).backgroundColor === "rgb(255, 255, 255)";
  });
  await page.evaluate(axeSource);
  const dark = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "rule", values: ["color-contrast"] }, resultTypes: ["violations"] }));
  for (const v of dark.violations) {
    result.violations.push({ id: `${v.id} (dark)`, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) });
  }
  await page.screenshot({ path: `${artifacts}/${name}-360-dark.png`, fullPage: true });
  await context.close();

  const ok = result.outside.length === 0 && result.console.length === 0 &&
    result.violations.length === 0 && result.overflow <= 0 && result.kept !== false &&
    result.plate;
  if (!ok) failed = true;
  console.log(JSON.stringify({ ok, ...result }));
}
await browser.close();
process.exit(failed ? 1 : 0);
