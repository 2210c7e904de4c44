//! ECDSA/SHA-256 verification on P-256 with precomputed tables for both points.
//!
//! The same checks as the crate's `VerifyingKey::verify` (ecdsa 0.16 `hazmat::verify_prehashed`):
//! `u1 = z·s⁻¹`, `u2 = r·s⁻¹`, accept when `x(u1·G + u2·Q) mod n == r`. Everything here is
//! public, so the tables are read in variable time.

use p256::ecdsa::Signature;
use p256::elliptic_curve::ops::Reduce;
use p256::elliptic_curve::point::AffineCoordinates;
use p256::{FieldBytes, ProjectivePoint, Scalar, U256};
use sha2::{Digest, Sha256};

use std::sync::OnceLock;

use super::scalar_inverse;
use super::table::CombTable;

/// The generator's table for verification: 8-bit windows (33 additions per `u1·G`, read in
/// variable time; about 400 KB, built once per process on the first verification). Kept
/// projective: affine entries saved about 1 µs per verification but took 33 ms to build.
fn generator_table() -> &'static CombTable<8, ProjectivePoint> {
    static TABLE: OnceLock<CombTable<8, ProjectivePoint>> = OnceLock::new();
    TABLE.get_or_init(|| CombTable::new(&ProjectivePoint::GENERATOR))
}

/// A P-256 public point prepared for fast verification: its comb table with 6-bit windows
/// (43 additions per `u2·Q`; about 130 KB, kept projective: building an affine table would cost
/// one field inversion per entry, as `p256` 0.13 has no batched normalisation).
pub(crate) struct PreparedP256 {
    table: CombTable<6, ProjectivePoint>,
}

impl PreparedP256 {
    /// Builds the table for the public point `q` (about 1400 point operations; done once per
    /// cached key).
    pub(crate) fn new(q: &ProjectivePoint) -> Self {
        PreparedP256 { table: CombTable::new(q) }
    }

    /// Verifies `signature` over `message` (hashed with SHA-256). `signature` must already be
    /// low-S normalised if the caller accepts high-S signatures.
    pub(crate) fn verify(&self, message: &[u8], signature: &Signature) -> bool {
        let z: FieldBytes = Sha256::digest(message);
        self.verify_prehashed(&z, signature)
    }

    /// Verifies `signature` over a SHA-256 digest.
    pub(crate) fn verify_prehashed(&self, z: &FieldBytes, signature: &Signature) -> bool {
        let z = <Scalar as Reduce<U256>>::reduce_bytes(z);
        // A parsed `Signature` has 0 < r, s < n.
        let (r, s) = signature.split_scalars();
        // s is public; a parsed `Signature` has s ≠ 0, so the inverse exists.
        let Some(s_inv) = scalar_inverse::invert_vartime(&s) else { return false };
        let u1 = z * s_inv;
        let u2 = *r * s_inv;
        let mut sum = generator_table().mul_vartime(&u1);
        self.table.accumulate_vartime(&mut sum, &u2);
        // The identity's affine x is zero, which never equals a non-zero r.
        let x = sum.to_affine().x();
        *r == <Scalar as Reduce<U256>>::reduce_bytes(&x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecdsa::signature::{Signer, Verifier};
    use p256::ecdsa::{SigningKey, VerifyingKey};
    use rand_core::{OsRng, RngCore};

    fn prepared(key: &VerifyingKey) -> PreparedP256 {
        PreparedP256::new(&ProjectivePoint::from(*key.as_affine()))
    }

    #[test]
    fn agrees_with_the_crate_on_good_and_tampered_signatures() {
        let mut rng = OsRng;
        for i in 0..60usize {
            let key = SigningKey::random(&mut rng);
            let vk = *key.verifying_key();
            let fast = prepared(&vk);
            let mut message = vec![0u8; 1 + i % 50];
            rng.fill_bytes(&mut message);
            let sig: Signature = key.sign(&message);
            assert!(fast.verify(&message, &sig));
            assert!(vk.verify(&message, &sig).is_ok());

            // Tampered message.
            let mut other = message.clone();
            let at = i % other.len();
            other[at] ^= 1 << (i % 8);
            assert_eq!(fast.verify(&other, &sig), vk.verify(&other, &sig).is_ok());
            assert!(!fast.verify(&other, &sig));

            // Tampered r and s, and the high-S twin (which the p256 crate accepts too).
            let (r, s) = sig.split_scalars();
            for (r2, s2) in [(*r + Scalar::ONE, *s), (*r, *s + Scalar::ONE), (*r, -*s), (*s, *r)] {
                if let Ok(bad) = Signature::from_scalars(r2, s2) {
                    assert_eq!(fast.verify(&message, &bad), vk.verify(&message, &bad).is_ok(), "case {i}");
                }
            }

            // Another key's signature.
            let stranger: Signature = SigningKey::random(&mut rng).sign(&message);
            assert!(!fast.verify(&message, &stranger));
        }
    }
}
