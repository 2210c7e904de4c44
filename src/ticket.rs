//! Turning ticket text into its JSON object (the checks that give codes 1 to 4), and back.

use crate::codec::{decode_ticket_base64, deflate, encode_ticket_base64, inflate_bounded, InflateError};
use crate::error::{fail, ErrorCode, SigError};
use crate::json::TicketJson;

/// How a ticket was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketFormat {
    /// The oldest form: the JSON object itself, uncompressed; `TLS.time` is a date.
    PlainJson,
    /// zlib-compressed JSON in the ticket base64 alphabet (v1, v2 and the closed-source tools).
    Compressed,
}

/// A ticket's JSON object and the form it came in.
#[derive(Debug, Clone)]
pub struct DecodedTicket {
    /// The form of the ticket text.
    pub format: TicketFormat,
    /// The JSON object (duplicated keys keep their first value).
    pub json: TicketJson,
    /// The JSON text exactly as it was inside the ticket.
    pub json_text: String,
}

impl DecodedTicket {
    /// Whether this is a v2 (HMAC) ticket: `"TLS.ver": "2.0"`.
    pub fn is_v2(&self) -> bool {
        self.json.get_str("TLS.ver") == Some("2.0")
    }
}

/// Decodes ticket text: empty → 1, bad base64 → 2, bad zlib (or too large) → 3, bad JSON → 4.
/// Whitespace anywhere (a trailing newline from a file, CRLF wrapping) is ignored.
pub fn decode(ticket: &str) -> Result<DecodedTicket, SigError> {
    let trimmed = ticket.trim_matches(|c: char| c.is_ascii_whitespace());
    if trimmed.is_empty() {
        return fail(ErrorCode::EmptyTicket, "sig is empty");
    }
    if trimmed.starts_with('{') {
        if let Ok(json) = TicketJson::parse(trimmed.as_bytes()) {
            return Ok(DecodedTicket { format: TicketFormat::PlainJson, json, json_text: trimmed.to_string() });
        }
    }
    let Some(compressed) = decode_ticket_base64(trimmed) else {
        return fail(ErrorCode::TicketBase64, "sig base64 decode failed");
    };
    let inflated = match inflate_bounded(&compressed) {
        Ok(bytes) => bytes,
        Err(InflateError::Corrupt) => return fail(ErrorCode::Inflate, "sig zlib uncompress failed"),
        Err(InflateError::TooLarge) => {
            return fail(ErrorCode::Inflate, "sig zlib uncompress failed: inflated size exceeds the limit")
        }
    };
    let json = match TicketJson::parse(&inflated) {
        Ok(json) => json,
        Err(e) => return fail(ErrorCode::Json, format!("sig json parse failed: {}", json_error_kind(&e))),
    };
    // The parse succeeded, so the bytes are valid UTF-8 (the lossy form is never taken).
    let json_text = String::from_utf8(inflated).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(DecodedTicket { format: TicketFormat::Compressed, json, json_text })
}

/// Decodes a ticket and returns its JSON text, as the CLI's `dump` prints it.
pub fn dump(ticket: &str) -> Result<String, SigError> {
    decode(ticket).map(|t| t.json_text)
}

/// Compresses a ticket's JSON text (zlib) and encodes it in the ticket alphabet — the outer
/// layer of every v1 and v2 ticket. Useful to build test tickets; it signs nothing.
pub fn encode(json_text: &str) -> Result<String, SigError> {
    let compressed = deflate(json_text.as_bytes())
        .map_err(|_| SigError::new(ErrorCode::Internal, "compress failed"))?;
    Ok(encode_ticket_base64(&compressed))
}

fn json_error_kind(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io => "read error",
        Category::Syntax => "invalid JSON syntax",
        Category::Data => "not a JSON object",
        Category::Eof => "truncated JSON",
    }
}

/// Current unix time in seconds.
pub(crate) fn now_unix() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(_) => 0,
    }
}
