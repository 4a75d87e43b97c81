"use strict";
// The live camera of the FaceMask page: "Camera" opens the browser's camera (getUserMedia), starts a session on the
// server (POST /api/v1/live) and sends one frame at a time (JPEG, POST /api/v1/live/{id}/frames): the next frame goes
// when the answer to the last one has come, so the rate is the one the server keeps up with. Each answer's faces are
// drawn over the video (box, person number, the person's voted label so far) and the running count of unique people
// per class is shown above it. "Stop camera" ends the session (DELETE) and releases the camera.
(() => {
  const page = window.faceMaskPage;
  const $ = (id) => document.getElementById(id);
  const maxSide = 640;
  let running = false;
  let session = null;
  let stream = null;

  function setState(state) { document.body.dataset.camera = state; }

  function drawFaces(result) {
    const svg = $("camera-overlay");
    svg.setAttribute("viewBox", `0 0 ${result.width} ${result.height}`);
    const fontSize = Math.max(10, Math.round(Math.max(result.width, result.height) / 32));
    const groups = result.faces.map((face) => {
      const colour = page.faceColour(face);
      const b = face.box;
      const group = document.createElementNS(page.svgNs, "g");
      group.setAttribute("class", face.unsure ? "face unsure" : "face");
      group.dataset.label = face.label;
      group.dataset.person = String(face.id);
      const rect = document.createElementNS(page.svgNs, "rect");
      rect.setAttribute("class", "face-box");
      rect.setAttribute("x", b.x); rect.setAttribute("y", b.y);
      rect.setAttribute("width", b.width); rect.setAttribute("height", b.height);
      rect.setAttribute("stroke", colour);
      const text = document.createElementNS(page.svgNs, "text");
      text.setAttribute("class", "face-label");
      text.setAttribute("fill", colour);
      text.setAttribute("font-size", fontSize);
      text.setAttribute("stroke-width", Math.max(2, fontSize / 5));
      const above = b.y - fontSize * 0.3;
      text.setAttribute("x", Math.max(0, b.x));
      text.setAttribute("y", above >= fontSize ? above : Math.min(result.height, b.y + b.height) - fontSize * 0.3);
      const p = page.percent(face.probabilities[face.label]);
      text.textContent = `${face.id > 0 ? "#" + face.id + " " : ""}${face.unsure ? `${page.answer(face)} (${p})` : `${face.label} ${p}`}`;
      group.append(rect, text);
      return group;
    });
    svg.replaceChildren(...groups);
    const counts = Object.entries(result.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
    if (result.unsure > 0) counts.push(`unsure ${result.unsure}`);
    $("camera-counts").textContent = `People so far: ${result.people}` + (counts.length ? ` — ${counts.join(" · ")}` : "");
    document.body.dataset.cameraFrames = String(result.frame);
  }

  async function grab(video, canvas) {
    const scale = Math.min(1, maxSide / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
  }

  async function loop(video) {
    const canvas = document.createElement("canvas");
    while (running) {
      const blob = await grab(video, canvas);
      if (!running || !blob) break;
      let response;
      try {
        response = await fetch(`/api/v1/live/${session}/frames`, { method: "POST", body: blob, headers: { "Content-Type": "image/jpeg", Accept: "application/json" } });
      } catch (e) {
        fail(`Could not reach the server (${e.message}).`);
        return;
      }
      if (response.status === 503) { await new Promise((r) => setTimeout(r, 1000)); continue; }
      if (!response.ok) { fail(await page.errorMessage(response)); return; }
      const result = await response.json();
      if (running) drawFaces(result);
    }
  }

  function release() {
    running = false;
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    $("camera-video").srcObject = null;
    if (session) fetch(`/api/v1/live/${session}`, { method: "DELETE" }).catch(() => {});
    session = null;
    $("camera").hidden = false;
    $("camera-stop").hidden = true;
  }

  function fail(message) {
    release();
    page.showError(message);
    $("camera-status").textContent = "";
    setState("error");
  }

  async function start() {
    $("error").hidden = true;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { fail("This browser gives no camera to the page (it needs HTTPS or localhost)."); return; }
    $("camera-status").textContent = "Opening the camera…";
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    } catch (e) {
      fail(`The camera could not be opened (${e.name}: ${e.message}).`);
      return;
    }
    const video = $("camera-video");
    video.srcObject = stream;
    await video.play();
    const response = await fetch("/api/v1/live", { method: "POST", headers: { Accept: "application/json" } });
    if (!response.ok) { fail(await page.errorMessage(response)); return; }
    session = (await response.json()).session;
    running = true;
    $("camera").hidden = true;
    $("camera-stop").hidden = false;
    $("camera-view").hidden = false;
    $("camera-status").textContent = "Camera on: faces are followed and counted on the server; nothing is stored.";
    setState("running");
    loop(video);
  }

  $("camera").addEventListener("click", start);
  $("camera-stop").addEventListener("click", () => { release(); $("camera-status").textContent = "Camera off."; setState("stopped"); });
  window.addEventListener("pagehide", release);
})();
