//! The public key: a verifying key on one of the two curves.

use std::fmt;

use ecdsa::signature::Verifier;
use pkcs8::{EncodePublicKey, LineEnding};
use spki::SubjectPublicKeyInfoRef;

use super::curve::{algorithm_name, curve_from_parameters, ID_EC_PUBLIC_KEY};
use super::{pem, pem_text, Curve, KeyError, PrivateKey};

/// A parsed EC public key on P-256 or secp256k1, ready to verify many tickets.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    inner: VerifyingKey,
}

#[derive(Clone, PartialEq, Eq)]
enum VerifyingKey {
    P256(p256::ecdsa::VerifyingKey),
    Secp256k1(k256::ecdsa::VerifyingKey),
}

impl PublicKey {
    pub(super) fn from_p256(key: p256::ecdsa::VerifyingKey) -> Self {
        PublicKey { inner: VerifyingKey::P256(key) }
    }

    pub(super) fn from_k256(key: k256::ecdsa::VerifyingKey) -> Self {
        PublicKey { inner: VerifyingKey::Secp256k1(key) }
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
    pub fn verify_der(&self, message: &[u8], signature_der: &[u8]) -> bool {
        match &self.inner {
            VerifyingKey::P256(k) => match p256::ecdsa::Signature::from_der(signature_der) {
                Ok(sig) => k.verify(message, &sig.normalize_s().unwrap_or(sig)).is_ok(),
                Err(_) => false,
            },
            VerifyingKey::Secp256k1(k) => match k256::ecdsa::Signature::from_der(signature_der) {
                Ok(sig) => k.verify(message, &sig.normalize_s().unwrap_or(sig)).is_ok(),
                Err(_) => false,
            },
        }
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
        Ok(PublicKey { inner })
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey").field("curve", &self.curve()).finish_non_exhaustive()
    }
}
