#!/usr/bin/env bash
# Install the peer tools the benchmarks compare biblioconv with, under benchmarks/.peers/
# (git-ignored), without touching the project's virtual environment or its dependencies:
#
#   benchmarks/.peers/node   citation-js 0.7 (@citation-js/core, plugin-bibtex, plugin-ris,
#                            plugin-csl) installed with npm; driven by benchmarks/peers/cite.js
#                            and served by benchmarks/peers/citation_js_server.js
#   benchmarks/.peers/venv   a separate Python virtual environment with commonmeta-py 0.312,
#                            rispy 0.10 (bench_ris.py's baseline) and pypandoc-binary (a wheel
#                            that ships a static pandoc 3 binary)
#   benchmarks/.peers/bin    pandoc -> the binary from that wheel
#
#   bash benchmarks/peers/setup.sh [--no-node] [--no-python] [--no-pandoc]
#
# Each part is skipped when its client (npm, python3) is missing. The benchmark scripts use a
# peer when it is installed here (pandoc: here, else the first `pandoc` on PATH) and print
# "<peer>: not installed (benchmarks/peers/setup.sh)" otherwise. The versions installed are
# written to benchmarks/.peers/VERSIONS. Environment overrides: PYTHON (the interpreter for the
# peers' venv, default python3), CITATION_JS (npm version range, default ~0.7.0),
# COMMONMETA (pip requirement, default commonmeta-py==0.312), RISPY (pip requirement, default
# rispy==0.10.0), PYPANDOC (pip requirement, default
# pypandoc-binary==1.17).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS="$(dirname "$HERE")/.peers"
PYTHON="${PYTHON:-python3}"
CITATION_JS="${CITATION_JS:-~0.7.0}"
COMMONMETA="${COMMONMETA:-commonmeta-py==0.312}"
RISPY="${RISPY:-rispy==0.10.0}"
PYPANDOC="${PYPANDOC:-pypandoc-binary==1.17}"

want_node=1
want_python=1
want_pandoc=1
for arg in "$@"; do
    case "$arg" in
        --no-node) want_node=0 ;;
        --no-python) want_python=0 ;;
        --no-pandoc) want_pandoc=0 ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "setup.sh: unknown option $arg" >&2
            exit 2
            ;;
    esac
done

mkdir -p "$PEERS"
versions="$PEERS/VERSIONS"
: >"$versions"

if [[ $want_node == 1 ]]; then
    if command -v npm >/dev/null; then
        echo "== citation-js $CITATION_JS with npm into $PEERS/node"
        mkdir -p "$PEERS/node"
        npm install --prefix "$PEERS/node" --no-audit --no-fund --loglevel=error \
            "@citation-js/core@$CITATION_JS" "@citation-js/plugin-bibtex@$CITATION_JS" \
            "@citation-js/plugin-ris@$CITATION_JS" "@citation-js/plugin-csl@$CITATION_JS"
        for pkg in core plugin-bibtex plugin-ris plugin-csl; do
            v="$(node -p "require('$PEERS/node/node_modules/@citation-js/$pkg/package.json').version")"
            echo "@citation-js/$pkg $v" | tee -a "$versions"
        done
        echo "node $(node --version)" | tee -a "$versions"
    else
        echo "== npm not found: citation-js not installed"
    fi
fi

if [[ $want_python == 1 || $want_pandoc == 1 ]]; then
    if command -v "$PYTHON" >/dev/null; then
        if [[ ! -x "$PEERS/venv/bin/python" ]]; then
            echo "== virtual environment $PEERS/venv ($("$PYTHON" --version))"
            "$PYTHON" -m venv "$PEERS/venv"
        fi
        pip=("$PEERS/venv/bin/python" -m pip install --quiet --disable-pip-version-check)
        if [[ $want_python == 1 ]]; then
            echo "== $COMMONMETA"
            "${pip[@]}" "$COMMONMETA"
            v="$("$PEERS/venv/bin/python" -c \
                'import importlib.metadata as m; print(m.version("commonmeta-py"))')"
            echo "commonmeta-py $v" | tee -a "$versions"
            echo "== $RISPY"
            "${pip[@]}" "$RISPY"
            v="$("$PEERS/venv/bin/python" -c 'import importlib.metadata as m; print(m.version("rispy"))')"
            echo "rispy $v" | tee -a "$versions"
        fi
        if [[ $want_pandoc == 1 ]]; then
            echo "== pandoc from $PYPANDOC"
            "${pip[@]}" "$PYPANDOC"
            binary="$("$PEERS/venv/bin/python" -c \
                'import pathlib, pypandoc; print(pathlib.Path(pypandoc.__file__).parent / "files" / "pandoc")')"
            mkdir -p "$PEERS/bin"
            ln -sf "$binary" "$PEERS/bin/pandoc"
            echo "$("$PEERS/bin/pandoc" --version | head -n 1)" | tee -a "$versions"
        fi
    else
        echo "== $PYTHON not found: commonmeta-py and pandoc not installed"
    fi
fi

if [[ $want_pandoc == 1 && ! -x "$PEERS/bin/pandoc" ]] && command -v pandoc >/dev/null; then
    echo "pandoc on PATH: $(pandoc --version | head -n 1)" | tee -a "$versions"
fi
echo "== installed peers listed in $versions"
