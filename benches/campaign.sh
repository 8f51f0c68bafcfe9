#!/usr/bin/env bash
# Benchmark: a mailer campaign of the largest example guide, one
# personalised PDF per customer (release build). Generates ROWS customers
# (every tenth with a PDF label, every tenth with a 203-dpi PNG label, the
# rest with none), builds them, and reports PDFs per second, peak memory
# and the largest PDF.
#
#   bash benches/campaign.sh [ROWS] [GUIDE] [FORMAT]
#
# Run it at 2,000 and at 20,000 rows to see that memory stays flat.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-2000}
guide=${2:-guides/fiber-swap}
format=${3:-pdf}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=$(realpath target/release/swapguide)

mkdir -p "$work/labels"
cp campaigns/gateway-swap/labels/C-1001.pdf "$work/labels/carrier.pdf"
cp campaigns/gateway-swap/labels/C-1002.png "$work/labels/carrier.png"
awk -v rows="$rows" 'BEGIN {
    print "id,first_name,language,ship_date,wifi_ssid,wifi_password,return_label,rma,return_qr_code"
    split("Ada José Grace Łukasz Nguyễn Zoë Søren Amélie", names, " ")
    for (i = 1; i <= rows; i++) {
        label = ""
        if (i % 10 == 3) label = "labels/carrier.pdf"
        if (i % 10 == 7) label = "labels/carrier.png"
        printf "C-%06d,%s,en,2026-12-%02d,Home-%d,pass;word\"%d,%s,RMA-%08d,LB-%d\n",
            i, names[i % 8 + 1], i % 28 + 1, i, i, label, i, i * 7
    }
}' > "$work/customers.csv"

# The exit status is 0 (every row built) or 1 (some failed; a benchmark
# campaign should have none).
/usr/bin/time -f "%e %M %U %S" -o "$work/time" \
    "$bin" build "$guide" --customers "$work/customers.csv" --out "$work/out" \
    --format "$format" > "$work/log" 2>&1 || { cat "$work/log"; exit 1; }
read -r seconds kib user sys < "$work/time"; echo "cpu: user ${user}s sys ${sys}s"
pdfs=$(find "$work/out" -name '*.pdf' | wc -l)
largest=$(find "$work/out" -name '*.pdf' -printf '%s\n' | sort -n | tail -1)
failed=$(grep -c ',failed,' "$work/out/report.csv" || true)
awk -v s="$seconds" -v n="$pdfs" -v k="$kib" -v big="$largest" -v rows="$rows" -v f="$failed" 'BEGIN {
    printf "%d rows: %d PDFs in %.2f s = %.0f PDFs/s; peak memory %.0f MB; largest PDF %.0f KB; %d failed\n",
        rows, n, s, n / s, k / 1024, big / 1024, f
}'
