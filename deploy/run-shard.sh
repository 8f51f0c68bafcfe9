#!/bin/sh
# One shard of a swapguide campaign, run as a task of a job array: a
# Kubernetes Indexed Job, a Slurm array or an AWS Batch array job. Every
# task runs this same script; the engine tells it which shard it is.
#
# Settings, from the environment:
#   GUIDE      the guide folder (guides/gateway-swap)
#   CUSTOMERS  the customer CSV
#   OUT        the campaign's folder: shard K writes OUT/shard-K/ (its
#              customers' PDFs and report.csv) and OUT/print-K.pdf with
#              OUT/print-K.manifest.csv
#   SHARDS     how many tasks the array has: needed for Kubernetes (the
#              Job's completions) and AWS Batch (the array size); Slurm
#              says it itself
#   SWAPGUIDE  the swapguide binary (default: swapguide on the PATH)
#
# A task that is retried or requeued keeps what it had built (--resume).
# Exit status: 0 when the shard was tried to its end, even if some rows
# failed (report.csv and the merge list them; retrying would not fix a
# row's data); otherwise swapguide's (2: a usage mistake, 130: stopped).
set -eu
: "${GUIDE:?set GUIDE to the guide folder}"
: "${CUSTOMERS:?set CUSTOMERS to the customer CSV}"
: "${OUT:?set OUT to the campaign folder}"

# The shard's number from 1, named as swapguide --shard auto reads it.
if [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
    k=$((JOB_COMPLETION_INDEX + 1))
elif [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
    k=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-0} + 1))
elif [ -n "${AWS_BATCH_JOB_ARRAY_INDEX:-}" ]; then
    k=$((AWS_BATCH_JOB_ARRAY_INDEX + 1))
else
    echo "run-shard: no job array index in the environment (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX)" >&2
    exit 2
fi
shard=auto
[ -z "${SHARDS:-}" ] || shard="auto/$SHARDS"

mkdir -p "$OUT"
status=0
"${SWAPGUIDE:-swapguide}" build "$GUIDE" --customers "$CUSTOMERS" \
    --shard "$shard" --out "$OUT/shard-$k" \
    --print-file "$OUT/print-$k.pdf" --resume || status=$?
[ "$status" -eq 1 ] && [ -f "$OUT/shard-$k/report.csv" ] && status=0
exit "$status"
