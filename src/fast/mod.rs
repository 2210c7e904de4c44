//! Faster ECDSA on P-256, built on the `p256` crate's own group arithmetic:
//!
//! * [`table`]: precomputed comb tables (signed `W`-bit windows, affine or projective entries)
//!   for a fixed base point, with a constant-time lookup for secret scalars and a variable-time
//!   one for public scalars;
//! * [`p256_sign`]: RFC 6979 ECDSA signing with the generator table — byte-identical to
//!   `p256::ecdsa::SigningKey::sign`;
//! * [`scalar_inverse`]: inversion modulo the group order with `crypto-bigint`'s safegcd,
//!   constant-time for nonces and variable-time for public values;
//! * [`verify`]: ECDSA verification with the generator table and a per-key table for the
//!   public point, equivalent to the crate's `VerifyingKey::verify`.
//!
//! secp256k1 keeps the `k256` crate's own signer and verifier: it already has precomputed
//! generator tables and a GLV-split `lincomb` (see `BENCHMARKS.md`).

pub(crate) mod p256_sign;
pub(crate) mod scalar_inverse;
pub(crate) mod table;
pub(crate) mod verify;
