// The Zed side of `sendgen lsp`: Zed starts language servers only through
// an extension, and this one runs the sendgen found on the PATH of the
// worktree's shell. Everything else comes from the server.
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct SendgenExtension;

impl zed::Extension for SendgenExtension {
    fn new() -> Self {
        SendgenExtension
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let path = worktree
            .which("sendgen")
            .ok_or_else(|| "sendgen is not on PATH: install it (see docs/editors.md)".to_string())?;
        Ok(zed::Command {
            command: path,
            args: vec!["lsp".to_string()],
            env: Default::default(),
        })
    }
}

zed::register_extension!(SendgenExtension);
