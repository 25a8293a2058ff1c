//! The wire: `Content-Length` framed JSON-RPC messages, read into `lsp_server::Message`s.
//!
//! `lsp_server`'s own stdio transport stops at the first message that is not valid JSON and
//! cannot answer it (its `Response` needs an id), so stet reads the frames itself: a body that
//! is not JSON is answered with a ParseError, one that is JSON but no valid message with an
//! InvalidRequest (both with `id: null` unless the id could be read), and the server goes on.
//! A header block without a usable `Content-Length` is skipped up to the next one.

use lsp_server::{ErrorCode, Message};
use serde_json::Value;
use std::io::{self, BufRead, Read, Write};

/// Bodies larger than this are refused (and skipped) rather than buffered.
pub const MAX_BODY: usize = 256 * 1024 * 1024;
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// One thing read from the client.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Something to answer with an error: the id it had (`Value::Null` when unknown).
    Invalid {
        id: Value,
        code: ErrorCode,
        message: String,
    },
}

/// Reads the next frame. `Ok(None)` at the end of the input.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !saw_header {
                continue; // stray blank lines between messages
            }
            break;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
            );
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(message)) => {
            return Ok(Some(invalid(Value::Null, ErrorCode::ParseError, message)));
        }
        None => {
            return Ok(Some(invalid(
                Value::Null,
                ErrorCode::ParseError,
                "a message without a Content-Length header".into(),
            )));
        }
    };
    if length > MAX_BODY {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Some(invalid(
            Value::Null,
            ErrorCode::InvalidRequest,
            format!("a message of {length} bytes, over the limit of {MAX_BODY}"),
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(parse(&body)))
}

/// A frame's body as a message, or the error to answer it with.
pub fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return invalid(Value::Null, ErrorCode::ParseError, format!("not JSON: {e}")),
    };
    let Some(object) = value.as_object() else {
        return invalid(
            Value::Null,
            ErrorCode::InvalidRequest,
            "a message must be a JSON object (batches are not part of LSP)".into(),
        );
    };
    let id = object.get("id").cloned();
    if let Some(id) = &id {
        // lsp_server's ids are 32-bit integers or strings; anything else would be read as a
        // notification, and the client would wait for an answer for ever.
        let valid = id.is_string() || id.as_i64().is_some_and(|n| i32::try_from(n).is_ok());
        if !valid {
            let echo = if id.is_number() {
                id.clone()
            } else {
                Value::Null
            };
            return invalid(
                echo,
                ErrorCode::InvalidRequest,
                format!("unsupported id {id}"),
            );
        }
    }
    if object.contains_key("method") && !object.get("method").is_some_and(Value::is_string) {
        return invalid(
            id.unwrap_or(Value::Null),
            ErrorCode::InvalidRequest,
            "`method` must be a string".into(),
        );
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => invalid(
            id.unwrap_or(Value::Null),
            ErrorCode::InvalidRequest,
            format!("not a JSON-RPC message: {e}"),
        ),
    }
}

fn invalid(id: Value, code: ErrorCode, message: String) -> Incoming {
    Incoming::Invalid { id, code, message }
}

/// Writes one message, framed, and flushes.
pub fn write(out: &mut impl Write, message: &impl serde::Serialize) -> io::Result<()> {
    let mut value = serde_json::to_value(message)?;
    if let Some(object) = value.as_object_mut() {
        object.insert("jsonrpc".into(), Value::from("2.0"));
    }
    let body = serde_json::to_string(&value)?;
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

/// An error response with a raw id (`null` when the request's id could not be read).
pub fn error_response(id: Value, code: ErrorCode, message: &str) -> Value {
    serde_json::json!({ "id": id, "error": { "code": code as i32, "message": message } })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn read_all(input: &str) -> Vec<Incoming> {
        let mut reader = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        while let Ok(Some(m)) = read(&mut reader) {
            out.push(m);
        }
        out
    }

    fn describe(m: &Incoming) -> String {
        match m {
            Incoming::Message(Message::Request(r)) => format!("request {} {}", r.id, r.method),
            Incoming::Message(Message::Notification(n)) => format!("notification {}", n.method),
            Incoming::Message(Message::Response(r)) => format!("response {}", r.id),
            Incoming::Invalid { id, code, .. } => format!("invalid {id} {}", *code as i32),
        }
    }

    #[test]
    fn frames_are_read_and_bad_ones_answered() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            "\r\n".into(),
            frame("{not json"),
            frame(r#"[1,2]"#),
            frame(r#"{"jsonrpc":"2.0","id":1e20,"method":"x"}"#),
            frame(r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#),
            frame(r#"{"jsonrpc":"2.0","id":"s","method":5}"#),
            frame(r#"{"jsonrpc":"2.0","id":3}"#),
            "Content-Length: x\r\n\r\n".into(),
            "Content-Type: a\r\n\r\n".into(),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            "content-length: 2\ncontent-type: utf-8\n\n{}".into(),
        ]
        .concat();
        let got: Vec<String> = read_all(&input).iter().map(describe).collect();
        assert_eq!(
            got,
            [
                "request 1 initialize",
                "invalid null -32700",
                "invalid null -32600",
                "invalid 1e+20 -32600",
                "invalid null -32600",
                "invalid \"s\" -32600",
                "invalid 3 -32600",
                "invalid null -32700",
                "invalid null -32700",
                "notification exit",
                "invalid null -32600",
            ]
        );
    }

    #[test]
    fn truncated_input_ends_the_stream() {
        let mut reader = io::BufReader::new("Content-Length: 50\r\n\r\n{}".as_bytes());
        assert!(read(&mut reader).is_err());
        let mut reader = io::BufReader::new("".as_bytes());
        assert!(matches!(read(&mut reader), Ok(None)));
    }

    #[test]
    fn written_frames_read_back() {
        let mut out = Vec::new();
        let response = error_response(Value::Null, ErrorCode::ParseError, "bad");
        write(&mut out, &response).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("Content-Length: "));
        assert!(text.contains(r#""jsonrpc":"2.0""#));
        assert!(text.contains(r#""code":-32700"#));
    }
}
