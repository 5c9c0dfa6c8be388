#!/usr/bin/env bash
# CI check of the release binary's CI formats: SARIF validates against the official SARIF 2.1.0 schema,
# GitHub annotations are well formed, and a baseline hides exactly what it recorded.
# Usage: Tests/Scripts/ci-formats.sh PATH/TO/copydesk   (run from the repository root)
set -euo pipefail
BIN="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cp -r Tests/Fixtures/cli "$WORK/drafts"
cd "$WORK/drafts"

# SARIF: exit 1 (findings) is expected; 2 is a failure.
status=0
"$BIN" lint --format sarif > "$WORK/out.sarif" || status=$?
[ "$status" -le 1 ] || { echo "copydesk lint --format sarif exited $status" >&2; exit 1; }
python3 "$HERE/validate_sarif.py" "$WORK/out.sarif"

# GitHub annotations: every line is a workflow command, except the final summary line.
status=0
"$BIN" lint --format github > "$WORK/out.github" || status=$?
[ "$status" -le 1 ] || { echo "copydesk lint --format github exited $status" >&2; exit 1; }
if head -n -1 "$WORK/out.github" | grep -vE '^::(error|warning|notice) file=[^:]*::' ; then
  echo "malformed GitHub workflow command above" >&2
  exit 1
fi
grep -q '^::' "$WORK/out.github" || { echo "expected at least one annotation on the fixtures" >&2; exit 1; }

# Baseline: record, move everything down two lines, still clean; a new finding fails the run.
"$BIN" lint --write-baseline "$WORK/baseline.json" --max-warnings 0 > /dev/null 2>&1
for file in *.md; do
  # Two new lines of prose just before the title heading (front matter, if any, stays first).
  awk 'BEGIN { done = 0 } /^# / && !done { print "Inserted line."; print ""; done = 1 } { print }' "$file" > "$file.tmp" && mv "$file.tmp" "$file"
done
"$BIN" lint --baseline "$WORK/baseline.json" --max-warnings 0 > /dev/null 2>&1 \
  || { echo "baseline did not hide moved findings" >&2; exit 1; }
printf '\nA fresh fresh slip.\n' >> clean.md
status=0
"$BIN" lint --baseline "$WORK/baseline.json" --max-warnings 0 --no-color > "$WORK/new.txt" 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "a new finding should fail the run (got $status)" >&2; exit 1; }
grep -q '“fresh” is repeated' "$WORK/new.txt" || { echo "the new finding is not reported" >&2; exit 1; }
echo "SARIF valid, GitHub annotations well formed, baseline hides old findings and fails on new ones"
