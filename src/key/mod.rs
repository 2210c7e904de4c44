//! EC keys: parsing every form OpenSSL's PEM readers took (PKCS#8, SEC1 with or without an
//! `EC PARAMETERS` block, explicit curve parameters, SPKI with compressed or uncompressed points,
//! DER), on P-256 or secp256k1 chosen by the key's own curve.

mod curve;
mod error;
mod pem;
mod private;
mod public;

pub use curve::Curve;
pub use error::KeyError;
pub use private::PrivateKey;
pub use public::PublicKey;

/// Reads `bytes` as PEM text when it holds any armour, otherwise as DER.
fn pem_text(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    text.contains("-----BEGIN ").then_some(text)
}

// The secret parts of these types zeroize themselves on drop (the curve crates' signing keys and
// `Zeroizing` buffers); declare it so callers can require it.
impl zeroize::ZeroizeOnDrop for PrivateKey {}
