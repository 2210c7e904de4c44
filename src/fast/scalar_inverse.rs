//! Inversion modulo the P-256 group order n with `crypto-bigint`'s safegcd (Bernstein–Yang).
//!
//! `p256` 0.13 inverts scalars with a Fermat addition chain (constant-time, about 21 µs here)
//! or a binary extended GCD (`invert_vartime`, about 8 µs on unpredictable inputs). The safegcd
//! divstep algorithm of `crypto-bigint` 0.7 is faster in both forms: [`invert`] runs in
//! constant time and is what signing uses for the secret nonce; [`invert_vartime`] is for
//! public values only (the `s` of a signature being verified).

use crypto_bigint::{Odd, U256};
use p256::elliptic_curve::PrimeField;
use p256::{FieldBytes, Scalar};
use zeroize::Zeroize;

/// The group order n of P-256.
const ORDER: Odd<U256> =
    Odd::<U256>::from_be_hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

/// `k⁻¹ mod n` in constant time (for secret `k`); `None` for `k = 0`.
pub(crate) fn invert(k: &Scalar) -> Option<Scalar> {
    invert_with(k, |value| value.invert_odd_mod(&ORDER).into_option())
}

/// `k⁻¹ mod n` in variable time: for public `k` only; `None` for `k = 0`.
pub(crate) fn invert_vartime(k: &Scalar) -> Option<Scalar> {
    invert_with(k, |value| value.invert_odd_mod_vartime(&ORDER).into_option())
}

/// Converts `k` to an integer, inverts it with `inverse` and converts back, wiping the
/// intermediate copies.
fn invert_with(k: &Scalar, inverse: impl FnOnce(&U256) -> Option<U256>) -> Option<Scalar> {
    let mut k_bytes = k.to_repr();
    let mut value = U256::from_be_slice(&k_bytes);
    k_bytes.zeroize();
    let result = inverse(&value);
    value.zeroize();
    let mut inverse = result?;
    let mut inverse_bytes = FieldBytes::default();
    inverse_bytes.copy_from_slice(&inverse.to_be_bytes());
    inverse.zeroize();
    // The inverse of a value below n is below n, so `from_repr` accepts it.
    let scalar = Option::<Scalar>::from(Scalar::from_repr(inverse_bytes));
    inverse_bytes.zeroize();
    scalar
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::elliptic_curve::ops::Invert;
    use p256::elliptic_curve::Field;
    use rand_core::OsRng;

    #[test]
    fn agrees_with_the_crate_on_random_and_edge_scalars() {
        let mut cases = vec![Scalar::ONE, -Scalar::ONE, Scalar::from(2u64), -Scalar::from(2u64)];
        cases.extend((0..500).map(|_| Scalar::random(&mut OsRng)));
        for k in cases {
            let expected = Option::<Scalar>::from(k.invert()).expect("non-zero");
            assert_eq!(invert(&k), Some(expected));
            assert_eq!(invert_vartime(&k), Some(expected));
            assert_eq!(Option::<Scalar>::from(Invert::invert_vartime(&k)), Some(expected));
            assert_eq!(expected * k, Scalar::ONE);
        }
    }

    #[test]
    fn zero_has_no_inverse() {
        assert_eq!(invert(&Scalar::ZERO), None);
        assert_eq!(invert_vartime(&Scalar::ZERO), None);
    }
}
