#!/usr/bin/env bash
# Benchmark: a mailer campaign of the largest example guide, one
# personalised PDF per customer (release build), on the real workload:
# every customer has a prepaid label file of their own, half of them a
# 4 × 6 in 203-dpi PNG (a thermal printer's label, with a barcode unique to
# the row), half a PDF (the sample carrier label, made unique per row), so
# no row reuses another's label. Reports PDFs per second, peak memory and
# the largest PDF. LABELS=shared puts one shared label on one row in five
# instead (the old, too-kind workload), to compare. PRINT=1 also binds the
# PDFs into one print file with its manifest (--print-file), to measure
# what that adds.
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
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work" "$work".print.*' EXIT
[ -z "${KEEP:-}" ] || echo "work folder: $work"

# BIN=path times another build of swapguide (an earlier commit's, say).
if [ -n "${BIN:-}" ]; then
    bin=$(realpath "$BIN")
else
    cargo build --release --quiet
    bin=$(realpath target/release/swapguide)
fi

mkdir -p "$work/labels"
# One label file per row: odd rows a PNG, even rows a PDF.
python3 - "$work/labels" "$rows" "${LABELS:-own}" <<'PY'
import random, struct, sys, zlib
INK = bytes(0 if b < 40 else 255 for b in range(256))
folder, rows, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pdf = open("campaigns/gateway-swap/labels/C-1001.pdf", "rb").read()
def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
def png(i):
    w, h = 812, 1218  # 4 x 6 in at 203 dpi
    # A barcode whose bars follow the row's number, lines and white.
    bits = bin(i * 2654435761 % (1 << 32))[2:].zfill(32)
    bars = b"\x00" + bytes(0 if bits[(x // 12) % 32] == "1" else 255 for x in range(w))
    rule, white = b"\x00" + bytes(w), b"\x00" + bytes([255]) * w
    rows_ = [bars if 200 <= y < 500 else rule if y % 97 < 3 else white for y in range(h)]
    # Addresses and routing text: ink that differs on every line and row,
    # so each label compresses like a real one (tens of KB), not to nothing.
    rng = random.Random(i)
    for y in range(620, 1100):
        if y % 24 < 14:
            rows_[y] = b"\x00" + rng.randbytes(w).translate(INK)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", 7992, 7992, 1))
            + chunk(b"IDAT", zlib.compress(b"".join(rows_), 6)) + chunk(b"IEND", b""))
if mode == "shared":
    open(f"{folder}/carrier.pdf", "wb").write(pdf)
    open(f"{folder}/carrier.png", "wb").write(png(1))
else:
    for i in range(1, rows + 1):
        if i % 2:
            open(f"{folder}/C-{i:06d}.png", "wb").write(png(i))
        else:
            open(f"{folder}/C-{i:06d}.pdf", "wb").write(pdf + f"\n%customer C-{i:06d}\n".encode())
PY
awk -v rows="$rows" -v mode="${LABELS:-own}" 'BEGIN {
    print "id,first_name,language,ship_date,wifi_ssid,wifi_password,return_label,rma,return_qr_code"
    split("Ada José Grace Łukasz Nguyễn Zoë Søren Amélie", names, " ")
    for (i = 1; i <= rows; i++) {
        label = sprintf("labels/C-%06d.%s", i, i % 2 ? "png" : "pdf")
        if (mode == "shared") {
            label = ""
            if (i % 10 == 3) label = "labels/carrier.pdf"
            if (i % 10 == 7) label = "labels/carrier.png"
        }
        printf "C-%06d,%s,en,2026-12-%02d,Home-%d,pass;word\"%d,%s,RMA-%08d,LB-%d\n",
            i, names[i % 8 + 1], i % 28 + 1, i, i, label, i, i * 7
    }
}' > "$work/customers.csv"

# The exit status is 0 (every row built) or 1 (some failed; a benchmark
# campaign should have none).
print=()
[ -z "${PRINT:-}" ] || print=(--print-file "$work.print.pdf")
/usr/bin/time -f "%e %M %U %S" -o "$work/time" \
    "$bin" build "$guide" --customers "$work/customers.csv" --out "$work/out" \
    --format "$format" "${print[@]}" > "$work/log" 2>&1 || { cat "$work/log"; exit 1; }
read -r seconds kib user sys < "$work/time"; echo "cpu: user ${user}s sys ${sys}s"
pdfs=$(find "$work/out" -name '*.pdf' | wc -l)
largest=$(find "$work/out" -name '*.pdf' -printf '%s\n' | sort -n | tail -1)
failed=$(grep -c ',failed,' "$work/out/report.csv" || true)
awk -v s="$seconds" -v n="$pdfs" -v k="$kib" -v big="$largest" -v rows="$rows" -v f="$failed" 'BEGIN {
    printf "%d rows: %d PDFs in %.2f s = %.0f PDFs/s; peak memory %.0f MB; largest PDF %.0f KB; %d failed\n",
        rows, n, s, n / s, k / 1024, big / 1024, f
}'
[ -z "${PRINT:-}" ] || echo "print file: $(($(stat -c %s "$work.print.pdf") >> 20)) MB, $(grep -o '([0-9]* pages' "$work/log" | tr -d '(')"
