-- Run after the init.lua of docs/editors.md (TestNeovimSetup): open DOC as a
-- user would, and check that the documented set-up attaches sendgen and
-- that its findings reach vim.diagnostic and :lua vim.lsp.buf.hover().
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DOC')))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.bo[bufnr].filetype == 'markdown', 'filetype ' .. vim.bo[bufnr].filetype)
  assert(vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20), 'no diagnostics within 10s')
  local d = vim.diagnostic.get(bufnr)[1]
  io.stdout:write('DIAG ' .. vim.fn.json_encode({ code = d.code, source = d.source, lnum = d.lnum, col = d.col }) .. '\n')
  -- A second Markdown buffer is served by the same server.
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DOC2')))
  local b2 = vim.api.nvim_get_current_buf()
  assert(vim.wait(10000, function() return #vim.diagnostic.get(b2) > 0 end, 20), 'no diagnostics for the second file')
  local clients = vim.lsp.get_active_clients()
  assert(#clients == 1, #clients .. ' sendgen clients, want one for both buffers')
  io.stdout:write('CLIENTS ' .. #clients .. '\n')
end)
if not ok then io.stdout:write('ERROR ' .. tostring(err) .. '\n'); vim.cmd('cquit 1') end
vim.cmd('qall!')
