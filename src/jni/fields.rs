//! The result fields of `com.tls.sigcheck.tls_sigcheck`, with their IDs looked up once.

use std::sync::OnceLock;

use ::jni::errors::Error;
use ::jni::ids::JFieldID;
use ::jni::objects::JObject;
use ::jni::{jni_sig, jni_str, Env, JValue};

/// The field IDs of the legacy class.
///
/// A field ID stays valid while its class is loaded. The natives of this library can only be
/// linked to the `tls_sigcheck` class of the one class loader that loaded this copy of the library
/// (the JVM refuses to load one library file into two loaders), and when that loader is collected
/// the library is unloaded with it, so the cache can never outlive the class it describes.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldIds {
    expire_time: JFieldID,
    init_time: JFieldID,
    err_msg: JFieldID,
    sig: JFieldID,
}

static FIELD_IDS: OnceLock<FieldIds> = OnceLock::new();

/// The ID of `private byte[] userBuf`, a field of this project's class only (the legacy class
/// has none), so it is looked up separately and only by the userbuf natives.
static USERBUF_FIELD: OnceLock<JFieldID> = OnceLock::new();

fn userbuf_field(env: &mut Env<'_>) -> Result<JFieldID, Error> {
    if let Some(id) = USERBUF_FIELD.get() {
        return Ok(*id);
    }
    let class = env.find_class(jni_str!("com/tls/sigcheck/tls_sigcheck"))?;
    let id = env.get_field_id(&class, jni_str!("userBuf"), jni_sig!("[B"));
    env.delete_local_ref(class);
    let id = id?;
    Ok(*USERBUF_FIELD.get_or_init(|| id))
}

impl FieldIds {
    /// Returns the cached IDs, looking them up on first use.
    ///
    /// `FindClass` called from a native method uses the class loader of the class that declared
    /// the method, so it finds the very class whose instance called us.
    pub(super) fn get(env: &mut Env<'_>) -> Result<FieldIds, Error> {
        if let Some(ids) = FIELD_IDS.get() {
            return Ok(*ids);
        }
        let class = env.find_class(jni_str!("com/tls/sigcheck/tls_sigcheck"))?;
        let ids = FieldIds {
            expire_time: env.get_field_id(&class, jni_str!("expireTime"), jni_sig!("I"))?,
            init_time: env.get_field_id(&class, jni_str!("initTime"), jni_sig!("I"))?,
            err_msg: env.get_field_id(&class, jni_str!("strErrMsg"), jni_sig!("Ljava/lang/String;"))?,
            sig: env.get_field_id(&class, jni_str!("strJsonWithSig"), jni_sig!("Ljava/lang/String;"))?,
        };
        env.delete_local_ref(class);
        // Two threads may race to here; both computed the same IDs, the first one is kept.
        Ok(*FIELD_IDS.get_or_init(|| ids))
    }
}

/// Writes the fields of one `tls_sigcheck` instance.
pub(super) struct Fields<'a, 'local> {
    ids: FieldIds,
    this: &'a JObject<'local>,
}

impl<'a, 'local> Fields<'a, 'local> {
    /// Prepares to write the fields of `this`, an instance of `com.tls.sigcheck.tls_sigcheck`.
    pub(super) fn of(env: &mut Env<'local>, this: &'a JObject<'local>) -> Result<Self, Error> {
        if this.is_null() {
            return Err(Error::NullPtr("this"));
        }
        Ok(Fields { ids: FieldIds::get(env)?, this })
    }

    /// Sets `expireTime` and `initTime`.
    pub(super) fn set_times(&self, env: &mut Env<'local>, expire_time: i32, init_time: i32) -> Result<(), Error> {
        self.set_int(env, self.ids.expire_time, expire_time)?;
        self.set_int(env, self.ids.init_time, init_time)
    }

    /// Sets `strErrMsg`.
    pub(super) fn set_err_msg(&self, env: &mut Env<'local>, message: &str) -> Result<(), Error> {
        self.set_string(env, self.ids.err_msg, message)
    }

    /// Sets `strJsonWithSig`.
    pub(super) fn set_sig(&self, env: &mut Env<'local>, sig: &str) -> Result<(), Error> {
        self.set_string(env, self.ids.sig, sig)
    }

    /// Sets `userBuf` (this project's class only) to a copy of `value`, or to `null`.
    pub(super) fn set_userbuf(&self, env: &mut Env<'local>, value: Option<&[u8]>) -> Result<(), Error> {
        let id = userbuf_field(env)?;
        match value {
            Some(bytes) => {
                let array = env.byte_array_from_slice(bytes)?;
                // SAFETY: `id` was looked up on `com.tls.sigcheck.tls_sigcheck` with signature
                // "[B", `self.this` is a non-null instance of that class, and the value is a live
                // local reference to a byte[].
                let result = unsafe { env.set_field_unchecked(self.this, id, JValue::Object(&array)) };
                env.delete_local_ref(array);
                result
            }
            None => {
                let null = JObject::null();
                // SAFETY: as above; a null reference is a valid value for a byte[] field.
                unsafe { env.set_field_unchecked(self.this, id, JValue::Object(&null)) }
            }
        }
    }

    fn set_int(&self, env: &mut Env<'local>, id: JFieldID, value: i32) -> Result<(), Error> {
        // SAFETY: `id` was looked up on `com.tls.sigcheck.tls_sigcheck` with signature "I", `self.this` is a non-null
        // instance of that class (the receiver of the running native method), and the value is a
        // JValue::Int, matching the field's type.
        unsafe { env.set_field_unchecked(self.this, id, JValue::Int(value)) }
    }

    fn set_string(&self, env: &mut Env<'local>, id: JFieldID, value: &str) -> Result<(), Error> {
        let string = env.new_string(value)?;
        // SAFETY: `id` was looked up on `com.tls.sigcheck.tls_sigcheck` with signature "Ljava/lang/String;",
        // `self.this` is a non-null instance of that class, and the value is a live local
        // reference to a java.lang.String.
        let result = unsafe { env.set_field_unchecked(self.this, id, JValue::Object(&string)) };
        env.delete_local_ref(string);
        result
    }
}
