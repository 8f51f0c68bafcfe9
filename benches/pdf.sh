#!/usr/bin/env bash
# Benchmark: `swapguide build` of the largest example guide to PDF, the whole
# process (release build), against Typst compiling a document of the same
# content (benches/typst_equivalent.py writes it); and what adding the HTML
# page costs. Reports the mean, best and median of N runs and swapguide's
# peak memory.
#
#   bash benches/pdf.sh [GUIDE] [RUNS] [LANGUAGE]
#
# The Chinese example (examples/gateway-swap-zh, its fonts copied in as
# its README says) is compared with Typst given the same Noto Sans CJK.
#
# With LANGUAGE (say `ar`), both sides set that translation alone: the
# guide's guide.<LANGUAGE>.toml, and for Typst the same text with the
# language set and the bundled fonts of its script first (Typst shapes
# and runs bidi on it as swapguide does).
#
# Besides the ratio of the two medians, each Typst compile (same fonts)
# follows a swapguide build, and the median of those pairs' ratios is
# printed too: on a noisy machine it drifts far less.
#
# Typst comes from PyPI (`pip install typst`, the typst compiler as a Python
# module); its time is measured inside a fresh Python process, around the
# compile call only, so Python's own start-up is not counted against it.
set -euo pipefail
cd "$(dirname "$0")/.."
guide=${1:-guides/fiber-swap}
runs=${2:-20}
language=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "$language" ]; then
    # A guide folder holding just that translation, as its main file.
    mkdir "$work/one"
    cp -r "$guide"/. "$work/one/"
    rm -f "$work/one"/guide.*.toml
    cp "$guide/guide.$language.toml" "$work/one/guide.toml"
    guide="$work/one"
fi

cargo build --release --quiet
bin=target/release/swapguide

python3 -c "import typst" 2>/dev/null || pip install --quiet typst
python3 benches/typst_equivalent.py "$(realpath "$guide")" "$work/guide.typ"

stats() { sort -n | awk '{a[NR]=$1; s+=$1} END {printf "mean %.1f ms, best %.1f ms, median %.1f ms", s/NR, a[1], a[int((NR+1)/2)]}'; }

# Warm the file cache once for each.
"$bin" build "$guide" --out "$work/pdf" --format pdf >/dev/null

# PDF alone and PDF + HTML, interleaved so machine noise hits both alike.
timed() {
    local start end
    start=$(date +%s%N)
    "$bin" build "$guide" --out "$work/$1" --format "$1" >/dev/null
    end=$(date +%s%N)
    echo "scale=3; ($end - $start) / 1000000" | bc
}
: > "$work/swapguide.ms"
: > "$work/both.ms"
for _ in $(seq "$runs"); do
    timed pdf >> "$work/swapguide.ms"
    timed pdf,html >> "$work/both.ms"
done

peak=0
for _ in 1 2 3; do
    kb=$(/usr/bin/time -f "%M" "$bin" build "$guide" --out "$work/pdf" --format pdf 2>&1 >/dev/null | tail -1)
    ((kb > peak)) && peak=$kb
done

# Typst twice: with the same fonts swapguide has (the like-for-like
# figure), and as its CLI runs by default, also searching the system's
# fonts (what a Typst user waits for; slower on a machine with many).
typst_runs() {
    for _ in $(seq "$runs"); do
        # Same fonts: a swapguide build just before each compile, for a
        # ratio per pair that the machine's drift moves little.
        [ "$1" != same ] || timed pdf >> "$work/paired.ms"
        python3 - "$work/guide.typ" "$work/typst.pdf" "$guide/fonts" "$1" <<'PY'
import sys, time, typst
t = time.perf_counter()
# The bundled fonts, and the fonts a guide lists in its fonts/ folder
# (Noto Sans CJK for the Chinese example).
typst.compile(sys.argv[1], output=sys.argv[2], root="/",
              font_paths=["assets/fonts", sys.argv[3]],
              ignore_system_fonts=sys.argv[4] == "same",
              pdf_standards=["a-2a", "ua-1"])
print(f"{(time.perf_counter() - t) * 1000:.3f}")
PY
    done
}
: > "$work/paired.ms"
typst_runs same > "$work/typst.ms"
typst_runs system > "$work/typst-system.ms"

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
echo "guide: $guide ($(pages "$work/pdf/"*.pdf) pages; Typst: $(pages "$work/typst.pdf") pages), $runs runs each"
echo "swapguide build --format pdf (whole process):      $(stats < "$work/swapguide.ms"), peak memory $((peak / 1024)) MB"
echo "swapguide build --format pdf,html (whole process): $(stats < "$work/both.ms")"
echo "typst compile, same fonts (in process):     $(stats < "$work/typst.ms")"
echo "typst compile, + system fonts (in process): $(stats < "$work/typst-system.ms")"
sw=$(sort -n "$work/swapguide.ms" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
ty=$(sort -n "$work/typst.ms" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
ts=$(sort -n "$work/typst-system.ms" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median ratio swapguide / typst, same fonts: $(echo "scale=2; $sw / $ty" | bc)"
echo "median ratio swapguide / typst, + system fonts: $(echo "scale=2; $sw / $ts" | bc)"
echo "median of paired ratios (each build next to a compile), same fonts: $(paste "$work/paired.ms" "$work/typst.ms" | awk '{print $1 / $2}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}')"
both=$(sort -n "$work/both.ms" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "HTML adds (median): $(echo "scale=1; $both - $sw" | bc) ms; page size $(du -k "$work/pdf,html/"*.html | cut -f1) KB"
