//! Issue and check Tencent Cloud IM **UserSig** tickets ("TLS sig"), compatible with every format
//! the legacy TLS sig API issued and accepted.
//!
//! * v1 tickets are signed with the app's EC private key (ECDSA/SHA-256 on P-256 or secp256k1);
//! * v2 tickets are HMAC-SHA256 with the app's shared secret;
//! * both may carry a *userbuf*; the oldest tickets are plain JSON.
//!
//! The core is free of I/O and FFI; the JNI exports (feature `jni`), the C interface (feature
//! `capi`, `include/sigcheck.h`) and the command-line tools are thin layers over it.
//!
//! # Issuing and checking v1 tickets
//!
//! Parse a key once and reuse it; every error carries the legacy code (SPEC section 3).
//!
//! ```
//! use tls_sig::{v1, Curve, ErrorCode, PrivateKey, PublicKey, VerificationKey, CheckRequest};
//!
//! # let private_pem = PrivateKey::generate(Curve::P256).to_pkcs8_pem().unwrap();
//! let private = PrivateKey::from_pem(&private_pem)?;          // PKCS#8, SEC1, DER via `parse`, ...
//! let public: PublicKey = private.public_key();               // or PublicKey::from_pem(..)
//!
//! let ticket = v1::generate(&private, 1400000267, "xiaojun", tls_sig::DEFAULT_EXPIRE, None)?;
//!
//! let ok = tls_sig::check(&ticket, VerificationKey::Public(&public), &CheckRequest::new(1400000267, "xiaojun"))?;
//! assert_eq!(ok.expire_time, 15_552_000);
//!
//! let wrong = tls_sig::check(&ticket, VerificationKey::Public(&public), &CheckRequest::new(1400000267, "bob"));
//! assert_eq!(wrong.unwrap_err().code(), ErrorCode::IdentifierMismatch); // 13
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The legacy text API and v2
//!
//! [`verify()`] takes the key as text, as the legacy `tls_check_signature_ex2` did: a PEM public key
//! for v1 tickets, the shared secret for v2 tickets (parsed keys are cached by their text).
//!
//! ```
//! use tls_sig::{v2, HmacKey};
//!
//! let secret = HmacKey::new(b"the console's secret key");
//! let ticket = v2::generate(&secret, 1400000267, "xiaojun", 86400, Some(b"userbuf"))?;
//! let ok = tls_sig::verify_userbuf(&ticket, "the console's secret key", 1400000267, "xiaojun", Some(b"userbuf"))?;
//! assert_eq!(ok.userbuf.as_deref(), Some(&b"userbuf"[..]));
//! assert_eq!(tls_sig::verify(&ticket, "wrong", 1400000267, "xiaojun").unwrap_err().code().as_i32(), 8);
//! # Ok::<(), tls_sig::SigError>(())
//! ```

#![forbid(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

mod cache;
pub mod cnum;
mod codec;
pub mod error;
mod fast;
pub mod json;
pub mod key;

pub use error::{ErrorCode, SigError};
pub use key::{Curve, KeyError, PrivateKey, PublicKey};
mod legacy_time;
#[doc(hidden)]
pub mod stages;
pub mod ticket;
pub mod v1;
pub mod v2;
pub mod verify;

pub use error::TicketTimes;
pub use ticket::dump;
pub use v1::{generate_plain_json, DEFAULT_EXPIRE};
pub use v2::HmacKey;
pub use verify::{check, verify, verify_userbuf, CheckKind, CheckRequest, Verified, VerificationKey};

/// The C interface of the legacy `sigcheck.h` (`include/sigcheck.h`).
#[cfg(feature = "capi")]
pub mod capi;

/// The JNI exports of the legacy `com.tls.sigcheck.tls_sigcheck` class (the drop-in `jnisigcheck`).
#[cfg(feature = "jni")]
pub mod jni;
