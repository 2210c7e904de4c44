//! The private key: a signing key on one of the two curves.

use std::fmt;

use der::asn1::{AnyRef, BitStringRef, OctetStringRef};
use der::{Decode, Sequence};
use ecdsa::signature::Signer;
use pkcs8::{EncodePrivateKey, LineEnding, PrivateKeyInfo};
use zeroize::Zeroizing;

use super::curve::{algorithm_name, curve_from_parameters, curve_from_parameters_der, ID_EC_PUBLIC_KEY};
use super::{pem, pem_text, Curve, KeyError, PublicKey};

/// A parsed EC private key on P-256 or secp256k1, ready to sign many tickets.
///
/// The secret scalar is zeroized when the value is dropped, and `Debug` shows only the curve.
#[derive(Clone)]
pub struct PrivateKey {
    inner: SigningKey,
}

#[derive(Clone)]
enum SigningKey {
    P256(p256::ecdsa::SigningKey),
    Secp256k1(k256::ecdsa::SigningKey),
}

/// SEC 1 `ECPrivateKey`, with the parameters kept as raw DER so explicit curves can be read.
#[derive(Sequence)]
struct Sec1PrivateKey<'a> {
    version: u8,
    private_key: OctetStringRef<'a>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    parameters: Option<AnyRef<'a>>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    public_key: Option<BitStringRef<'a>>,
}

impl PrivateKey {
    /// Parses a private key from PEM text: PKCS#8 (`PRIVATE KEY`) or SEC 1 (`EC PRIVATE KEY`,
    /// optionally after an `EC PARAMETERS` block), with any text around the armour and any line
    /// ends. The curve is the one the key itself names; an `EC PARAMETERS` block is used only
    /// when the key names none.
    pub fn from_pem(text: &str) -> Result<Self, KeyError> {
        let mut fallback_curve = None;
        let mut saw_public = false;
        for block in pem::scan(text) {
            let label = block.label.as_str();
            let is_private_label = matches!(label, "PRIVATE KEY" | "EC PRIVATE KEY");
            if block.encrypted && is_private_label || label == "ENCRYPTED PRIVATE KEY" {
                return Err(KeyError::Encrypted);
            }
            let Some(der) = block.der.as_deref() else {
                if is_private_label || label == "EC PARAMETERS" {
                    return Err(KeyError::Malformed("PEM body is not base64"));
                }
                continue;
            };
            match label {
                "EC PARAMETERS" => fallback_curve = curve_from_parameters_der(der).ok().flatten(),
                "PRIVATE KEY" => return Self::from_pkcs8_der(der),
                "EC PRIVATE KEY" => return Self::from_sec1_der(der, fallback_curve),
                "RSA PRIVATE KEY" => return Err(KeyError::UnsupportedAlgorithm("RSA")),
                "DSA PRIVATE KEY" => return Err(KeyError::UnsupportedAlgorithm("DSA")),
                "OPENSSH PRIVATE KEY" => return Err(KeyError::Malformed("OpenSSH key format is not supported")),
                "PUBLIC KEY" | "RSA PUBLIC KEY" | "EC PUBLIC KEY" | "CERTIFICATE" => saw_public = true,
                _ => {}
            }
        }
        Err(if saw_public { KeyError::PublicKeyGiven } else { KeyError::NotAKey })
    }

    /// [`PrivateKey::from_pem`] through a process-wide cache keyed by the text: a server that
    /// signs with the same key text on every call parses it once.
    ///
    /// The cache is bounded (64 keys, least recently used evicted), thread-safe, keeps only a
    /// SHA-256 of each text (never the text), and drops evicted keys, which zeroize their
    /// scalar when the last `Arc` goes. Errors are returned, never cached.
    pub fn cached_from_pem(text: &str) -> Result<std::sync::Arc<Self>, KeyError> {
        crate::cache::private_key(text)
    }

    /// Parses a DER private key: PKCS#8 or SEC 1.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        if let Ok(info) = PrivateKeyInfo::try_from(der) {
            return Self::from_pkcs8_info(&info);
        }
        if Sec1PrivateKey::from_der(der).is_ok() {
            return Self::from_sec1_der(der, None);
        }
        if spki::SubjectPublicKeyInfoRef::try_from(der).is_ok() {
            return Err(KeyError::PublicKeyGiven);
        }
        Err(KeyError::NotAKey)
    }

    /// Whether `der` has the shape of a private key (PKCS#8 or SEC 1), whatever its algorithm.
    pub(super) fn looks_like_private_der(der: &[u8]) -> bool {
        PrivateKeyInfo::try_from(der).is_ok() || Sec1PrivateKey::from_der(der).is_ok()
    }

    /// Parses a key file's bytes: PEM when it contains armour, DER otherwise.
    pub fn parse(bytes: &[u8]) -> Result<Self, KeyError> {
        match pem_text(bytes) {
            Some(text) => Self::from_pem(text),
            None => Self::from_der(bytes),
        }
    }

    /// Generates a new random key on `curve` from the operating system's random source.
    pub fn generate(curve: Curve) -> Self {
        let inner = match curve {
            Curve::P256 => SigningKey::P256(p256::ecdsa::SigningKey::random(&mut rand_core::OsRng)),
            Curve::Secp256k1 => SigningKey::Secp256k1(k256::ecdsa::SigningKey::random(&mut rand_core::OsRng)),
        };
        PrivateKey { inner }
    }

    /// The key's curve.
    pub fn curve(&self) -> Curve {
        match self.inner {
            SigningKey::P256(_) => Curve::P256,
            SigningKey::Secp256k1(_) => Curve::Secp256k1,
        }
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        match &self.inner {
            SigningKey::P256(k) => PublicKey::from_p256(*k.verifying_key()),
            SigningKey::Secp256k1(k) => PublicKey::from_k256(*k.verifying_key()),
        }
    }

    /// The key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), the form the console downloads.
    /// The text is zeroized when dropped.
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>, KeyError> {
        let pem = match &self.inner {
            SigningKey::P256(k) => k.to_pkcs8_pem(LineEnding::LF),
            SigningKey::Secp256k1(k) => k.to_pkcs8_pem(LineEnding::LF),
        };
        pem.map_err(|_| KeyError::Malformed("could not encode the key"))
    }

    /// Signs `message` with ECDSA over SHA-256 (RFC 6979 deterministic nonces) and returns the
    /// DER-encoded signature.
    ///
    /// The signature is byte-identical to the `p256` / `k256` crates' `SigningKey::sign`; P-256
    /// uses a precomputed, constant-time generator table (see `BENCHMARKS.md`).
    pub fn sign_der(&self, message: &[u8]) -> Vec<u8> {
        self.sign_to_der(message).as_bytes().to_vec()
    }

    /// [`PrivateKey::sign_der`] without the heap: the DER signature in a fixed-size buffer.
    pub(crate) fn sign_to_der(&self, message: &[u8]) -> DerSignature {
        match &self.inner {
            SigningKey::P256(k) => {
                let sig: p256::ecdsa::Signature = match crate::fast::p256_sign::sign(k, message) {
                    Ok(sig) => sig,
                    // r or s was zero (probability about 2^-256): the crate's signer decides.
                    Err(_) => k.sign(message),
                };
                DerSignature::P256(sig.to_der())
            }
            SigningKey::Secp256k1(k) => {
                let sig: k256::ecdsa::Signature = k.sign(message);
                DerSignature::Secp256k1(sig.to_der())
            }
        }
    }

    fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        let info = PrivateKeyInfo::try_from(der).map_err(|_| KeyError::Malformed("PKCS#8 structure"))?;
        Self::from_pkcs8_info(&info)
    }

    fn from_pkcs8_info(info: &PrivateKeyInfo<'_>) -> Result<Self, KeyError> {
        if info.algorithm.oid != ID_EC_PUBLIC_KEY {
            return Err(KeyError::UnsupportedAlgorithm(algorithm_name(&info.algorithm.oid)));
        }
        let outer_curve = curve_from_parameters(info.algorithm.parameters)?;
        Self::from_sec1_der(info.private_key, outer_curve)
    }

    /// Reads a SEC 1 `ECPrivateKey`. The curve named inside the key wins; `fallback` is used when
    /// the key names none (PKCS#8's algorithm parameters, or a preceding `EC PARAMETERS` block).
    fn from_sec1_der(der: &[u8], fallback: Option<Curve>) -> Result<Self, KeyError> {
        let sec1 = Sec1PrivateKey::from_der(der).map_err(|_| KeyError::Malformed("SEC1 EC private key structure"))?;
        if sec1.version != 1 {
            return Err(KeyError::Malformed("SEC1 EC private key version"));
        }
        let curve = match curve_from_parameters(sec1.parameters)? {
            Some(curve) => curve,
            None => fallback.ok_or(KeyError::MissingCurve)?,
        };
        let scalar = scalar_bytes(sec1.private_key.as_bytes())?;
        let inner = match curve {
            Curve::P256 => p256::ecdsa::SigningKey::from_slice(&scalar[..])
                .map(SigningKey::P256),
            Curve::Secp256k1 => k256::ecdsa::SigningKey::from_slice(&scalar[..])
                .map(SigningKey::Secp256k1),
        }
        .map_err(|_| KeyError::Malformed("private scalar out of range"))?;
        Ok(PrivateKey { inner })
    }
}

/// A DER-encoded signature held inline (at most 72 bytes).
pub(crate) enum DerSignature {
    P256(p256::ecdsa::DerSignature),
    Secp256k1(k256::ecdsa::DerSignature),
}

impl DerSignature {
    /// The DER bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            DerSignature::P256(sig) => sig.as_bytes(),
            DerSignature::Secp256k1(sig) => sig.as_bytes(),
        }
    }
}

/// The private scalar as exactly 32 big-endian bytes (left-padded; leading zeros of a longer
/// encoding dropped), in a buffer zeroized on drop.
fn scalar_bytes(raw: &[u8]) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let significant = &raw[raw.iter().position(|&b| b != 0).unwrap_or(raw.len())..];
    if significant.len() > 32 || significant.is_empty() {
        return Err(KeyError::Malformed("private scalar out of range"));
    }
    let mut out = Zeroizing::new([0u8; 32]);
    out[32 - significant.len()..].copy_from_slice(significant);
    Ok(out)
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey").field("curve", &self.curve()).finish_non_exhaustive()
    }
}
