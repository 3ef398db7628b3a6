// citation-js 0.7 as the benchmarks load it, shared by cite.js and citation_js_server.js:
// from benchmarks/.peers/node (installed by benchmarks/peers/setup.sh) or the npm prefix named
// by the CITATION_JS_PREFIX environment variable, with the BibTeX, RIS and CSL plugins.
'use strict'

const path = require('path')
const { createRequire } = require('module')

// -> [core, version of @citation-js/core]
function load () {
  const prefix = process.env.CITATION_JS_PREFIX || path.join(__dirname, '..', '.peers', 'node')
  const req = createRequire(path.join(path.resolve(prefix), 'noop.js'))
  const core = req('@citation-js/core')
  req('@citation-js/plugin-bibtex')
  req('@citation-js/plugin-ris')
  req('@citation-js/plugin-csl')
  return [core, req('@citation-js/core/package.json').version]
}

// RIS record by record: citation-js 0.7 stops a whole file at the first record it cannot
// convert, so each record goes through its input chain on its own; those that fail are counted
// and left out. -> [CSL-JSON items, failed]
function readRis (core, text) {
  const items = []
  let failed = 0
  for (const record of core.plugins.input.data(text, '@ris/file')) {
    try {
      items.push(...core.plugins.input.chain(record, { generateGraph: false }))
    } catch (error) {
      failed++
    }
  }
  return [items, failed]
}

module.exports = { load, readRis }
