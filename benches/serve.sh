#!/usr/bin/env bash
# Benchmark: `swapguide serve`'s rebuild-to-reload time, from saving the
# guide to the open page hearing "reload", for one example guide (release
# build; every language, PDF and HTML). Prints each of ROUNDS rounds and
# the median.
#
#   bash benches/serve.sh [GUIDE] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
guide=${1:-guides/gateway-swap}
rounds=${2:-10}
cargo build --release --quiet
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$guide" "$work/guide"
target/release/swapguide serve "$work/guide" --port 0 > "$work/log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q http "$work/log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/log")
python3 - "$url" "$work/guide/guide.toml" "$rounds" <<'PY'
import statistics, sys, threading, time, urllib.request
url, toml, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(toml, encoding="utf-8").read()
times = []
for i in range(2, rounds + 2):
    # Let the last round's rebuilds settle, then read which build the
    # page is served from, as its reload script says.
    time.sleep(1)
    page = urllib.request.urlopen(url).read().decode()
    since = int(page.split("events?since=")[1].split("'")[0])
    # The server answers an event stream once it has something to say:
    # listen on a thread, then save.
    heard = []
    listen = threading.Thread(target=lambda: heard.append(urllib.request.urlopen(
        f"{url}__swapguide/events?since={since}", timeout=30).read()))
    listen.start()
    time.sleep(0.2)
    start = time.monotonic()
    with open(toml, "w", encoding="utf-8") as f:
        f.write(text + f"\n# edit {i}\n")
    listen.join()
    assert b"reload" in heard[0], heard
    times.append((time.monotonic() - start) * 1000)
    print(f"round {i - 1}: {times[-1]:.0f} ms")
print(f"median save-to-reload: {statistics.median(times):.0f} ms over {rounds} rounds")
PY
