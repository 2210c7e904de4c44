//! Comb tables for multiplying a fixed P-256 point by a scalar without doublings.
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

use p256::elliptic_curve::group::prime::PrimeCurveAffine;
use p256::elliptic_curve::group::Group;
use p256::elliptic_curve::subtle::{Choice, ConditionallyNegatable, ConditionallySelectable, ConstantTimeEq};
use p256::elliptic_curve::PrimeField;
use p256::{AffinePoint, ProjectivePoint, Scalar};
use zeroize::Zeroize;

/// The most windows a table has (`W` = 4 needs 65).
const MAX_WINDOWS: usize = 65;

/// A precomputed comb table for one base point, with `W`-bit signed windows (4 ≤ `W` ≤ 8):
/// `ceil(257 / W)` rows of `2^(W-1)` points (`W` = 6: 43 × 32 points, about 95 KB; `W` = 8:
/// 33 × 128 points, about 300 KB).
///
/// The points are kept in affine form (normalised together with one field inversion, the
/// crate's `BatchNormalize`), so every addition is the crate's complete *mixed* addition and a
/// constant-time scan reads two coordinates per entry instead of three.
pub(crate) struct CombTable<const W: usize, P: TableEntry = AffinePoint> {
    /// `WINDOWS` rows of `ROW` points, row-major.
    points: Box<[P]>,
}

/// How a table stores its points: [`AffinePoint`] (smaller entries and the cheaper mixed
/// addition, but one field inversion per entry to build) or [`ProjectivePoint`] (cheap to build).
pub(crate) trait TableEntry: Copy + ConditionallySelectable + ConditionallyNegatable {
    /// The point at infinity.
    fn identity() -> Self;
    /// Converts freshly computed multiples to this form.
    fn from_projective(points: Vec<ProjectivePoint>) -> Box<[Self]>;
    /// `acc += self` with the crate's complete formulas.
    fn add_to(&self, acc: &mut ProjectivePoint);
    /// `acc -= self` with the crate's complete formulas.
    fn subtract_from(&self, acc: &mut ProjectivePoint);
}

impl TableEntry for AffinePoint {
    fn identity() -> Self {
        <AffinePoint as PrimeCurveAffine>::identity()
    }
    fn from_projective(points: Vec<ProjectivePoint>) -> Box<[Self]> {
        points.iter().map(ProjectivePoint::to_affine).collect()
    }
    fn add_to(&self, acc: &mut ProjectivePoint) {
        *acc += self;
    }
    fn subtract_from(&self, acc: &mut ProjectivePoint) {
        *acc -= self;
    }
}

impl TableEntry for ProjectivePoint {
    fn identity() -> Self {
        ProjectivePoint::IDENTITY
    }
    fn from_projective(points: Vec<ProjectivePoint>) -> Box<[Self]> {
        points.into_boxed_slice()
    }
    fn add_to(&self, acc: &mut ProjectivePoint) {
        *acc += self;
    }
    fn subtract_from(&self, acc: &mut ProjectivePoint) {
        *acc -= self;
    }
}

impl<const W: usize, P: TableEntry> CombTable<W, P> {
    /// Number of windows: enough for 257 bits, so the last carry of the signed recoding fits.
    const WINDOWS: usize = 257usize.div_ceil(W);
    /// Points per row: the multiples `1 ..= 2^(W-1)`.
    const ROW: usize = 1 << (W - 1);
    /// Rejects window sizes the digit type and [`MAX_WINDOWS`] do not cover, at compile time.
    const VALID: () = assert!(W >= 4 && W <= 8, "window size must be 4 to 8 bits");

    /// Builds the table for `base` (`WINDOWS · (ROW + W)` additions and doublings, about
    /// 1600 for `W` = 6 and 4500 for `W` = 8, then one batched normalisation).
    pub(crate) fn new(base: &ProjectivePoint) -> Self {
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
        CombTable { points: P::from_projective(projective) }
    }

    fn row(&self, window: usize) -> &[P] {
        &self.points[window * Self::ROW..(window + 1) * Self::ROW]
    }

    /// `k · base` in constant time (for secret `k`).
    pub(crate) fn mul_ct(&self, k: &Scalar) -> ProjectivePoint {
        let digits = SignedDigits::of::<W>(k);
        let mut acc = ProjectivePoint::IDENTITY;
        for (window, &digit) in digits.as_slice().iter().enumerate() {
            self.select_ct(window, digit).add_to(&mut acc);
        }
        acc
    }

    /// `k · base` in variable time (for public `k` only).
    pub(crate) fn mul_vartime(&self, k: &Scalar) -> ProjectivePoint {
        let mut acc = ProjectivePoint::IDENTITY;
        self.accumulate_vartime(&mut acc, k);
        acc
    }

    /// Adds `k · base` to `acc` in variable time (for public `k` only).
    pub(crate) fn accumulate_vartime(&self, acc: &mut ProjectivePoint, k: &Scalar) {
        let digits = SignedDigits::of::<W>(k);
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
    fn of<const W: usize>(k: &Scalar) -> Self {
        let windows = 257usize.div_ceil(W);
        let half = 1u32 << (W - 1);
        // Little-endian bytes with zero padding so every window can read two bytes.
        let mut le = [0u8; 34];
        let be = k.to_repr();
        for (i, b) in be.iter().rev().enumerate() {
            le[i] = *b;
        }
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

    fn recombine<const W: usize>(digits: &SignedDigits) -> Scalar {
        let mut acc = Scalar::ZERO;
        let radix = Scalar::from(1u64 << W);
        for &d in digits.as_slice().iter().rev() {
            acc *= radix;
            let m = Scalar::from(u64::from(d.unsigned_abs()));
            acc += if d < 0 { -m } else { m };
        }
        acc
    }

    fn check_recoding<const W: usize>(k: &Scalar) {
        let digits = SignedDigits::of::<W>(k);
        assert_eq!(digits.len, CombTable::<W>::WINDOWS);
        assert!(digits.as_slice().iter().all(|d| d.unsigned_abs() as usize <= CombTable::<W>::ROW));
        assert_eq!(recombine::<W>(&digits), *k);
    }

    #[test]
    fn recoding_round_trips() {
        let mut rng = rand_core::OsRng;
        let mut cases = vec![Scalar::ZERO, Scalar::ONE, -Scalar::ONE, Scalar::from(16u64), Scalar::from(17u64)];
        cases.extend((0..200).map(|_| Scalar::random(&mut rng)));
        for k in cases {
            check_recoding::<4>(&k);
            check_recoding::<5>(&k);
            check_recoding::<6>(&k);
            check_recoding::<7>(&k);
            check_recoding::<8>(&k);
        }
    }

    #[test]
    fn table_multiplication_matches_the_crate() {
        check_tables::<5, AffinePoint>();
        check_tables::<6, AffinePoint>();
        check_tables::<8, AffinePoint>();
        check_tables::<6, ProjectivePoint>();
        check_tables::<8, ProjectivePoint>();
    }

    fn check_tables<const W: usize, P: TableEntry>() {
        let table = CombTable::<W, P>::new(&ProjectivePoint::GENERATOR);
        let mut rng = rand_core::OsRng;
        let mut cases = vec![Scalar::ZERO, Scalar::ONE, -Scalar::ONE, Scalar::from(31u64)];
        cases.extend((0..50).map(|_| Scalar::random(&mut rng)));
        for k in cases {
            let expected = (ProjectivePoint::GENERATOR * k).to_affine();
            assert_eq!(table.mul_ct(&k).to_affine(), expected);
            assert_eq!(table.mul_vartime(&k).to_affine(), expected);
        }
        let q = ProjectivePoint::GENERATOR * Scalar::random(&mut rng);
        let table = CombTable::<W, P>::new(&q);
        let k = Scalar::random(&mut rng);
        assert_eq!(table.mul_ct(&k).to_affine(), (q * k).to_affine());
    }
}
