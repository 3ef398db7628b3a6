// A minimal HTTP service around citation-js 0.7, the peer of `biblioconv serve` in
// benchmarks/bench_service.py. It takes the same requests as biblioconv's service for what
// both do:
//
//   node benchmarks/peers/citation_js_server.js [--host 127.0.0.1] [--port 0]
//                                               [--max-body-bytes 10485760]
//
//   GET  /health   {"status": "ok", "version": "<@citation-js/core version>"}
//   POST /convert  body: BibTeX or RIS; source from ?from=bibtex|ris or the Content-Type
//                  (application/x-bibtex, application/x-research-info-systems); target CSL-JSON
//                  (?to=csl-json or Accept: application/vnd.citationstyles.csl+json)
//                  -> the CSL-JSON array; header X-Records: N
//   POST /cite     JSON {"input": "<BibTeX or RIS>", "from": "bibtex|ris", "items": [CSL-JSON],
//                  "style": "apa", "locale": "en-US", "format": "html|text"}
//                  -> {"style", "format", "clusters": [], "bibliography": ["<entry>", ...]}
//                  rendered by @citation-js/plugin-csl (citeproc-js)
//
// Errors are RFC 9457 problem+json: 400 malformed input or unknown style, 404, 405, 406, 413
// (body over --max-body-bytes), 415 (a source format citation-js is not asked to read here).
// Input is read as cite.js reads it: BibTeX in one `new Cite(text)`; RIS split into records by
// the plugin's file parser, each record converted on its own, the records citation-js cannot
// convert left out (counted in the X-Failed-Records header; an input whose records all fail gets
// an empty result, a 400 only when nothing in it reads as a record). One process, one thread, as a
// Node service usually runs. When it listens it prints one line to stdout:
// `listening on http://HOST:PORT` (with --port 0 the port the system chose).
//
// citation-js is loaded from benchmarks/.peers/node (installed by benchmarks/peers/setup.sh),
// or from the npm prefix named by the CITATION_JS_PREFIX environment variable.
'use strict'

const http = require('http')
const { load, readRis } = require('./citation_js')

const SOURCE_TYPES = {
  'application/x-bibtex': 'bibtex',
  'application/x-research-info-systems': 'ris'
}
const CSL_JSON = 'application/vnd.citationstyles.csl+json'

const [core, VERSION] = load()
const templates = core.plugins.config.get('@csl').templates

class Problem extends Error {
  constructor (status, title, detail) {
    super(detail)
    this.status = status
    this.title = title
  }
}

function options (argv) {
  const opts = { host: '127.0.0.1', port: 0, maxBodyBytes: 10 * 1024 * 1024 }
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]]
    if (name === '--host') opts.host = value
    else if (name === '--port') opts.port = Number(value)
    else if (name === '--max-body-bytes') opts.maxBodyBytes = Number(value)
    else throw new Error(`unknown option ${name}`)
  }
  return opts
}

function mediaType (header) {
  return (header || '').split(';')[0].trim().toLowerCase()
}

function read (text, from) {
  if (from === 'ris') {
    return readRis(core, text)
  }
  return [new core.Cite(text, { forceType: '@bibtex/text', generateGraph: false }).data, 0]
}

function records (text, from) {
  if (from !== 'bibtex' && from !== 'ris') {
    throw new Problem(415, 'Unsupported source format', `cannot read ${from || 'this input'}`)
  }
  let items, failed
  try {
    [items, failed] = read(text, from)
  } catch (error) {
    throw new Problem(400, 'Malformed input', `${from}: ${String(error.message).split('\n')[0]}`)
  }
  if (!items.length && !failed) {
    throw new Problem(400, 'Malformed input', `${from}: no record could be read`)
  }
  return [items, failed]
}

function convert (req, url, body) {
  const from = url.searchParams.get('from') || SOURCE_TYPES[mediaType(req.headers['content-type'])]
  const to = url.searchParams.get('to') || mediaType(req.headers.accept)
  if (!['csl-json', CSL_JSON, 'application/json', '*/*', ''].includes(to)) {
    throw new Problem(406, 'Not acceptable', `cannot write ${to}`)
  }
  const [items, failed] = records(body, from)
  const output = new core.Cite(items, { generateGraph: false }).format('data', { format: 'text' })
  return [200, CSL_JSON, output, { 'X-Records': items.length, 'X-Failed-Records': failed }]
}

function cite (req, url, body) {
  let request
  try {
    request = JSON.parse(body)
  } catch (error) {
    throw new Problem(400, 'Malformed request', `the body is not JSON: ${error.message}`)
  }
  const style = request.style || 'apa'
  const format = request.format || 'html'
  if (!templates.has(style)) {
    throw new Problem(400, 'Unknown style', `unknown citation style: ${style}`)
  }
  if (!['html', 'text'].includes(format)) {
    throw new Problem(400, 'Unknown output format', `unknown output format: ${format}`)
  }
  let items = request.items
  let failed = 0
  if (!Array.isArray(items)) {
    [items, failed] = records(String(request.input || ''), request.from || 'bibtex')
  }
  const entries = new core.Cite(items, { generateGraph: false }).format('bibliography', {
    template: style, lang: request.locale || 'en-US', format, asEntryArray: true
  })
  const output = JSON.stringify({
    style, format, clusters: [], bibliography: entries.map(([, entry]) => entry)
  })
  return [200, 'application/json', output, { 'X-Records': items.length, 'X-Failed-Records': failed }]
}

function route (req, url, body) {
  const routes = { '/convert': convert, '/cite': cite }
  if (url.pathname === '/health') {
    return [200, 'application/json', JSON.stringify({ status: 'ok', version: VERSION }), {}]
  }
  if (!(url.pathname in routes)) throw new Problem(404, 'Not found', `no ${url.pathname}`)
  if (req.method !== 'POST') {
    throw new Problem(405, 'Method not allowed', `${url.pathname} takes POST`)
  }
  return routes[url.pathname](req, url, body)
}

function send (res, status, type, text, headers) {
  res.writeHead(status, {
    'Content-Type': `${type}; charset=utf-8`,
    'Content-Length': Buffer.byteLength(text),
    ...headers
  })
  res.end(text)
}

function main (argv) {
  const opts = options(argv)
  const server = http.createServer((req, res) => {
    const chunks = []
    let size = 0
    req.on('data', (chunk) => {
      size += chunk.length
      if (size <= opts.maxBodyBytes) chunks.push(chunk)
    })
    req.on('end', () => {
      const url = new URL(req.url, 'http://localhost')
      try {
        if (size > opts.maxBodyBytes) {
          throw new Problem(413, 'Request body too large',
            `the request body is over ${opts.maxBodyBytes} bytes`)
        }
        send(res, ...route(req, url, Buffer.concat(chunks).toString('utf8')))
      } catch (error) {
        const problem = error instanceof Problem
          ? error
          : new Problem(500, 'Internal error', String(error.message).split('\n')[0])
        send(res, problem.status, 'application/problem+json', JSON.stringify({
          type: 'about:blank', title: problem.title, status: problem.status, detail: problem.message
        }), {})
      }
    })
  })
  server.keepAliveTimeout = 60000
  server.listen(opts.port, opts.host, () => {
    const { address, port } = server.address()
    process.stdout.write(`listening on http://${address}:${port}\n`)
  })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => process.exit(0))
  }
}

main(process.argv.slice(2))
