//! Comb tables for multiplying a fixed point by a scalar without doublings (P-256 and
//! secp256k1: any `group::Group` whose scalars serialise as 32 big-endian bytes).
//!
//! A scalar `k < 2^256` is recoded into `ceil(257 / W)` signed digits `d_i` in
//! `[-2^(W-1), 2^(W-1)]` with `k = Σ d_i · 2^(W·i)`; row `i` of the table holds the
//! points `j · 2^(W·i) · P` for `j = 1 ..= 2^(W-1)`. Then `k·P = Σ ±row_i[|d_i|]`: one addition per
//! window and no doubling at all.
//!
//! [`CombTable::mul_ct`] is for secret scalars: the recoding is branch-free, every row is
//! scanned in full with `subtle`'s conditional selection, the sign is applied with a conditional
//! negation, and the additions use the crate's complete formulas (which absorb the identity for
//! a zero digit; with affine entries, the crate's complete mixed addition, which selects the
//! accumulator unchanged when the entry is the identity). [`CombTable::mul_vartime`] indexes directly and skips zero digits; use it only
//! for public scalars (verification).

use std::marker::PhantomData;

use p256::elliptic_curve::group::prime::PrimeCurveAffine;
use p256::elliptic_curve::group::Group;
use p256::elliptic_curve::subtle::{Choice, ConditionallyNegatable, ConditionallySelectable, ConstantTimeEq};
use p256::elliptic_curve::PrimeField;
use zeroize::Zeroize;

/// The most windows a table has (`W` = 4 needs 65).
const MAX_WINDOWS: usize = 65;

/// A precomputed comb table for one base point of the group `G`, with `W`-bit signed windows
/// (4 ≤ `W` ≤ 8): `ceil(257 / W)` rows of `2^(W-1)` points (`W` = 6: 43 × 32 points, about
/// 95 KB affine or 130 KB projective; `W` = 8: 33 × 128 points, about 400 KB projective).
///
/// Entries are stored as `P`: the group's own (projective) points by default, or P-256
/// [`p256::AffinePoint`]s, which make every addition the crate's complete *mixed* addition and
/// a constant-time scan read two coordinates per entry instead of three, but cost one field
/// inversion per entry to build (`p256` 0.13 has no batched normalisation).
pub(crate) struct CombTable<const W: usize, G, P = G> {
    /// `WINDOWS` rows of `ROW` points, row-major.
    points: Box<[P]>,
    group: PhantomData<G>,
}

/// How a table of the group `G` stores its points.
pub(crate) trait TableEntry<G>: Copy + ConditionallySelectable + ConditionallyNegatable {
    /// The point at infinity.
    fn identity() -> Self;
    /// Converts freshly computed multiples to this form.
    fn from_projective(points: Vec<G>) -> Box<[Self]>;
    /// `acc += self` with the crate's complete formulas.
    fn add_to(&self, acc: &mut G);
    /// `acc -= self` with the crate's complete formulas.
    fn subtract_from(&self, acc: &mut G);
}

/// P-256 affine entries, added with the crate's complete mixed addition.
impl TableEntry<p256::ProjectivePoint> for p256::AffinePoint {
    fn identity() -> Self {
        <p256::AffinePoint as PrimeCurveAffine>::identity()
    }
    fn from_projective(points: Vec<p256::ProjectivePoint>) -> Box<[Self]> {
        points.iter().map(p256::ProjectivePoint::to_affine).collect()
    }
    fn add_to(&self, acc: &mut p256::ProjectivePoint) {
        *acc += self;
    }
    fn subtract_from(&self, acc: &mut p256::ProjectivePoint) {
        *acc -= self;
    }
}

/// The group's own points (projective on both curves), added with its complete addition.
impl<G> TableEntry<G> for G
where
    G: Group + ConditionallySelectable + ConditionallyNegatable,
{
    fn identity() -> Self {
        G::identity()
    }
    fn from_projective(points: Vec<G>) -> Box<[Self]> {
        points.into_boxed_slice()
    }
    fn add_to(&self, acc: &mut G) {
        *acc += self;
    }
    fn subtract_from(&self, acc: &mut G) {
        *acc -= self;
    }
}

impl<const W: usize, G: Group, P: TableEntry<G>> CombTable<W, G, P> {
    /// Number of windows: enough for 257 bits, so the last carry of the signed recoding fits.
    const WINDOWS: usize = 257usize.div_ceil(W);
    /// Points per row: the multiples `1 ..= 2^(W-1)`.
    const ROW: usize = 1 << (W - 1);
    /// Rejects window sizes the digit type and [`MAX_WINDOWS`] do not cover, at compile time.
    const VALID: () = assert!(W >= 4 && W <= 8, "window size must be 4 to 8 bits");

    /// Builds the table for `base` (`WINDOWS · (ROW + W)` additions and doublings, about
    /// 1600 for `W` = 6 and 4500 for `W` = 8, then one batched normalisation).
    pub(crate) fn new(base: &G) -> Self {
        #[allow(clippy::let_unit_value)]
        let () = Self::VALID;
        let mut projective = Vec::with_capacity(Self::WINDOWS * Self::ROW);
        let mut row_base = *base;
        for _ in 0..Self::WINDOWS {
            let mut multiple = row_base;
            for _ in 0..Self::ROW {
                projective.push(multiple);
                multiple += row_base;
            }
            for _ in 0..W {
                row_base = row_base.double();
            }
        }
        CombTable { points: P::from_projective(projective), group: PhantomData }
    }

    fn row(&self, window: usize) -> &[P] {
        &self.points[window * Self::ROW..(window + 1) * Self::ROW]
    }

    /// `k · base` in constant time (for secret `k`).
    pub(crate) fn mul_ct(&self, k: &G::Scalar) -> G {
        let digits = SignedDigits::of::<W, _>(k);
        let mut acc = G::identity();
        for (window, &digit) in digits.as_slice().iter().enumerate() {
            self.select_ct(window, digit).add_to(&mut acc);
        }
        acc
    }

    /// `k · base` in variable time (for public `k` only).
    pub(crate) fn mul_vartime(&self, k: &G::Scalar) -> G {
        let mut acc = G::identity();
        self.accumulate_vartime(&mut acc, k);
        acc
    }

    /// Adds `k · base` to `acc` in variable time (for public `k` only).
    pub(crate) fn accumulate_vartime(&self, acc: &mut G, k: &G::Scalar) {
        let digits = SignedDigits::of::<W, _>(k);
        for (window, &digit) in digits.as_slice().iter().enumerate() {
            if digit == 0 {
                continue;
            }
            let point = &self.row(window)[usize::from(digit.unsigned_abs()) - 1];
            if digit < 0 {
                point.subtract_from(acc);
            } else {
                point.add_to(acc);
            }
        }
    }

    /// `sign(digit) · row[|digit|]`, reading every entry of the row (the identity for 0).
    fn select_ct(&self, window: usize, digit: i16) -> P {
        let digit = i32::from(digit);
        let negative = (digit >> 31) & 1; // 1 when digit < 0
        let magnitude = ((digit ^ -negative) + negative) as u32; // |digit|, branch-free
        let mut out = P::identity();
        for (j, point) in self.row(window).iter().enumerate() {
            out.conditional_assign(point, (j as u32 + 1).ct_eq(&magnitude));
        }
        out.conditional_negate(Choice::from(negative as u8));
        out
    }
}

/// A scalar's signed `W`-bit digits, least significant first (zeroized on drop).
struct SignedDigits {
    digits: [i16; MAX_WINDOWS],
    len: usize,
}

impl SignedDigits {
    /// Branch-free signed recoding: each window's value plus the carry in is mapped into
    /// `[-2^(W-1), 2^(W-1)]`, carrying one into the next window when it was above `2^(W-1)`.
    ///
    /// `k.to_repr()` must be the scalar's 32 big-endian bytes, as it is for P-256 and secp256k1
    /// (the tests check both).
    fn of<const W: usize, S: PrimeField>(k: &S) -> Self {
        let windows = 257usize.div_ceil(W);
        let half = 1u32 << (W - 1);
        // Little-endian bytes with zero padding so every window can read two bytes.
        let mut le = [0u8; 34];
        let mut repr = k.to_repr();
        for (i, b) in repr.as_ref().iter().rev().take(32).enumerate() {
            le[i] = *b;
        }
        repr.as_mut().zeroize();
        let mut digits = [0i16; MAX_WINDOWS];
        let mut carry = 0u32;
        for (i, digit) in digits.iter_mut().take(windows).enumerate() {
            let bit = i * W;
            let two = u32::from(le[bit / 8]) | (u32::from(le[bit / 8 + 1]) << 8);
            let value = ((two >> (bit % 8)) & ((1 << W) - 1)) + carry;
            // 1 when value > 2^(W-1): then the digit is value - 2^W and one is carried.
            let over = (half.wrapping_sub(value) >> 31) & 1;
            *digit = (value as i32 - ((over as i32) << W)) as i16;
            carry = over;
        }
        le.zeroize();
        SignedDigits { digits, len: windows }
    }

    fn as_slice(&self) -> &[i16] {
        &self.digits[..self.len]
    }
}

impl Drop for SignedDigits {
    fn drop(&mut self) {
        self.digits.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::elliptic_curve::Field;

    fn recombine<const W: usize, S: PrimeField>(digits: &SignedDigits) -> S {
        let mut acc = S::ZERO;
        let radix = S::from(1u64 << W);
        for &d in digits.as_slice().iter().rev() {
            acc *= radix;
            let m = S::from(u64::from(d.unsigned_abs()));
            acc += if d < 0 { -m } else { m };
        }
        acc
    }

    fn check_recoding<const W: usize, S: PrimeField>(k: &S) {
        let digits = SignedDigits::of::<W, S>(k);
        assert_eq!(digits.len, CombTable::<W, p256::ProjectivePoint>::WINDOWS);
        assert!(digits.as_slice().iter().all(|d| d.unsigned_abs() as usize <= 1 << (W - 1)));
        assert_eq!(recombine::<W, S>(&digits), *k);
    }

    fn recoding_round_trips_on<S: PrimeField>() {
        let mut rng = rand_core::OsRng;
        let mut cases = vec![S::ZERO, S::ONE, -S::ONE, S::from(16u64), S::from(17u64)];
        cases.extend((0..200).map(|_| S::random(&mut rng)));
        for k in cases {
            check_recoding::<4, S>(&k);
            check_recoding::<5, S>(&k);
            check_recoding::<6, S>(&k);
            check_recoding::<7, S>(&k);
            check_recoding::<8, S>(&k);
        }
    }

    #[test]
    fn recoding_round_trips_on_both_curves() {
        recoding_round_trips_on::<p256::Scalar>();
        recoding_round_trips_on::<k256::Scalar>();
    }

    #[test]
    fn table_multiplication_matches_the_crates() {
        check_tables::<5, p256::ProjectivePoint, p256::AffinePoint>();
        check_tables::<6, p256::ProjectivePoint, p256::AffinePoint>();
        check_tables::<8, p256::ProjectivePoint, p256::AffinePoint>();
        check_tables::<6, p256::ProjectivePoint, p256::ProjectivePoint>();
        check_tables::<8, p256::ProjectivePoint, p256::ProjectivePoint>();
        check_tables::<6, k256::ProjectivePoint, k256::ProjectivePoint>();
        check_tables::<8, k256::ProjectivePoint, k256::ProjectivePoint>();
    }

    /// `mul_ct` and `mul_vartime` against the group's own multiplication, for the generator and
    /// a random point.
    fn check_tables<const W: usize, G: Group, P: TableEntry<G>>() {
        let table = CombTable::<W, G, P>::new(&G::generator());
        let mut rng = rand_core::OsRng;
        let mut cases = vec![G::Scalar::ZERO, G::Scalar::ONE, -G::Scalar::ONE, G::Scalar::from(31u64)];
        cases.extend((0..50).map(|_| G::Scalar::random(&mut rng)));
        for k in cases {
            let expected = G::generator() * k;
            assert_eq!(table.mul_ct(&k), expected);
            assert_eq!(table.mul_vartime(&k), expected);
        }
        let q = G::generator() * G::Scalar::random(&mut rng);
        let table = CombTable::<W, G, P>::new(&q);
        let k = G::Scalar::random(&mut rng);
        assert_eq!(table.mul_ct(&k), q * k);
        let mut acc = q;
        table.accumulate_vartime(&mut acc, &k);
        assert_eq!(acc, q + q * k);
    }
}
