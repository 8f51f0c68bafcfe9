#!/usr/bin/env bash
# Runs one fuzz target for a while: fuzz/run.sh TARGET [SECONDS].
# Stable Rust: cargo fuzz with --sanitizer none (no AddressSanitizer, which
# needs nightly; safe Rust does not need it to find panics, hangs and
# runaway memory). See docs/hardening.md.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh guide_check|markdown|customer_csv|label_file [SECONDS]}
seconds=${2:-900}
[ -d "fuzz/corpus/$target" ] || bash fuzz/seed.sh
# A CSV's rows are short and few (the target keeps 12 lines): let inputs
# reach the full length at once rather than grow slowly.
len_control=100
case $target in
  customer_csv) max_len=2048 len_control=0 ;;
  markdown) max_len=8192 ;;
  label_file) max_len=262144 ;;
  *) max_len=65536 ;;
esac
exec cargo fuzz run --sanitizer none -O "$target" "fuzz/corpus/$target" -- \
  -max_total_time="$seconds" -max_len="$max_len" -len_control="$len_control" -timeout=30 -rss_limit_mb=2048 \
  -print_final_stats=1
