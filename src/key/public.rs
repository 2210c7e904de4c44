//! The public key: a verifying key on one of the two curves.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use ecdsa::signature::Verifier;
use pkcs8::{EncodePublicKey, LineEnding};
use spki::SubjectPublicKeyInfoRef;

use super::curve::{algorithm_name, curve_from_parameters, ID_EC_PUBLIC_KEY};
use super::{pem, pem_text, Curve, KeyError, PrivateKey};
use crate::fast::verify::{PreparedK256, PreparedP256};

/// A parsed EC public key on P-256 or secp256k1, ready to verify many tickets.
///
/// A key builds a precomputed table of its point (about 130 KB, under 1 ms) the second time it
/// verifies, and from then on verifies faster than the curve's crate (about 6× `p256`, 2.1×
/// `k256`; see `BENCHMARKS.md`); clones share that table. Keep a parsed key (or use
/// [`PublicKey::cached_from_text`]) to benefit from it.
#[derive(Clone)]
pub struct PublicKey {
    inner: VerifyingKey,
    fast: Arc<FastSlot>,
}

/// The lazily built verification table (the one of the key's curve), shared by a key's clones.
#[derive(Default)]
struct FastSlot {
    uses: AtomicU32,
    p256: OnceLock<PreparedP256>,
    k256: OnceLock<PreparedK256>,
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl Eq for PublicKey {}

#[derive(Clone, PartialEq, Eq)]
enum VerifyingKey {
    P256(p256::ecdsa::VerifyingKey),
    Secp256k1(k256::ecdsa::VerifyingKey),
}

impl PublicKey {
    pub(super) fn from_p256(key: p256::ecdsa::VerifyingKey) -> Self {
        Self::from_inner(VerifyingKey::P256(key))
    }

    pub(super) fn from_k256(key: k256::ecdsa::VerifyingKey) -> Self {
        Self::from_inner(VerifyingKey::Secp256k1(key))
    }

    fn from_inner(inner: VerifyingKey) -> Self {
        PublicKey { inner, fast: Arc::default() }
    }

    /// Parses a public key from PEM text (`-----BEGIN PUBLIC KEY-----`, SubjectPublicKeyInfo),
    /// with any text around the armour and any line ends; the point may be compressed or not and
    /// the curve may be named or given by explicit parameters.
    pub fn from_pem(text: &str) -> Result<Self, KeyError> {
        let mut saw_private = false;
        for block in pem::scan(text) {
            match block.label.as_str() {
                "PUBLIC KEY" => {
                    let der = block.der.ok_or(KeyError::Malformed("PEM body is not base64"))?;
                    return Self::from_spki_der(&der);
                }
                "RSA PUBLIC KEY" => return Err(KeyError::UnsupportedAlgorithm("RSA")),
                "CERTIFICATE" => return Err(KeyError::Malformed("a certificate was given; extract its public key")),
                "PRIVATE KEY" | "EC PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" | "RSA PRIVATE KEY" => saw_private = true,
                _ => {}
            }
        }
        Err(if saw_private { KeyError::PrivateKeyGiven } else { KeyError::NotAKey })
    }

    /// Parses a DER SubjectPublicKeyInfo.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        if SubjectPublicKeyInfoRef::try_from(der).is_ok() {
            return Self::from_spki_der(der);
        }
        if PrivateKey::looks_like_private_der(der) {
            return Err(KeyError::PrivateKeyGiven);
        }
        Err(KeyError::NotAKey)
    }

    /// Parses a key file's bytes: PEM when it contains armour, DER otherwise.
    pub fn parse(bytes: &[u8]) -> Result<Self, KeyError> {
        match pem_text(bytes) {
            Some(text) => Self::from_pem(text),
            None => Self::from_der(bytes),
        }
    }

    /// [`PublicKey::parse`] of key text through a process-wide cache keyed by the text, with
    /// the verification table built: a server that checks tickets against the same key text on
    /// every call parses it (and builds the table) once.
    ///
    /// The cache is bounded (64 keys, least recently used evicted) and thread-safe. Errors are
    /// returned, never cached.
    pub fn cached_from_text(text: &str) -> Result<Arc<Self>, KeyError> {
        crate::cache::public_key(text.as_bytes())
    }

    /// [`PublicKey::parse`] (PEM or DER bytes) through the same cache as
    /// [`PublicKey::cached_from_text`].
    pub fn cached_parse(bytes: &[u8]) -> Result<Arc<Self>, KeyError> {
        crate::cache::public_key(bytes)
    }

    /// The key's curve.
    pub fn curve(&self) -> Curve {
        match self.inner {
            VerifyingKey::P256(_) => Curve::P256,
            VerifyingKey::Secp256k1(_) => Curve::Secp256k1,
        }
    }

    /// The key as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`, uncompressed point).
    pub fn to_spki_pem(&self) -> Result<String, KeyError> {
        let pem = match &self.inner {
            VerifyingKey::P256(k) => k.to_public_key_pem(LineEnding::LF),
            VerifyingKey::Secp256k1(k) => k.to_public_key_pem(LineEnding::LF),
        };
        pem.map_err(|_| KeyError::Malformed("could not encode the key"))
    }

    /// Verifies a DER-encoded ECDSA/SHA-256 signature over `message`. High-S signatures (which
    /// OpenSSL makes and accepts) are normalised first, so they verify too.
    ///
    /// Same verdicts as the `p256` / `k256` crates' verifiers; keys use the precomputed tables
    /// from their second use on.
    pub fn verify_der(&self, message: &[u8], signature_der: &[u8]) -> bool {
        match &self.inner {
            VerifyingKey::P256(k) => match p256::ecdsa::Signature::from_der(signature_der) {
                Ok(sig) => {
                    let sig = sig.normalize_s().unwrap_or(sig);
                    match self.table(&self.fast.p256, || prepare_p256(k)) {
                        Some(prepared) => prepared.verify(message, &sig),
                        None => k.verify(message, &sig).is_ok(),
                    }
                }
                Err(_) => false,
            },
            VerifyingKey::Secp256k1(k) => match k256::ecdsa::Signature::from_der(signature_der) {
                Ok(sig) => {
                    let sig = sig.normalize_s().unwrap_or(sig);
                    match self.table(&self.fast.k256, || prepare_k256(k)) {
                        Some(prepared) => prepared.verify(message, &sig),
                        None => k.verify(message, &sig).is_ok(),
                    }
                }
                Err(_) => false,
            },
        }
    }

    /// Builds the precomputed verification table now instead of on the second verification.
    pub fn prepare(&self) {
        match &self.inner {
            VerifyingKey::P256(k) => {
                self.fast.p256.get_or_init(|| prepare_p256(k));
            }
            VerifyingKey::Secp256k1(k) => {
                self.fast.k256.get_or_init(|| prepare_k256(k));
            }
        }
    }

    /// The key's table in `slot`: built on the second use (a key verified once is not worth
    /// building it for).
    fn table<'a, T>(&'a self, slot: &'a OnceLock<T>, build: impl FnOnce() -> T) -> Option<&'a T> {
        if let Some(prepared) = slot.get() {
            return Some(prepared);
        }
        if self.fast.uses.fetch_add(1, Ordering::Relaxed) == 0 {
            return None;
        }
        Some(slot.get_or_init(build))
    }

    fn from_spki_der(der: &[u8]) -> Result<Self, KeyError> {
        let spki = SubjectPublicKeyInfoRef::try_from(der).map_err(|_| KeyError::Malformed("SubjectPublicKeyInfo structure"))?;
        if spki.algorithm.oid != ID_EC_PUBLIC_KEY {
            return Err(KeyError::UnsupportedAlgorithm(algorithm_name(&spki.algorithm.oid)));
        }
        let curve = curve_from_parameters(spki.algorithm.parameters)?.ok_or(KeyError::MissingCurve)?;
        let point = spki.subject_public_key.as_bytes().ok_or(KeyError::Malformed("public key bit string"))?;
        let inner = match curve {
            Curve::P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map(VerifyingKey::P256),
            Curve::Secp256k1 => k256::ecdsa::VerifyingKey::from_sec1_bytes(point).map(VerifyingKey::Secp256k1),
        }
        .map_err(|_| KeyError::Malformed("public point is not on the curve"))?;
        Ok(Self::from_inner(inner))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey").field("curve", &self.curve()).finish_non_exhaustive()
    }
}

/// The verification table of a P-256 key.
fn prepare_p256(key: &p256::ecdsa::VerifyingKey) -> PreparedP256 {
    PreparedP256::new(&p256::ProjectivePoint::from(*key.as_affine()))
}

/// The verification table of a secp256k1 key.
fn prepare_k256(key: &k256::ecdsa::VerifyingKey) -> PreparedK256 {
    PreparedK256::new(&k256::ProjectivePoint::from(*key.as_affine()))
}
