//! Reading Java strings as real UTF-8.
//!
//! `GetStringUTFChars` hands out *modified* UTF-8, in which a character outside the BMP (an emoji)
//! is two 3-byte surrogate encodings (CESU-8): the legacy library signed those bytes. Here the
//! UTF-16 code units are copied out with `GetStringRegion` (nothing to release afterwards) and
//! decoded strictly, so a surrogate pair becomes the real 4-byte UTF-8 sequence and a lone
//! surrogate is an error instead of a silently replaced character.

use ::jni::objects::JString;
use ::jni::refs::Reference;
use ::jni::sys::{jchar, jsize};
use ::jni::Env;
use zeroize::Zeroizing;

use super::CallError;

/// Copies a Java string argument into a Rust `String`.
///
/// `name` is the Java parameter name used in error messages; `null_code` the code returned when
/// the argument is `null`.
pub(super) fn read_arg(env: &Env<'_>, value: &JString<'_>, name: &str, null_code: i32) -> Result<String, CallError> {
    let units = read_units(env, value, name, null_code)?;
    decode_arg(&units, name)
}

/// [`read_arg`] for key text (a PEM key, or the v2 secret that the legacy checkers take as
/// `pubKey`): the UTF-16 copy and the decoded string are zeroized when dropped. The Java
/// `String` itself stays in the JVM heap, beyond this library's reach.
pub(super) fn read_secret_arg(
    env: &Env<'_>,
    value: &JString<'_>,
    name: &str,
    null_code: i32,
) -> Result<Zeroizing<String>, CallError> {
    let units = Zeroizing::new(read_units(env, value, name, null_code)?);
    decode_arg(&units, name).map(Zeroizing::new)
}

/// The UTF-16 units of a string argument, or the error for `null`.
fn read_units(env: &Env<'_>, value: &JString<'_>, name: &str, null_code: i32) -> Result<Vec<u16>, CallError> {
    if value.is_null() {
        return Err(CallError::new(null_code, format!("argument {name} is null")));
    }
    utf16_units(env, value)
}

/// Decodes the units of argument `name`, naming it in the error for a lone surrogate.
fn decode_arg(units: &[u16], name: &str) -> Result<String, CallError> {
    decode_utf16(units).map_err(|index| CallError::argument(lone_surrogate_message(name, index)))
}

/// The message for argument `name` holding a lone surrogate at `index` (both JNI layers).
pub(super) fn lone_surrogate_message(name: &str, index: usize) -> String {
    format!("argument {name} is not valid UTF-16: lone surrogate at index {index}")
}

/// Decodes UTF-16 strictly; on failure returns the index of the first lone surrogate.
pub(super) fn decode_utf16(units: &[u16]) -> Result<String, usize> {
    // At most 3 UTF-8 bytes per UTF-16 unit: the string never reallocates, so no partial copy of
    // a secret is left behind in a freed buffer.
    let mut out = String::with_capacity(units.len().saturating_mul(3));
    let mut index = 0usize;
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok(c) => {
                out.push(c);
                index += c.len_utf16();
            }
            Err(_) => return Err(index),
        }
    }
    Ok(out)
}

/// Copies the UTF-16 code units of a non-null Java string.
pub(super) fn utf16_units(env: &Env<'_>, value: &JString<'_>) -> Result<Vec<u16>, CallError> {
    if env.exception_check() {
        return Err(CallError::internal("a Java exception is pending"));
    }
    let raw_env = env.get_raw();
    let raw_string = value.as_raw();
    // SAFETY: `raw_env` is the JNIEnv of the current thread, valid for the duration of this native
    // call (it came from the `EnvUnowned` the JVM passed in); `raw_string` is a non-null local
    // reference to a java.lang.String (checked by the caller, and the JVM type-checked the
    // argument). GetStringLength is a JNI 1.1 function that throws nothing, and no exception is
    // pending (checked above).
    let length: jsize = unsafe {
        let interface = *raw_env;
        ((*interface).v1_1.GetStringLength)(raw_env, raw_string)
    };
    let length_usize = usize::try_from(length).map_err(|_| CallError::internal("negative string length"))?;
    let mut units: Vec<jchar> = vec![0; length_usize];
    if length_usize > 0 {
        // SAFETY: as above for `raw_env` and `raw_string`; the region [0, length) lies within the
        // string, whose length we just read (Java strings are immutable), and `units` has room for
        // exactly `length` jchars. GetStringRegion copies into our buffer, so there is nothing to
        // release afterwards.
        unsafe {
            let interface = *raw_env;
            ((*interface).v1_2.GetStringRegion)(raw_env, raw_string, 0, length, units.as_mut_ptr());
        }
        if env.exception_check() {
            return Err(CallError::internal("reading a string argument raised a Java exception"));
        }
    }
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::decode_utf16;

    #[test]
    fn surrogate_pairs_become_real_utf8() {
        let units: Vec<u16> = "x😀y".encode_utf16().collect();
        let s = decode_utf16(&units);
        assert_eq!(s.as_ref().map(String::as_bytes), Ok(&b"x\xF0\x9F\x98\x80y"[..]));
    }

    #[test]
    fn lone_surrogates_are_reported_with_their_index() {
        assert_eq!(decode_utf16(&[0x61, 0xD83D]), Err(1));
        assert_eq!(decode_utf16(&[0xDE00, 0x61]), Err(0));
        assert_eq!(decode_utf16(&[0x61, 0xD83D, 0x62]), Err(1));
        assert_eq!(decode_utf16(&[0xD83D, 0xDE00, 0xDE00]), Err(2));
    }

    #[test]
    fn empty_and_bmp() {
        assert_eq!(decode_utf16(&[]), Ok(String::new()));
        let units: Vec<u16> = "小军".encode_utf16().collect();
        assert_eq!(decode_utf16(&units).as_deref(), Ok("小军"));
    }

    /// Key text is decoded into a buffer that is zeroized later; it must never have been
    /// reallocated on the way (a reallocation frees an unwiped partial copy).
    #[test]
    fn decoding_never_reallocates_even_at_three_bytes_per_unit() {
        for text in ["€€€€€€€€", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n", "a😀€b", "€"] {
            let units: Vec<u16> = text.encode_utf16().collect();
            let decoded = decode_utf16(&units);
            assert_eq!(decoded.as_deref(), Ok(text));
            assert_eq!(decoded.map(|s| s.capacity()), Ok(units.len() * 3), "{text:?} was reallocated");
        }
    }
}
