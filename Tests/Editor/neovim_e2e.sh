#!/usr/bin/env bash
# Real-editor end-to-end test: Neovim's built-in LSP client (0.7+) against `copydesk serve`.
#
# Opens a draft with emoji before a finding, waits for pushed diagnostics, checks that the highlighted
# text is exactly the flagged words, applies the quick fix the way `vim.lsp.buf.code_action` asks for
# it, and checks the buffer. Runs once with Neovim's default UTF-16 positions and once with UTF-8.
#
# Installs nothing: needs `nvim` on PATH and a built binary: the first argument, else $COPYDESK_BIN,
# else .build/debug/copydesk (`swift build`).
# Exits non-zero with a message on any failure; each Neovim run is bounded by a timeout.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="$(cd "$here/../.." && pwd)"
binary="${1:-${COPYDESK_BIN:-$package/.build/debug/copydesk}}"
fixture="$package/Tests/Fixtures/editor/emoji-before-finding.md"
timeout_seconds="${COPYDESK_E2E_TIMEOUT:-60}"

if ! command -v nvim >/dev/null 2>&1; then
  echo "neovim_e2e: FAIL: nvim is not on PATH (install Debian's neovim package)" >&2
  exit 1
fi
if [ ! -x "$binary" ]; then
  echo "neovim_e2e: FAIL: $binary is missing; run \`swift build\` first or set COPYDESK_BIN" >&2
  exit 1
fi
echo "neovim_e2e: $(nvim --version | head -n 1), server $binary"

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

status=0
for encoding in utf-16 utf-8; do
  mkdir -p "$workdir/$encoding"
  cp "$fixture" "$workdir/$encoding/draft.md"
  log="$workdir/$encoding/nvim.log"
  if COPYDESK_BIN="$binary" COPYDESK_DRAFT="$workdir/$encoding/draft.md" COPYDESK_ENCODING="$encoding" \
    timeout --kill-after=5 "$timeout_seconds" \
    nvim --headless --clean -n -i NONE -c "luafile $here/neovim_e2e.lua" >"$log" 2>&1 </dev/null; then
    cat "$log"
  else
    code=$?
    cat "$log"
    if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
      echo "neovim_e2e: FAIL ($encoding): timed out after ${timeout_seconds}s" >&2
    else
      echo "neovim_e2e: FAIL ($encoding): nvim exited with status $code" >&2
    fi
    status=1
  fi
done

if [ "$status" -eq 0 ]; then echo "neovim_e2e: all checks passed"; fi
exit "$status"
