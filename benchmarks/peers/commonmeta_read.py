"""Read DataCite XML records with commonmeta-py, as the DataCite benchmark measures it.

    benchmarks/.peers/venv/bin/python benchmarks/peers/commonmeta_read.py RESOURCES.jsonl [csl]

Runs in the peers' own virtual environment (``benchmarks/peers/setup.sh``), never the project's.
commonmeta reads one DataCite XML document per call,
``commonmeta.Metadata(xml, via="datacite_xml")`` (with its defaults, schema validation included),
so the benchmark splits its OAI-PMH stream into single ``<resource>`` documents beforehand, outside
the measured process: RESOURCES.jsonl holds one document per line as a JSON string. Every record
is read; one JSON line ``{"records": N, "failed": K, "seconds": S}`` goes to stdout (K: documents
commonmeta raised an error on, not counted in N; S: the time taken after commonmeta was imported).
With ``csl``, each record read is also written as CSL-JSON (``Metadata.write(to="csl")``): the
whole DataCite XML -> CSL-JSON conversion.
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> int:
    """Read every document of the file named by ``argv[0]``; print the counts."""
    if len(argv) not in (1, 2) or argv[1:] not in ([], ["csl"]):
        print(__doc__, file=sys.stderr)
        return 2
    to_csl = argv[1:] == ["csl"]
    import commonmeta

    start = time.perf_counter()
    records = failed = 0
    with open(argv[0], encoding="utf-8") as fh:
        for line in fh:
            try:
                metadata = commonmeta.Metadata(json.loads(line), via="datacite_xml")
                if to_csl:
                    metadata.write(to="csl")
            except Exception:
                failed += 1
            else:
                records += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"records": records, "failed": failed, "seconds": seconds}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
