//! ECDSA/SHA-256 verification with precomputed tables for both points, on P-256 and secp256k1.
//!
//! The same checks as the crates' `VerifyingKey::verify` (ecdsa 0.16 `hazmat::verify_prehashed`):
//! `u1 = z·s⁻¹`, `u2 = r·s⁻¹`, accept when `x(u1·G + u2·Q) mod n == r`. Everything here is
//! public, so the tables are read in variable time. The callers normalise high-S signatures
//! first when they accept them (both crates' verifiers reject high S).

use std::sync::OnceLock;

use p256::elliptic_curve::group::Group;
use p256::elliptic_curve::ops::{Invert, Reduce};
use p256::elliptic_curve::point::AffineCoordinates;
use sha2::{Digest, Sha256};

use super::scalar_inverse;
use super::table::{CombTable, TableEntry};

/// Both tables are projective: affine entries saved about 1 µs per verification but, without a
/// batched normalisation in `p256` 0.13, took 33 ms (generator) and 10 ms (per key) to build.
///
/// The generator's table: 8-bit windows (33 additions per `u1·G`, read in variable time; about
/// 400 KB, built once per process on the first verification).
type GeneratorTable<G> = CombTable<8, G>;
/// A public point's table: 6-bit windows (43 additions per `u2·Q`; about 130 KB, about
/// 1,400 point operations to build, done once per cached key).
type KeyTable<G> = CombTable<6, G>;

fn p256_generator_table() -> &'static GeneratorTable<p256::ProjectivePoint> {
    static TABLE: OnceLock<GeneratorTable<p256::ProjectivePoint>> = OnceLock::new();
    TABLE.get_or_init(|| CombTable::new(&p256::ProjectivePoint::GENERATOR))
}

fn k256_generator_table() -> &'static GeneratorTable<k256::ProjectivePoint> {
    static TABLE: OnceLock<GeneratorTable<k256::ProjectivePoint>> = OnceLock::new();
    TABLE.get_or_init(|| CombTable::new(&k256::ProjectivePoint::GENERATOR))
}

/// `u1·G + u2·Q` with `u1 = z·s⁻¹` and `u2 = r·s⁻¹`, from the two tables.
fn combination<G: Group + TableEntry<G>>(
    generator: &GeneratorTable<G>,
    key: &KeyTable<G>,
    z: G::Scalar,
    r: G::Scalar,
    s_inv: G::Scalar,
) -> G {
    let mut sum = generator.mul_vartime(&(z * s_inv));
    key.accumulate_vartime(&mut sum, &(r * s_inv));
    sum
}

/// A P-256 public point prepared for fast verification.
pub(crate) struct PreparedP256 {
    table: KeyTable<p256::ProjectivePoint>,
}

impl PreparedP256 {
    /// Builds the table for the public point `q`.
    pub(crate) fn new(q: &p256::ProjectivePoint) -> Self {
        PreparedP256 { table: CombTable::new(q) }
    }

    /// Verifies `signature` over `message` (hashed with SHA-256). `signature` must already be
    /// low-S normalised if the caller accepts high-S signatures.
    pub(crate) fn verify(&self, message: &[u8], signature: &p256::ecdsa::Signature) -> bool {
        let z: p256::FieldBytes = Sha256::digest(message);
        self.verify_prehashed(&z, signature)
    }

    /// Verifies `signature` over a SHA-256 digest.
    pub(crate) fn verify_prehashed(&self, z: &p256::FieldBytes, signature: &p256::ecdsa::Signature) -> bool {
        type Scalar = p256::Scalar;
        let z = <Scalar as Reduce<p256::U256>>::reduce_bytes(z);
        // A parsed `Signature` has 0 < r, s < n, so s⁻¹ exists.
        let (r, s) = signature.split_scalars();
        let Some(s_inv) = scalar_inverse::invert_vartime(&s) else { return false };
        let sum = combination(p256_generator_table(), &self.table, z, *r, s_inv);
        // The identity's affine x is zero, which never equals a non-zero r.
        *r == <Scalar as Reduce<p256::U256>>::reduce_bytes(&sum.to_affine().x())
    }
}

/// A secp256k1 public point prepared for fast verification (about 2.1× the `k256` crate's
/// verifier, whose GLV linear combination recomputes the key's multiples on every call).
pub(crate) struct PreparedK256 {
    table: KeyTable<k256::ProjectivePoint>,
}

impl PreparedK256 {
    /// Builds the table for the public point `q`.
    pub(crate) fn new(q: &k256::ProjectivePoint) -> Self {
        PreparedK256 { table: CombTable::new(q) }
    }

    /// Verifies `signature` over `message` (hashed with SHA-256). `signature` must already be
    /// low-S normalised if the caller accepts high-S signatures.
    pub(crate) fn verify(&self, message: &[u8], signature: &k256::ecdsa::Signature) -> bool {
        let z: k256::FieldBytes = Sha256::digest(message);
        self.verify_prehashed(&z, signature)
    }

    /// Verifies `signature` over a SHA-256 digest.
    pub(crate) fn verify_prehashed(&self, z: &k256::FieldBytes, signature: &k256::ecdsa::Signature) -> bool {
        type Scalar = k256::Scalar;
        let z = <Scalar as Reduce<k256::U256>>::reduce_bytes(z);
        // A parsed `Signature` has 0 < r, s < n, so s⁻¹ exists.
        let (r, s) = signature.split_scalars();
        let Some(s_inv) = Option::<Scalar>::from(Invert::invert_vartime(&*s)) else { return false };
        let sum = combination(k256_generator_table(), &self.table, z, *r, s_inv);
        // The identity's affine x is zero, which never equals a non-zero r.
        *r == <Scalar as Reduce<k256::U256>>::reduce_bytes(&sum.to_affine().x())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecdsa::signature::{Signer, Verifier};
    use rand_core::{OsRng, RngCore};

    /// Runs one curve's cases: good, tampered message, tampered r and s, the high-S twin (which
    /// must verify), r and s swapped, and another key's signature, each against the crate's
    /// verifier.
    macro_rules! agrees_with_the_crate {
        ($curve:ident, $prepared:ident) => {{
            use $curve::ecdsa::{Signature, SigningKey};
            use $curve::{ProjectivePoint, Scalar};
            let mut rng = OsRng;
            for i in 0..40usize {
                let key = SigningKey::random(&mut rng);
                let vk = *key.verifying_key();
                let fast = $prepared::new(&ProjectivePoint::from(*vk.as_affine()));
                let mut message = vec![0u8; 1 + i % 50];
                rng.fill_bytes(&mut message);
                let sig: Signature = key.sign(&message);
                let sig = sig.normalize_s().unwrap_or(sig);
                assert!(fast.verify(&message, &sig));
                assert!(vk.verify(&message, &sig).is_ok());

                let mut other = message.clone();
                let at = i % other.len();
                other[at] ^= 1 << (i % 8);
                assert!(!fast.verify(&other, &sig));
                assert!(vk.verify(&other, &sig).is_err());

                let (r, s) = sig.split_scalars();
                let twin = Signature::from_scalars(*r, -*s).unwrap_or(sig);
                assert!(fast.verify(&message, &twin), "the high-S twin verifies");
                for (r2, s2) in [(*r + Scalar::ONE, *s), (*r, *s + Scalar::ONE), (*r, -*s), (*s, *r)] {
                    if let Ok(bad) = Signature::from_scalars(r2, s2) {
                        // The tables do plain ECDSA (a high-S twin verifies); `k256`'s verifier
                        // wants low S, so it is asked about the normalised signature.
                        let expected = vk.verify(&message, &bad.normalize_s().unwrap_or(bad)).is_ok();
                        assert_eq!(fast.verify(&message, &bad), expected, "case {i}: ({r2:?}, {s2:?})");
                    }
                }

                let stranger: Signature = SigningKey::random(&mut rng).sign(&message);
                assert!(!fast.verify(&message, &stranger.normalize_s().unwrap_or(stranger)));
            }
        }};
    }

    #[test]
    fn p256_agrees_with_the_crate_on_good_and_tampered_signatures() {
        agrees_with_the_crate!(p256, PreparedP256);
    }

    #[test]
    fn k256_agrees_with_the_crate_on_good_and_tampered_signatures() {
        agrees_with_the_crate!(k256, PreparedK256);
    }
}
