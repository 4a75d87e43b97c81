// Opens the facemask page in Debian's headless Chromium, uploads a photo through the file picker, waits for the
// annotated result and reports what the page shows as JSON on stdout; then uploads a non-image and reports the error
// the page shows. Screenshots go to the given path (desktop) and <path>.phone.png (390 px wide).
// Usage: node upload.mjs URL PHOTO SCREENSHOT.png BAD_FILE
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, photo, screenshot, badFile] = process.argv.slice(2);
if (!url || !photo || !screenshot || !badFile) {
  console.error("usage: node upload.mjs URL PHOTO SCREENSHOT.png BAD_FILE");
  process.exit(2);
}

const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const profile = mkdtempSync(join(tmpdir(), "facemask-web-chromium-"));
const problems = [];
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", headless: true, args: flags, viewport: { width: 1100, height: 900 },
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));

  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => document.getElementById("model").textContent.length > 0, null, { timeout: 15000 });
  await page.setInputFiles("#file", photo);
  await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.state), null, { timeout: 90000 });
  const shown = await page.evaluate(() => {
    const img = document.getElementById("photo");
    return {
      state: document.body.dataset.state,
      error: document.getElementById("error").hidden ? null : document.getElementById("error").textContent,
      summary: document.getElementById("summary").textContent,
      status: document.getElementById("status").textContent,
      model: document.getElementById("model").textContent,
      photo: { naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, shownWidth: img.getBoundingClientRect().width },
      viewBox: document.getElementById("overlay").getAttribute("viewBox"),
      boxes: [...document.querySelectorAll("#overlay rect.face-box")].map((r) => {
        const b = r.getBoundingClientRect();
        return {
          x: +r.getAttribute("x"), y: +r.getAttribute("y"), width: +r.getAttribute("width"), height: +r.getAttribute("height"),
          shownWidth: b.width, shownHeight: b.height, stroke: getComputedStyle(r).stroke, unsure: r.parentNode.dataset.unsure === "true",
        };
      }),
      labels: [...document.querySelectorAll("#overlay text.face-label")].map((t) => t.textContent),
      rows: [...document.querySelectorAll("#faces tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent)),
      unsureRows: [...document.querySelectorAll("#faces tbody tr")].map((tr) => tr.classList.contains("unsure")),
    };
  });
  await page.screenshot({ path: screenshot, fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  await page.screenshot({ path: screenshot.replace(/\.png$/, "") + ".phone.png", fullPage: true });

  const problemsBeforeBadFile = problems.splice(0);
  await page.setInputFiles("#file", badFile);
  await page.waitForFunction(() => document.body.dataset.state === "error", null, { timeout: 30000 });
  const bad = await page.evaluate(() => ({ error: document.getElementById("error").textContent, resultHidden: document.getElementById("result").hidden }));

  console.log(JSON.stringify({ shown, phone, bad, problems: problemsBeforeBadFile, badProblems: problems }));
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
