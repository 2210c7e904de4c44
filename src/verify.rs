//! Checking any ticket: decode it, pick v1 or v2 by its content, run that version's checks.

use crate::error::{ErrorCode, SigError, TicketTimes};
use crate::key::{KeyError, PublicKey};
use crate::ticket::{decode, now_unix};
use crate::v1;
use crate::v2::{self, HmacKey, UserbufCheck};

/// A ticket that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The validity in seconds (`TLS.expire_after` / `TLS.expire`).
    pub expire_time: i64,
    /// The issue time in unix seconds (`TLS.time`).
    pub init_time: i64,
    /// The decoded userbuf, for the userbuf check.
    pub userbuf: Option<Vec<u8>>,
}

/// The key a ticket is checked with.
///
/// `Debug` never shows key text or secret bytes (a v2 secret travels as `Text`/`Bytes`).
#[derive(Clone, Copy)]
pub enum VerificationKey<'a> {
    /// Key text as the legacy API took it: a PEM (or DER-in-text) public key for v1 tickets, the
    /// shared secret for v2 tickets. The PEM is read only when a v1 signature is checked, through
    /// the process-wide key cache ([`PublicKey::cached_from_text`]).
    Text(&'a str),
    /// The same as [`VerificationKey::Text`] for key material that is not text: a DER public key
    /// for v1 tickets, or a shared secret of arbitrary bytes for v2 tickets.
    Bytes(&'a [u8]),
    /// A parsed public key (v1 tickets only; a v2 ticket gives code 8).
    Public(&'a PublicKey),
    /// A v2 shared secret (v2 tickets only; a v1 ticket gives code 8).
    Hmac(&'a HmacKey),
}

impl std::fmt::Debug for VerificationKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VerificationKey::Text(text) => write!(f, "VerificationKey::Text(<{} bytes>)", text.len()),
            VerificationKey::Bytes(bytes) => write!(f, "VerificationKey::Bytes(<{} bytes>)", bytes.len()),
            VerificationKey::Public(key) => f.debug_tuple("VerificationKey::Public").field(key).finish(),
            VerificationKey::Hmac(key) => f.debug_tuple("VerificationKey::Hmac").field(key).finish(),
        }
    }
}

/// Which check to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind<'a> {
    /// `tls_check_signature_ex2`: tickets without a userbuf.
    Plain,
    /// `tls_check_userbuf_ticket`: userbuf tickets; the userbuf is returned, and for v2 tickets
    /// compared with `expected` when given (mismatch is code 15).
    Userbuf {
        /// The userbuf the caller expects (v2 only).
        expected: Option<&'a [u8]>,
    },
}

/// Everything a check compares a ticket with.
#[derive(Debug, Clone, Copy)]
pub struct CheckRequest<'a> {
    /// The sdkappid the ticket must be for.
    pub sdkappid: u64,
    /// The identifier the ticket must be for.
    pub identifier: &'a str,
    /// Plain or userbuf check.
    pub kind: CheckKind<'a>,
    /// "Now" in unix seconds; `None` means the system clock.
    pub now: Option<i64>,
}

impl<'a> CheckRequest<'a> {
    /// A plain check against the system clock.
    pub fn new(sdkappid: u64, identifier: &'a str) -> Self {
        CheckRequest { sdkappid, identifier, kind: CheckKind::Plain, now: None }
    }
}

/// Checks a ticket of any format with the legacy semantics and codes (SPEC section 2).
pub fn check(ticket: &str, key: VerificationKey<'_>, request: &CheckRequest<'_>) -> Result<Verified, SigError> {
    let decoded = decode(ticket)?;
    let now = request.now.unwrap_or_else(now_unix);
    let (times, userbuf): (TicketTimes, Option<Vec<u8>>) = if decoded.is_v2() {
        let owned_secret;
        let hmac_key = match key {
            VerificationKey::Hmac(k) => k,
            VerificationKey::Text(text) => {
                owned_secret = HmacKey::new(text.as_bytes());
                &owned_secret
            }
            VerificationKey::Bytes(bytes) => {
                owned_secret = HmacKey::new(bytes);
                &owned_secret
            }
            VerificationKey::Public(_) => {
                return Err(SigError::new(ErrorCode::BadSignature, "a v2 ticket needs the HMAC secret, not a public key"))
            }
        };
        let userbuf_check = match request.kind {
            CheckKind::Plain => UserbufCheck::None,
            CheckKind::Userbuf { expected: None } => UserbufCheck::Return,
            CheckKind::Userbuf { expected: Some(bytes) } => UserbufCheck::Expect(bytes),
        };
        v2::check(&decoded.json, hmac_key, request.sdkappid, request.identifier, userbuf_check, now)?
    } else {
        let resolve = || match key {
            VerificationKey::Public(k) => Ok(k.clone()),
            VerificationKey::Text(text) => PublicKey::cached_from_text(text)
                .map(|key| PublicKey::clone(&key))
                .map_err(KeyError::into_verify_error),
            VerificationKey::Bytes(bytes) => PublicKey::cached_parse(bytes)
                .map(|key| PublicKey::clone(&key))
                .map_err(KeyError::into_verify_error),
            VerificationKey::Hmac(_) => {
                Err(SigError::new(ErrorCode::BadSignature, "a v1 ticket needs the EC public key, not an HMAC secret"))
            }
        };
        let with_userbuf = matches!(request.kind, CheckKind::Userbuf { .. });
        v1::check(&decoded.json, decoded.format, resolve, request.sdkappid, request.identifier, with_userbuf, now)?
    };
    Ok(Verified { expire_time: times.expire_time, init_time: times.init_time, userbuf })
}

/// The legacy `tls_check_signature_ex2`: checks a ticket (plain JSON, v1 or v2) against the
/// sdkappid and identifier. `key` is a PEM public key, or the shared secret for v2 tickets.
pub fn verify(ticket: &str, key: &str, sdkappid: u64, identifier: &str) -> Result<Verified, SigError> {
    check(ticket, VerificationKey::Text(key), &CheckRequest::new(sdkappid, identifier))
}

/// The legacy `tls_check_userbuf_ticket`: checks a v1 or v2 userbuf ticket and returns its
/// userbuf; for v2 tickets `expected` (when given) must equal it.
pub fn verify_userbuf(
    ticket: &str,
    key: &str,
    sdkappid: u64,
    identifier: &str,
    expected: Option<&[u8]>,
) -> Result<Verified, SigError> {
    let request = CheckRequest { kind: CheckKind::Userbuf { expected }, ..CheckRequest::new(sdkappid, identifier) };
    check(ticket, VerificationKey::Text(key), &request)
}
