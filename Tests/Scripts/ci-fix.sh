#!/usr/bin/env bash
# CI check of the release binary's fixing: --diff writes nothing and `git apply` accepts it, --fix writes
# exactly the golden result (CRLF, byte order mark and missing final newlines kept), fixing twice changes
# nothing, and a read-only file is refused with exit 2, intact, with no temporary file left behind.
# Usage: Tests/Scripts/ci-fix.sh PATH/TO/copydesk   (run from the repository root)
set -euo pipefail
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
FIXTURES="$(pwd)/Tests/Fixtures/fix"
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK"; rm -rf "$WORK"' EXIT

cd "$WORK"
# The fixtures are snippets alone in a folder: no summary, and footers naming absent drafts. Those rules
# are about other things; turn them off as the Swift golden tests do. Exit 1 (findings remain) is fine.
OFF=(--disable summary/missing --disable summary/length --disable navigation/dangling)
run() { "$BIN" lint "${OFF[@]}" "$@" || [ $? -eq 1 ]; }
for input in "$FIXTURES"/*.input.*; do
  file="$(basename "$input")"
  name="${file%%.input.*}"
  ext="${file##*.input.}"
  draft="$name.$ext"
  cp "$input" "$draft"

  run --diff "$draft" > "$name.patch" 2>/dev/null
  cmp "$input" "$draft" || { echo "--diff changed $draft" >&2; exit 1; }
  cmp "$name.patch" "$FIXTURES/$name.diff" || { echo "--diff output for $draft differs from the golden" >&2; exit 1; }
  if command -v git >/dev/null 2>&1 && [ -s "$name.patch" ]; then
    git apply --check "$name.patch" || { echo "git apply refused the diff of $draft" >&2; exit 1; }
  fi

  run --fix "$draft" > /dev/null
  cmp "$draft" "$FIXTURES/$name.fixed.$ext" || { echo "--fix result for $draft differs from the golden" >&2; exit 1; }
  run --fix "$draft" > /dev/null
  cmp "$draft" "$FIXTURES/$name.fixed.$ext" || { echo "fixing $draft twice changed it again" >&2; exit 1; }
  rm -f "$name.patch"
done

printf 'It was the the plan.\n' > locked.md
chmod 0444 locked.md
status=0
"$BIN" lint "${OFF[@]}" --fix locked.md > /dev/null 2> err.txt || status=$?
[ "$status" -eq 2 ] || { echo "expected exit 2 on a read-only file, got $status" >&2; exit 1; }
grep -q 'read-only' err.txt || { echo "expected a read-only message, got: $(cat err.txt)" >&2; exit 1; }
[ "$(cat locked.md)" = "It was the the plan." ] || { echo "the read-only file was changed" >&2; exit 1; }
rm -f err.txt
leftovers="$(find . -name '*.tmp' -o -name '.*copydesk*')"
[ -z "$leftovers" ] || { echo "temporary files left behind: $leftovers" >&2; exit 1; }
echo "fixing: goldens, git apply, idempotence and the read-only refusal hold for the release binary"
