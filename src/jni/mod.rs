//! The JNI exports of the legacy class `com.tls.sigcheck.tls_sigcheck` (SPEC section 5), so that
//! this library is a drop-in replacement for `jnisigcheck.so`.
//!
//! Two sets of names are exported for every operation:
//! * the legacy ones (`Java_com_tls_sigcheck_tls_1sigcheck_tls_1gen_1signature_1ex2`, ...), bound
//!   when a server keeps its own copy of the legacy class, whose public methods are `native`;
//! * the private natives of this project's Java class (`nGenEx2`, ...), whose public methods first
//!   make sure a library is loaded.
//!
//! The natives of the modern Java API (`com.tls.sig.Natives`: signers and verifiers holding a
//! parsed key behind a handle) are in the `modern` module, with their own wrapper that throws Java
//! exceptions instead of writing fields.
//!
//! The legacy generators take the private key as text on every call; it is parsed through the
//! process-wide key cache (`crate::cache`), so a server passing the same PEM every time parses it
//! once. The checkers' public keys go through the same kind of cache inside [`crate::verify()`].
//!
//! Every legacy export goes through `run`, which reads the arguments, calls the core, writes the
//! instance's fields and returns the legacy code. Nothing can cross the FFI boundary: Rust errors
//! become codes with a message in `strErrMsg`, and panics are caught (by `EnvUnowned::with_env` and
//! again around the core call, so that even then the fields are written).
//!
//! Argument rules: a `null` in any position is an error naming the argument (code 1 for a null
//! sig, as for an empty one; 17 for a null private key, as for an unreadable one; 8 for a null
//! public key; 16 otherwise); sdkappid and expire must be plain decimal numbers in range (16
//! otherwise; sdkappid 0 is refused); a string holding a lone UTF-16 surrogate is refused (16).

#![deny(clippy::unwrap_used)]
#![deny(clippy::expect_used)]

mod fields;
mod modern;
mod strings;

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use ::jni::objects::{JByteArray, JClass, JObject, JString};
use ::jni::sys::jint;
use ::jni::{Env, EnvUnowned, Outcome};

use crate::v1::{self, V1Request};
use crate::{cnum, ErrorCode, PrivateKey, SigError, TicketTimes};

use fields::Fields;
use strings::{read_arg, read_secret_arg};

/// The interface version reported to the Java class (`NativeLoader.ABI_VERSION`): 2 since the
/// natives of the modern API (`com.tls.sig.Natives`) exist.
const ABI_VERSION: jint = 2;

/// Code for rejected arguments and internal failures.
const INTERNAL: i32 = ErrorCode::Internal as i32;
/// Code for a `null` or unreadable private key.
const SIGN_FAILED: i32 = ErrorCode::SignFailed as i32;
/// Code for a `null` sig (as for an empty one).
const EMPTY_TICKET: i32 = ErrorCode::EmptyTicket as i32;
/// Code for a `null` public key (as for an unusable one).
const BAD_SIGNATURE: i32 = ErrorCode::BadSignature as i32;

/// A failed call: the legacy code, the message for `strErrMsg`, and the ticket's times when the
/// check got far enough to read them (an expired ticket).
#[derive(Debug)]
struct CallError {
    code: i32,
    message: String,
    times: Option<TicketTimes>,
}

impl CallError {
    fn new(code: i32, message: impl Into<String>) -> Self {
        CallError { code, message: message.into(), times: None }
    }

    /// A rejected argument (code 16).
    fn argument(message: impl Into<String>) -> Self {
        CallError::new(INTERNAL, message)
    }

    /// An internal failure (code 16).
    fn internal(message: impl Into<String>) -> Self {
        CallError::new(INTERNAL, message)
    }

    /// A core error, with the Java argument it concerns named in front of the message.
    fn about(argument: &str, error: SigError) -> Self {
        CallError {
            code: error.code().as_i32(),
            message: format!("argument {argument}: {}", error.message()),
            times: error.ticket_times(),
        }
    }
}

impl From<SigError> for CallError {
    fn from(error: SigError) -> Self {
        CallError { code: error.code().as_i32(), message: error.message().to_owned(), times: error.ticket_times() }
    }
}

/// What a successful call leaves in the instance.
enum Success {
    /// A generator made this ticket (`strJsonWithSig`).
    Generated(String),
    /// A checker accepted a ticket with these times (`expireTime`, `initTime`).
    Checked { expire_time: i64, init_time: i64 },
    /// The userbuf checker accepted a ticket: its times and its userbuf (`userBuf`).
    CheckedUserbuf { expire_time: i64, init_time: i64, userbuf: Vec<u8> },
}

/// Whether a call generates or checks (decides which fields a failure resets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Generate,
    Check,
    /// The userbuf check, which also resets `userBuf` on failure.
    CheckUserbuf,
}

/// Converts a time to the legacy `int` field, saturating (values beyond `int` cannot be shown
/// faithfully in the legacy field; saturating keeps their sign and order).
fn to_jint(value: i64) -> jint {
    jint::try_from(value).unwrap_or(if value < 0 { jint::MIN } else { jint::MAX })
}

/// Text of a panic payload, for the error message.
fn panic_text(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "unknown panic"
    }
}

/// The one wrapper every export goes through: runs `body`, turns its result, error or panic
/// into the legacy code and the instance's fields, and never lets a panic or a Rust error escape.
fn run<'local>(
    unowned: &mut EnvUnowned<'local>,
    this: &JObject<'local>,
    kind: Kind,
    body: impl FnOnce(&mut Env<'local>) -> Result<Success, CallError>,
) -> jint {
    let outcome = unowned.with_env(|env| -> Result<jint, ::jni::errors::Error> {
        let result = match catch_unwind(AssertUnwindSafe(|| body(env))) {
            Ok(result) => result,
            Err(payload) => Err(CallError::internal(format!(
                "internal error (a bug in tls-sig, please report it): {}",
                panic_text(payload.as_ref())
            ))),
        };
        if env.exception_check() {
            // A JNI call inside `body` raised a Java exception (out of memory, say): touch nothing
            // else and let the JVM throw it when we return.
            return Ok(INTERNAL);
        }
        let fields = Fields::of(env, this)?;
        match result {
            Ok(Success::Generated(sig)) => {
                fields.set_sig(env, &sig)?;
                fields.set_err_msg(env, "")?;
                Ok(0)
            }
            Ok(Success::Checked { expire_time, init_time }) => {
                fields.set_times(env, to_jint(expire_time), to_jint(init_time))?;
                fields.set_err_msg(env, "")?;
                Ok(0)
            }
            Ok(Success::CheckedUserbuf { expire_time, init_time, userbuf }) => {
                fields.set_times(env, to_jint(expire_time), to_jint(init_time))?;
                fields.set_userbuf(env, Some(&userbuf))?;
                fields.set_err_msg(env, "")?;
                Ok(0)
            }
            Err(error) => {
                match kind {
                    Kind::Generate => fields.set_sig(env, "")?,
                    Kind::Check | Kind::CheckUserbuf => {
                        // The legacy check reported the times of an expired ticket; after any
                        // other failure they are 0, never what a previous call left.
                        let (expire_time, init_time) =
                            error.times.map_or((0, 0), |t| (to_jint(t.expire_time), to_jint(t.init_time)));
                        fields.set_times(env, expire_time, init_time)?;
                        if kind == Kind::CheckUserbuf {
                            fields.set_userbuf(env, None)?;
                        }
                    }
                }
                fields.set_err_msg(env, &error.message)?;
                // A code is never 0 on failure, whatever the error said.
                Ok(if error.code == 0 { INTERNAL } else { error.code })
            }
        }
    });
    match outcome.into_outcome() {
        Outcome::Ok(code) => code,
        // A JNI failure while writing the fields (its exception, if any, stays pending for the
        // JVM to throw) or a panic outside the core call: still a non-zero code.
        Outcome::Err(_) | Outcome::Panic(_) => INTERNAL,
    }
}

// ---- the operations ------------------------------------------------------------------------

fn parse_sdkappid(text: &str) -> Result<u64, CallError> {
    cnum::parse_sdkappid(text).map_err(|e| CallError::about("sdkAppid", e))
}

fn parse_expire(text: &str) -> Result<u32, CallError> {
    cnum::parse_expire(text).map_err(|e| CallError::about("expire", e))
}

/// The private key of a legacy call, through the process-wide key cache
/// ([`PrivateKey::cached_from_pem`]): servers pass the same PEM on every call, and it is parsed
/// once (the cache keeps only a digest of the text; errors are not cached).
fn private_key(text: &str) -> Result<Arc<PrivateKey>, CallError> {
    PrivateKey::cached_from_pem(text).map_err(|e| CallError::about("priKey", e.into_sign_error()))
}

/// `tls_gen_signature_ex(expire, appid3rd, sdkAppid, identifier, accountType, priKey)`.
fn gen_ex<'local>(
    env: &mut EnvUnowned<'local>,
    this: &JObject<'local>,
    args: [&JString<'local>; 6],
) -> jint {
    run(env, this, Kind::Generate, |env| {
        let [expire, appid3rd, sdkappid, identifier, account_type, pri_key] = args;
        let expire = read_arg(env, expire, "expire", INTERNAL)?;
        let appid3rd = read_arg(env, appid3rd, "appid3rd", INTERNAL)?;
        let sdkappid = read_arg(env, sdkappid, "sdkAppid", INTERNAL)?;
        let identifier = read_arg(env, identifier, "identifier", INTERNAL)?;
        let account_type = read_arg(env, account_type, "accountType", INTERNAL)?;
        let pri_key = read_secret_arg(env, pri_key, "priKey", SIGN_FAILED)?;
        let request = V1Request {
            expire: parse_expire(&expire)?,
            account_type: &account_type,
            appid_at_3rd: &appid3rd,
            ..V1Request::new(parse_sdkappid(&sdkappid)?, &identifier)
        };
        let key = private_key(&pri_key)?;
        Ok(Success::Generated(v1::generate_with(&key, &request)?))
    })
}

/// `tls_gen_signature_ex2_with_expire(sdkAppid, identifier, priKey, expire)`; `expire: None` is
/// `tls_gen_signature_ex2` (180 days).
fn gen_ex2<'local>(
    env: &mut EnvUnowned<'local>,
    this: &JObject<'local>,
    args: [&JString<'local>; 3],
    expire: Option<&JString<'local>>,
) -> jint {
    run(env, this, Kind::Generate, |env| {
        let [sdkappid, identifier, pri_key] = args;
        let sdkappid = read_arg(env, sdkappid, "sdkAppid", INTERNAL)?;
        let identifier = read_arg(env, identifier, "identifier", INTERNAL)?;
        let pri_key = read_secret_arg(env, pri_key, "priKey", SIGN_FAILED)?;
        let expire = match expire {
            Some(expire) => parse_expire(&read_arg(env, expire, "expire", INTERNAL)?)?,
            None => v1::DEFAULT_EXPIRE,
        };
        let sdkappid = parse_sdkappid(&sdkappid)?;
        let key = private_key(&pri_key)?;
        Ok(Success::Generated(v1::generate(&key, sdkappid, &identifier, expire, None)?))
    })
}

/// `tls_check_signature_ex2(sig, pubKey, sdkAppid, identifier)`; `ignored` holds the
/// `accountType` and `appid3rd` of `tls_check_signature_ex`, which must be strings but, as in the
/// legacy library, are not compared with the ticket.
fn check<'local>(
    env: &mut EnvUnowned<'local>,
    this: &JObject<'local>,
    args: [&JString<'local>; 4],
    ignored: Option<[&JString<'local>; 2]>,
) -> jint {
    run(env, this, Kind::Check, |env| {
        let [sig, pub_key, sdkappid, identifier] = args;
        let sig = read_arg(env, sig, "sig", EMPTY_TICKET)?;
        let pub_key = read_secret_arg(env, pub_key, "pubKey", BAD_SIGNATURE)?;
        if let Some([account_type, appid3rd]) = ignored {
            read_arg(env, account_type, "accountType", INTERNAL)?;
            read_arg(env, appid3rd, "appid3rd", INTERNAL)?;
        }
        let sdkappid = read_arg(env, sdkappid, "sdkAppid", INTERNAL)?;
        let identifier = read_arg(env, identifier, "identifier", INTERNAL)?;
        let sdkappid = parse_sdkappid(&sdkappid)?;
        let verified = crate::verify(&sig, &pub_key, sdkappid, &identifier)?;
        Ok(Success::Checked { expire_time: verified.expire_time, init_time: verified.init_time })
    })
}

/// `tls_gen_userbuf_ticket(sdkAppid, identifier, priKey, expire, userbuf)`: a v1 userbuf ticket.
fn gen_userbuf<'local>(
    env: &mut EnvUnowned<'local>,
    this: &JObject<'local>,
    args: [&JString<'local>; 4],
    userbuf: &JByteArray<'local>,
) -> jint {
    run(env, this, Kind::Generate, |env| {
        let [sdkappid, identifier, pri_key, expire] = args;
        let sdkappid = read_arg(env, sdkappid, "sdkAppid", INTERNAL)?;
        let identifier = read_arg(env, identifier, "identifier", INTERNAL)?;
        let pri_key = read_secret_arg(env, pri_key, "priKey", SIGN_FAILED)?;
        let expire = parse_expire(&read_arg(env, expire, "expire", INTERNAL)?)?;
        if userbuf.is_null() {
            return Err(CallError::argument("argument userbuf is null"));
        }
        let userbuf = env
            .convert_byte_array(userbuf)
            .map_err(|e| CallError::internal(format!("cannot read argument userbuf: {e}")))?;
        let sdkappid = parse_sdkappid(&sdkappid)?;
        let key = private_key(&pri_key)?;
        Ok(Success::Generated(v1::generate(&key, sdkappid, &identifier, expire, Some(&userbuf))?))
    })
}

/// `tls_check_userbuf_ticket(sig, pubKey, sdkAppid, identifier)`: checks a v1 or v2 userbuf
/// ticket and hands its userbuf to `userBuf`.
fn check_userbuf<'local>(env: &mut EnvUnowned<'local>, this: &JObject<'local>, args: [&JString<'local>; 4]) -> jint {
    run(env, this, Kind::CheckUserbuf, |env| {
        let [sig, pub_key, sdkappid, identifier] = args;
        let sig = read_arg(env, sig, "sig", EMPTY_TICKET)?;
        let pub_key = read_secret_arg(env, pub_key, "pubKey", BAD_SIGNATURE)?;
        let sdkappid = read_arg(env, sdkappid, "sdkAppid", INTERNAL)?;
        let identifier = read_arg(env, identifier, "identifier", INTERNAL)?;
        let sdkappid = parse_sdkappid(&sdkappid)?;
        let verified = crate::verify_userbuf(&sig, &pub_key, sdkappid, &identifier, None)?;
        Ok(Success::CheckedUserbuf {
            expire_time: verified.expire_time,
            init_time: verified.init_time,
            userbuf: verified.userbuf.unwrap_or_default(),
        })
    })
}

/// `tls_gen_signature(json, priKey)`: the plain-JSON ticket form.
fn gen_plain<'local>(env: &mut EnvUnowned<'local>, this: &JObject<'local>, args: [&JString<'local>; 2]) -> jint {
    run(env, this, Kind::Generate, |env| {
        let [json, pri_key] = args;
        let json = read_arg(env, json, "json", INTERNAL)?;
        let pri_key = read_secret_arg(env, pri_key, "priKey", SIGN_FAILED)?;
        let key = private_key(&pri_key)?;
        Ok(Success::Generated(v1::generate_plain_json(&json, &key)?))
    })
}

// ---- the exports ---------------------------------------------------------------------------

/// Defines one exported native per name, all with the same Java signature and body.
macro_rules! natives {
    ($(
        $(#[doc = $doc:literal])*
        [$($name:ident),+] $args:tt => $body:expr;
    )*) => {$(
        natives!(@each [$(#[doc = $doc])*] [$($name),+] $args => $body);
    )*};
    (@each $docs:tt [$($name:ident),+] $args:tt => $body:expr) => {$(
        natives!(@one $docs $name $args => $body);
    )+};
    (@one [$($attr:tt)*] $name:ident ($($arg:ident),*) => $body:expr) => {
        $($attr)*
        #[unsafe(no_mangle)]
        pub extern "system" fn $name<'local>(
            mut env: EnvUnowned<'local>,
            this: JObject<'local>,
            $($arg: JString<'local>),*
        ) -> jint {
            let call: fn(&mut EnvUnowned<'local>, &JObject<'local>, $(natives!(@ty $arg)),*) -> jint = $body;
            call(&mut env, &this, $(&$arg),*)
        }
    };
    (@ty $arg:ident) => { &JString<'local> };
}

natives! {
    /// `int tls_gen_signature_ex(String expire, String appid3rd, String sdkAppid,
    /// String identifier, String accountType, String priKey)`: a v1 ticket with an explicit
    /// account type and third-party app id.
    [Java_com_tls_sigcheck_tls_1sigcheck_tls_1gen_1signature_1ex, Java_com_tls_sigcheck_tls_1sigcheck_nGenEx]
    (expire, appid3rd, sdkappid, identifier, account_type, pri_key)
        => |env, this, a, b, c, d, e, f| gen_ex(env, this, [a, b, c, d, e, f]);

    /// `int tls_gen_signature_ex2(String sdkAppid, String identifier, String priKey)`: a v1
    /// ticket valid for 180 days.
    [Java_com_tls_sigcheck_tls_1sigcheck_tls_1gen_1signature_1ex2, Java_com_tls_sigcheck_tls_1sigcheck_nGenEx2]
    (sdkappid, identifier, pri_key)
        => |env, this, a, b, c| gen_ex2(env, this, [a, b, c], None);

    /// `int tls_gen_signature_ex2_with_expire(String sdkAppid, String identifier, String priKey,
    /// String expire)`: a v1 ticket valid for `expire` seconds.
    [Java_com_tls_sigcheck_tls_1sigcheck_tls_1gen_1signature_1ex2_1with_1expire,
     Java_com_tls_sigcheck_tls_1sigcheck_nGenEx2WithExpire]
    (sdkappid, identifier, pri_key, expire)
        => |env, this, a, b, c, d| gen_ex2(env, this, [a, b, c], Some(d));

    /// `int tls_check_signature_ex(String sig, String pubKey, String accountType,
    /// String appid3rd, String sdkAppid, String identifier)`: the ex2 check; the account type and
    /// third-party app id are not compared (as in the legacy library).
    [Java_com_tls_sigcheck_tls_1sigcheck_tls_1check_1signature_1ex, Java_com_tls_sigcheck_tls_1sigcheck_nCheckEx]
    (sig, pub_key, account_type, appid3rd, sdkappid, identifier)
        => |env, this, a, b, c, d, e, f| check(env, this, [a, b, e, f], Some([c, d]));

    /// `int tls_check_signature_ex2(String sig, String pubKey, String sdkAppid,
    /// String identifier)`: checks a plain-JSON, v1 or v2 ticket.
    [Java_com_tls_sigcheck_tls_1sigcheck_tls_1check_1signature_1ex2, Java_com_tls_sigcheck_tls_1sigcheck_nCheckEx2]
    (sig, pub_key, sdkappid, identifier)
        => |env, this, a, b, c, d| check(env, this, [a, b, c, d], None);

    /// `int tls_gen_signature(String json, String priKey)`: signs a caller-built JSON object and
    /// returns the plain-JSON ticket form.
    [Java_com_tls_sigcheck_tls_1sigcheck_tls_1gen_1signature, Java_com_tls_sigcheck_tls_1sigcheck_nGenPlain]
    (json, pri_key)
        => |env, this, a, b| gen_plain(env, this, [a, b]);
}

/// `int nGenUserbuf(String sdkAppid, String identifier, String priKey, String expire,
/// byte[] userbuf)`: a v1 ticket carrying the caller's bytes (`TLS.userbuf`). Not in the legacy
/// class; reached through this project's class.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_tls_sigcheck_tls_1sigcheck_nGenUserbuf<'local>(
    mut env: EnvUnowned<'local>,
    this: JObject<'local>,
    sdkappid: JString<'local>,
    identifier: JString<'local>,
    pri_key: JString<'local>,
    expire: JString<'local>,
    userbuf: JByteArray<'local>,
) -> jint {
    gen_userbuf(&mut env, &this, [&sdkappid, &identifier, &pri_key, &expire], &userbuf)
}

/// `int nCheckUserbuf(String sig, String pubKey, String sdkAppid, String identifier)`: the
/// userbuf check (codes as `tls_check_userbuf_ticket`, 15 for a bad userbuf); the userbuf goes to
/// the `userBuf` field. Not in the legacy class; reached through this project's class.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_tls_sigcheck_tls_1sigcheck_nCheckUserbuf<'local>(
    mut env: EnvUnowned<'local>,
    this: JObject<'local>,
    sig: JString<'local>,
    pub_key: JString<'local>,
    sdkappid: JString<'local>,
    identifier: JString<'local>,
) -> jint {
    check_userbuf(&mut env, &this, [&sig, &pub_key, &sdkappid, &identifier])
}

/// `static int nAbiVersion()`: the interface version the Java class checks before it uses the
/// library (and its way of finding out whether a library is loaded at all).
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_tls_sigcheck_tls_1sigcheck_nAbiVersion<'local>(
    _env: EnvUnowned<'local>,
    _class: JClass<'local>,
) -> jint {
    ABI_VERSION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_saturate_into_int() {
        assert_eq!(to_jint(15_552_000), 15_552_000);
        assert_eq!(to_jint(i64::from(i32::MAX) + 1), i32::MAX);
        assert_eq!(to_jint(-5_000_000_000), i32::MIN);
    }

    #[test]
    fn panic_payloads_are_described() {
        let p: Box<dyn Any + Send> = Box::new("boom");
        assert_eq!(panic_text(p.as_ref()), "boom");
        let p: Box<dyn Any + Send> = Box::new(String::from("bang"));
        assert_eq!(panic_text(p.as_ref()), "bang");
        let p: Box<dyn Any + Send> = Box::new(42u8);
        assert_eq!(panic_text(p.as_ref()), "unknown panic");
    }

    #[test]
    fn legacy_generators_parse_a_key_text_once() {
        let pem = include_str!("../../tests/data/keys/p256_private_key.pem");
        let first = private_key(pem).map_err(|e| e.message);
        let second = private_key(pem).map_err(|e| e.message);
        assert!(
            matches!((&first, &second), (Ok(a), Ok(b)) if Arc::ptr_eq(a, b)),
            "the second call must get the cached key: {first:?} {second:?}"
        );
        // a different text (the same key with CRLF line ends) is a different cache entry
        let crlf = include_str!("../../tests/data/keys/p256_private_key_crlf.pem");
        let third = private_key(crlf).map_err(|e| e.message);
        assert!(matches!((&first, &third), (Ok(a), Ok(c)) if !Arc::ptr_eq(a, c)));
    }

    #[test]
    fn argument_errors_name_the_argument() {
        let e = parse_sdkappid("abc").err().map(|e| (e.code, e.message));
        assert!(matches!(e, Some((16, ref m)) if m.contains("sdkAppid")), "{e:?}");
        let e = parse_sdkappid("0").err().map(|e| e.code);
        assert_eq!(e, Some(16));
        let e = parse_expire("-1").err().map(|e| (e.code, e.message));
        assert!(matches!(e, Some((16, ref m)) if m.contains("expire")), "{e:?}");
        let e = private_key("not a key").err().map(|e| (e.code, e.message));
        assert!(matches!(e, Some((17, ref m)) if m.contains("priKey")), "{e:?}");
    }
}
