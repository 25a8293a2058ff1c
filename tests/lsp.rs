//! `stet lsp` as an editor drives it: the real binary, real JSON-RPC over its stdin and stdout
//! with `Content-Length` framing, one message at a time, each reply checked as it arrives.
//! Every read has a deadline, so a server that hangs fails the test instead of blocking CI.

mod common;

use common::SEED;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long any one reply may take. Generous: a debug build loads the shipped data first, on a
/// shared machine; a hang is still caught.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The seed story's `event-date-shifted` mutation (tests/data/hanoi-summit.mutations.toml):
/// the summit's dates are a day early.
const WRONG_DATE: &str = "Feb. 26-27 summit";
const RIGHT_DATE: &str = "Feb. 27-28 summit";
/// The `capital-wrong-city` mutation.
const WRONG_CAPITAL: &str = "Vietnam’s capital, Ho Chi Minh City";
const RIGHT_CAPITAL: &str = "Vietnam’s capital, Hanoi";

/// A running `stet lsp` and the messages it has sent that no one has asked for yet.
struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Result<Value, String>>,
    unclaimed: VecDeque<Value>,
    next_id: i64,
}

impl Server {
    /// Starts `stet lsp` in `cwd` (so no stet.toml of the repository is found by accident).
    fn start(cwd: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stet"))
            .args(["lsp", "--no-cache"])
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the stet binary starts");
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let frame = read_frame(&mut reader);
                let end = !matches!(frame, Ok(Some(_)));
                let sent = match frame {
                    Ok(Some(value)) => sender.send(Ok(value)),
                    Ok(None) => return, // the server closed its output
                    Err(e) => sender.send(Err(e)),
                };
                if end || sent.is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            incoming,
            unclaimed: VecDeque::new(),
            next_id: 1,
        }
    }

    fn send_body(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .expect("the server reads its input");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_body(&message.to_string());
    }

    /// Sends a request and returns its id.
    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_body(&message.to_string());
        id
    }

    /// Sends a request and waits for its response (the whole message: `result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(json!(id))
    }

    fn response(&mut self, id: Value) -> Value {
        self.wait_for(&format!("the response to request {id}"), |m| {
            m.get("method").is_none() && m["id"] == id
        })
    }

    /// The next message `wanted` accepts; messages before it are kept for later waits.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.unclaimed.iter().position(&wanted) {
            return self.unclaimed.remove(i).expect("the index was just found");
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(Ok(message)) if wanted(&message) => return message,
                Ok(Ok(message)) => self.unclaimed.push_back(message),
                Ok(Err(e)) => {
                    panic!("the server wrote a bad frame while we waited for {what}: {e}")
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no {what} within {TIMEOUT:?}; unclaimed messages: {:#?}",
                    self.unclaimed
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the server closed its output before {what}; unclaimed: {:#?}",
                    self.unclaimed
                ),
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let published = self.wait_for(&format!("diagnostics for {uri} version {version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        published["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| panic!("diagnostics are a list: {published}"))
    }

    /// `initialize` offering `encodings`, then `initialized`; the initialize result.
    fn initialize(&mut self, encodings: Value) -> Value {
        let reply = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {
                "general": {"positionEncodings": encodings}}}),
        );
        self.notify("initialized", json!({}));
        reply["result"].clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                "text": text}}),
        );
    }

    /// `shutdown` then `exit`; how the process ended.
    fn shutdown_and_exit(mut self) -> ExitStatus {
        let reply = self.request("shutdown", Value::Null);
        assert_eq!(reply["result"], Value::Null, "{reply}");
        assert!(reply.get("error").is_none(), "{reply}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.child.try_wait().expect("the child can be waited for") {
                Some(status) => return status,
                None if Instant::now() > deadline => panic!("the server did not exit"),
                None => std::thread::sleep(Duration::from_millis(10)),
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A failed test must not leave a server running; after a clean exit this is a no-op.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One frame's body as JSON; `None` at the end of the output.
fn read_frame(reader: &mut impl BufRead) -> Result<Option<Value>, String> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(": ")
            .ok_or_else(|| format!("bad header line {line:?}"))?;
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().map_err(|e| e.to_string())?);
        }
    }
    let length = length.ok_or("a frame without Content-Length")?;
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| format!("a body that is not JSON: {e}"))
}

fn file_uri(path: &Path) -> String {
    let path = path.to_str().expect("temp paths are UTF-8");
    assert!(
        path.starts_with('/') && !path.contains([' ', '%', '#', '?']),
        "{path} needs no escaping"
    );
    format!("file://{path}")
}

/// The (line, character) of byte `offset` of `text`, counting characters in UTF-8 or UTF-16
/// code units, as the client does.
fn position(text: &str, offset: usize, utf16: bool) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let head = &before[line_start..];
    let character = if utf16 {
        head.encode_utf16().count()
    } else {
        head.len()
    };
    (line as u64, character as u64)
}

/// The byte offset of an LSP position in `text`.
fn offset(text: &str, position: &Value, utf16: bool) -> usize {
    let line = position["line"].as_u64().expect("a line") as usize;
    let character = position["character"].as_u64().expect("a character") as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let rest = &text[line_start..];
    let mut units = 0;
    for (i, c) in rest.char_indices() {
        if units >= character || c == '\n' {
            return line_start + i;
        }
        units += if utf16 { c.len_utf16() } else { c.len_utf8() };
    }
    text.len()
}

fn range_json(text: &str, bytes: std::ops::Range<usize>, utf16: bool) -> Value {
    let (sl, sc) = position(text, bytes.start, utf16);
    let (el, ec) = position(text, bytes.end, utf16);
    json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
}

/// `text` with one LSP text edit applied.
fn apply_edit(text: &str, edit: &Value, utf16: bool) -> String {
    let start = offset(text, &edit["range"]["start"], utf16);
    let end = offset(text, &edit["range"]["end"], utf16);
    let mut out = text.to_string();
    out.replace_range(start..end, edit["newText"].as_str().expect("newText"));
    out
}

fn hover_text(reply: &Value) -> String {
    let contents = &reply["result"]["contents"];
    assert_eq!(contents["kind"], "markdown", "{reply}");
    contents["value"].as_str().unwrap_or_default().to_string()
}

fn code_actions(server: &mut Server, uri: &str, range: &Value, diagnostics: Value) -> Vec<Value> {
    let reply = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range,
            "context": {"diagnostics": diagnostics}}),
    );
    reply["result"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("code actions are a list: {reply}"))
}

#[test]
fn a_session_over_stdio_checks_explains_and_fixes_a_story() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let uri = file_uri(&dir.path().join("hanoi.txt"));
    let story = SEED.replacen(RIGHT_DATE, WRONG_DATE, 1);
    let mut server = Server::start(dir.path());

    let init = server.initialize(json!(["utf-8", "utf-16"]));
    let capabilities = &init["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-8", "{init}");
    assert_eq!(
        capabilities["textDocumentSync"],
        json!({"openClose": true, "change": 2, "save": {"includeText": false}}),
        "{init}"
    );
    assert_eq!(capabilities["hoverProvider"], true, "{init}");
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"]),
        "{init}"
    );
    assert_eq!(init["serverInfo"]["name"], "stet", "{init}");

    // didOpen: the one contradiction, where the wrong dates are.
    server.open(&uri, &story);
    let diagnostics = server.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let diagnostic = &diagnostics[0];
    let wrong = story
        .find(WRONG_DATE)
        .expect("the mutation is in the story");
    let wrong_range = range_json(&story, wrong..wrong + WRONG_DATE.len(), false);
    assert_eq!(diagnostic["range"], wrong_range, "{diagnostic}");
    assert_eq!(
        diagnostic["range"]["start"]["line"], 4,
        "the story's fifth line"
    );
    assert_eq!(diagnostic["severity"], 1, "an error: {diagnostic}");
    assert_eq!(diagnostic["code"], "summit-date");
    assert_eq!(diagnostic["source"], "stet");
    let message = diagnostic["message"].as_str().expect("a message");
    assert!(message.contains("2019-02-27..2019-02-28"), "{message}");
    assert!(
        message.contains(&format!(
            "suggestion: replace \"{WRONG_DATE}\" with \"{RIGHT_DATE}\""
        )),
        "{message}"
    );

    // Hover over the wrong dates: the verdict, the evidence and its source.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {
            "line": 4, "character": wrong_range["start"]["character"].as_u64().unwrap() + 3}}),
    );
    let shown = hover_text(&hover);
    assert!(
        shown.starts_with("**stet: contradicted** · `summit-date` · error"),
        "{shown}"
    );
    assert!(shown.contains("**Evidence**"), "{shown}");
    assert!(
        shown.contains("2019 North Korea–United States Hanoi Summit: date 2019-02-27..2019-02-28"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "[m.koreaherald.com](<https://m.koreaherald.com/view.php?ud=20190228000700>)"
        ),
        "the evidence's source: {shown}"
    );
    assert_eq!(hover["result"]["range"], wrong_range);
    // Nowhere near a claim: no hover.
    let nothing = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 0}}),
    );
    assert_eq!(nothing["result"], Value::Null, "{nothing}");

    // The quick fix replaces exactly the wrong text with the correction.
    let actions = code_actions(&mut server, &uri, &wrong_range, json!([diagnostic]));
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true, "a safe fix: {action}");
    assert_eq!(
        action["title"],
        format!("Replace “{WRONG_DATE}” with “{RIGHT_DATE}”")
    );
    assert_eq!(action["diagnostics"][0]["code"], "summit-date");
    let edits = action["edit"]["changes"][&uri]
        .as_array()
        .unwrap_or_else(|| panic!("edits for the document: {action}"));
    assert_eq!(edits.len(), 1, "{edits:#?}");
    assert_eq!(edits[0]["range"], wrong_range);
    assert_eq!(edits[0]["newText"], RIGHT_DATE);
    let fixed = apply_edit(&story, &edits[0], false);
    assert_eq!(fixed, SEED, "the fix gives back the seed story");
    // A range with no contradiction offers nothing.
    let elsewhere = range_json(&story, 0..4, false);
    assert_eq!(
        code_actions(&mut server, &uri, &elsewhere, json!([])),
        Vec::<Value>::new()
    );

    // didChange applying the fix: the diagnostic clears.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": edits[0]["range"], "text": RIGHT_DATE}]}),
    );
    assert_eq!(server.diagnostics(&uri, 2), Vec::<Value>::new());

    // didChange with a whole new text: a different contradiction.
    let capital = SEED.replacen(RIGHT_CAPITAL, WRONG_CAPITAL, 1);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"text": capital}]}),
    );
    let diagnostics = server.diagnostics(&uri, 3);
    let codes: Vec<&Value> = diagnostics.iter().map(|d| &d["code"]).collect();
    assert_eq!(codes, [&json!("capital-of")], "{diagnostics:#?}");

    let status = server.shutdown_and_exit();
    assert!(
        status.success(),
        "exit after shutdown is a clean exit: {status}"
    );
}

#[test]
fn a_utf16_client_gets_utf16_positions_in_a_non_ascii_story() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let uri = file_uri(&dir.path().join("hanoi-emoji.txt"));
    // Characters outside the BMP (two UTF-16 units, four bytes) and a curly apostrophe (one
    // unit, three bytes) before the error on its line, so each encoding counts differently.
    let story = SEED.replacen(RIGHT_CAPITAL, WRONG_CAPITAL, 1).replacen(
        "SEOUL (Reuters)",
        "SEOUL 𝔘𝔘 (Reuters) 🌏",
        1,
    );
    let mut server = Server::start(dir.path());
    let init = server.initialize(json!(["utf-16"]));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16", "{init}");

    server.open(&uri, &story);
    let diagnostics = server.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let wrong = story
        .find(WRONG_CAPITAL)
        .expect("the mutation is in the story");
    let utf16_range = range_json(&story, wrong..wrong + WRONG_CAPITAL.len(), true);
    let utf8_range = range_json(&story, wrong..wrong + WRONG_CAPITAL.len(), false);
    assert_ne!(
        utf16_range, utf8_range,
        "the story tells the encodings apart"
    );
    assert_eq!(diagnostics[0]["range"], utf16_range, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "capital-of");

    let actions = code_actions(&mut server, &uri, &utf16_range, json!([]));
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    assert_eq!(edit["range"], utf16_range);
    let fixed = apply_edit(&story, edit, true);
    assert_eq!(fixed, story.replacen(WRONG_CAPITAL, RIGHT_CAPITAL, 1));

    // An incremental change in UTF-16 units lands where the client means it.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    assert_eq!(server.diagnostics(&uri, 2), Vec::<Value>::new());
    // Hover positions are UTF-16 too: on "Hanoi", now a supported claim.
    let fixed_at = fixed.find(RIGHT_CAPITAL).expect("the fix is in the text");
    let hanoi = fixed_at + RIGHT_CAPITAL.find("Hanoi").expect("Hanoi");
    let (line, character) = position(&fixed, hanoi + 2, true);
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    let shown = hover_text(&hover);
    assert!(
        shown.contains("**stet: supported** · `capital-of`"),
        "{shown}"
    );
    assert_eq!(
        hover["result"]["range"]["end"],
        range_json(&fixed, fixed_at..fixed_at + RIGHT_CAPITAL.len(), true)["end"],
        "{hover}"
    );

    assert!(server.shutdown_and_exit().success());
}

#[test]
fn malformed_messages_get_error_replies_and_the_server_goes_on() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let uri = file_uri(&dir.path().join("story.txt"));
    let mut server = Server::start(dir.path());

    // Before initialize, requests are refused.
    let early = server.request("textDocument/hover", json!({}));
    assert_eq!(
        early["error"]["code"], -32002,
        "ServerNotInitialized: {early}"
    );
    server.initialize(json!([]));

    server.send_body("{\"jsonrpc\": \"2.0\", \"id\": 40, \"method\": ");
    let parse_error = server.response(Value::Null);
    assert_eq!(
        parse_error["error"]["code"], -32700,
        "ParseError: {parse_error}"
    );

    server.send_body(r#"{"jsonrpc": "2.0", "id": 41, "method": 5}"#);
    let invalid = server.response(json!(41));
    assert_eq!(
        invalid["error"]["code"], -32600,
        "InvalidRequest: {invalid}"
    );

    let bad_params = server.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(
        bad_params["error"]["code"], -32602,
        "InvalidParams: {bad_params}"
    );

    let unknown = server.request("workspace/symbol", json!({"query": "Kim"}));
    assert_eq!(
        unknown["error"]["code"], -32601,
        "MethodNotFound: {unknown}"
    );

    // A notification with bad parameters gets no reply, and changes nothing.
    server.notify("textDocument/didOpen", json!({"textDocument": 7}));

    // Still serving: a story opened now is checked.
    server.open(&uri, &SEED.replacen(RIGHT_DATE, WRONG_DATE, 1));
    let diagnostics = server.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "summit-date");

    assert!(server.shutdown_and_exit().success());
}

#[test]
fn exit_without_shutdown_is_a_failed_exit() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut server = Server::start(dir.path());
    server.initialize(json!([]));
    server.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = server
            .child
            .try_wait()
            .expect("the child can be waited for")
        {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(10));
    };
    // LSP 3.17, `exit`: "exit with error code 1" when no shutdown came first.
    assert_eq!(status.code(), Some(1), "{status}");
}

#[test]
fn the_nearest_stet_toml_governs_a_document_and_is_read_again_when_it_changes() {
    let root = tempfile::tempdir().expect("a temp dir");
    let desk = root.path().join("desk");
    let plain = root.path().join("plain");
    std::fs::create_dir_all(desk.join("drafts")).expect("folders can be made");
    std::fs::create_dir_all(&plain).expect("folders can be made");
    let config = desk.join("stet.toml");
    std::fs::write(
        &config,
        "[rules]\nignore = [\"summit-date\"]\nseverity = { capital-of = \"warning\" }\n",
    )
    .expect("the config can be written");
    // Both mutations: a summit-date and a capital-of contradiction.
    let story = SEED
        .replacen(RIGHT_DATE, WRONG_DATE, 1)
        .replacen(RIGHT_CAPITAL, WRONG_CAPITAL, 1);
    // Two folders down from the config: found by walking up, as `stet check` finds it.
    let governed = file_uri(&desk.join("drafts").join("story.txt"));
    let ungoverned = file_uri(&plain.join("story.txt"));
    let summary = |diagnostics: &[Value]| -> Vec<(String, i64)> {
        diagnostics
            .iter()
            .map(|d| {
                let code = d["code"].as_str().unwrap_or("(none)").to_string();
                (code, d["severity"].as_i64().unwrap_or(0))
            })
            .collect()
    };

    let mut server = Server::start(root.path());
    server.initialize(json!([]));
    server.open(&governed, &story);
    assert_eq!(
        summary(&server.diagnostics(&governed, 1)),
        [("capital-of".to_string(), 2)],
        "summit-date ignored, capital-of a warning"
    );
    server.open(&ungoverned, &story);
    assert_eq!(
        summary(&server.diagnostics(&ungoverned, 1)),
        [
            ("capital-of".to_string(), 1),
            ("summit-date".to_string(), 1)
        ],
        "no config: every rule at its own severity, in source order"
    );

    // A broken config (a misspelt rule id), announced by the client's file watcher: the
    // governed story says where the problem is, and the client is told once.
    std::fs::write(&config, "[rules]\nignore = [\"summit-dat\"]\n").expect("writable");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let place = format!("{}:2:11: unknown rule id `summit-dat`", config.display());
    let diagnostics = server.diagnostics(&governed, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let message = diagnostics[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains(&place), "{message}");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    let shown = server.wait_for("a message about the broken config", |m| {
        m["method"] == "window/showMessage"
    });
    assert_eq!(shown["params"]["type"], 1, "an error: {shown}");
    let shown = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(shown.contains(&place), "{shown}");

    // The config open in the editor: its problem where it is written.
    let config_uri = file_uri(&config);
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": config_uri, "languageId": "toml", "version": 1,
            "text": "[rules]\nignore = [\"summit-dat\"]\n"}}),
    );
    let on_config = server.diagnostics(&config_uri, 1);
    assert_eq!(on_config.len(), 1, "{on_config:#?}");
    assert_eq!(
        on_config[0]["range"]["start"],
        json!({"line": 1, "character": 10})
    );
    assert!(
        on_config[0]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("unknown rule id `summit-dat`"),
        "{on_config:#?}"
    );

    // Fixed on disk with no notification at all: the next check reads it again.
    std::fs::write(&config, "[rules]\nselect = [\"summit-date\"]\n").expect("writable");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": governed, "version": 2},
            "contentChanges": [{"text": format!("{story}\n")}]}),
    );
    assert_eq!(
        summary(&server.diagnostics(&governed, 2)),
        [("summit-date".to_string(), 1)],
        "only the selected rule"
    );

    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_config_requiring_a_story_date_is_applied_to_an_undated_story() {
    let root = tempfile::tempdir().expect("a temp dir");
    std::fs::write(
        root.path().join("stet.toml"),
        "[story]\ndate = \"required\"\n",
    )
    .expect("the config can be written");
    let uri = file_uri(&root.path().join("undated.txt"));
    let dated = file_uri(&root.path().join("dated.txt"));
    let undated = SEED
        .strip_prefix(" date 2019-02-23")
        .expect("the seed starts with its date");
    let mut server = Server::start(root.path());
    server.initialize(json!([]));
    server.open(&uri, undated);
    let diagnostics = server.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let message = diagnostics[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("no story date found") && message.contains("stet.toml requires one"),
        "{message}"
    );
    // The same config, a dated story: checked as usual.
    server.open(&dated, &SEED.replacen(RIGHT_DATE, WRONG_DATE, 1));
    let diagnostics = server.diagnostics(&dated, 1);
    let codes: Vec<&Value> = diagnostics.iter().map(|d| &d["code"]).collect();
    assert_eq!(codes, [&json!("summit-date")], "{diagnostics:#?}");
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_config_naming_other_data_gets_a_checker_of_its_own() {
    let root = tempfile::tempdir().expect("a temp dir");
    let bare = root.path().join("bare");
    std::fs::create_dir_all(&bare).expect("a folder can be made");
    // Without the shipped claims there is nothing to contradict the wrong dates with.
    std::fs::write(bare.join("stet.toml"), "[data]\nno-default-data = true\n")
        .expect("the config can be written");
    let story = SEED.replacen(RIGHT_DATE, WRONG_DATE, 1);
    let governed = file_uri(&bare.join("story.txt"));
    let ungoverned = file_uri(&root.path().join("story.txt"));
    let mut server = Server::start(root.path());
    server.initialize(json!([]));
    server.open(&governed, &story);
    let diagnostics = server.diagnostics(&governed, 1);
    assert!(
        diagnostics.iter().all(|d| d["severity"] == 4),
        "only hints (unverifiable) without reference data: {diagnostics:#?}"
    );
    server.open(&ungoverned, &story);
    let diagnostics = server.diagnostics(&ungoverned, 1);
    let codes: Vec<&Value> = diagnostics.iter().map(|d| &d["code"]).collect();
    assert_eq!(
        codes,
        [&json!("summit-date")],
        "the shipped data: {diagnostics:#?}"
    );
    assert!(server.shutdown_and_exit().success());
}
