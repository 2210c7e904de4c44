//! v2 tickets: HMAC-SHA256 with the app's shared secret, JSON numbers, `"TLS.ver": "2.0"`.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::codec::{decode_base64_lenient, encode_base64};
use crate::error::{fail, ErrorCode, SigError, TicketTimes};
use crate::json::{push_raw_member, push_string_member, TicketJson};
use crate::ticket::{encode, now_unix};

/// An app's v2 shared secret. The bytes are zeroized when dropped and never shown by `Debug`.
#[derive(Clone)]
pub struct HmacKey {
    secret: Zeroizing<Vec<u8>>,
}

impl HmacKey {
    /// A key from the secret's bytes (the console shows it as text; its UTF-8 bytes are the key).
    pub fn new(secret: &[u8]) -> Self {
        HmacKey { secret: Zeroizing::new(secret.to_vec()) }
    }

    fn mac(&self, text: &str) -> [u8; 32] {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret).unwrap_or_else(|_| unreachable!());
        mac.update(text.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

// The secret is a `Zeroizing` buffer, wiped on drop.
impl zeroize::ZeroizeOnDrop for HmacKey {}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HmacKey { .. }")
    }
}

/// What goes into a v2 ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V2Request<'a> {
    /// The app's sdkappid.
    pub sdkappid: u64,
    /// The user id.
    pub identifier: &'a str,
    /// Validity in seconds from `time`.
    pub expire: u64,
    /// The user's bytes to carry (`TLS.userbuf`), if any.
    pub userbuf: Option<&'a [u8]>,
    /// The issue time in unix seconds; `None` means now.
    pub time: Option<u64>,
}

/// Issues a v2 ticket.
pub fn generate(
    key: &HmacKey,
    sdkappid: u64,
    identifier: &str,
    expire: u64,
    userbuf: Option<&[u8]>,
) -> Result<String, SigError> {
    generate_with(key, &V2Request { sdkappid, identifier, expire, userbuf, time: None })
}

/// Issues a v2 ticket from a full request.
pub fn generate_with(key: &HmacKey, request: &V2Request<'_>) -> Result<String, SigError> {
    let time = request.time.unwrap_or_else(|| u64::try_from(now_unix()).unwrap_or(0));
    let userbuf = request.userbuf.map(encode_base64);
    let text = hmac_text(request.identifier, request.sdkappid, time, request.expire, userbuf.as_deref());
    let signature = encode_base64(&key.mac(&text));

    let mut json = String::with_capacity(192 + request.identifier.len() + userbuf.as_ref().map_or(0, String::len));
    json.push('{');
    push_string_member(&mut json, "TLS.ver", "2.0");
    push_string_member(&mut json, "TLS.identifier", request.identifier);
    push_raw_member(&mut json, "TLS.sdkappid", &request.sdkappid.to_string());
    push_raw_member(&mut json, "TLS.expire", &request.expire.to_string());
    push_raw_member(&mut json, "TLS.time", &time.to_string());
    if let Some(userbuf) = &userbuf {
        push_string_member(&mut json, "TLS.userbuf", userbuf);
    }
    push_string_member(&mut json, "TLS.sig", &signature);
    json.push('}');
    encode(&json)
}

/// The text the MAC covers.
fn hmac_text(identifier: &str, sdkappid: u64, time: u64, expire: u64, userbuf: Option<&str>) -> String {
    let mut text = format!("TLS.identifier:{identifier}\nTLS.sdkappid:{sdkappid}\nTLS.time:{time}\nTLS.expire:{expire}\n");
    if let Some(userbuf) = userbuf {
        text.push_str("TLS.userbuf:");
        text.push_str(userbuf);
        text.push('\n');
    }
    text
}

/// How a v2 check treats the userbuf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UserbufCheck<'a> {
    /// The plain check: the MAC text has no userbuf line.
    None,
    /// The userbuf check: the MAC text includes the ticket's userbuf, which is returned.
    Return,
    /// The userbuf check that also requires the ticket's userbuf to equal these bytes.
    Expect(&'a [u8]),
}

/// Checks a decoded v2 ticket in the legacy order (SPEC section 2).
pub(crate) fn check(
    json: &TicketJson,
    key: &HmacKey,
    sdkappid: u64,
    identifier: &str,
    userbuf_check: UserbufCheck<'_>,
    now: i64,
) -> Result<(TicketTimes, Option<Vec<u8>>), SigError> {
    let Some(ticket_identifier) = json.get_str("TLS.identifier") else {
        return fail(ErrorCode::MissingField, "json field TLS.identifier is missing or not a string");
    };
    if ticket_identifier != identifier {
        return fail(ErrorCode::IdentifierMismatch, "identifier not match");
    }
    let Some(ticket_sdkappid) = json.get_u64("TLS.sdkappid") else {
        return fail(ErrorCode::MissingField, "json field TLS.sdkappid is missing or not an unsigned number");
    };
    if ticket_sdkappid != sdkappid {
        return fail(ErrorCode::SdkAppIdMismatch, "sdkappid not match");
    }
    let Some(time) = json.get_u64("TLS.time") else {
        return fail(ErrorCode::MissingField, "json field TLS.time is missing or not an unsigned number");
    };
    let Some(expire) = json.get_u64("TLS.expire") else {
        return fail(ErrorCode::MissingField, "json field TLS.expire is missing or not an unsigned number");
    };
    let times = TicketTimes {
        expire_time: i64::try_from(expire).unwrap_or(i64::MAX),
        init_time: i64::try_from(time).unwrap_or(i64::MAX),
    };
    if i128::from(now) > i128::from(time) + i128::from(expire) {
        return Err(SigError::new(ErrorCode::Expired, "sig expired").with_times(times));
    }
    let Some(sig_field) = json.get_str("TLS.sig") else {
        return fail(ErrorCode::MissingField, "json field TLS.sig is missing or not a string");
    };

    let (userbuf_text, userbuf) = match userbuf_check {
        UserbufCheck::None => (None, None),
        UserbufCheck::Return | UserbufCheck::Expect(_) => {
            let text = json.get_str("TLS.userbuf");
            let Some(bytes) = text.and_then(decode_base64_lenient) else {
                return fail(ErrorCode::Userbuf, "TLS.userbuf is missing or not a base64 string");
            };
            if let UserbufCheck::Expect(expected) = userbuf_check {
                if bytes != expected {
                    return fail(ErrorCode::Userbuf, "userbuf not match");
                }
            }
            (text, Some(bytes))
        }
    };

    let expected_mac = key.mac(&hmac_text(identifier, sdkappid, time, expire, userbuf_text));
    let matches = decode_base64_lenient(sig_field).is_some_and(|given| bool::from(given.ct_eq(&expected_mac[..])));
    if !matches {
        return fail(ErrorCode::BadSignature, "hmac verify failed: the signature does not match the key");
    }
    Ok((times, userbuf))
}
