-- Headless Neovim as a real LSP client for `sendgen lsp` (recipe:
-- shared/reference/go-ecosystem.md 1.4). Run by TestNeovim:
--   LSP_CMD='/path/sendgen lsp' DOC=case.md CODE=hedged-commitment WANT_COL=19 \
--   WANT_LINE='...' nvim --headless -u NONE -i NONE -n -c 'luafile nvim_check.lua'
-- Prints one "TAG {json}" line per step; exits 0 on success, 1 (cquit) on
-- any failed assertion. Lua errors in callbacks do not change nvim's exit
-- status, so every check is an explicit assert.
local function out(tag, v) io.stdout:write(tag .. ' ' .. vim.fn.json_encode(v) .. '\n') end
local ok, err = pcall(function()
  -- The server's own diagnostics (UTF-16 ranges, data), as published:
  -- vim.diagnostic columns are bytes, converted by Neovim.
  local raw, rawVersion = {}, {}
  local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(e, result, ctx, conf)
    raw[result.uri] = result.diagnostics
    rawVersion[result.uri] = result.version
    return orig(e, result, ctx, conf)
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DOC')))
  local bufnr = vim.api.nvim_get_current_buf()
  local cfg = { name = 'sendgen', cmd = vim.split(os.getenv('LSP_CMD'), ' ', { plain = true, trimempty = true }),
                root_dir = vim.fn.getcwd(), flags = { debounce_text_changes = 0 } }
  local id
  if vim.lsp.start then                       -- 0.8+ (start_client is deprecated from 0.11)
    id = vim.lsp.start(cfg, { bufnr = bufnr })
  else                                        -- 0.5 - 0.7 (Debian bookworm ships 0.7.2)
    id = vim.lsp.start_client(cfg)
    vim.lsp.buf_attach_client(bufnr, id)
  end
  assert(id, 'LSP client did not start')
  local uri = vim.uri_from_bufnr(bufnr)
  local code = os.getenv('CODE')
  local function find()
    for _, d in ipairs(raw[uri] or {}) do
      if d.code == code then return d end
    end
  end
  assert(vim.wait(10000, function() return find() ~= nil end, 20), 'no ' .. code .. ' diagnostic within 10s')
  local first = find()
  out('DIAG', first)
  assert(first.source == 'sendgen', 'source ' .. tostring(first.source))
  assert(first.range.start.character == tonumber(os.getenv('WANT_COL')),
    'diagnostic at UTF-16 column ' .. first.range.start.character .. ', want ' .. os.getenv('WANT_COL'))
  -- Neovim's own view, in bytes, must point at the same words.
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then
      local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
      out('DIAG_TEXT', line:sub(d.col + 1, d.end_col))
      assert(line:sub(d.col + 1, d.end_col) == os.getenv('WANT_TEXT'), 'Neovim underlines ' .. line:sub(d.col + 1, d.end_col))
    end
  end

  local hov = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover',
    { textDocument = { uri = uri }, position = first.range.start }, 5000) or {}
  local hovered = false
  for _, r in pairs(hov) do
    out('HOVER', r.result)
    hovered = hovered or (r.result and r.result.contents and r.result.contents.value:find('### ' .. code, 1, true) ~= nil)
  end
  assert(hovered, 'hover does not explain ' .. code)

  -- Hover on the key of decision.date: the statutory dates it produces.
  local dateLine
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if l:match('^  date: ') and not dateLine then dateLine = i - 1 end
  end
  local dh = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover',
    { textDocument = { uri = uri }, position = { line = dateLine, character = 3 } }, 5000) or {}
  local dated = false
  for _, r in pairs(dh) do
    dated = dated or (r.result and r.result.contents.value:find('Appeal deadline', 1, true) ~= nil)
  end
  assert(dated, 'no statutory dates on the hover of decision.date')
  out('HOVER_DATE', dated)

  local ca = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', { textDocument = { uri = uri },
    range = first.range, context = { diagnostics = { first } } }, 5000) or {}
  local applied = false
  for _, r in pairs(ca) do
    out('ACTIONS', r.result)
    local a = r.result and r.result[1]
    assert(a and a.edit and a.kind == 'quickfix', 'no quick fix with an edit')
    assert(a.diagnostics and a.diagnostics[1].code == code, 'the action does not name the diagnostic')
    vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16')
    applied = true
  end
  assert(applied, 'no code action response')
  local line = vim.api.nvim_buf_get_lines(bufnr, first.range.start.line, first.range.start.line + 1, false)[1]
  out('LINE', line)
  assert(line == os.getenv('WANT_LINE'), 'quick fix produced ' .. line)

  -- The fix is an edit: Neovim sends didChange, and the finding goes.
  local changed = vim.lsp.util.buf_versions[bufnr]
  assert(vim.wait(10000, function() return rawVersion[uri] == changed and find() == nil end, 20),
    code .. ' still reported after the edit (version ' .. tostring(rawVersion[uri]) .. ', buffer ' .. tostring(changed) .. ')')
  out('AFTER_EDIT', { version = rawVersion[uri], diagnostics = #raw[uri] })

  vim.lsp.stop_client(id)
end)
if not ok then io.stdout:write('ERROR ' .. tostring(err) .. '\n'); vim.cmd('cquit 1') end
vim.cmd('qall!')
