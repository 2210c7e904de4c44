//! The C interface of the legacy `sigcheck.h` (SPEC section 7), used from C and from C# through
//! `DllImport`: C strings in, caller-owned buffers out, 0 or a legacy code back.
//!
//! Buffer rules, as the legacy library had them and with its faults mended:
//! * the ticket is written NUL-terminated into `sig`; when it does not fit (`len + 1 >
//!   sig_buff_len`) nothing is written there, the call returns -1 and `err_msg` says
//!   "sig length out of range";
//! * `err_msg` gets the message NUL-terminated, truncated to `err_msg_buff_len - 1` bytes (never
//!   in the middle of a UTF-8 sequence); a zero length or a null `err_msg` gets nothing;
//! * a null pointer where text is needed is an error naming the argument (never a crash);
//! * keys are given as content plus length (PEM text or DER bytes), not as file names.
//!
//! No panic crosses the boundary: every export runs inside `guard`.

#![deny(clippy::unwrap_used)]
#![deny(clippy::expect_used)]

use std::ffi::{c_char, c_int, c_uint, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::v1::{self, V1Request};
use crate::verify::{check, CheckRequest, VerificationKey};
use crate::{ErrorCode, PrivateKey, SigError, Verified, DEFAULT_EXPIRE};

/// Returned when the ticket does not fit the caller's buffer.
const SIG_TOO_LONG: c_int = -1;
const SIG_TOO_LONG_MSG: &str = "sig length out of range";

/// A failed call: its return value and message.
struct Failure {
    code: c_int,
    message: String,
}

impl From<SigError> for Failure {
    fn from(e: SigError) -> Self {
        Failure { code: e.code().as_i32(), message: e.message().to_string() }
    }
}

fn argument_error(code: ErrorCode, message: impl Into<String>) -> Failure {
    Failure { code: code.as_i32(), message: message.into() }
}

/// Runs an export's body, turning errors and panics into a return code and an `err_msg`.
///
/// # Safety
/// `err_msg` must be null or valid for writes of `err_msg_buff_len` bytes.
unsafe fn guard(err_msg: *mut c_char, err_msg_buff_len: c_uint, body: impl FnOnce() -> Result<(), Failure>) -> c_int {
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| {
        Err(Failure { code: ErrorCode::Internal.as_i32(), message: "internal error (panic caught)".to_string() })
    });
    match outcome {
        Ok(()) => 0,
        Err(failure) => {
            // SAFETY: forwarded from this function's contract.
            unsafe { write_c_string(err_msg, err_msg_buff_len, &failure.message, true) };
            failure.code
        }
    }
}

/// Copies `text` NUL-terminated into `buf`. With `truncate`, a text that does not fit is cut at
/// a character boundary; without it, nothing is written and `false` is returned.
///
/// # Safety
/// `buf` must be null or valid for writes of `len` bytes.
unsafe fn write_c_string(buf: *mut c_char, len: c_uint, text: &str, truncate: bool) -> bool {
    let capacity = len as usize;
    if buf.is_null() || capacity == 0 {
        return false;
    }
    let mut n = text.len();
    if n + 1 > capacity {
        if !truncate {
            return false;
        }
        n = capacity - 1;
        while !text.is_char_boundary(n) {
            n -= 1;
        }
    }
    // SAFETY: `buf` is valid for `capacity` bytes and `n + 1 <= capacity`; `text` is a distinct
    // Rust allocation, so the ranges do not overlap.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), n);
        *buf.add(n) = 0;
    }
    true
}

/// Reads a NUL-terminated UTF-8 argument.
///
/// # Safety
/// `ptr` must be null or point to a NUL-terminated string that stays valid during the call.
unsafe fn c_str<'a>(ptr: *const c_char, name: &str, null_code: ErrorCode) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(argument_error(null_code, format!("argument {name} is null")));
    }
    // SAFETY: non-null and NUL-terminated by the caller's contract.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|_| argument_error(ErrorCode::Internal, format!("argument {name} is not valid UTF-8")))
}

/// Reads a (pointer, length) key argument.
///
/// # Safety
/// `ptr` must be null or valid for reads of `len` bytes during the call.
unsafe fn key_bytes<'a>(ptr: *const c_char, len: c_uint, name: &str, code: ErrorCode) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return Err(argument_error(code, format!("argument {name} is null")));
    }
    // SAFETY: non-null and valid for `len` bytes by the caller's contract.
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len as usize) })
}

/// Parses the private key: PEM text through the process-wide key cache (callers pass the same
/// key on every call), DER bytes directly.
fn parse_private_key(bytes: &[u8]) -> Result<Arc<PrivateKey>, Failure> {
    let parsed = match std::str::from_utf8(bytes) {
        Ok(text) if text.contains("-----BEGIN ") => PrivateKey::cached_from_pem(text),
        _ => PrivateKey::parse(bytes).map(Arc::new),
    };
    parsed.map_err(|e| Failure::from(e.into_sign_error()))
}

fn nonzero_sdkappid(sdkappid: c_uint) -> Result<u64, Failure> {
    if sdkappid == 0 {
        return Err(argument_error(ErrorCode::Internal, "argument sdkappid must not be 0"));
    }
    Ok(u64::from(sdkappid))
}

/// Signs and writes the ticket into the caller's buffer.
///
/// # Safety
/// `sig` must be null or valid for writes of `sig_buff_len` bytes.
unsafe fn gen_into(sig: *mut c_char, sig_buff_len: c_uint, pri_key: &[u8], request: &V1Request<'_>) -> Result<(), Failure> {
    let key = parse_private_key(pri_key)?;
    let ticket = v1::generate_with(&key, request)?;
    if sig.is_null() {
        return Err(argument_error(ErrorCode::Internal, "argument sig is null"));
    }
    // SAFETY: forwarded from this function's contract.
    if unsafe { write_c_string(sig, sig_buff_len, &ticket, false) } {
        Ok(())
    } else {
        Err(Failure { code: SIG_TOO_LONG, message: SIG_TOO_LONG_MSG.to_string() })
    }
}

/// Checks a ticket with the legacy semantics.
///
/// # Safety
/// `sig` NUL-terminated or null; `pub_key` valid for `pub_key_len` bytes or null; `identifier`
/// NUL-terminated or null.
unsafe fn verify_ticket(
    sig: *const c_char,
    pub_key: *const c_char,
    pub_key_len: c_uint,
    sdkappid: c_uint,
    identifier: *const c_char,
) -> Result<Verified, Failure> {
    // SAFETY: forwarded from this function's contract.
    let (ticket, key, identifier) = unsafe {
        (
            c_str(sig, "sig", ErrorCode::EmptyTicket)?,
            key_bytes(pub_key, pub_key_len, "pub_key", ErrorCode::BadSignature)?,
            c_str(identifier, "identifier", ErrorCode::IdentifierMismatch)?,
        )
    };
    let request = CheckRequest::new(u64::from(sdkappid), identifier);
    Ok(check(ticket, VerificationKey::Bytes(key), &request)?)
}

/// Legacy (deprecated) generation with account type and appid_at_3rd: a v1 ticket valid for
/// `expire` seconds. See `include/sigcheck.h`.
///
/// # Safety
/// String arguments are null or NUL-terminated; `pri_key` is null or valid for `pri_key_len`
/// bytes; `sig` and `err_msg` are null or writable for their buffer lengths.
#[no_mangle]
pub unsafe extern "C" fn tls_gen_sig(
    expire: c_uint,
    appid3rd: *const c_char,
    sdkappid: c_uint,
    identifier: *const c_char,
    acctype: c_uint,
    sig: *mut c_char,
    sig_buff_len: c_uint,
    pri_key: *const c_char,
    pri_key_len: c_uint,
    err_msg: *mut c_char,
    err_msg_buff_len: c_uint,
) -> c_int {
    // SAFETY: every pointer is forwarded under this function's contract.
    unsafe {
        guard(err_msg, err_msg_buff_len, || {
            let appid3rd = c_str(appid3rd, "appid3rd", ErrorCode::Internal)?;
            let identifier = c_str(identifier, "identifier", ErrorCode::Internal)?;
            let key = key_bytes(pri_key, pri_key_len, "pri_key", ErrorCode::SignFailed)?;
            let account_type = acctype.to_string();
            let request = V1Request {
                expire,
                appid_at_3rd: appid3rd,
                account_type: &account_type,
                ..V1Request::new(nonzero_sdkappid(sdkappid)?, identifier)
            };
            gen_into(sig, sig_buff_len, key, &request)
        })
    }
}

/// Legacy (deprecated) check with account type and appid_at_3rd (never compared, as before).
///
/// # Safety
/// As [`tls_gen_sig`]; `sig` is the NUL-terminated ticket.
#[no_mangle]
pub unsafe extern "C" fn tls_vri_sig(
    sig: *const c_char,
    pub_key: *const c_char,
    pub_key_len: c_uint,
    _acctype: c_uint,
    _appid3rd: *const c_char,
    sdkappid: c_uint,
    identifier: *const c_char,
    err_msg: *mut c_char,
    err_msg_buff_len: c_uint,
) -> c_int {
    // SAFETY: every pointer is forwarded under this function's contract.
    unsafe { guard(err_msg, err_msg_buff_len, || verify_ticket(sig, pub_key, pub_key_len, sdkappid, identifier).map(drop)) }
}

/// Generates a v1 ticket valid for 180 days.
///
/// # Safety
/// As [`tls_gen_sig`].
#[no_mangle]
pub unsafe extern "C" fn tls_gen_sig_ex(
    sdkappid: c_uint,
    identifier: *const c_char,
    sig: *mut c_char,
    sig_buff_len: c_uint,
    pri_key: *const c_char,
    pri_key_len: c_uint,
    err_msg: *mut c_char,
    err_msg_buff_len: c_uint,
) -> c_int {
    // SAFETY: every pointer is forwarded under this function's contract.
    unsafe {
        tls_gen_sig_ex_with_expire(
            sdkappid,
            identifier,
            DEFAULT_EXPIRE,
            sig,
            sig_buff_len,
            pri_key,
            pri_key_len,
            err_msg,
            err_msg_buff_len,
        )
    }
}

/// Generates a v1 ticket valid for `expire` seconds.
///
/// # Safety
/// As [`tls_gen_sig`].
#[no_mangle]
pub unsafe extern "C" fn tls_gen_sig_ex_with_expire(
    sdkappid: c_uint,
    identifier: *const c_char,
    expire: c_uint,
    sig: *mut c_char,
    sig_buff_len: c_uint,
    pri_key: *const c_char,
    pri_key_len: c_uint,
    err_msg: *mut c_char,
    err_msg_buff_len: c_uint,
) -> c_int {
    // SAFETY: every pointer is forwarded under this function's contract.
    unsafe {
        guard(err_msg, err_msg_buff_len, || {
            let identifier = c_str(identifier, "identifier", ErrorCode::Internal)?;
            let key = key_bytes(pri_key, pri_key_len, "pri_key", ErrorCode::SignFailed)?;
            let request = V1Request { expire, ..V1Request::new(nonzero_sdkappid(sdkappid)?, identifier) };
            gen_into(sig, sig_buff_len, key, &request)
        })
    }
}

/// Checks a ticket of any format (plain JSON, v1, v2 with `pub_key` as the HMAC secret) and
/// writes its validity and issue time. On failure both are set to 0.
///
/// # Safety
/// As [`tls_vri_sig`]; `expire_time` and `init_time` are null or writable.
#[no_mangle]
pub unsafe extern "C" fn tls_vri_sig_ex(
    sig: *const c_char,
    pub_key: *const c_char,
    pub_key_len: c_uint,
    sdkappid: c_uint,
    identifier: *const c_char,
    expire_time: *mut c_uint,
    init_time: *mut c_uint,
    err_msg: *mut c_char,
    err_msg_buff_len: c_uint,
) -> c_int {
    let mut times = (0u32, 0u32);
    // SAFETY: every pointer is forwarded under this function's contract.
    let code = unsafe {
        guard(err_msg, err_msg_buff_len, || {
            let verified = verify_ticket(sig, pub_key, pub_key_len, sdkappid, identifier)?;
            // The legacy interface has 32-bit unsigned times; values are truncated like it did.
            times = (verified.expire_time as u32, verified.init_time as u32);
            Ok(())
        })
    };
    for (ptr, value) in [(expire_time, times.0), (init_time, times.1)] {
        if !ptr.is_null() {
            // SAFETY: non-null and writable by this function's contract.
            unsafe { ptr.write(value) };
        }
    }
    code
}
