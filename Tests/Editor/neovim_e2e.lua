-- Driven by neovim_e2e.sh: Neovim 0.7's built-in LSP client against `copydesk serve`.
-- Environment: COPYDESK_BIN (server binary), COPYDESK_DRAFT (a copy of the fixture), COPYDESK_ENCODING.
local binary = assert(os.getenv('COPYDESK_BIN'), 'COPYDESK_BIN is not set')
local draft = assert(os.getenv('COPYDESK_DRAFT'), 'COPYDESK_DRAFT is not set')
local encoding = os.getenv('COPYDESK_ENCODING') or 'utf-16'
local prefix = 'neovim_e2e (' .. encoding .. '): '

local function say(message)
  io.stdout:write(prefix .. message .. '\n')
end

local function check(condition, message)
  if not condition then error(message, 0) end
end

local function wait_for(what, predicate)
  check(vim.wait(20000, predicate, 20), 'timed out waiting for ' .. what)
end

-- The buffer text a diagnostic covers (Neovim stores byte columns, converted from the server's units).
local function highlighted_text(bufnr, diagnostic)
  local lines = vim.api.nvim_buf_get_lines(bufnr, diagnostic.lnum, diagnostic.end_lnum + 1, false)
  if #lines == 1 then return lines[1]:sub(diagnostic.col + 1, diagnostic.end_col) end
  lines[#lines] = lines[#lines]:sub(1, diagnostic.end_col)
  lines[1] = lines[1]:sub(diagnostic.col + 1)
  return table.concat(lines, '\n')
end

-- The repetition/word findings (other rules may also speak about the fixture; this test is about one).
local function repetitions(bufnr)
  return vim.tbl_filter(function(d) return d.code == 'repetition/word' end, vim.diagnostic.get(bufnr))
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

-- Asks for code actions exactly as `vim.lsp.buf.code_action()` does in 0.7 (line diagnostics converted back
-- from Neovim's byte columns), optionally limited to some kinds.
local function code_actions(bufnr, client, only)
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr), only = only }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  check(responses and responses[client.id], 'no answer to textDocument/codeAction')
  check(not responses[client.id].err, 'codeAction failed: ' .. vim.inspect(responses[client.id].err))
  return responses[client.id].result or {}
end

local function run()
  local exit_code = nil
  local negotiated = nil
  vim.cmd('edit ' .. vim.fn.fnameescape(draft))
  local bufnr = vim.api.nvim_get_current_buf()
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  local config = {
    name = 'copydesk',
    cmd = { binary, 'serve', '--stdio' },
    root_dir = vim.fn.fnamemodify(draft, ':p:h'),
    capabilities = capabilities,
    init_options = { debounceMilliseconds = 0 },
    on_init = function(_, result) negotiated = result.capabilities.positionEncoding end,
    on_exit = function(code) exit_code = code end,
  }
  if encoding == 'utf-8' then
    capabilities.general = { positionEncodings = { 'utf-8', 'utf-16' } }
    config.offset_encoding = 'utf-8'
  end
  local client_id = vim.lsp.start_client(config)
  check(client_id, 'vim.lsp.start_client failed')
  check(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach the client to the buffer')
  wait_for('initialize', function() return negotiated ~= nil end)
  check(negotiated == encoding, 'the server negotiated ' .. tostring(negotiated) .. ', expected ' .. encoding)
  local client = vim.lsp.get_client_by_id(client_id)

  -- 1. Pushed diagnostics land exactly on the flagged words, after emoji on the same line.
  wait_for('diagnostics', function() return #repetitions(bufnr) > 0 end)
  local diagnostics = repetitions(bufnr)
  check(#diagnostics == 1, 'expected 1 repetition/word diagnostic, got ' .. vim.inspect(diagnostics))
  local diagnostic = diagnostics[1]
  local flagged = highlighted_text(bufnr, diagnostic)
  check(flagged == 'the the', 'the highlighted text is "' .. flagged .. '", expected "the the"')
  say('diagnostic highlights "' .. flagged .. '" at line ' .. (diagnostic.lnum + 1) .. ', byte column ' .. diagnostic.col)

  -- 2. The quick fix, requested from the cursor like vim.lsp.buf.code_action(), then applied.
  vim.api.nvim_win_set_cursor(0, { diagnostic.lnum + 1, diagnostic.col })
  local quickfix = nil
  for _, action in ipairs(code_actions(bufnr, client, { 'quickfix' })) do
    if action.kind == 'quickfix' and action.diagnostics and action.diagnostics[1].code == 'repetition/word' then
      quickfix = action
    end
  end
  check(quickfix and quickfix.edit, 'no quickfix with an edit was offered')
  vim.lsp.util.apply_workspace_edit(quickfix.edit, client.offset_encoding)
  local fixed_line = vim.api.nvim_buf_get_lines(bufnr, diagnostic.lnum, diagnostic.lnum + 1, false)[1]
  check(fixed_line == 'Grüße 😀👍🏽 — it was the best plan we had.', 'after the quick fix the line reads "' .. fixed_line .. '"')
  wait_for('the diagnostic to clear', function() return #repetitions(bufnr) == 0 end)
  say('quick fix "' .. quickfix.title .. '" applied; the line reads "' .. fixed_line .. '"')

  -- 3. An edit after the emoji goes to the server as an incremental change in the negotiated units.
  local line = diagnostic.lnum
  local column = #'Grüße 😀👍🏽 — it was the best plan'
  vim.api.nvim_buf_set_text(bufnr, line, column, line, column, { ' plan' })
  wait_for('a diagnostic on the new repetition', function()
    local current = repetitions(bufnr)
    return #current == 1 and highlighted_text(bufnr, current[1]) == 'plan plan'
  end)
  say('incremental edit re-checked: "plan plan" is flagged')

  -- 4. source.fixAll.copydesk fixes everything fixable in one edit.
  local fix_all = code_actions(bufnr, client, { 'source.fixAll' })
  check(#fix_all == 1 and fix_all[1].kind == 'source.fixAll.copydesk', 'expected one fixAll action, got ' .. vim.inspect(fix_all))
  vim.lsp.util.apply_workspace_edit(fix_all[1].edit, client.offset_encoding)
  local expected = table.concat({
    '---', 'title: Editor check', '---', '', '# Editor check', '',
    'Grüße 😀👍🏽 — it was the best plan we had.', '', 'A second line stays as it is.',
  }, '\n')
  check(buffer_text(bufnr) == expected, 'after fixAll the buffer reads:\n' .. buffer_text(bufnr))
  wait_for('the diagnostics to clear', function() return #repetitions(bufnr) == 0 end)
  say('source.fixAll.copydesk applied; the buffer matches')

  -- 5. Shutdown and exit: the server exits with status 0.
  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function() return exit_code ~= nil end)
  check(exit_code == 0, 'the server exited with status ' .. tostring(exit_code))
  say('server exited with status 0')
end

local ok, problem = pcall(run)
if ok then
  vim.cmd('qall!')
else
  io.stderr:write('neovim_e2e: FAIL (' .. encoding .. '): ' .. tostring(problem) .. '\n')
  vim.cmd('cquit 1')
end
