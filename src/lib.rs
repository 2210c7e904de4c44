//! Issue and check Tencent Cloud IM **UserSig** tickets ("TLS sig"), compatible with every format
//! the legacy TLS sig API issued and accepted.
//!
//! * v1 tickets are signed with the app's EC private key (ECDSA/SHA-256 on P-256 or secp256k1);
//! * v2 tickets are HMAC-SHA256 with the app's shared secret;
//! * both may carry a *userbuf*; the oldest tickets are plain JSON.
//!
//! The core is free of I/O and FFI; the JNI exports (feature `jni`) and the command-line tools are
//! thin layers over it.

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
