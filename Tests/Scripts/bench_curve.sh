#!/usr/bin/env bash
# The size/time curve on real prose: make_corpus.py's huge drafts of 0.5, 1, 2, 4 and 8 MB, timed by the
# CLI (median of RUNS, nanosecond clock) and in-process by copydesk-bench (rule by rule too).
#
#   bash Tests/Scripts/bench_curve.sh [FOLDER] [RUNS]
#
# FOLDER (default /tmp/copydesk-curve) receives the drafts, each in a folder of its own (the CLI indexes the
# folder it lints in, which must hold only the draft timed); ../shared/bench/make_corpus.py must exist.
set -euo pipefail
cd "$(dirname "$0")/../.."
FOLDER="${1:-/tmp/copydesk-curve}"
RUNS="${2:-7}"
SIZES=(0.5 1 2 4 8)

mkdir -p "$FOLDER"
for size in "${SIZES[@]}"; do
  if [ ! -f "$FOLDER/$size/huge_${size}mb.md" ]; then
    python3 ../shared/bench/make_corpus.py --out "$FOLDER/work" --huge-mb "$size" --huge-only >/dev/null
    mkdir -p "$FOLDER/$size"
    mv "$FOLDER/work/huge/huge_${size}mb.md" "$FOLDER/$size/"
    rm -rf "$FOLDER/work"
  fi
done
swift build -c release --product copydesk --product copydesk-bench >/dev/null
BIN_DIR="$(swift build -c release --show-bin-path)"

echo "CLI, median of $RUNS (each time against the previous size's):"
previous=""
for size in "${SIZES[@]}"; do
  times=()
  for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    # From the draft's folder: the CLI indexes the folder it runs in for previous/next references.
    (cd "$FOLDER/$size" && "$BIN_DIR/copydesk" lint "huge_${size}mb.md" --format json >/dev/null 2>&1) || true
    end=$(date +%s%N)
    times+=("$(( end - start ))")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  growth=""
  [ -n "$previous" ] && growth=$(awk -v now="$median" -v before="$previous" 'BEGIN { printf "  time ×%.2f", now / before }')
  awk -v ns="$median" -v size="$size" -v growth="$growth" 'BEGIN { printf "  %4s MB  %.3f s%s\n", size, ns / 1e9, growth }'
  previous=$median
done
echo
"$BIN_DIR/copydesk-bench" --generate 20 --curve-dir "$FOLDER" --repeat 5 --sections curve,large-rules
