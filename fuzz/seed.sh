#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs from the repository: every
# guide file, the READMEs and docs (Markdown) and the example customer CSV.
# The corpus itself is not committed; crashes found are kept as regression
# fixtures under tests/fixtures/fuzz/ (see docs/hardening.md).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/guide_check fuzz/corpus/markdown fuzz/corpus/customer_csv fuzz/corpus/label_file
n=0
while IFS= read -r -d '' f; do
  # Skip the over-1 MB fixture: libFuzzer truncates inputs anyway.
  [ "$(stat -c %s "$f")" -gt 200000 ] && continue
  n=$((n + 1))
  cp "$f" "fuzz/corpus/guide_check/seed-$n.toml"
done < <(find guides tests/fixtures -name 'guide*.toml' -print0)
n=0
for f in README.md docs/*.md; do
  n=$((n + 1))
  cp "$f" "fuzz/corpus/markdown/seed-$n.md"
done
cp campaigns/gateway-swap/customers.csv fuzz/corpus/customer_csv/seed-1.csv
printf 'id,first_name,language,ship_date,wifi_ssid,wifi_password,return_label,rma,label_broker_id\nX1,,es-MX,2026-02-29,"a;b",,labels/C-1002.png,RMA-1,\n' > fuzz/corpus/customer_csv/seed-2.csv
# Label files: the first byte picks the kind (0 PDF, 1 PNG, 2 JPEG).
n=0
while IFS= read -r -d '' f; do
  case $f in *.pdf) k='\x00' ;; *.png) k='\x01' ;; *.jpg|*.jpeg) k='\x02' ;; *) continue ;; esac
  [ "$(stat -c %s "$f")" -gt 200000 ] && continue
  n=$((n + 1))
  { printf "$k"; cat "$f"; } > "fuzz/corpus/label_file/seed-$n"
done < <(find campaigns guides/*/img tests/fixtures -type f \( -name '*.pdf' -o -name '*.png' -o -name '*.jpg' \) -print0)
# Earlier crashes, so every run starts from them.
for t in guide_check markdown customer_csv label_file; do
  [ -d "tests/fixtures/fuzz/$t" ] && cp tests/fixtures/fuzz/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
done
echo "seeded: $(ls fuzz/corpus/guide_check | wc -l) guides, $(ls fuzz/corpus/markdown | wc -l) Markdown files, $(ls fuzz/corpus/customer_csv | wc -l) CSVs, $(ls fuzz/corpus/label_file | wc -l) labels"
