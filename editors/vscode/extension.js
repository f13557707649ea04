// The maal extension: starts 'maal lsp' (spec/maal.md §12.13) for .maal files.
// Diagnostics, hover, go to definition, completion and formatting all come
// from the server; the highlighting is syntaxes/maal.tmLanguage.json.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('maal').get('path') || 'maal';
  // no transport option: vscode-languageclient would add --stdio, which maal does not take
  const serverOptions = { command, args: ['lsp'] };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'maal' }, { scheme: 'untitled', language: 'maal' }],
  };
  client = new LanguageClient('maal', 'maal', serverOptions, clientOptions);
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
