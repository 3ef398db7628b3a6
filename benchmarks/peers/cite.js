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
const { load, readRis } = require('./citation_js')

const FROM = ['bibtex', 'ris']
const TO = { 'csl-json': 'data', bibtex: 'bibtex' }

function main (argv) {
  const [input, from, to] = argv
  if (!input || !FROM.includes(from) || !(to in TO)) {
    process.stderr.write('usage: node cite.js INPUT bibtex|ris csl-json|bibtex\n')
    return 2
  }
  const [core] = load()
  const start = process.hrtime.bigint()
  const text = fs.readFileSync(input, 'utf8')
  let cite = null
  let failed = 0
  if (from === 'ris') {
    const [items, n] = readRis(core, text)
    cite = new core.Cite(items)
    failed = n
  } else {
    cite = new core.Cite(text, { forceType: '@bibtex/text' })
  }
  fs.writeFileSync('/dev/null', cite.format(TO[to], { format: 'text' }))
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  process.stdout.write(JSON.stringify({ records: cite.data.length, failed, seconds }) + '\n')
  return 0
}

process.exitCode = main(process.argv.slice(2))
