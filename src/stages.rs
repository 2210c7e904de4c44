//! The encoding stages of a ticket, exposed one by one for the criterion benches
//! (`benches/stages.rs`). Not part of the supported API: use [`crate::v1`], [`crate::v2`] and
//! [`crate::verify()`].

use crate::codec;
use crate::json::{push_raw_member, push_string_member};

/// Standard base64 (the `TLS.sig` and `TLS.userbuf` fields).
pub fn base64_encode(bytes: &[u8]) -> String {
    codec::encode_base64(bytes)
}

/// Whitespace-tolerant standard base64 decoding.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    codec::decode_base64_lenient(text)
}

/// The ticket alphabet (`*`, `-`, `_`) encoding of the compressed JSON.
pub fn ticket_base64_encode(bytes: &[u8]) -> String {
    codec::encode_ticket_base64(bytes)
}

/// The ticket alphabet decoding.
pub fn ticket_base64_decode(text: &str) -> Option<Vec<u8>> {
    codec::decode_ticket_base64(text)
}

/// zlib compression as the generators do it.
pub fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    codec::deflate(bytes).ok()
}

/// Bounded zlib inflation as the checks do it.
pub fn inflate(bytes: &[u8]) -> Option<Vec<u8>> {
    codec::inflate_bounded(bytes).ok()
}

/// Writes a v1 ticket's JSON object the way [`crate::v1::generate`] does.
pub fn write_v1_json(identifier: &str, sdkappid: u64, time: u64, expire: u32, signature_b64: &str) -> String {
    let sdkappid = sdkappid.to_string();
    let time = time.to_string();
    let expire = expire.to_string();
    let mut json = String::with_capacity(256 + identifier.len());
    json.push('{');
    push_string_member(&mut json, "TLS.account_type", "0");
    push_string_member(&mut json, "TLS.identifier", identifier);
    push_string_member(&mut json, "TLS.appid_at_3rd", "0");
    push_string_member(&mut json, "TLS.sdk_appid", &sdkappid);
    push_string_member(&mut json, "TLS.expire_after", &expire);
    push_string_member(&mut json, "TLS.version", crate::v1::VERSION);
    push_string_member(&mut json, "TLS.time", &time);
    push_string_member(&mut json, "TLS.sig", signature_b64);
    json.push('}');
    json
}

/// Writes a v2 ticket's JSON object the way [`crate::v2::generate`] does.
pub fn write_v2_json(identifier: &str, sdkappid: u64, time: u64, expire: u64, signature_b64: &str) -> String {
    let mut json = String::with_capacity(192 + identifier.len());
    json.push('{');
    push_string_member(&mut json, "TLS.ver", "2.0");
    push_string_member(&mut json, "TLS.identifier", identifier);
    push_raw_member(&mut json, "TLS.sdkappid", &sdkappid.to_string());
    push_raw_member(&mut json, "TLS.expire", &expire.to_string());
    push_raw_member(&mut json, "TLS.time", &time.to_string());
    push_string_member(&mut json, "TLS.sig", signature_b64);
    json.push('}');
    json
}
