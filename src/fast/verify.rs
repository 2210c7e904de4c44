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

/// What table-based verification needs from a curve: its generator table, the scalars of a
/// signature, and `x mod n` of a point.
pub(crate) trait TableCurve {
    /// The curve's (projective) point.
    type Point: Group + TableEntry<Self::Point>;
    /// The curve's ECDSA signature (`0 < r, s < n` once parsed).
    type Signature;

    /// The generator's table, built on first use and shared by every thread.
    fn generator_table() -> &'static GeneratorTable<Self::Point>;

    /// `(z, r, s⁻¹)`: the SHA-256 digest of `message` reduced mod n, and the signature's `r`
    /// and inverted `s` (`None` if `s` had no inverse, which a parsed signature rules out).
    fn scalars(message: &[u8], signature: &Self::Signature) -> Option<[Scalar<Self>; 3]>;

    /// The affine x-coordinate of `point`, reduced mod n (zero for the identity).
    fn x_mod_n(point: &Self::Point) -> Scalar<Self>;
}

/// A curve's scalar type.
type Scalar<C> = <<C as TableCurve>::Point as Group>::Scalar;

/// A public point prepared for fast verification: its comb table.
pub(crate) struct Prepared<C: TableCurve> {
    table: KeyTable<C::Point>,
}

/// A P-256 key's table.
pub(crate) type PreparedP256 = Prepared<p256::NistP256>;
/// A secp256k1 key's table (about 2.1× the `k256` crate's verifier, whose GLV linear
/// combination recomputes the key's multiples on every call).
pub(crate) type PreparedK256 = Prepared<k256::Secp256k1>;

impl<C: TableCurve> Prepared<C> {
    /// Builds the table for the public point `q`.
    pub(crate) fn new(q: &C::Point) -> Self {
        Prepared { table: CombTable::new(q) }
    }

    /// Verifies `signature` over `message` (hashed with SHA-256): `x(u1·G + u2·Q) mod n == r`
    /// with `u1 = z·s⁻¹` and `u2 = r·s⁻¹`. `signature` must already be low-S normalised if the
    /// caller accepts high-S signatures (this is plain ECDSA: the high-S twin verifies).
    pub(crate) fn verify(&self, message: &[u8], signature: &C::Signature) -> bool {
        let Some([z, r, s_inv]) = C::scalars(message, signature) else { return false };
        let mut sum = C::generator_table().mul_vartime(&(z * s_inv));
        self.table.accumulate_vartime(&mut sum, &(r * s_inv));
        // The identity's x is zero, which never equals a non-zero r.
        C::x_mod_n(&sum) == r
    }
}

impl TableCurve for p256::NistP256 {
    type Point = p256::ProjectivePoint;
    type Signature = p256::ecdsa::Signature;

    fn generator_table() -> &'static GeneratorTable<Self::Point> {
        static TABLE: OnceLock<GeneratorTable<p256::ProjectivePoint>> = OnceLock::new();
        TABLE.get_or_init(|| CombTable::new(&p256::ProjectivePoint::GENERATOR))
    }

    fn scalars(message: &[u8], signature: &Self::Signature) -> Option<[p256::Scalar; 3]> {
        let z = <p256::Scalar as Reduce<p256::U256>>::reduce_bytes(&Sha256::digest(message));
        let (r, s) = signature.split_scalars();
        Some([z, *r, scalar_inverse::invert_vartime(&s)?])
    }

    fn x_mod_n(point: &Self::Point) -> p256::Scalar {
        <p256::Scalar as Reduce<p256::U256>>::reduce_bytes(&point.to_affine().x())
    }
}

impl TableCurve for k256::Secp256k1 {
    type Point = k256::ProjectivePoint;
    type Signature = k256::ecdsa::Signature;

    fn generator_table() -> &'static GeneratorTable<Self::Point> {
        static TABLE: OnceLock<GeneratorTable<k256::ProjectivePoint>> = OnceLock::new();
        TABLE.get_or_init(|| CombTable::new(&k256::ProjectivePoint::GENERATOR))
    }

    fn scalars(message: &[u8], signature: &Self::Signature) -> Option<[k256::Scalar; 3]> {
        let z = <k256::Scalar as Reduce<k256::U256>>::reduce_bytes(&Sha256::digest(message));
        let (r, s) = signature.split_scalars();
        Some([z, *r, Option::from(Invert::invert_vartime(&*s))?])
    }

    fn x_mod_n(point: &Self::Point) -> k256::Scalar {
        <k256::Scalar as Reduce<k256::U256>>::reduce_bytes(&point.to_affine().x())
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
