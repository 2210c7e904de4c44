//! v1 tickets: ECDSA/SHA-256 over six (or seven, with a userbuf) `name:value` lines.

use std::borrow::Cow;

use crate::cnum::{atol, strtoul};
use crate::codec::{decode_base64_lenient, encode_base64};
use crate::error::{fail, ErrorCode, SigError, TicketTimes};
use crate::json::{push_string_member, TicketJson};
use crate::key::{PrivateKey, PublicKey};
use crate::legacy_time::plain_json_time;
use crate::ticket::{encode, now_unix, TicketFormat};

/// The default validity of a ticket: 180 days, in seconds.
pub const DEFAULT_EXPIRE: u32 = 15_552_000;

/// The `TLS.version` the last C++ release wrote.
pub const VERSION: &str = "201803230000";

/// What goes into a v1 ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V1Request<'a> {
    /// The app's sdkappid.
    pub sdkappid: u64,
    /// The user id. Any Unicode text; it is JSON-escaped in the ticket.
    pub identifier: &'a str,
    /// Validity in seconds from `time` (written unsigned, up to 4294967295).
    pub expire: u32,
    /// `TLS.account_type`: "0" for the ex2 calls.
    pub account_type: &'a str,
    /// `TLS.appid_at_3rd`: "0" for the ex2 calls.
    pub appid_at_3rd: &'a str,
    /// The user's bytes to carry (`TLS.userbuf`), if any.
    pub userbuf: Option<&'a [u8]>,
    /// The issue time in unix seconds; `None` means now.
    pub time: Option<u64>,
}

impl<'a> V1Request<'a> {
    /// A request with the ex2 defaults: 180 days, account type and appid_at_3rd "0", no userbuf.
    pub fn new(sdkappid: u64, identifier: &'a str) -> Self {
        V1Request {
            sdkappid,
            identifier,
            expire: DEFAULT_EXPIRE,
            account_type: "0",
            appid_at_3rd: "0",
            userbuf: None,
            time: None,
        }
    }
}

/// Issues a v1 ticket (the legacy `tls_gen_signature_ex2[_with_expire]`, or the userbuf ticket
/// when `userbuf` is given).
pub fn generate(
    key: &PrivateKey,
    sdkappid: u64,
    identifier: &str,
    expire: u32,
    userbuf: Option<&[u8]>,
) -> Result<String, SigError> {
    let request = V1Request { expire, userbuf, ..V1Request::new(sdkappid, identifier) };
    generate_with(key, &request)
}

/// Issues a v1 ticket with a private key given as PEM text, parsed through the process-wide
/// key cache ([`PrivateKey::cached_from_pem`]): the fast path for callers that pass the key
/// text on every call, as the legacy API did. An unusable key is code 17.
pub fn generate_from_pem(
    key_pem: &str,
    sdkappid: u64,
    identifier: &str,
    expire: u32,
    userbuf: Option<&[u8]>,
) -> Result<String, SigError> {
    let key = PrivateKey::cached_from_pem(key_pem).map_err(crate::KeyError::into_sign_error)?;
    generate(&key, sdkappid, identifier, expire, userbuf)
}

/// Issues a v1 ticket from a full request.
///
/// The account type and appid_at_3rd must be single-line (see the check's rule on line breaks);
/// the identifier may hold any text.
pub fn generate_with(key: &PrivateKey, request: &V1Request<'_>) -> Result<String, SigError> {
    for (name, value) in [("account_type", request.account_type), ("appid_at_3rd", request.appid_at_3rd)] {
        if value.contains('\n') {
            return Err(SigError::new(ErrorCode::Internal, format!("invalid {name}: must not contain a line break")));
        }
    }
    let time = request.time.unwrap_or_else(|| u64::try_from(now_unix()).unwrap_or(0)).to_string();
    let sdkappid = request.sdkappid.to_string();
    let expire = request.expire.to_string();
    let userbuf = request.userbuf.map(encode_base64);
    let fields = SignedFields {
        appid_at_3rd: Some(request.appid_at_3rd.into()),
        account_type: request.account_type.into(),
        identifier: request.identifier.into(),
        sdk_appid: sdkappid.as_str().into(),
        time: time.as_str().into(),
        expire_after: expire.as_str().into(),
        userbuf: userbuf.as_deref().map(Cow::from),
    };
    let signature = encode_base64(key.sign_to_der(fields.text().as_bytes()).as_bytes());

    let mut json = String::with_capacity(256 + request.identifier.len() + userbuf.as_ref().map_or(0, String::len));
    json.push('{');
    push_string_member(&mut json, "TLS.account_type", request.account_type);
    push_string_member(&mut json, "TLS.identifier", request.identifier);
    push_string_member(&mut json, "TLS.appid_at_3rd", request.appid_at_3rd);
    push_string_member(&mut json, "TLS.sdk_appid", &sdkappid);
    push_string_member(&mut json, "TLS.expire_after", &expire);
    push_string_member(&mut json, "TLS.version", VERSION);
    push_string_member(&mut json, "TLS.time", &time);
    if let Some(userbuf) = &userbuf {
        push_string_member(&mut json, "TLS.userbuf", userbuf);
    }
    push_string_member(&mut json, "TLS.sig", &signature);
    json.push('}');
    encode(&json)
}

/// Signs a caller-built JSON object and returns it, uncompressed, with `TLS.sig` added: the
/// legacy `tls_gen_signature(json, priKey)` and its plain-JSON ticket form.
pub fn generate_plain_json(json: &str, key: &PrivateKey) -> Result<String, SigError> {
    let mut object = TicketJson::parse(json.as_bytes())
        .map_err(|_| SigError::new(ErrorCode::Json, "json parse failed: expected a JSON object"))?;
    let text = SignedFields::from_json(&object, false)?.text();
    let signature = encode_base64(&key.sign_der(text.as_bytes()));
    object.set_string("TLS.sig", signature);
    Ok(object.to_compact_string())
}

/// The values of the signed text, borrowed from a request or rebuilt from a ticket.
struct SignedFields<'a> {
    appid_at_3rd: Option<Cow<'a, str>>,
    account_type: Cow<'a, str>,
    identifier: Cow<'a, str>,
    sdk_appid: Cow<'a, str>,
    time: Cow<'a, str>,
    expire_after: Cow<'a, str>,
    userbuf: Option<Cow<'a, str>>,
}

impl SignedFields<'_> {
    /// The signed text: one `name:value\n` line per field, in the legacy order.
    fn text(&self) -> String {
        let mut text = String::with_capacity(160 + self.identifier.len() + self.userbuf.as_ref().map_or(0, |u| u.len()));
        let mut line = |name: &str, value: &str| {
            text.push_str(name);
            text.push(':');
            text.push_str(value);
            text.push('\n');
        };
        if let Some(appid) = &self.appid_at_3rd {
            line("TLS.appid_at_3rd", appid);
        }
        line("TLS.account_type", &self.account_type);
        line("TLS.identifier", &self.identifier);
        line("TLS.sdk_appid", &self.sdk_appid);
        line("TLS.time", &self.time);
        line("TLS.expire_after", &self.expire_after);
        if let Some(userbuf) = &self.userbuf {
            line("TLS.userbuf", userbuf);
        }
        text
    }

    /// Rebuilds the signed-text values from a ticket's JSON (strings raw, other values as
    /// compact JSON). A missing required field is code 4. For userbuf tickets `TLS.appid_at_3rd`
    /// and `TLS.userbuf` are required too.
    ///
    /// Only the identifier may contain a line break. The signed text is `name:value` lines, so
    /// a line break in any other field would let one signed text be split into different field
    /// values (a ticket for another identifier, or a longer life); with every other field on one
    /// line, the text has exactly one reading. Such a field is code 4, like a field that cannot
    /// be rebuilt. (No issuer writes one: they are numbers, "0", or base64.)
    fn from_json(json: &TicketJson, with_userbuf: bool) -> Result<SignedFields<'static>, SigError> {
        let optional = |name: &str| -> Result<Option<Cow<'static, str>>, SigError> {
            match json.get_as_text(name) {
                Some(value) if value.contains('\n') => {
                    Err(SigError::new(ErrorCode::Json, format!("json field {name} contains a line break")))
                }
                value => Ok(value.map(Cow::Owned)),
            }
        };
        let required = |name: &str| {
            optional(name)?.ok_or_else(|| SigError::new(ErrorCode::Json, format!("json field {name} is missing")))
        };
        let appid_at_3rd = if with_userbuf { Some(required("TLS.appid_at_3rd")?) } else { optional("TLS.appid_at_3rd")? };
        Ok(SignedFields {
            appid_at_3rd,
            account_type: required("TLS.account_type")?,
            identifier: json
                .get_as_text("TLS.identifier")
                .map(Cow::Owned)
                .ok_or_else(|| SigError::new(ErrorCode::Json, "json field TLS.identifier is missing"))?,
            sdk_appid: required("TLS.sdk_appid")?,
            time: required("TLS.time")?,
            expire_after: required("TLS.expire_after")?,
            userbuf: if with_userbuf { Some(required("TLS.userbuf")?) } else { None },
        })
    }
}

/// Checks a decoded v1 ticket in the legacy order (SPEC section 2): signed text (4), `TLS.sig`
/// (7, 6, 8), identifier (13), sdkappid (14), time fields (10), expiry (9), then for userbuf
/// tickets the userbuf (15).
///
/// `key` is resolved only when the signature is checked, so an unreadable key surfaces as 8
/// after the earlier codes, as it did in the legacy library.
pub(crate) fn check(
    json: &TicketJson,
    format: TicketFormat,
    key: impl FnOnce() -> Result<PublicKey, SigError>,
    sdkappid: u64,
    identifier: &str,
    with_userbuf: bool,
    now: i64,
) -> Result<(TicketTimes, Option<Vec<u8>>), SigError> {
    let text = SignedFields::from_json(json, with_userbuf)?.text();

    let Some(sig_field) = json.get_str("TLS.sig") else {
        return fail(ErrorCode::MissingField, "json field TLS.sig is missing or not a string");
    };
    let Some(signature) = decode_base64_lenient(sig_field) else {
        return fail(ErrorCode::SigFieldBase64, "TLS.sig base64 decode failed");
    };
    let key = key()?;
    if !key.verify_der(text.as_bytes(), &signature) {
        return fail(ErrorCode::BadSignature, "ecdsa verify failed: the signature does not match the public key");
    }

    if json.get_str("TLS.identifier") != Some(identifier) {
        return fail(ErrorCode::IdentifierMismatch, "identifier not match");
    }
    match json.get_str("TLS.sdk_appid") {
        Some(v) if strtoul(v) == sdkappid => {}
        _ => return fail(ErrorCode::SdkAppIdMismatch, "sdkappid not match"),
    }
    let (Some(time), Some(expire)) = (json.get_str("TLS.time"), json.get_str("TLS.expire_after")) else {
        return fail(ErrorCode::TimeFields, "json field TLS.time or TLS.expire_after is missing or not a string");
    };
    let init_time = match format {
        TicketFormat::PlainJson => plain_json_time(time).unwrap_or_else(|| atol(time)),
        TicketFormat::Compressed => atol(time),
    };
    let times = TicketTimes { expire_time: atol(expire), init_time };
    if i128::from(times.init_time) + i128::from(times.expire_time) < i128::from(now) {
        return Err(SigError::new(ErrorCode::Expired, "sig expired").with_times(times));
    }

    if !with_userbuf {
        return Ok((times, None));
    }
    let userbuf = json.get_str("TLS.userbuf").and_then(decode_base64_lenient);
    match userbuf {
        Some(bytes) => Ok((times, Some(bytes))),
        None => fail(ErrorCode::Userbuf, "TLS.userbuf is not a base64 string"),
    }
}
