// Convert one file with citation-js, as the benchmarks measure it:
//
//   node benchmarks/peers/cite.js INPUT FROM TO
//
// FROM is bibtex or ris, TO is csl-json (citation-js's `.format('data')`) or bibtex. The file is
// read, parsed, formatted and written to /dev/null; one JSON line
// {"records": N, "failed": K, "seconds": S} goes to stdout (K: records citation-js could not
// convert, left out of N; S: the time taken after citation-js was loaded).
//
// BibTeX: the whole file in one `new Cite(text)` (as a user would; crossrefs need every entry).
// RIS: citation-js 0.7 stops a whole file at the first record it cannot convert (a record with
// two DO lines fails with "Failed to convert DO to DOI"), so the file is split into records by
// the plugin's own file parser (`@ris/file`) and each record goes through citation-js's input
// chain on its own; the records that fail are counted and left out, then `new Cite(items)`.
//
// citation-js is loaded from benchmarks/.peers/node (installed by benchmarks/peers/setup.sh),
// or from the npm prefix named by the CITATION_JS_PREFIX environment variable.
'use strict'

const fs = require('fs')
const path = require('path')
const { createRequire } = require('module')

const FROM = ['bibtex', 'ris']
const TO = { 'csl-json': 'data', bibtex: 'bibtex' }

function load () {
  const prefix = process.env.CITATION_JS_PREFIX || path.join(__dirname, '..', '.peers', 'node')
  const req = createRequire(path.join(path.resolve(prefix), 'noop.js'))
  const core = req('@citation-js/core')
  req('@citation-js/plugin-bibtex')
  req('@citation-js/plugin-ris')
  req('@citation-js/plugin-csl')
  return core
}

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
  return [new core.Cite(items), failed]
}

function main (argv) {
  const [input, from, to] = argv
  if (!input || !FROM.includes(from) || !(to in TO)) {
    process.stderr.write('usage: node cite.js INPUT bibtex|ris csl-json|bibtex\n')
    return 2
  }
  const core = load()
  const start = process.hrtime.bigint()
  const text = fs.readFileSync(input, 'utf8')
  const [cite, failed] = from === 'ris'
    ? readRis(core, text)
    : [new core.Cite(text, { forceType: '@bibtex/text' }), 0]
  fs.writeFileSync('/dev/null', cite.format(TO[to], { format: 'text' }))
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  process.stdout.write(JSON.stringify({ records: cite.data.length, failed, seconds }) + '\n')
  return 0
}

process.exitCode = main(process.argv.slice(2))
