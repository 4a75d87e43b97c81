// Opens the facemask page in Debian's headless Chromium with a fake camera that plays a Y4M file, presses "Camera",
// waits until the server has answered enough frames and reports what the page shows (boxes, labels, the running
// count) as JSON on stdout; then presses "Stop camera". A screenshot goes to the given path.
// Usage: node camera.mjs URL CAMERA.y4m SCREENSHOT.png FRAMES
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, y4m, screenshot, frames] = process.argv.slice(2);
if (!url || !y4m || !screenshot || !frames) {
  console.error("usage: node camera.mjs URL CAMERA.y4m SCREENSHOT.png FRAMES");
  process.exit(2);
}

const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${y4m}`];
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
  await page.click("#camera");
  await page.waitForFunction((n) => document.body.dataset.camera === "error" || +(document.body.dataset.cameraFrames || 0) >= n, +frames, { timeout: 120000 });
  const shown = await page.evaluate(() => ({
    state: document.body.dataset.camera,
    frames: +(document.body.dataset.cameraFrames || 0),
    error: document.getElementById("error").hidden ? null : document.getElementById("error").textContent,
    counts: document.getElementById("camera-counts").textContent,
    video: { width: document.getElementById("camera-video").videoWidth, height: document.getElementById("camera-video").videoHeight },
    boxes: [...document.querySelectorAll("#camera-overlay rect.face-box")].map((r) => {
      const b = r.getBoundingClientRect();
      return { shownWidth: b.width, shownHeight: b.height, person: +r.parentNode.dataset.person };
    }),
    labels: [...document.querySelectorAll("#camera-overlay text.face-label")].map((t) => t.textContent),
  }));
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.click("#camera-stop");
  const stopped = await page.evaluate(() => ({ state: document.body.dataset.camera, cameraButton: !document.getElementById("camera").hidden }));
  console.log(JSON.stringify({ shown, stopped, problems }));
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
