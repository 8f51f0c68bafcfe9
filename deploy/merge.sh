#!/bin/sh
# After every shard of a campaign has run (deploy/run-shard.sh): one
# report for the whole campaign, OUT/report.csv, in CSV order. The merge
# refuses, writing nothing, if a row is in no shard's report (a task that
# never ran) or in two (a shard run twice into different folders).
# Settings as for run-shard.sh: CUSTOMERS, OUT, and SWAPGUIDE.
# Exit status: 0 when the reports add up (its last line says how many rows
# are not ok), 1 when they do not.
set -eu
: "${CUSTOMERS:?set CUSTOMERS to the customer CSV}"
: "${OUT:?set OUT to the campaign folder}"
exec "${SWAPGUIDE:-swapguide}" report merge "$OUT"/shard-*/report.csv \
    --customers "$CUSTOMERS" --out "$OUT/report.csv"
