//! Comb tables for multiplying a fixed P-256 point by a scalar without doublings.
//!
//! A scalar `k < 2^256` is recoded into [`WINDOWS`] signed digits `d_i` in
//! `[-2^(W-1), 2^(W-1)]` with `k = Σ d_i · 2^(W·i)`; row `i` of the table holds the
//! points `j · 2^(W·i) · P` for `j = 1 ..= 2^(W-1)`. Then `k·P = Σ ±row_i[|d_i|]`: one addition per
//! window and no doubling at all.
//!
//! [`CombTable::mul_ct`] is for secret scalars: the recoding is branch-free, every row is
//! scanned in full with `subtle`'s conditional selection, the sign is applied with a conditional
//! negation, and the additions use the crate's complete formulas (which absorb the identity for
//! a zero digit). [`CombTable::mul_vartime`] indexes directly and skips zero digits; use it only
//! for public scalars (verification).

use p256::elliptic_curve::group::Group;
use p256::elliptic_curve::subtle::{Choice, ConditionallyNegatable, ConditionallySelectable, ConstantTimeEq};
use p256::elliptic_curve::PrimeField;
use p256::{ProjectivePoint, Scalar};
use zeroize::Zeroize;

/// Bits per window.
pub(crate) const W: usize = 5;
/// Number of windows: enough for 257 bits, so the last carry of the signed recoding fits.
pub(crate) const WINDOWS: usize = (257 + W - 1) / W;
/// Points per row: the multiples `1 ..= 2^(W-1)`.
const ROW: usize = 1 << (W - 1);

/// A precomputed comb table for one base point (about 80 KB).
///
/// The points are kept in the crate's projective form: `p256` 0.13 offers no batched
/// normalisation (its field type is private), and a full complete addition costs only one
/// field multiplication more than a mixed one.
pub(crate) struct CombTable {
    /// `WINDOWS` rows of `ROW` points, row-major.
    points: Box<[ProjectivePoint]>,
}

impl CombTable {
    /// Builds the table for `base` (about 1100 point additions and doublings, ~0.1 ms).
    pub(crate) fn new(base: &ProjectivePoint) -> Self {
        let mut projective = Vec::with_capacity(WINDOWS * ROW);
        let mut row_base = *base;
        for _ in 0..WINDOWS {
            let mut multiple = row_base;
            for _ in 0..ROW {
                projective.push(multiple);
                multiple += row_base;
            }
            for _ in 0..W {
                row_base = row_base.double();
            }
        }
        CombTable { points: projective.into_boxed_slice() }
    }

    fn row(&self, window: usize) -> &[ProjectivePoint] {
        &self.points[window * ROW..(window + 1) * ROW]
    }

    /// `k · base` in constant time (for secret `k`).
    pub(crate) fn mul_ct(&self, k: &Scalar) -> ProjectivePoint {
        let mut digits = SignedDigits::of(k);
        let mut acc = ProjectivePoint::IDENTITY;
        for (window, &digit) in digits.0.iter().enumerate() {
            acc += self.select_ct(window, digit);
        }
        digits.0.zeroize();
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
        let digits = SignedDigits::of(k);
        for (window, &digit) in digits.0.iter().enumerate() {
            if digit == 0 {
                continue;
            }
            let point = &self.row(window)[usize::from(digit.unsigned_abs()) - 1];
            if digit < 0 {
                *acc -= point;
            } else {
                *acc += point;
            }
        }
    }

    /// `sign(digit) · row[|digit|]`, reading every entry of the row (the identity for 0).
    fn select_ct(&self, window: usize, digit: i8) -> ProjectivePoint {
        let digit = i32::from(digit);
        let negative = (digit >> 31) & 1; // 1 when digit < 0
        let magnitude = ((digit ^ -negative) + negative) as u32; // |digit|, branch-free
        let mut out = ProjectivePoint::IDENTITY;
        for (j, point) in self.row(window).iter().enumerate() {
            out.conditional_assign(point, (j as u32 + 1).ct_eq(&magnitude));
        }
        out.conditional_negate(Choice::from(negative as u8));
        out
    }
}

/// A scalar's signed `W`-bit digits, least significant first.
struct SignedDigits([i8; WINDOWS]);

impl SignedDigits {
    /// Branch-free signed recoding: each window's value plus the carry in is mapped into
    /// `[-2^(W-1), 2^(W-1)]`, carrying one into the next window when it was above `2^(W-1)`.
    fn of(k: &Scalar) -> Self {
        // Little-endian bytes with zero padding so every window can read two bytes.
        let mut le = [0u8; 34];
        let be = k.to_repr();
        for (i, b) in be.iter().rev().enumerate() {
            le[i] = *b;
        }
        let mut digits = [0i8; WINDOWS];
        let mut carry = 0u32;
        for (i, digit) in digits.iter_mut().enumerate() {
            let bit = i * W;
            let two = u32::from(le[bit / 8]) | (u32::from(le[bit / 8 + 1]) << 8);
            let value = ((two >> (bit % 8)) & ((1 << W) - 1)) + carry;
            // 1 when value > 2^(W-1): then the digit is value - 2^W and one is carried.
            let over = ((ROW as u32).wrapping_sub(value) >> 31) & 1;
            *digit = (value as i32 - ((over as i32) << W)) as i8;
            carry = over;
        }
        le.zeroize();
        SignedDigits(digits)
    }
}

impl Drop for SignedDigits {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::elliptic_curve::Field;

    fn recombine(digits: &SignedDigits) -> Scalar {
        let mut acc = Scalar::ZERO;
        let radix = Scalar::from(1u64 << W);
        for &d in digits.0.iter().rev() {
            acc *= radix;
            let m = Scalar::from(u64::from(d.unsigned_abs()));
            acc += if d < 0 { -m } else { m };
        }
        acc
    }

    #[test]
    fn recoding_round_trips() {
        let mut rng = rand_core::OsRng;
        let mut cases = vec![Scalar::ZERO, Scalar::ONE, -Scalar::ONE, Scalar::from(16u64), Scalar::from(17u64)];
        cases.extend((0..200).map(|_| Scalar::random(&mut rng)));
        for k in cases {
            let digits = SignedDigits::of(&k);
            assert!(digits.0.iter().all(|d| d.unsigned_abs() as usize <= ROW));
            assert_eq!(recombine(&digits), k);
        }
    }

    #[test]
    fn table_multiplication_matches_the_crate() {
        let table = CombTable::new(&ProjectivePoint::GENERATOR);
        let mut rng = rand_core::OsRng;
        let mut cases = vec![Scalar::ZERO, Scalar::ONE, -Scalar::ONE, Scalar::from(31u64)];
        cases.extend((0..50).map(|_| Scalar::random(&mut rng)));
        for k in cases {
            let expected = (ProjectivePoint::GENERATOR * k).to_affine();
            assert_eq!(table.mul_ct(&k).to_affine(), expected);
            assert_eq!(table.mul_vartime(&k).to_affine(), expected);
        }
        let q = ProjectivePoint::GENERATOR * Scalar::random(&mut rng);
        let table = CombTable::new(&q);
        let k = Scalar::random(&mut rng);
        assert_eq!(table.mul_ct(&k).to_affine(), (q * k).to_affine());
    }
}
