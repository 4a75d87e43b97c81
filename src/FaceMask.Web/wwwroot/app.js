"use strict";
// The FaceMask upload page: sends the chosen photo to POST /api/v1/predict and draws each face's box and label
// over the photo (an SVG overlay in the photo's pixel coordinates) and lists the faces in a table. A face the model is
// unsure of (calibrated top probability below the model's threshold: "unsure": true) is drawn grey and labelled
// "unsure — best guess X (NN%)", its probabilities still listed.
(() => {
  const palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];
  const unsureColour = "#6b7280";
  const svgNs = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  let classes = [];
  let photoUrl = null;

  const colourOf = (label) => {
    let i = classes.indexOf(label);
    if (i < 0) { classes.push(label); i = classes.length - 1; }
    return palette[i % palette.length];
  };
  const percent = (p) => (p === null || p === undefined) ? "–" : (100 * p).toFixed(p >= 0.995 || p < 0.005 ? 0 : 1) + "%";
  const faceColour = (face) => face.unsure ? unsureColour : colourOf(face.label);
  const answer = (face) => face.unsure ? `unsure — best guess ${face.label}` : face.label;

  function showError(message) {
    const box = $("error");
    box.textContent = message;
    box.hidden = false;
    $("status").textContent = "";
    document.body.dataset.state = "error";
  }

  function clearResult() {
    $("error").hidden = true;
    $("result").hidden = true;
    $("overlay").replaceChildren();
    $("faces").tBodies[0].replaceChildren();
  }

  async function loadModel() {
    try {
      const response = await fetch("/api/v1/model", { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const model = await response.json();
      classes = Array.isArray(model.classes) ? model.classes.slice() : [];
      const metrics = Object.entries(model.metrics || {}).map(([k, v]) => `${k} ${typeof v === "number" ? v.toFixed(3) : v}`).join(", ");
      const calibration = model.calibration || {};
      const unsure = [
        calibration.unsureBelow > 0 ? `unsure below ${percent(calibration.unsureBelow)}` : "",
        typeof calibration.temperature === "number" && calibration.temperature !== 1 ? `temperature ${calibration.temperature.toFixed(2)}` : "",
      ].filter((t) => t).join(", ");
      $("model").textContent = `Model ${model.id} (${model.arch}, ${model.inputSize} px) — classes: ${classes.join(", ")}` + (metrics ? ` — ${metrics}` : "") + (unsure ? ` — ${unsure}` : "");
    } catch (e) {
      // the page still works without the model line
    }
  }

  async function errorMessage(response) {
    try {
      const body = await response.json();
      if (body && body.error && body.error.message) return `${body.error.message} (HTTP ${response.status})`;
    } catch (e) { /* not JSON */ }
    return `The server answered HTTP ${response.status} ${response.statusText}`.trim();
  }

  function drawOverlay(result) {
    const svg = $("overlay");
    svg.setAttribute("viewBox", `0 0 ${result.width} ${result.height}`);
    const fontSize = Math.max(10, Math.round(Math.max(result.width, result.height) / 38));
    result.faces.forEach((face, i) => {
      const colour = faceColour(face);
      const b = face.box;
      const group = document.createElementNS(svgNs, "g");
      group.setAttribute("class", face.unsure ? "face unsure" : "face");
      group.dataset.label = face.label;
      group.dataset.unsure = face.unsure ? "true" : "false";
      const rect = document.createElementNS(svgNs, "rect");
      rect.setAttribute("class", "face-box");
      rect.setAttribute("x", b.x); rect.setAttribute("y", b.y);
      rect.setAttribute("width", b.width); rect.setAttribute("height", b.height);
      rect.setAttribute("stroke", colour);
      const text = document.createElementNS(svgNs, "text");
      text.setAttribute("class", "face-label");
      text.setAttribute("fill", colour);
      text.setAttribute("font-size", fontSize);
      text.setAttribute("stroke-width", Math.max(2, fontSize / 5));
      const above = b.y - fontSize * 0.3;
      text.setAttribute("x", Math.max(0, b.x));
      text.setAttribute("y", above >= fontSize ? above : Math.min(result.height, b.y + b.height) - fontSize * 0.3);
      const p = percent(face.probabilities[face.label]);
      text.textContent = `${result.faces.length > 1 ? (i + 1) + " " : ""}${face.unsure ? `${answer(face)} (${p})` : `${face.label} ${p}`}`;
      const title = document.createElementNS(svgNs, "title");
      title.textContent = Object.entries(face.probabilities).map(([k, v]) => `${k}: ${percent(v)}`).join("\n");
      group.append(rect, text, title);
      svg.append(group);
    });
  }

  function fillTable(result) {
    const body = $("faces").tBodies[0];
    result.faces.forEach((face, i) => {
      const row = body.insertRow();
      if (face.unsure) row.className = "unsure";
      const cell = (text, cls) => { const c = row.insertCell(); c.textContent = text; if (cls) c.className = cls; return c; };
      cell(String(i + 1));
      const label = cell("", "label");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = faceColour(face);
      label.append(swatch, answer(face));
      cell(percent(face.probabilities[face.label]), "num");
      cell(face.detectorScore === null ? "whole photo" : percent(face.detectorScore), "num");
      cell(Object.entries(face.probabilities).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${percent(v)}`).join(" · "), "probs");
      const b = face.box;
      cell([b.x, b.y, b.width, b.height].map((v) => Math.round(v)).join(", "), "num");
    });
  }

  async function analyse(file) {
    clearResult();
    if (!file) return;
    document.body.dataset.state = "busy";
    $("status").textContent = `Analysing ${file.name || "the photo"}…`;
    if (photoUrl) URL.revokeObjectURL(photoUrl);
    photoUrl = URL.createObjectURL(file);
    const form = new FormData();
    form.append("file", file, file.name || "photo");
    let response;
    try {
      response = await fetch("/api/v1/predict", { method: "POST", body: form, headers: { Accept: "application/json" } });
    } catch (e) {
      showError(`Could not reach the server (${e.message}).`);
      return;
    }
    if (!response.ok) { showError(await errorMessage(response)); return; }
    const result = await response.json();
    const photo = $("photo");
    await new Promise((resolve) => { photo.onload = resolve; photo.onerror = resolve; photo.src = photoUrl; });
    drawOverlay(result);
    fillTable(result);
    const n = result.faces.length;
    const unsure = result.faces.filter((f) => f.unsure).length;
    const whole = result.faces[0];
    $("summary").textContent = result.wholeImage
      ? (whole && whole.unsure
        ? `No face found: the whole photo was classified, unsure — best guess ${whole.label}`
        : `No face found: the whole photo was classified as ${whole ? whole.label : "?"}`)
      : `${n} face${n === 1 ? "" : "s"} found` + (unsure ? `, ${unsure} unsure` : "");
    $("status").textContent = `${result.width} × ${result.height} px, model ${result.model.id}`;
    $("result").hidden = false;
    document.body.dataset.state = "done";
  }

  // shared with camera.js
  window.faceMaskPage = { colourOf, faceColour, percent, answer, errorMessage, showError, svgNs };

  function init() {
    const drop = $("drop");
    const input = $("file");
    input.addEventListener("change", () => analyse(input.files[0]));
    ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
    ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      const file = e.dataTransfer && e.dataTransfer.files[0];
      if (file) analyse(file);
    });
    document.addEventListener("dragover", (e) => e.preventDefault());
    document.addEventListener("drop", (e) => e.preventDefault());
    loadModel();
  }

  init();
})();
