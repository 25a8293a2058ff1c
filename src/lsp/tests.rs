//! The server in process: a whole session written up front, run to its end, and its output
//! read back. (tests/lsp.rs drives the real binary message by message.)

use super::*;
use serde_json::json;
use std::io::Cursor;
use std::sync::{Arc, Mutex, OnceLock};

/// The shipped data, loaded once for every session of these tests.
fn checker() -> Arc<crate::Checker> {
    static CHECKER: OnceLock<Arc<crate::Checker>> = OnceLock::new();
    CHECKER
        .get_or_init(|| match crate::Checker::builtin() {
            Ok(c) => Arc::new(c),
            Err(e) => panic!("shipped data does not load:\n{e}"),
        })
        .clone()
}

/// No stet.toml (the stories' `file:///tmp/...` names must not find one by chance) and the
/// shipped data, already loaded.
fn configs() -> Configs {
    let options = crate::run::RunOptions {
        paths: Vec::new(),
        config: crate::workspace::ConfigChoice::Defaults,
        force_exclude: false,
        data: crate::DataOptions::default(),
        fail_on: None,
        document: DocumentOptions::default(),
        diff_base: None,
        today: chrono::NaiveDate::default(),
    };
    Configs::new(
        options,
        crate::run::Checkers::with(crate::DataOptions::default(), checker()),
    )
}

const SEED: &str = include_str!("../../tests/data/hanoi-summit.txt");

#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

fn msg(value: Value) -> String {
    frame(&value.to_string())
}

fn initialize(id: i32, encodings: Value) -> String {
    msg(json!({"jsonrpc": "2.0", "id": id, "method": "initialize",
        "params": {"capabilities": {"general": {"positionEncodings": encodings}}}}))
}

fn notify(method: &str, params: Value) -> String {
    msg(json!({"jsonrpc": "2.0", "method": method, "params": params}))
}

fn request(id: i32, method: &str, params: Value) -> String {
    msg(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
}

/// Runs a session; the server's result and every message it wrote.
fn session(input: &[String]) -> (Result<(), String>, Vec<Value>) {
    let out = Shared::default();
    let result = serve(
        configs(),
        Cursor::new(input.concat().into_bytes()),
        out.clone(),
    );
    let bytes = out.0.lock().map(|b| b.clone()).unwrap_or_default();
    (result, frames(&bytes))
}

/// The bodies of the frames written, as JSON.
fn frames(mut bytes: &[u8]) -> Vec<Value> {
    let mut out = Vec::new();
    while let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
        let header = String::from_utf8_lossy(&bytes[..end]);
        let length: usize = header
            .trim()
            .strip_prefix("Content-Length: ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("bad header {header:?}"));
        let body = &bytes[end + 4..end + 4 + length];
        out.push(serde_json::from_slice(body).unwrap());
        bytes = &bytes[end + 4 + length..];
    }
    out
}

fn response(messages: &[Value], id: i32) -> &Value {
    messages
        .iter()
        .find(|m| m["id"] == json!(id))
        .unwrap_or_else(|| panic!("no response {id} in {messages:#?}"))
}

fn publications<'a>(messages: &'a [Value], uri: &str) -> Vec<&'a Value> {
    messages
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .map(|m| &m["params"])
        .collect()
}

fn open(uri: &str, text: &str) -> String {
    notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    )
}

fn shutdown_exit(id: i32) -> [String; 2] {
    [
        request(id, "shutdown", Value::Null),
        notify("exit", Value::Null),
    ]
}

#[test]
fn lifecycle_and_errors() {
    let [shutdown, exit] = shutdown_exit(9);
    let (result, out) = session(&[
        request(1, "textDocument/hover", json!({})),
        initialize(2, json!(["utf-16", "utf-8"])),
        notify("initialized", json!({})),
        initialize(3, json!([])),
        request(4, "workspace/symbol", json!({"query": "x"})),
        request(5, "textDocument/hover", json!({"nonsense": true})),
        frame("{broken"),
        request(
            6,
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}),
        ),
        notify("textDocument/didOpen", json!({"bad": 1})),
        notify("$/cancelRequest", json!({"id": 6})),
        shutdown,
        request(10, "textDocument/hover", json!({})),
        exit,
    ]);
    assert_eq!(result, Ok(()));
    let code = |id: i32| response(&out, id)["error"]["code"].clone();
    assert_eq!(code(1), json!(ErrorCode::ServerNotInitialized as i32));
    let init = &response(&out, 2)["result"];
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(
        init["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(init["serverInfo"]["name"], "stet");
    assert_eq!(code(3), json!(ErrorCode::InvalidRequest as i32));
    assert_eq!(code(4), json!(ErrorCode::MethodNotFound as i32));
    assert_eq!(code(5), json!(ErrorCode::InvalidParams as i32));
    assert_eq!(response(&out, 6)["result"], Value::Null);
    assert_eq!(response(&out, 9)["result"], Value::Null);
    assert_eq!(code(10), json!(ErrorCode::InvalidRequest as i32));
    // The unparsable frame: a ParseError with a null id.
    let parse_error = out.iter().find(|m| m["id"].is_null()).unwrap();
    assert_eq!(
        parse_error["error"]["code"],
        json!(ErrorCode::ParseError as i32)
    );
    let errors = out.iter().filter(|m| m.get("error").is_some()).count();
    assert_eq!(errors, 6, "{out:#?}");
}

#[test]
fn exit_without_shutdown_and_eof_are_errors() {
    let (result, _) = session(&[initialize(1, json!([])), notify("exit", Value::Null)]);
    assert!(result.is_err());
    let (result, _) = session(&[initialize(1, json!([]))]);
    assert!(result.unwrap_err().contains("without `exit`"));
}

#[test]
fn a_mutated_story_gets_its_diagnostic_and_close_clears_it() {
    let uri = "file:///tmp/story.txt";
    let story = SEED.replacen("Feb. 27-28 summit", "Feb. 26-27 summit", 1);
    let column = story.lines().nth(4).unwrap().find("Feb. 26-27").unwrap() + 3;
    let [shutdown, exit] = shutdown_exit(9);
    let (result, out) = session(&[
        initialize(1, json!(["utf-16"])),
        notify("initialized", json!({})),
        open(uri, &story),
        request(
            2,
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 4, "character": column}, "end": {"line": 4, "character": column}}, "context": {"diagnostics": []}}),
        ),
        notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        ),
        shutdown,
        exit,
    ]);
    assert_eq!(result, Ok(()));
    let published = publications(&out, uri);
    assert_eq!(published.len(), 2, "{out:#?}");
    let errors: Vec<&Value> = published[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == 1)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["source"], "stet");
    assert_eq!(errors[0]["range"]["start"]["line"], 4);
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("suggestion: replace")
    );
    assert_eq!(published[0]["version"], 1);
    assert_eq!(published[1]["diagnostics"], json!([]));
    let actions = response(&out, 2)["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let edit = &actions[0]["edit"]["changes"][uri][0];
    assert_eq!(edit["newText"], "Feb. 27-28 summit");
}

#[test]
fn undecodable_or_oversized_documents_get_one_diagnostic() {
    let uri = "file:///tmp/binary.txt";
    let [shutdown, exit] = shutdown_exit(9);
    let (result, out) = session(&[
        initialize(1, json!([])),
        open(uri, "Kim\u{0}left."),
        shutdown,
        exit,
    ]);
    assert_eq!(result, Ok(()));
    let published = publications(&out, uri);
    let diagnostics = published[0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("binary file")
    );
}

#[test]
fn utf16_positions_count_surrogate_pairs() {
    let uri = "file:///tmp/emoji.txt";
    // Four non-BMP characters before the error: 8 UTF-16 units, 16 bytes, 4 chars.
    let story = SEED
        .replacen("Feb. 27-28 summit", "Feb. 26-27 summit", 1)
        .replacen("Kim left Pyongyang", "𝔘𝔘𝔘𝔘Kim left Pyongyang", 1);
    let line = story.lines().nth(4).unwrap();
    let before = &line[..line.find("Feb. 26-27").unwrap()];
    for (encodings, expected) in [
        (json!(["utf-16"]), before.encode_utf16().count()),
        (json!(["utf-8"]), before.len()),
    ] {
        let [shutdown, exit] = shutdown_exit(9);
        let (_, out) = session(&[initialize(1, encodings), open(uri, &story), shutdown, exit]);
        let published = publications(&out, uri);
        let error = published[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["severity"] == 1)
            .cloned()
            .unwrap();
        assert_eq!(error["range"]["start"]["character"], json!(expected));
    }
}

#[test]
fn config_watchers_are_registered_only_when_the_client_allows() {
    let registrations = |dynamic: bool| {
        let [shutdown, exit] = shutdown_exit(9);
        let init = msg(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"capabilities": {"workspace": {"didChangeWatchedFiles":
                {"dynamicRegistration": dynamic}}}}}));
        let (result, out) = session(&[init, notify("initialized", json!({})), shutdown, exit]);
        assert_eq!(result, Ok(()));
        out.into_iter()
            .filter(|m| m["method"] == "client/registerCapability")
            .collect::<Vec<_>>()
    };
    let sent = registrations(true);
    assert_eq!(sent.len(), 1, "{sent:#?}");
    let registration = &sent[0]["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registration["registerOptions"]["watchers"][0]["globPattern"],
        "**/stet.toml"
    );
    assert!(sent[0]["id"].is_string(), "a request: {sent:#?}");
    assert!(registrations(false).is_empty());
}
