/* biblioconv web page: talks to the service on the same origin (no other requests). */
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const form = $("form");
  const paste = $("paste");
  const fileInput = $("files");
  const drop = $("drop");
  const fileList = $("file-list");
  const sourceSelect = $("source");
  const targetSelect = $("target");
  const styleSearch = $("style-search");
  const styleSelect = $("style");
  const outputSelect = $("output");
  const localeInput = $("locale");
  const preview = $("preview");
  const errorLine = $("error");
  const statusLine = $("status");
  const results = $("results");
  const convertButton = $("convert");

  const CITATION_EXTENSIONS = { html: ".html", text: ".txt", markdown: ".md", rtf: ".rtf" };
  const CITATION_MEDIA = {
    html: "text/html",
    text: "text/plain",
    markdown: "text/markdown",
    rtf: "application/rtf",
  };
  const PREVIEW_ENTRIES = 3;
  const PREVIEW_LINES = 30;

  const state = {
    formats: [],
    files: [], // {id, file, detected: text shown, format: name detected, error: text, item: <li>}
    pasteDetected: null, // {text, format}
    nextId: 1,
    previewAbort: null,
    busy: false,
  };

  /* ---------- helpers ---------- */

  function debounce(fn, ms) {
    let timer = 0;
    return function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), ms);
    };
  }

  function firstLine(text) {
    const line = String(text || "").split(/\r?\n/).find((l) => l.trim()) || "";
    return line.trim();
  }

  class ServiceError extends Error {}

  /** The one-line message of a failed response (RFC 9457 problem+json "detail"). */
  async function problemMessage(response) {
    let detail = "";
    try {
      const body = await response.json();
      detail = body.detail || body.title || "";
      if (Array.isArray(detail)) {
        detail = detail.map((d) => d.msg || JSON.stringify(d)).join("; ");
      }
    } catch (_) {
      detail = "";
    }
    return firstLine(detail) || `the service answered ${response.status} ${response.statusText}`.trim();
  }

  async function request(path, options) {
    let response;
    try {
      response = await fetch(path, options);
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      throw new ServiceError("the service cannot be reached; is biblioconv serve still running?");
    }
    if (!response.ok) throw new ServiceError(await problemMessage(response));
    return response;
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== "") q.append(key, value);
    }
    const s = q.toString();
    return s ? `?${s}` : "";
  }

  function formatByName(name) {
    return state.formats.find((f) => f.name === name);
  }

  function formatTitle(name) {
    const f = formatByName(name);
    return f ? f.title : name;
  }

  /** Allow only the inline markup citation styles produce; everything else becomes text. */
  const ALLOWED_TAGS = new Set(["I", "B", "EM", "STRONG", "SUP", "SUB", "SPAN", "DIV", "A", "BR", "P", "SMALL", "U"]);
  function sanitizedFragment(html) {
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
    const out = document.createDocumentFragment();
    function copy(node, parent) {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          parent.appendChild(document.createTextNode(child.textContent));
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (ALLOWED_TAGS.has(child.tagName)) {
            const el = document.createElement(child.tagName.toLowerCase());
            const cls = child.getAttribute("class");
            if (cls && /^[\w\s-]+$/.test(cls)) el.setAttribute("class", cls);
            const style = child.getAttribute("style");
            if (style && /^\s*(font-(variant|style|weight)|text-decoration|vertical-align)\s*:\s*[\w\s-]+;?\s*$/.test(style)) {
              el.setAttribute("style", style);
            }
            if (child.tagName === "A") {
              const href = child.getAttribute("href") || "";
              if (/^(https?:|mailto:)/i.test(href)) {
                el.setAttribute("href", href);
                el.setAttribute("rel", "noopener noreferrer");
              }
            }
            copy(child, el);
            parent.appendChild(el);
          } else if (!["SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT"].includes(child.tagName)) {
            copy(child, parent);
          }
        }
      }
    }
    copy(doc.body, out);
    return out;
  }

  function setError(message) {
    errorLine.textContent = message ? firstLine(message) : "";
  }

  /* ---------- inputs ---------- */

  function inputs() {
    const list = [];
    const text = paste.value;
    if (text.trim()) {
      const detected = state.pasteDetected && state.pasteDetected.text === text ? state.pasteDetected.format : "";
      list.push({ kind: "text", name: "Pasted records", body: text, filename: "", detected });
    }
    for (const entry of state.files) {
      list.push({
        kind: "file",
        name: entry.file.name,
        body: entry.file,
        filename: entry.file.name,
        detected: entry.format || "",
      });
    }
    return list;
  }

  function describeDetection(det) {
    const title = formatTitle(det.format);
    return `Detected: ${title}`;
  }

  /** The Content-Type of a body: generic, so that the service reads or detects its format
   * (a file's own type, text/xml or application/json, would say nothing or something else). */
  function bodyType(body) {
    return typeof body === "string" ? "text/plain; charset=utf-8" : "application/octet-stream";
  }

  async function detect(body, filename) {
    const response = await request(`/detect${query({ filename })}`, {
      method: "POST",
      body,
      headers: { "Content-Type": bodyType(body) },
    });
    return response.json();
  }

  const detectPaste = debounce(async () => {
    const out = $("paste-detected");
    const text = paste.value;
    if (!text.trim()) {
      out.textContent = "";
      return;
    }
    try {
      const det = await detect(text, "");
      state.pasteDetected = { text, format: det.format };
      if (paste.value === text) out.textContent = describeDetection(det);
    } catch (err) {
      if (paste.value === text) out.textContent = `Not recognised: ${err.message}`;
    }
  }, 300);

  /** The file list: one item per file, its detected format updated in place (focus stays). */
  function renderFiles() {
    for (const entry of state.files) {
      if (!entry.item) {
        const li = document.createElement("li");
        const name = document.createElement("span");
        name.className = "file-name";
        name.textContent = entry.file.name;
        const det = document.createElement("span");
        det.className = "file-detected muted";
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "remove";
        remove.textContent = "Remove";
        remove.setAttribute("aria-label", `Remove ${entry.file.name}`);
        remove.addEventListener("click", () => {
          state.files = state.files.filter((f) => f !== entry);
          li.remove();
          schedulePreview();
          fileInput.focus();
        });
        li.append(name, det, remove);
        fileList.appendChild(li);
        entry.item = li;
      }
      entry.item.querySelector(".file-detected").textContent = entry.error
        ? `Not recognised: ${entry.error}`
        : entry.detected || "Detecting…";
    }
  }

  function addFiles(fileArray) {
    const added = [];
    for (const file of fileArray) {
      const entry = { id: state.nextId++, file, detected: "", error: "" };
      state.files.push(entry);
      added.push(entry);
    }
    renderFiles();
    for (const entry of added) {
      detect(entry.file, entry.file.name)
        .then((det) => {
          entry.detected = describeDetection(det);
          entry.format = det.format;
        })
        .catch((err) => {
          entry.error = err.message;
        })
        .finally(renderFiles);
    }
    schedulePreview();
  }

  fileInput.addEventListener("change", () => {
    addFiles(Array.from(fileInput.files || []));
    fileInput.value = "";
  });

  function hasFiles(event) {
    return event.dataTransfer && Array.from(event.dataTransfer.types || []).includes("Files");
  }
  for (const name of ["dragenter", "dragover"]) {
    document.addEventListener(name, (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      drop.classList.add("dragging");
    });
  }
  document.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null) drop.classList.remove("dragging");
  });
  document.addEventListener("drop", (event) => {
    if (!event.dataTransfer || !event.dataTransfer.files || !event.dataTransfer.files.length) return;
    event.preventDefault();
    drop.classList.remove("dragging");
    addFiles(Array.from(event.dataTransfer.files));
  });

  /* ---------- target ---------- */

  function mode() {
    return form.elements.mode.value;
  }

  function showMode() {
    const style = mode() === "style";
    $("format-box").hidden = style;
    $("style-box").hidden = !style;
    if (style && !styleSelect.options.length) searchStyles();
    schedulePreview();
  }
  for (const radio of form.elements.mode) radio.addEventListener("change", showMode);

  let styleRequest = 0;
  async function searchStyles() {
    const q = styleSearch.value.trim();
    const ticket = ++styleRequest;
    const previous = styleSelect.value;
    $("style-count").textContent = "Searching styles…";
    try {
      const response = await request(`/styles${query({ q, limit: 50 })}`);
      const styles = await response.json();
      if (ticket !== styleRequest) return;
      styleSelect.replaceChildren();
      for (const s of styles) {
        const option = document.createElement("option");
        option.value = s.id;
        option.textContent = s.title && s.title !== s.id ? `${s.title} (${s.id})` : s.id;
        styleSelect.appendChild(option);
      }
      const keep = styles.find((s) => s.id === previous) ? previous : styles.length ? styles[0].id : "";
      styleSelect.value = keep;
      $("style-count").textContent = styles.length
        ? `${styles.length}${styles.length >= 50 ? "+" : ""} style${styles.length === 1 ? "" : "s"}${q ? ` match “${q}”` : ""}.`
        : `No style matches “${q}”.`;
      if (keep !== previous) schedulePreview();
    } catch (err) {
      $("style-count").textContent = `Styles cannot be listed: ${err.message}`;
    }
  }
  styleSearch.addEventListener("input", debounce(searchStyles, 250));
  styleSearch.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && styleSelect.options.length) {
      event.preventDefault();
      styleSelect.focus();
    } else if (event.key === "Enter") {
      event.preventDefault(); // searching, not submitting
      searchStyles();
    }
  });

  for (const el of [targetSelect, styleSelect, outputSelect, sourceSelect]) {
    el.addEventListener("change", () => schedulePreview());
  }
  localeInput.addEventListener("input", debounce(() => schedulePreview(), 300));

  /** The target chosen: what to request and how to name the result. */
  function target() {
    if (mode() === "style") {
      const output = outputSelect.value;
      return {
        kind: "style",
        style: styleSelect.value,
        output,
        locale: localeInput.value.trim() || "en-US",
        extension: CITATION_EXTENSIONS[output] || ".txt",
        label: styleSelect.selectedOptions.length ? styleSelect.selectedOptions[0].textContent : styleSelect.value,
      };
    }
    const f = formatByName(targetSelect.value);
    return {
      kind: "format",
      format: targetSelect.value,
      extension: f && f.extensions && f.extensions.length ? f.extensions[0] : ".txt",
      label: f ? f.title : targetSelect.value,
    };
  }

  /* ---------- conversion ---------- */

  /** Convert one input to the target: {output, mediaType, records, sourceFormat, report}. */
  async function run(input, tgt, signal) {
    const from = sourceSelect.value;
    const common = { from, filename: input.filename };
    if (tgt.kind === "style") {
      if (!tgt.style) throw new ServiceError("choose a citation style first");
      const params = query({ ...common, style: tgt.style, format: tgt.output, locale: tgt.locale });
      const response = await request(`/cite${params}`, {
        method: "POST",
        body: input.body,
        headers: { "Content-Type": bodyType(input.body) },
        signal,
      });
      const data = await response.json();
      const entries = data.bibliography || [];
      return {
        output: joinBibliography(entries, tgt.output),
        entries,
        mediaType: CITATION_MEDIA[tgt.output] || "text/plain",
        records: entries.length,
        sourceFormat: response.headers.get("X-Biblioconv-Source-Format") || from || input.detected || "",
        report: data.report || [],
      };
    }
    const params = query({ ...common, to: tgt.format, report: "json" });
    const response = await request(`/convert${params}`, {
      method: "POST",
      body: input.body,
      headers: { Accept: "application/json", "Content-Type": bodyType(input.body) },
      signal,
    });
    const data = await response.json();
    return {
      output: data.output || "",
      mediaType: data.media_type || "text/plain",
      records: data.records,
      sourceFormat: data.source_format || "",
      report: data.report || [],
    };
  }

  function joinBibliography(entries, output) {
    if (output === "html") {
      const body = entries
        .map((e) => (/^\s*<div class="csl-entry"/.test(e) ? e : `<div class="csl-entry">${e}</div>`))
        .map((e) => `  ${e}`)
        .join("\n");
      return `<div class="csl-bib-body">\n${body}\n</div>\n`;
    }
    if (output === "rtf") {
      const body = entries.map((e) => (/^\{\\rtf/.test(e) ? e : `${e}\\par`)).join("\n");
      return entries.length && /^\{\\rtf/.test(entries[0]) ? entries.join("\n") : `{\\rtf1\\ansi\\deff0\n${body}\n}\n`;
    }
    return entries.join(output === "markdown" ? "\n\n" : "\n") + (entries.length ? "\n" : "");
  }

  /* ---------- preview ---------- */

  function showPreviewMessage(text, isError) {
    const p = document.createElement("p");
    p.className = isError ? "preview-error" : "muted";
    p.textContent = text;
    preview.replaceChildren(p);
  }

  async function updatePreview() {
    if (state.previewAbort) state.previewAbort.abort();
    const list = inputs();
    if (!list.length) {
      showPreviewMessage("Paste records or choose files to see the first entries here.");
      return;
    }
    const tgt = target();
    if (tgt.kind === "style" && !tgt.style) {
      showPreviewMessage("Choose a citation style to see the first entries.");
      return;
    }
    if (tgt.kind === "format" && !tgt.format) return;
    const controller = new AbortController();
    state.previewAbort = controller;
    preview.setAttribute("aria-busy", "true");
    try {
      const result = await run(list[0], tgt, controller.signal);
      if (controller.signal.aborted) return;
      const heading = document.createElement("p");
      heading.className = "preview-caption muted";
      const what = tgt.kind === "style" ? "entries" : "lines";
      heading.textContent = `${list[0].name} as ${tgt.label}: first ${what}`;
      preview.replaceChildren(heading);
      if (tgt.kind === "style") {
        const shown = result.entries.slice(0, PREVIEW_ENTRIES);
        if (!shown.length) {
          showPreviewMessage(`${list[0].name}: no records found.`);
          return;
        }
        const box = document.createElement("div");
        box.className = "csl-bib-body";
        for (const entry of shown) {
          const div = document.createElement("div");
          div.className = "csl-entry";
          if (tgt.output === "html") div.appendChild(sanitizedFragment(entry));
          else div.textContent = entry;
          box.appendChild(div);
        }
        preview.appendChild(box);
      } else {
        const pre = document.createElement("pre");
        const lines = result.output.split("\n");
        pre.textContent = lines.slice(0, PREVIEW_LINES).join("\n") + (lines.length > PREVIEW_LINES ? "\n…" : "");
        preview.appendChild(pre);
      }
    } catch (err) {
      if (err && err.name === "AbortError") return;
      showPreviewMessage(`${list[0].name}: ${err.message}`, true);
    } finally {
      if (state.previewAbort === controller) {
        state.previewAbort = null;
        preview.setAttribute("aria-busy", "false");
      }
    }
  }
  const schedulePreview = debounce(updatePreview, 450);

  paste.addEventListener("input", () => {
    detectPaste();
    schedulePreview();
  });
  paste.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  /* ---------- results ---------- */

  function downloadName(input, tgt) {
    let base = "records";
    if (input.kind === "file") {
      base = input.name;
      const known = state.formats
        .flatMap((f) => f.extensions || [])
        .filter((ext) => base.toLowerCase().endsWith(ext.toLowerCase()))
        .sort((a, b) => b.length - a.length);
      if (known.length) base = base.slice(0, base.length - known[0].length);
      else if (base.lastIndexOf(".") > 0) base = base.slice(0, base.lastIndexOf("."));
    }
    if (tgt.kind === "style") base = `${base}-${tgt.style.replace(/[^\w.-]+/g, "-")}`;
    return `${base || "records"}${tgt.extension}`;
  }

  function renderReport(card, report, label) {
    const details = card.querySelector(".loss");
    const summary = details.querySelector("summary");
    const tbody = details.querySelector("tbody");
    const entries = report || [];
    if (!entries.length) {
      const none = document.createElement("p");
      none.className = "loss-none";
      none.textContent = "Loss report: nothing lost.";
      details.replaceWith(none);
      return;
    }
    const bySeverity = {};
    for (const d of entries) bySeverity[d.severity || "warning"] = (bySeverity[d.severity || "warning"] || 0) + 1;
    const counts = ["error", "warning", "info"]
      .filter((s) => bySeverity[s])
      .map((s) => `${bySeverity[s]} ${s}${bySeverity[s] === 1 ? "" : "s"}`)
      .join(", ");
    summary.textContent = `Loss report: ${entries.length} entr${entries.length === 1 ? "y" : "ies"} (${counts})`;
    details.querySelector("caption").textContent = `What was lost, changed or interpreted on the way to ${label}`;
    details.querySelector(".table-scroll").setAttribute("aria-label", `Loss report of ${card.dataset.name}`);
    for (const d of entries) {
      const tr = document.createElement("tr");
      tr.setAttribute("role", "row");
      const severity = d.severity || "warning";
      const cells = [d.record || "—", d.field || "—", null, null];
      cells.forEach((value, i) => {
        const td = document.createElement("td");
        td.setAttribute("role", "cell");
        const cell = document.createElement("span");
        if (i === 2) {
          cell.textContent = d.message || "";
          if (d.code) {
            const code = document.createElement("span");
            code.className = "code";
            code.textContent = d.code;
            cell.append(" ", code);
          }
        } else if (i === 3) {
          cell.className = `severity severity-${severity}`;
          cell.textContent = severity;
        } else {
          cell.textContent = value;
        }
        td.appendChild(cell);
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    }
    details.open = true;
  }

  async function copyText(text, html) {
    if (navigator.clipboard && window.isSecureContext) {
      if (html && window.ClipboardItem) {
        try {
          await navigator.clipboard.write([
            new ClipboardItem({
              "text/plain": new Blob([text], { type: "text/plain" }),
              "text/html": new Blob([html], { type: "text/html" }),
            }),
          ]);
          return;
        } catch (_) {
          /* fall through to plain text */
        }
      }
      await navigator.clipboard.writeText(text);
      return;
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    if (!ok) throw new Error("the browser refused to copy");
  }

  function renderResult(input, tgt, result, error) {
    const card = $("result-template").content.firstElementChild.cloneNode(true);
    card.dataset.name = input.name;
    card.querySelector(".result-title").textContent = input.name;
    const meta = card.querySelector(".result-meta");
    if (error) {
      card.classList.add("failed");
      meta.textContent = `Not converted to ${tgt.label}`;
      const err = card.querySelector(".result-error");
      err.hidden = false;
      err.textContent = error;
      card.querySelector(".result-body").hidden = true;
      results.appendChild(card);
      return;
    }
    const from = result.sourceFormat ? `${formatTitle(result.sourceFormat)} → ` : "";
    const n = result.records;
    const losses = (result.report || []).filter((d) => d.severity !== "info").length;
    meta.textContent = `${from}${tgt.label} · ${n} record${n === 1 ? "" : "s"} · ${losses} loss${losses === 1 ? "" : "es"}`;
    const pre = card.querySelector(".output");
    pre.textContent = result.output;
    pre.setAttribute("aria-label", `${input.name} as ${tgt.label}`);
    if (tgt.kind === "style" && tgt.output === "html") {
      const rendered = card.querySelector(".output-rendered");
      rendered.hidden = false;
      rendered.appendChild(sanitizedFragment(result.output));
      pre.hidden = true;
    }
    const name = downloadName(input, tgt);
    const copy = card.querySelector(".copy");
    const download = card.querySelector(".download");
    const copied = card.querySelector(".copied");
    copy.setAttribute("aria-label", `Copy ${input.name} as ${tgt.label}`);
    download.setAttribute("aria-label", `Download ${name}`);
    download.textContent = `Download ${name}`;
    copy.addEventListener("click", async () => {
      try {
        const html = tgt.kind === "style" && tgt.output === "html" ? result.output : null;
        const plain = html ? card.querySelector(".output-rendered").innerText : result.output;
        await copyText(html ? plain : result.output, html);
        copied.textContent = "Copied.";
      } catch (err) {
        copied.textContent = `Not copied: ${err.message || err}`;
      }
      setTimeout(() => (copied.textContent = ""), 4000);
    });
    download.addEventListener("click", () => {
      const blob = new Blob([result.output], { type: `${result.mediaType.split(";")[0]};charset=utf-8` });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    });
    renderReport(card, result.report, tgt.label);
    results.appendChild(card);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (state.busy) return;
    setError("");
    const list = inputs();
    if (!list.length) {
      setError("Nothing to convert: paste records or choose files first.");
      paste.focus();
      return;
    }
    const tgt = target();
    if (tgt.kind === "style" && !tgt.style) {
      setError("Choose a citation style first.");
      styleSearch.focus();
      return;
    }
    state.busy = true;
    convertButton.disabled = true;
    convertButton.setAttribute("aria-busy", "true");
    $("busy").textContent = "Converting…";
    results.replaceChildren();
    $("results-section").hidden = false;
    statusLine.textContent = `Converting ${list.length} input${list.length === 1 ? "" : "s"}…`;
    let failed = 0;
    let records = 0;
    const errors = [];
    for (const input of list) {
      try {
        const result = await run(input, tgt);
        records += result.records || 0;
        renderResult(input, tgt, result, null);
      } catch (err) {
        failed += 1;
        const message = firstLine(err.message || String(err));
        errors.push(list.length > 1 || input.kind === "file" ? `${input.name}: ${message}` : message);
        renderResult(input, tgt, null, message);
      }
    }
    const done = list.length - failed;
    statusLine.textContent =
      `Converted ${done} of ${list.length} input${list.length === 1 ? "" : "s"} to ${tgt.label}: ` +
      `${records} record${records === 1 ? "" : "s"}.`;
    if (errors.length) setError(errors.length === 1 ? errors[0] : `${errors[0]} (and ${errors.length - 1} more)`);
    state.busy = false;
    convertButton.disabled = false;
    convertButton.removeAttribute("aria-busy");
    $("busy").textContent = "";
  });

  /* ---------- start ---------- */

  async function start() {
    try {
      const health = await (await request("/health")).json();
      $("version").textContent = health.version || "";
    } catch (_) {
      /* the formats request below reports the problem */
    }
    try {
      state.formats = await (await request("/formats")).json();
    } catch (err) {
      setError(`Formats cannot be listed: ${err.message}`);
      return;
    }
    const sorted = [...state.formats].sort((a, b) => a.title.localeCompare(b.title));
    for (const f of sorted) {
      if (f.write && f.name !== "citation") {
        targetSelect.add(new Option(f.title, f.name));
      }
      if (f.read) sourceSelect.add(new Option(f.title, f.name));
    }
    targetSelect.value = formatByName("csl-json") ? "csl-json" : targetSelect.options[0].value;
    if (mode() === "style") showMode();
    detectPaste();
    schedulePreview();
  }
  start();
})();
