//! The two supported curves and how a key's parameters name them: by OID, or by explicit
//! parameters that must equal the curve's own.

use std::fmt;

use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef, UintRef};
use der::{Decode, Sequence, Tag, Tagged};
use hex_literal::hex;

use super::KeyError;

/// An elliptic curve a UserSig key may be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (prime256v1, OID 1.2.840.10045.3.1.7): the console's keys in later years.
    P256,
    /// secp256k1 (OID 1.3.132.0.10): apps created up to about 2017.
    Secp256k1,
}

impl Curve {
    /// The OpenSSL name of the curve (`prime256v1` or `secp256k1`).
    pub fn openssl_name(self) -> &'static str {
        match self {
            Curve::P256 => "prime256v1",
            Curve::Secp256k1 => "secp256k1",
        }
    }

    /// Parses `p256`, `prime256v1`, `P-256`, `secp256r1` or `secp256k1` (case-insensitive).
    pub fn from_name(name: &str) -> Option<Curve> {
        match name.to_ascii_lowercase().as_str() {
            "p256" | "p-256" | "prime256v1" | "secp256r1" => Some(Curve::P256),
            "secp256k1" | "k256" => Some(Curve::Secp256k1),
            _ => None,
        }
    }

    fn constants(self) -> &'static CurveConstants {
        match self {
            Curve::P256 => &P256_CONSTANTS,
            Curve::Secp256k1 => &SECP256K1_CONSTANTS,
        }
    }
}

impl fmt::Display for Curve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.openssl_name())
    }
}

/// `id-ecPublicKey`, the algorithm of every EC key.
pub(crate) const ID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
const OID_PRIME_FIELD: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.1.1");

/// Names the algorithm of a non-EC key OID, for the error message.
pub(crate) fn algorithm_name(oid: &ObjectIdentifier) -> &'static str {
    match oid.to_string().as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => "RSA",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.2.840.10040.4.1" => "DSA",
        "1.2.156.10197.1.301" => "SM2",
        _ => "other than EC",
    }
}

/// The defining numbers of a curve, big-endian without leading zeros (except `a` = 0).
struct CurveConstants {
    p: &'static [u8],
    a: &'static [u8],
    b: &'static [u8],
    n: &'static [u8],
    gx: &'static [u8],
    gy: &'static [u8],
}

const P256_CONSTANTS: CurveConstants = CurveConstants {
    p: &hex!("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF"),
    a: &hex!("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC"),
    b: &hex!("5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B"),
    n: &hex!("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"),
    gx: &hex!("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"),
    gy: &hex!("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5"),
};

const SECP256K1_CONSTANTS: CurveConstants = CurveConstants {
    p: &hex!("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F"),
    a: &[],
    b: &hex!("07"),
    n: &hex!("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"),
    gx: &hex!("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798"),
    gy: &hex!("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8"),
};

/// `SpecifiedECDomain` (SEC 1, C.2): explicit curve parameters.
#[derive(Sequence)]
struct SpecifiedEcDomain<'a> {
    version: u8,
    field_id: FieldId<'a>,
    curve: CurveCoefficients<'a>,
    base: OctetStringRef<'a>,
    order: UintRef<'a>,
    cofactor: Option<UintRef<'a>>,
}

#[derive(Sequence)]
struct FieldId<'a> {
    field_type: ObjectIdentifier,
    parameters: AnyRef<'a>,
}

#[derive(Sequence)]
struct CurveCoefficients<'a> {
    a: OctetStringRef<'a>,
    b: OctetStringRef<'a>,
    seed: Option<BitStringRef<'a>>,
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// The curve named by EC parameters (`ECParameters`: a named-curve OID or explicit parameters).
/// `None` when the parameters are absent or NULL.
pub(crate) fn curve_from_parameters(params: Option<AnyRef<'_>>) -> Result<Option<Curve>, KeyError> {
    let Some(params) = params else { return Ok(None) };
    match params.tag() {
        Tag::Null => Ok(None),
        Tag::ObjectIdentifier => {
            let oid: ObjectIdentifier = params.decode_as().map_err(|_| KeyError::Malformed("curve OID"))?;
            curve_from_oid(&oid).map(Some)
        }
        Tag::Sequence => {
            let domain: SpecifiedEcDomain<'_> =
                params.decode_as().map_err(|_| KeyError::Malformed("explicit curve parameters"))?;
            curve_from_explicit(&domain).map(Some)
        }
        _ => Err(KeyError::Malformed("EC parameters")),
    }
}

/// The curve named by an `EC PARAMETERS` PEM block's DER.
pub(crate) fn curve_from_parameters_der(der: &[u8]) -> Result<Option<Curve>, KeyError> {
    let any = AnyRef::from_der(der).map_err(|_| KeyError::Malformed("EC parameters"))?;
    curve_from_parameters(Some(any))
}

fn curve_from_oid(oid: &ObjectIdentifier) -> Result<Curve, KeyError> {
    if *oid == OID_P256 {
        Ok(Curve::P256)
    } else if *oid == OID_SECP256K1 {
        Ok(Curve::Secp256k1)
    } else {
        let name = match oid.to_string().as_str() {
            "1.3.132.0.34" => "secp384r1".to_string(),
            "1.3.132.0.35" => "secp521r1".to_string(),
            "1.2.840.10045.3.1.1" => "prime192v1".to_string(),
            "1.3.132.0.33" => "secp224r1".to_string(),
            other => format!("with OID {other}"),
        };
        Err(KeyError::UnsupportedCurve(name))
    }
}

fn curve_from_explicit(domain: &SpecifiedEcDomain<'_>) -> Result<Curve, KeyError> {
    if domain.field_id.field_type != OID_PRIME_FIELD {
        return Err(KeyError::UnsupportedCurve("over a binary field".to_string()));
    }
    let prime: UintRef<'_> = domain
        .field_id
        .parameters
        .decode_as()
        .map_err(|_| KeyError::Malformed("explicit curve prime"))?;
    for curve in [Curve::P256, Curve::Secp256k1] {
        let c = curve.constants();
        let same = strip_zeros(prime.as_bytes()) == c.p
            && strip_zeros(domain.curve.a.as_bytes()) == c.a
            && strip_zeros(domain.curve.b.as_bytes()) == c.b
            && strip_zeros(domain.order.as_bytes()) == c.n
            && domain.cofactor.is_none_or(|h| h.as_bytes() == [1])
            && is_generator(domain.base.as_bytes(), c);
        if same {
            return Ok(curve);
        }
    }
    Err(KeyError::UnsupportedCurve("with explicit parameters that are neither prime256v1's nor secp256k1's".to_string()))
}

/// Whether an encoded point (uncompressed, compressed or hybrid) is the curve's generator.
fn is_generator(point: &[u8], c: &CurveConstants) -> bool {
    let y_is_odd = c.gy.last().is_some_and(|b| b & 1 == 1);
    match point.split_first() {
        Some((&0x04, rest)) | Some((&0x06, rest)) | Some((&0x07, rest)) if rest.len() == 64 => {
            rest[..32] == *c.gx && rest[32..] == *c.gy
        }
        Some((&0x02, x)) if x.len() == 32 => x == c.gx && !y_is_odd,
        Some((&0x03, x)) if x.len() == 32 => x == c.gx && y_is_odd,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::elliptic_curve::sec1::ToEncodedPoint;

    #[test]
    fn constants_match_the_crates() {
        let g = p256::AffinePoint::GENERATOR.to_encoded_point(false);
        assert_eq!(&g.x().unwrap()[..], P256_CONSTANTS.gx);
        assert_eq!(&g.y().unwrap()[..], P256_CONSTANTS.gy);
        let g = k256::AffinePoint::GENERATOR.to_encoded_point(false);
        assert_eq!(&g.x().unwrap()[..], SECP256K1_CONSTANTS.gx);
        assert_eq!(&g.y().unwrap()[..], SECP256K1_CONSTANTS.gy);
    }

    #[test]
    fn names() {
        assert_eq!(Curve::from_name("P-256"), Some(Curve::P256));
        assert_eq!(Curve::from_name("secp256k1"), Some(Curve::Secp256k1));
        assert_eq!(Curve::from_name("secp384r1"), None);
        assert_eq!(Curve::Secp256k1.to_string(), "secp256k1");
    }
}
