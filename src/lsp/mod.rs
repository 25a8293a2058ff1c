//! `stet lsp`: a Language Server over stdio (diagnostics, hover, code actions). See
//! docs/lsp.md.
//!
//! One job per file: `transport` reads and writes the framed JSON-RPC messages, `documents`
//! holds the open documents and checks them, `convert` turns byte offsets into positions in
//! the negotiated encoding and back, `diagnostics`, `hover` and `actions` answer the three
//! features. This file is the server: the lifecycle (initialize, shutdown, exit) and dispatch.
//!
//! A reader thread parses messages into a channel; the main thread handles every message that
//! has arrived, and only then checks the documents that changed and publishes their
//! diagnostics, so a burst of edits is checked once, at its last version. Requests about a
//! document (hover, code actions) check it first if it changed, so answers always match the
//! text the client holds.
//!
//! Each document is checked with the `stet.toml` that governs it (`configs`), through the same
//! pipeline as `stet check` (`run::check_document`).

pub mod actions;
pub mod configs;
pub mod convert;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod transport;

use crate::document::DocumentOptions;
use configs::{Configs, Lookup};
use convert::Encoding;
use diagnostics::DiagnosticOptions;
use documents::{Checked, OpenDocument};
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Initialized, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    InitializeResult, PositionEncodingKind, PublishDiagnosticsParams, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::sync::mpsc;
use transport::Incoming;

/// Serves the Language Server Protocol on standard input and output until the client exits.
/// `Ok` after `shutdown` then `exit`; an error when the client exits without `shutdown` or
/// goes away without `exit` (the process should then exit non-zero, as the protocol says).
pub fn serve_stdio(configs: Configs) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut server = Server::new(configs, stdout.lock());
    let result = server.serve(std::io::BufReader::new(std::io::stdin()));
    // The checkers are not freed: the process ends now, and freeing a large reference's
    // millions of allocations one by one takes longer than the OS reclaiming the memory.
    std::mem::forget(server.configs.take_checkers());
    result
}

/// Serves the protocol on `input` and `output` (stdio in `stet lsp`, anything in tests).
pub fn serve<R, W>(configs: Configs, input: R, output: W) -> Result<(), String>
where
    R: BufRead + Send + 'static,
    W: Write,
{
    Server::new(configs, output).serve(input)
}

/// What the reader thread sends.
enum Event {
    Incoming(Incoming),
    /// The input ended (`None`) or could not be read.
    Closed(Option<String>),
}

fn read_loop(mut input: impl BufRead, sender: mpsc::Sender<Event>) {
    loop {
        let event = match transport::read(&mut input) {
            Ok(Some(incoming)) => Event::Incoming(incoming),
            Ok(None) => Event::Closed(None),
            Err(e) => Event::Closed(Some(e.to_string())),
        };
        let stop = match &event {
            Event::Closed(_) => true,
            Event::Incoming(Incoming::Message(Message::Notification(n))) => n.method == "exit",
            Event::Incoming(_) => false,
        };
        if sender.send(event).is_err() || stop {
            return;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Waiting for `initialize`.
    Uninitialized,
    Running,
    /// `shutdown` was received: only `exit` is expected.
    ShuttingDown,
}

enum Flow {
    Continue,
    /// `exit`: whether `shutdown` came first.
    Exit {
        clean: bool,
    },
}

/// The language server's state.
pub struct Server<W: Write> {
    /// The configs governing the documents, and the checkers of the data they name.
    configs: Configs,
    /// How documents are read (the command line's; the format is each document's own).
    document: DocumentOptions,
    diagnostics: DiagnosticOptions,
    out: W,
    state: State,
    encoding: Encoding,
    /// The client takes `WorkspaceEdit.documentChanges` (versioned edits).
    document_changes: bool,
    /// The client lets a server register file watchers (`workspace/didChangeWatchedFiles`).
    can_watch_files: bool,
    documents: HashMap<Uri, OpenDocument>,
}

impl<W: Write> Server<W> {
    pub fn new(configs: Configs, out: W) -> Server<W> {
        Server {
            document: configs.options().document.clone(),
            configs,
            diagnostics: DiagnosticOptions::default(),
            out,
            state: State::Uninitialized,
            encoding: Encoding::Utf16,
            document_changes: false,
            can_watch_files: false,
            documents: HashMap::new(),
        }
    }

    /// Reads messages from `input` on a thread of its own and serves them until `exit`.
    fn serve<R: BufRead + Send + 'static>(&mut self, input: R) -> Result<(), String> {
        let (sender, receiver) = mpsc::channel();
        // The reader thread ends at the end of the input, at `exit`, or when the server has
        // gone. It is not joined: after `exit` it may still be blocked reading, and the
        // process ends.
        std::thread::Builder::new()
            .name("stet-lsp-reader".into())
            .spawn(move || read_loop(input, sender))
            .map_err(|e| format!("could not start the reader thread: {e}"))?;
        self.run(&receiver)
    }

    fn run(&mut self, receiver: &mpsc::Receiver<Event>) -> Result<(), String> {
        loop {
            let mut event = receiver.recv().map_err(|_| "the reader thread stopped")?;
            loop {
                match event {
                    Event::Closed(error) => {
                        return Err(match error {
                            Some(e) => format!("could not read from the client: {e}"),
                            None => "the client closed the connection without `exit`".into(),
                        });
                    }
                    Event::Incoming(incoming) => {
                        if let Flow::Exit { clean } = self.handle(incoming)? {
                            return if clean {
                                Ok(())
                            } else {
                                Err("the client sent `exit` before `shutdown`".into())
                            };
                        }
                    }
                }
                // Handle all that has already arrived before checking anything.
                match receiver.try_recv() {
                    Ok(next) => event = next,
                    Err(_) => break,
                }
            }
            self.publish_changed()?;
        }
    }

    fn handle(&mut self, incoming: Incoming) -> Result<Flow, String> {
        match incoming {
            Incoming::Invalid { id, code, message } => {
                self.send(&transport::error_response(id, code, &message))?;
                Ok(Flow::Continue)
            }
            Incoming::Message(Message::Request(request)) => {
                self.request(request)?;
                Ok(Flow::Continue)
            }
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => Ok(Flow::Exit {
                clean: self.state == State::ShuttingDown,
            }),
            Incoming::Message(Message::Notification(n)) => {
                self.notification(n)?;
                Ok(Flow::Continue)
            }
            // stet sends no requests, so a response answers nothing.
            Incoming::Message(Message::Response(_)) => Ok(Flow::Continue),
        }
    }

    fn request(&mut self, request: Request) -> Result<(), String> {
        let Request { id, method, params } = request;
        let result = match (self.state, method.as_str()) {
            (State::Uninitialized, "initialize") => self.initialize(&params),
            (State::Uninitialized, _) => Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet".into(),
            )),
            (State::ShuttingDown, _) => Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            )),
            (State::Running, "initialize") => {
                Err((ErrorCode::InvalidRequest, "already initialized".into()))
            }
            (State::Running, "shutdown") => {
                // What changed before `shutdown` is still checked and published.
                let published = self.publish_changed();
                self.state = State::ShuttingDown;
                published
                    .map(|()| Value::Null)
                    .map_err(|e| (ErrorCode::InternalError, e))
            }
            (State::Running, HoverRequest::METHOD) => self.hover(params),
            (State::Running, CodeActionRequest::METHOD) => self.code_action(params),
            (State::Running, _) => Err((
                ErrorCode::MethodNotFound,
                format!("stet does not serve `{method}`"),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(&Message::Response(response))
    }

    fn initialize(&mut self, params: &Value) -> Result<Value, (ErrorCode, String)> {
        // Read leniently: only two capabilities matter, and a client that leaves out fields the
        // protocol calls required should still be served.
        let offered: Vec<PositionEncodingKind> = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        self.encoding = Encoding::negotiate(&offered);
        self.document_changes = params
            .pointer("/capabilities/workspace/workspaceEdit/documentChanges")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        self.can_watch_files = params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        self.state = State::Running;
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        };
        let result = InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "stet".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        serde_json::to_value(result).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    fn notification(&mut self, n: Notification) -> Result<(), String> {
        if self.state != State::Running {
            return Ok(()); // before initialize and after shutdown, notifications are dropped
        }
        match n.method.as_str() {
            Initialized::METHOD if self.can_watch_files => self.watch_configs()?,
            DidOpenTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    let doc = OpenDocument::new(&d.uri, d.language_id, d.version, d.text);
                    self.documents.insert(d.uri, doc);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidChangeTextDocumentParams>(n.params)
                    && let Some(doc) = self.documents.get_mut(&p.text_document.uri)
                {
                    doc.apply(p.text_document.version, p.content_changes, self.encoding);
                }
            }
            DidSaveTextDocument::METHOD => {
                // Checked again: what it is checked against (the config) may have changed. A
                // saved stet.toml may govern any open document: all are checked again (each
                // config is read again only if its text changed).
                if let Some(p) = params::<lsp_types::DidSaveTextDocumentParams>(n.params)
                    && let Some(doc) = self.documents.get_mut(&p.text_document.uri)
                {
                    doc.checked = None;
                    if doc.is_config() {
                        self.check_all_again();
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Some(p) = params::<lsp_types::DidChangeWatchedFilesParams>(n.params)
                    && p.changes.iter().any(|c| {
                        let name = documents::name_of(&c.uri);
                        std::path::Path::new(&name)
                            .file_name()
                            .is_some_and(|n| n == crate::config::FILE_NAME)
                    })
                {
                    self.check_all_again();
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidCloseTextDocumentParams>(n.params)
                    && self.documents.remove(&p.text_document.uri).is_some()
                {
                    self.publish(p.text_document.uri, Vec::new(), None)?;
                }
            }
            // `initialized`, `$/cancelRequest` (every request is answered at once),
            // `$/setTrace`, configuration changes and anything unknown: nothing to do.
            _ => {}
        }
        Ok(())
    }

    /// Asks the client to say when a stet.toml is created, changed or deleted, so the
    /// documents it governs are checked again at once rather than at their next edit.
    fn watch_configs(&mut self) -> Result<(), String> {
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String(format!(
                    "**/{}",
                    crate::config::FILE_NAME
                )),
                kind: None,
            }],
        };
        let params = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "stet-watch-configs".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        // The client's answer needs no handling: without watchers, configs are still read
        // again when they change, at each document's next check.
        self.send(&Message::Request(Request::new(
            "stet-register-watchers".to_string().into(),
            RegisterCapability::METHOD.into(),
            params,
        )))
    }

    /// Marks every open document to be checked again (a config may have changed).
    fn check_all_again(&mut self) {
        for doc in self.documents.values_mut() {
            doc.checked = None;
        }
    }

    /// Checks the document if it changed since its last check; `true` if it did.
    fn refresh(&mut self, uri: &Uri) -> Result<bool, String> {
        let Some(doc) = self.documents.get(uri) else {
            return Ok(false);
        };
        if doc.checked.is_some() {
            return Ok(false);
        }
        let lookup = self.configs.lookup(doc.path.as_deref());
        if let Lookup::Broken {
            file,
            problems,
            first: true,
        } = &lookup
        {
            // Told once per version of the file, not at every keystroke.
            let message = diagnostics::broken_config_message(file.as_deref(), problems);
            self.show_message(lsp_types::MessageType::ERROR, format!("stet: {message}"))?;
        }
        let Some(doc) = self.documents.get_mut(uri) else {
            return Ok(false);
        };
        let checked = match lookup {
            Lookup::Broken { problems, .. } if doc.is_config() => Checked::Config(problems),
            Lookup::Governing(_) if doc.is_config() => {
                Checked::Config(crate::reference::DataErrors(Vec::new()))
            }
            Lookup::Broken { file, problems, .. } => Checked::Failed(
                diagnostics::broken_config_message(file.as_deref(), &problems),
            ),
            Lookup::Governing(governing) => {
                let mut options = self.document.clone();
                options.format = options.format.or(doc.format());
                let today = chrono::Local::now().date_naive();
                documents::check(&governing, &doc.name, &doc.text, &options, today)
            }
        };
        doc.checked = Some(checked);
        Ok(true)
    }

    fn show_message(&mut self, typ: lsp_types::MessageType, message: String) -> Result<(), String> {
        let params = lsp_types::ShowMessageParams { typ, message };
        self.send(&Message::Notification(Notification::new(
            ShowMessage::METHOD.into(),
            params,
        )))
    }

    /// Checks every document that changed and publishes its diagnostics.
    fn publish_changed(&mut self) -> Result<(), String> {
        let mut stale: Vec<Uri> = self
            .documents
            .iter()
            .filter(|(_, d)| d.checked.is_none())
            .map(|(uri, _)| uri.clone())
            .collect();
        stale.sort();
        for uri in stale {
            self.refresh_and_publish(&uri)?;
        }
        Ok(())
    }

    fn refresh_and_publish(&mut self, uri: &Uri) -> Result<(), String> {
        if !self.refresh(uri)? {
            return Ok(());
        }
        let Some(doc) = self.documents.get(uri) else {
            return Ok(());
        };
        let diagnostics = match &doc.checked {
            Some(Checked::Report(report)) => {
                diagnostics::of_report(report, &doc.lines, self.encoding, &self.diagnostics)
            }
            Some(Checked::Failed(why)) => vec![diagnostics::failure(why)],
            Some(Checked::Config(problems)) => diagnostics::of_config_problems(
                problems,
                &doc.name,
                &doc.text,
                &doc.lines,
                self.encoding,
            ),
            None => Vec::new(),
        };
        let version = Some(doc.version);
        self.publish(uri.clone(), diagnostics, version)
    }

    fn publish(
        &mut self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Result<(), String> {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(&Message::Notification(Notification::new(
            PublishDiagnostics::METHOD.into(),
            params,
        )))
    }

    /// The checked report of an open document, checked (and published) first if it changed.
    fn report(&mut self, uri: &Uri) -> Result<Option<&OpenDocument>, (ErrorCode, String)> {
        self.refresh_and_publish(uri)
            .map_err(|e| (ErrorCode::InternalError, e))?;
        Ok(self.documents.get(uri))
    }

    fn hover(&mut self, params: Value) -> Result<Value, (ErrorCode, String)> {
        let p: lsp_types::HoverParams = request_params(params)?;
        let uri = p.text_document_position_params.text_document.uri;
        let position = p.text_document_position_params.position;
        let encoding = self.encoding;
        let hover = match self.report(&uri)? {
            Some(OpenDocument {
                checked: Some(Checked::Report(report)),
                lines,
                ..
            }) => hover::hover(report, lines, encoding, position),
            _ => None,
        };
        to_value(hover)
    }

    fn code_action(&mut self, params: Value) -> Result<Value, (ErrorCode, String)> {
        let p: lsp_types::CodeActionParams = request_params(params)?;
        if !actions::wants_quickfix(p.context.only.as_deref()) {
            return to_value(Vec::<lsp_types::CodeActionOrCommand>::new());
        }
        let uri = p.text_document.uri;
        let (encoding, document_changes) = (self.encoding, self.document_changes);
        let options = self.diagnostics.clone();
        let found = match self.report(&uri)? {
            Some(OpenDocument {
                checked: Some(Checked::Report(report)),
                lines,
                version,
                ..
            }) => {
                let target = actions::Target {
                    uri: &uri,
                    version: *version,
                    document_changes,
                    encoding,
                };
                let requested = lines.byte_range(&report.document.source, p.range, encoding);
                actions::code_actions(report, lines, &target, requested, &options)
            }
            _ => Vec::new(),
        };
        to_value(found)
    }

    fn send(&mut self, message: &impl serde::Serialize) -> Result<(), String> {
        transport::write(&mut self.out, message)
            .map_err(|e| format!("could not write to the client: {e}"))
    }
}

/// A notification's parameters; malformed ones are dropped (a notification gets no answer), and
/// said on the server's log.
fn params<P: serde::de::DeserializeOwned>(params: Value) -> Option<P> {
    serde_json::from_value(params)
        .map_err(|e| eprintln!("stet lsp: ignored a notification with bad parameters: {e}"))
        .ok()
}

fn request_params<P: serde::de::DeserializeOwned>(params: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn to_value(value: impl serde::Serialize) -> Result<Value, (ErrorCode, String)> {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

#[cfg(test)]
mod tests;
