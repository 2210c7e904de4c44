//! The legacy error codes (SPEC section 3) and the error type every operation returns.

use std::fmt;

/// A legacy result code of the TLS sig API.
///
/// The numeric values are part of the compatibility contract: the JNI, C and CLI layers hand them
/// to callers unchanged, so a server sees the same number the legacy library returned for the same
/// input. Codes 5, 11 and 12 exist in the legacy table but are never produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum ErrorCode {
    /// 1: the ticket is empty.
    EmptyTicket = 1,
    /// 2: the ticket's base64 could not be decoded.
    TicketBase64 = 2,
    /// 3: the ticket could not be inflated (or inflated beyond the size bound).
    Inflate = 3,
    /// 4: the ticket's JSON could not be parsed, or a field needed for the signed text is missing.
    Json = 4,
    /// 5: reserved (JSON); never returned.
    JsonReserved = 5,
    /// 6: the `TLS.sig` field is not valid base64.
    SigFieldBase64 = 6,
    /// 7: a required field is missing (`TLS.sig`, or any v2 field).
    MissingField = 7,
    /// 8: the signature or MAC does not verify (usually the wrong key, or an unreadable public key).
    BadSignature = 8,
    /// 9: the ticket has expired.
    Expired = 9,
    /// 10: `TLS.time` or `TLS.expire_after` is missing or not a string.
    TimeFields = 10,
    /// 11: appid_at_3rd mismatch; never returned.
    AppidAt3rdMismatch = 11,
    /// 12: account_type mismatch; never returned.
    AccountTypeMismatch = 12,
    /// 13: the identifier does not match the request.
    IdentifierMismatch = 13,
    /// 14: the sdkappid does not match the request.
    SdkAppIdMismatch = 14,
    /// 15: the userbuf is malformed or does not match.
    Userbuf = 15,
    /// 16: internal error while compressing or encoding a ticket; also rejected arguments.
    Internal = 16,
    /// 17: signing failed, usually because the private key is unreadable or of the wrong kind.
    SignFailed = 17,
}

impl ErrorCode {
    /// The numeric code as the legacy library returned it.
    pub fn as_i32(self) -> i32 {
        self as i32
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_i32())
    }
}

/// An error from issuing, checking or decoding a ticket: a legacy [`ErrorCode`] and a readable
/// message.
///
/// Messages describe what was wrong with the input; they never contain key material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigError {
    code: ErrorCode,
    message: String,
    times: Option<TicketTimes>,
}

/// A ticket's expiry (seconds) and issue time (unix seconds), as its fields said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketTimes {
    /// `TLS.expire_after` (v1) or `TLS.expire` (v2): the validity in seconds.
    pub expire_time: i64,
    /// `TLS.time`: when the ticket was issued, in unix seconds.
    pub init_time: i64,
}

impl SigError {
    /// Creates an error with the given code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        SigError { code, message: message.into(), times: None }
    }

    /// Attaches the ticket's times (the legacy API reported them even for an expired ticket).
    pub(crate) fn with_times(mut self, times: TicketTimes) -> Self {
        self.times = Some(times);
        self
    }

    /// The ticket's times, when the check got far enough to read them (only for [`ErrorCode::Expired`]).
    pub fn ticket_times(&self) -> Option<TicketTimes> {
        self.times
    }

    /// The legacy code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The readable message (never contains key material).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.code.as_i32(), self.message)
    }
}

impl std::error::Error for SigError {}

/// Shorthand for `Err(SigError::new(code, message))`.
pub(crate) fn fail<T>(code: ErrorCode, message: impl Into<String>) -> Result<T, SigError> {
    Err(SigError::new(code, message))
}
