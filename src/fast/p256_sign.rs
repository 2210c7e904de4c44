//! ECDSA/SHA-256 signing on P-256 with the precomputed generator table.
//!
//! Exactly the computation of `p256::ecdsa::SigningKey::sign` (ecdsa 0.16 `hazmat::sign_prehashed`
//! with RFC 6979 nonces, no low-S normalisation — the p256 crate does none), so the signatures
//! are byte-identical; only `k·G` is faster (comb table, constant-time lookup) and `k⁻¹` is
//! `crypto-bigint`'s constant-time safegcd inversion ([`super::scalar_inverse`]).

use std::sync::OnceLock;

use hex_literal::hex;
use p256::ecdsa::{Signature, SigningKey};
use p256::elliptic_curve::ops::Reduce;
use p256::elliptic_curve::point::AffineCoordinates;
use p256::elliptic_curve::PrimeField;
use p256::{AffinePoint, FieldBytes, ProjectivePoint, Scalar, U256};
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use super::scalar_inverse;
use super::table::CombTable;

/// The group order n of P-256, big-endian (the `n` input of RFC 6979).
const ORDER: [u8; 32] = hex!("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

/// The comb table of the generator for signing (6-bit windows, affine entries: 43 mixed
/// additions and 1376 constant-time entry reads per `k·G`, the best of 5, 6 and 7 bits
/// measured), built on first use (about 10 ms: one field inversion per entry) and shared by
/// every thread.
pub(crate) fn generator_table() -> &'static CombTable<6, ProjectivePoint, AffinePoint> {
    static TABLE: OnceLock<CombTable<6, ProjectivePoint, AffinePoint>> = OnceLock::new();
    TABLE.get_or_init(|| CombTable::new(&ProjectivePoint::GENERATOR))
}

/// Why a signature could not be made (only for r = 0 or s = 0, probability about 2^-256).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SignError;

/// Signs `message` (hashed with SHA-256) with `key`: RFC 6979 deterministic, constant-time in the
/// secret scalar and the nonce.
pub(crate) fn sign(key: &SigningKey, message: &[u8]) -> Result<Signature, SignError> {
    let z: FieldBytes = Sha256::digest(message);
    sign_prehashed(key, &z)
}

/// Signs a SHA-256 digest (`bits2field` of a 32-byte digest on a 256-bit curve is the digest).
pub(crate) fn sign_prehashed(key: &SigningKey, z: &FieldBytes) -> Result<Signature, SignError> {
    let d: &Scalar = key.as_nonzero_scalar().as_ref();
    let mut d_bytes = d.to_repr();
    let mut k_bytes = rfc6979::generate_k::<Sha256, _>(&d_bytes, &ORDER.into(), z, &[]);
    d_bytes.zeroize();
    let k = Option::<Scalar>::from(Scalar::from_repr(k_bytes));
    k_bytes.zeroize();
    let Some(mut k) = k else { return Err(SignError) };

    let r_point = generator_table().mul_ct(&k).to_affine();
    let r = <Scalar as Reduce<U256>>::reduce_bytes(&r_point.x());
    let k_inv = scalar_inverse::invert(&k);
    k.zeroize();
    // RFC 6979 never yields k = 0, so the inverse exists.
    let Some(mut k_inv) = k_inv else { return Err(SignError) };
    let z = <Scalar as Reduce<U256>>::reduce_bytes(z);
    let s = k_inv * (z + r * d);
    k_inv.zeroize();
    Signature::from_scalars(r, s).map_err(|_| SignError)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecdsa::signature::Signer;
    use rand_core::{OsRng, RngCore};

    #[test]
    fn identical_to_the_crate_on_random_keys_and_messages() {
        let mut rng = OsRng;
        for i in 0..300usize {
            let key = SigningKey::random(&mut rng);
            let mut message = vec![0u8; i % 97];
            rng.fill_bytes(&mut message);
            let expected: Signature = key.sign(&message);
            assert_eq!(sign(&key, &message).unwrap(), expected, "case {i}");
        }
    }
}
