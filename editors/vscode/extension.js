// The VS Code side of `sendgen lsp`: start the server for Markdown files and
// let vscode-languageclient do the protocol. Diagnostics, hovers and quick
// fixes all come from the server; nothing here but where to find it.
const { workspace } = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const cfg = workspace.getConfiguration('sendgen');
  const server = { command: cfg.get('path', 'sendgen'), args: ['lsp', ...cfg.get('args', [])] };
  client = new LanguageClient('sendgen', 'sendgen', { run: server, debug: server }, {
    // Case files are Markdown; untitled buffers are checked too.
    documentSelector: [{ scheme: 'file', language: 'markdown' }, { scheme: 'untitled', language: 'markdown' }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
