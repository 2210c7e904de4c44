//! Why a key could not be used. Messages name the problem, never the key's content.

use std::fmt;

use crate::error::{ErrorCode, SigError};

/// A key that cannot be used for UserSig tickets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// Neither a PEM key block nor a DER key was found.
    NotAKey,
    /// The key is encrypted (encrypted PKCS#8 or a `Proc-Type: 4,ENCRYPTED` block).
    Encrypted,
    /// The key is of an algorithm other than ECDSA (the name says which, e.g. "RSA", "Ed25519").
    UnsupportedAlgorithm(&'static str),
    /// An EC key on a curve other than P-256 or secp256k1 (the text names the curve or its OID).
    UnsupportedCurve(String),
    /// The EC key names no curve at all.
    MissingCurve,
    /// A public key was given where a private key is needed.
    PublicKeyGiven,
    /// A private key was given where a public key is needed.
    PrivateKeyGiven,
    /// The key's structure is invalid (the text says which part).
    Malformed(&'static str),
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::NotAKey => f.write_str("no PEM or DER EC key found"),
            KeyError::Encrypted => f.write_str("the key is encrypted; give an unencrypted PKCS#8 or SEC1 key"),
            KeyError::UnsupportedAlgorithm(name) => {
                write!(f, "unsupported key algorithm {name}: only ECDSA keys on prime256v1 or secp256k1 are accepted")
            }
            KeyError::UnsupportedCurve(curve) => {
                write!(f, "unsupported curve {curve}: only prime256v1 (P-256) and secp256k1 are accepted")
            }
            KeyError::MissingCurve => f.write_str("the EC key does not name its curve"),
            KeyError::PublicKeyGiven => f.write_str("a public key was given where a private key is needed"),
            KeyError::PrivateKeyGiven => f.write_str("a private key was given where a public key is needed"),
            KeyError::Malformed(what) => write!(f, "malformed key: {what}"),
        }
    }
}

impl std::error::Error for KeyError {}

impl KeyError {
    /// The error a signing call reports for an unusable private key: code 17.
    pub fn into_sign_error(self) -> SigError {
        SigError::new(ErrorCode::SignFailed, format!("private key unusable: {self}"))
    }

    /// The error a check reports for an unusable public key: code 8.
    pub fn into_verify_error(self) -> SigError {
        SigError::new(ErrorCode::BadSignature, format!("public key unusable: {self}"))
    }
}
