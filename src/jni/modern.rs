//! The natives of the modern Java API (package `com.tls.sig`, class `Natives`): signers and
//! verifiers that hold a parsed key natively and are addressed from Java by a handle.
//!
//! # Handles
//!
//! Every key a Java object holds is registered in one process-wide table under a number that is
//! never reused; Java holds only that number, never a pointer. A call looks the number up under a
//! read lock and clones the key's `Arc` out of the table, so the key stays alive for the whole
//! call even when another thread closes the Java object meanwhile. `nFree` removes the entry; the
//! key is dropped (a private key's scalar and an HMAC secret are zeroized) when the last call
//! still using it returns. A closed, unknown or forged handle is an `IllegalStateException`: no
//! handle value can make this code touch freed memory.
//!
//! # Errors
//!
//! Every export goes through [`run`], which catches panics and turns every failure into a Java
//! exception thrown before returning (the Java side also guards against a `null`/`0` result with
//! no exception pending):
//!
//! | failure | Java exception |
//! |---|---|
//! | a ticket check or generation failed | `com.tls.sig.UserSigException` with the legacy code (1-17) and message |
//! | an unusable private / public key | `UserSigException`, code 17 / 8 (as the legacy calls) |
//! | a `null` argument (other than the ticket, which is code 1) | `NullPointerException` naming it |
//! | sdkappid or expire out of range; a lone UTF-16 surrogate | `IllegalArgumentException` |
//! | a closed or unknown handle, or a handle of the wrong kind | `IllegalStateException` |
//! | a panic or an internal failure | `UserSigException`, code 16 |

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, LazyLock, RwLock};

use ::jni::errors::Error as JniError;
use ::jni::objects::{JByteArray, JClass, JObject, JString, JThrowable};
use ::jni::strings::JNIStr;
use ::jni::sys::{jint, jlong};
use ::jni::{jni_sig, jni_str, Env, EnvUnowned, JValue, Outcome};
use zeroize::Zeroizing;

use super::panic_text;
use super::strings::{decode_utf16, lone_surrogate_message, utf16_units};
use crate::verify::{self, CheckKind, CheckRequest, VerificationKey};
use crate::{v1, v2, ErrorCode, HmacKey, PrivateKey, PublicKey, SigError};

/// The largest sdkappid and expire the tickets carry (the legacy C interface's `uint32`).
const U32_MAX: i64 = u32::MAX as i64;

/// A key held for a Java object.
#[derive(Clone)]
enum Held {
    /// `UserSigSigner`: a v1 (ECDSA) signing key.
    Private(Arc<PrivateKey>),
    /// `UserSigVerifier`: a v1 (ECDSA) public key, its verification table built.
    Public(Arc<PublicKey>),
    /// `HmacUserSigSigner` / `HmacUserSigVerifier`: a v2 shared secret.
    Hmac(Arc<HmacKey>),
}

/// The live handles. Handle numbers start at 1 and are never reused, so a stale handle can only
/// ever miss, never reach another object's key.
static HANDLES: LazyLock<RwLock<HashMap<i64, Held>>> = LazyLock::new(|| RwLock::new(HashMap::new()));
static NEXT_HANDLE: AtomicI64 = AtomicI64::new(1);

/// Registers a key and returns its new handle.
fn register(held: Held) -> i64 {
    let handle = NEXT_HANDLE.fetch_add(1, Ordering::Relaxed);
    // A poisoned lock only means another thread panicked while holding it; the map itself is
    // consistent after any single insert or remove.
    HANDLES.write().unwrap_or_else(|e| e.into_inner()).insert(handle, held);
    handle
}

/// The key behind a handle, cloned out of the table (the lock is held only for the lookup).
fn lookup(handle: i64) -> Result<Held, Failure> {
    HANDLES.read().unwrap_or_else(|e| e.into_inner()).get(&handle).cloned().ok_or(Failure::Closed)
}

/// Removes a handle; returns whether it was live. The key itself is dropped when no running call
/// holds it any more (here, outside the lock, if none does).
fn release(handle: i64) -> bool {
    let removed = HANDLES.write().unwrap_or_else(|e| e.into_inner()).remove(&handle);
    removed.is_some()
}

/// Why a call failed, and so which Java exception it throws.
#[derive(Debug)]
enum Failure {
    /// `NullPointerException`: this argument was `null`.
    Null(&'static str),
    /// `IllegalArgumentException`.
    Argument(String),
    /// `IllegalStateException`: the handle is closed (or never existed).
    Closed,
    /// `IllegalStateException`: the handle holds another kind of key.
    WrongKind(&'static str),
    /// `UserSigException` from the core, with the ticket's times for an expired ticket.
    Ticket(SigError),
    /// `UserSigException` with this code and message.
    Code(ErrorCode, String),
    /// A Java exception is already pending (thrown by a JNI call): let it through.
    JavaPending,
}

impl From<SigError> for Failure {
    fn from(error: SigError) -> Self {
        Failure::Ticket(error)
    }
}

impl From<JniError> for Failure {
    fn from(error: JniError) -> Self {
        match error {
            JniError::JavaException => Failure::JavaPending,
            other => Failure::Code(ErrorCode::Internal, format!("internal JNI error: {other}")),
        }
    }
}

/// The one wrapper every modern export goes through: runs `body`, throws the Java exception for
/// its failure or panic, and returns `fallback()` (`0` or `null`) in that case. Nothing unwinds
/// into the JVM.
fn run<'local, T>(
    unowned: &mut EnvUnowned<'local>,
    fallback: fn() -> T,
    body: impl FnOnce(&mut Env<'local>) -> Result<T, Failure>,
) -> T {
    let outcome = unowned.with_env(|env| -> Result<T, JniError> {
        let result = match catch_unwind(AssertUnwindSafe(|| body(env))) {
            Ok(result) => result,
            Err(payload) => Err(Failure::Code(
                ErrorCode::Internal,
                format!("internal error (a bug in tls-sig, please report it): {}", panic_text(payload.as_ref())),
            )),
        };
        match result {
            Ok(value) => Ok(value),
            Err(failure) => {
                throw(env, failure);
                Ok(fallback())
            }
        }
    });
    match outcome.into_outcome() {
        Outcome::Ok(value) => value,
        // Unreachable in practice (the closure returns Ok, and panics inside `body` are caught
        // above); the Java side turns a null/0 result without a pending exception into an error.
        Outcome::Err(_) | Outcome::Panic(_) => fallback(),
    }
}

/// Throws the exception for `failure`, unless one is pending already. If even that fails (out of
/// memory), the JVM's own pending exception, or the Java side's guard, reports it.
fn throw(env: &mut Env<'_>, failure: Failure) {
    if env.exception_check() {
        return;
    }
    // Errors are ignored on purpose: see above.
    let _ = throw_new(env, failure);
}

fn throw_new(env: &mut Env<'_>, failure: Failure) -> Result<(), JniError> {
    let exception = match failure {
        Failure::JavaPending => return Ok(()),
        Failure::Null(name) => {
            simple_exception(env, jni_str!("java/lang/NullPointerException"), &format!("argument {name} is null"))?
        }
        Failure::Argument(message) => {
            simple_exception(env, jni_str!("java/lang/IllegalArgumentException"), &message)?
        }
        Failure::Closed => simple_exception(
            env,
            jni_str!("java/lang/IllegalStateException"),
            "closed: this signer or verifier was closed (or its handle is unknown)",
        )?,
        Failure::WrongKind(message) => {
            simple_exception(env, jni_str!("java/lang/IllegalStateException"), message)?
        }
        Failure::Ticket(error) => user_sig_exception(env, error.code().as_i32(), error.message(), error.ticket_times())?,
        Failure::Code(code, message) => user_sig_exception(env, code.as_i32(), &message, None)?,
    };
    let throwable = env.cast_local::<JThrowable>(exception)?;
    match env.throw(throwable) {
        // `throw` reports success as "a Java exception is now pending".
        Ok(()) | Err(JniError::JavaException) => Ok(()),
        Err(other) => Err(other),
    }
}

/// A new `class(String message)` exception object.
fn simple_exception<'local>(env: &mut Env<'local>, class: &JNIStr, message: &str) -> Result<JObject<'local>, JniError> {
    let message = env.new_string(message)?;
    let object = env.new_object(class, jni_sig!("(Ljava/lang/String;)V"), &[JValue::Object(&message)]);
    env.delete_local_ref(message);
    object
}

/// A new `com.tls.sig.UserSigException(int code, String message, boolean hasTimes,
/// long expireTime, long initTime)`.
fn user_sig_exception<'local>(
    env: &mut Env<'local>,
    code: i32,
    message: &str,
    times: Option<crate::TicketTimes>,
) -> Result<JObject<'local>, JniError> {
    // A code is never 0 on failure, whatever the error said.
    let code = if code == 0 { ErrorCode::Internal.as_i32() } else { code };
    let message = env.new_string(message)?;
    let (has_times, expire_time, init_time) = times.map_or((false, 0, 0), |t| (true, t.expire_time, t.init_time));
    let object = env.new_object(
        jni_str!("com/tls/sig/UserSigException"),
        jni_sig!("(ILjava/lang/String;ZJJ)V"),
        &[
            JValue::Int(code),
            JValue::Object(&message),
            JValue::Bool(has_times),
            JValue::Long(expire_time),
            JValue::Long(init_time),
        ],
    );
    env.delete_local_ref(message);
    object
}

// ---- arguments -----------------------------------------------------------------------------

/// A non-null Java string argument as UTF-8 (strict: a lone surrogate is refused).
fn string_arg(env: &Env<'_>, value: &JString<'_>, name: &'static str) -> Result<String, Failure> {
    decode_arg(&units_arg(env, value, name)?, name)
}

/// [`string_arg`] for key text: the copies made here are zeroized when dropped.
fn secret_string_arg(env: &Env<'_>, value: &JString<'_>, name: &'static str) -> Result<Zeroizing<String>, Failure> {
    let units = Zeroizing::new(units_arg(env, value, name)?);
    decode_arg(&units, name).map(Zeroizing::new)
}

/// The UTF-16 units of a non-null string argument.
fn units_arg(env: &Env<'_>, value: &JString<'_>, name: &'static str) -> Result<Vec<u16>, Failure> {
    if value.is_null() {
        return Err(Failure::Null(name));
    }
    utf16_units(env, value).map_err(|e| Failure::Code(ErrorCode::Internal, e.message))
}

/// Decodes the units of argument `name` strictly.
fn decode_arg(units: &[u16], name: &str) -> Result<String, Failure> {
    decode_utf16(units).map_err(|index| Failure::Argument(lone_surrogate_message(name, index)))
}

/// An optional `byte[]` argument (`null` is `None`).
fn optional_bytes(env: &Env<'_>, value: &JByteArray<'_>) -> Result<Option<Vec<u8>>, Failure> {
    if value.is_null() {
        return Ok(None);
    }
    Ok(Some(env.convert_byte_array(value)?))
}

/// The sdkappid: 1 to 4294967295.
fn sdkappid_arg(value: jlong) -> Result<u64, Failure> {
    if (1..=U32_MAX).contains(&value) {
        u64::try_from(value).map_err(|_| Failure::Argument(format!("sdkAppId out of range: {value}")))
    } else {
        Err(Failure::Argument(format!("sdkAppId must be from 1 to 4294967295, not {value}")))
    }
}

/// The validity in seconds: 0 to 4294967295.
fn expire_arg(value: jlong) -> Result<u32, Failure> {
    u32::try_from(value)
        .map_err(|_| Failure::Argument(format!("expireSeconds must be from 0 to 4294967295, not {value}")))
}

// ---- the exports ---------------------------------------------------------------------------

/// `static long nNewPrivateKey(String pem)`: parses a v1 private key (every form the legacy
/// library read) and returns its handle. An unusable key is `UserSigException` code 17.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_tls_sig_Natives_nNewPrivateKey<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    pem: JString<'local>,
) -> jlong {
    run(&mut env, || 0, |env| {
        let pem = secret_string_arg(env, &pem, "privateKeyPem")?;
        let key = PrivateKey::from_pem(&pem)
            .map_err(|e| Failure::from(e.into_sign_error()))?;
        Ok(register(Held::Private(Arc::new(key))))
    })
}

/// `static long nNewPublicKey(String pem)`: parses a v1 public key and returns its handle, with
/// the verification table built. An unusable key is `UserSigException` code 8.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_tls_sig_Natives_nNewPublicKey<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    pem: JString<'local>,
) -> jlong {
    run(&mut env, || 0, |env| {
        let pem = string_arg(env, &pem, "publicKeyPem")?;
        let key = PublicKey::parse(pem.as_bytes())
            .map_err(|e| Failure::from(e.into_verify_error()))?;
        key.prepare();
        Ok(register(Held::Public(Arc::new(key))))
    })
}

/// `static long nNewHmacKey(byte[] secret)`: holds a v2 shared secret (a copy; zeroized when the
/// handle is freed and no call uses it any more) and returns its handle.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_tls_sig_Natives_nNewHmacKey<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    secret: JByteArray<'local>,
) -> jlong {
    run(&mut env, || 0, |env| {
        if secret.is_null() {
            return Err(Failure::Null("secret"));
        }
        let bytes = Zeroizing::new(env.convert_byte_array(&secret)?);
        if bytes.is_empty() {
            return Err(Failure::Argument("the HMAC secret is empty".to_owned()));
        }
        Ok(register(Held::Hmac(Arc::new(HmacKey::new(&bytes)))))
    })
}

/// `static boolean nFree(long handle)`: forgets a handle (idempotent); returns whether it was live.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_tls_sig_Natives_nFree<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    handle: jlong,
) -> bool {
    run(&mut env, || false, |_| Ok(release(handle)))
}

/// `static boolean nIsLive(long handle)`: whether a handle is registered (for tests).
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_tls_sig_Natives_nIsLive<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    handle: jlong,
) -> bool {
    run(&mut env, || false, |_| Ok(lookup(handle).is_ok()))
}

/// `static String nGen(long handle, long sdkAppId, String identifier, long expireSeconds,
/// byte[] userbuf)`: a v1 ticket (private-key handle) or a v2 ticket (HMAC handle), with a
/// userbuf when `userbuf` is not `null`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_tls_sig_Natives_nGen<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    handle: jlong,
    sdkappid: jlong,
    identifier: JString<'local>,
    expire: jlong,
    userbuf: JByteArray<'local>,
) -> JObject<'local> {
    run(&mut env, JObject::null, |env| {
        let held = lookup(handle)?;
        let sdkappid = sdkappid_arg(sdkappid)?;
        let expire = expire_arg(expire)?;
        let identifier = string_arg(env, &identifier, "identifier")?;
        let userbuf = optional_bytes(env, &userbuf)?;
        let ticket = match &held {
            Held::Private(key) => v1::generate(key, sdkappid, &identifier, expire, userbuf.as_deref())?,
            Held::Hmac(key) => v2::generate(key, sdkappid, &identifier, u64::from(expire), userbuf.as_deref())?,
            Held::Public(_) => return Err(Failure::WrongKind("this handle holds a public key; it cannot sign")),
        };
        Ok(env.new_string(ticket)?.into())
    })
}

/// `static VerifiedUserSig nVerify(long handle, String ticket, long sdkAppId, String identifier,
/// int mode, byte[] expectedUserbuf)`: checks a ticket with a public-key handle (v1 and
/// plain-JSON tickets; a v2 ticket is code 8) or an HMAC handle (v2 tickets; a v1 ticket is
/// code 8). `mode` 0 is the plain check, 1 the userbuf check (the userbuf is returned; for v2
/// tickets it must equal `expectedUserbuf` when that is not `null`). A `null` ticket is code 1,
/// as an empty one.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_tls_sig_Natives_nVerify<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    handle: jlong,
    ticket: JString<'local>,
    sdkappid: jlong,
    identifier: JString<'local>,
    mode: jint,
    expected: JByteArray<'local>,
) -> JObject<'local> {
    run(&mut env, JObject::null, |env| {
        let held = lookup(handle)?;
        let sdkappid = sdkappid_arg(sdkappid)?;
        let identifier = string_arg(env, &identifier, "identifier")?;
        if ticket.is_null() {
            return Err(Failure::Ticket(SigError::new(ErrorCode::EmptyTicket, "ticket is null")));
        }
        let ticket = string_arg(env, &ticket, "ticket")?;
        let expected = optional_bytes(env, &expected)?;
        let kind = match mode {
            0 => CheckKind::Plain,
            1 => CheckKind::Userbuf { expected: expected.as_deref() },
            other => return Err(Failure::Argument(format!("unknown check mode {other}"))),
        };
        let request = CheckRequest { kind, ..CheckRequest::new(sdkappid, &identifier) };
        let verified = match &held {
            Held::Public(key) => verify::check(&ticket, VerificationKey::Public(key), &request)?,
            Held::Hmac(key) => verify::check(&ticket, VerificationKey::Hmac(key), &request)?,
            Held::Private(_) => return Err(Failure::WrongKind("this handle holds a private key; it cannot verify")),
        };
        let userbuf = match &verified.userbuf {
            Some(bytes) => env.byte_array_from_slice(bytes)?.into(),
            None => JObject::null(),
        };
        let result = env.new_object(
            jni_str!("com/tls/sig/VerifiedUserSig"),
            jni_sig!("(JJ[B)V"),
            &[JValue::Long(verified.expire_time), JValue::Long(verified.init_time), JValue::Object(&userbuf)],
        )?;
        Ok(result)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_never_reused_and_free_is_idempotent() {
        let key = Arc::new(HmacKey::new(b"secret"));
        let a = register(Held::Hmac(Arc::clone(&key)));
        let b = register(Held::Hmac(Arc::clone(&key)));
        assert!(b > a);
        assert!(lookup(a).is_ok());
        assert!(release(a));
        assert!(!release(a));
        assert!(matches!(lookup(a), Err(Failure::Closed)));
        assert!(lookup(b).is_ok());
        assert!(release(b));
        assert!(matches!(lookup(0), Err(Failure::Closed)));
        assert!(matches!(lookup(-1), Err(Failure::Closed)));
    }

    #[test]
    fn a_call_keeps_its_key_after_free() {
        let key = Arc::new(HmacKey::new(b"secret"));
        let weak = Arc::downgrade(&key);
        let handle = register(Held::Hmac(key));
        let in_flight = lookup(handle);
        assert!(release(handle));
        assert!(weak.upgrade().is_some(), "the running call still holds the key");
        drop(in_flight);
        assert!(weak.upgrade().is_none(), "freed once the last call is done");
    }

    #[test]
    fn number_arguments() {
        assert_eq!(sdkappid_arg(1).ok(), Some(1));
        assert_eq!(sdkappid_arg(4_294_967_295).ok(), Some(4_294_967_295));
        assert!(matches!(sdkappid_arg(0), Err(Failure::Argument(_))));
        assert!(matches!(sdkappid_arg(-1), Err(Failure::Argument(_))));
        assert!(matches!(sdkappid_arg(4_294_967_296), Err(Failure::Argument(_))));
        assert_eq!(expire_arg(0).ok(), Some(0));
        assert_eq!(expire_arg(4_294_967_295).ok(), Some(u32::MAX));
        assert!(matches!(expire_arg(-1), Err(Failure::Argument(_))));
        assert!(matches!(expire_arg(4_294_967_296), Err(Failure::Argument(_))));
    }
}
