//! Faster ECDSA, built on the `p256` and `k256` crates' own group arithmetic:
//!
//! * [`table`]: precomputed comb tables (signed `W`-bit windows, affine or projective entries)
//!   for a fixed base point, with a constant-time lookup for secret scalars and a variable-time
//!   one for public scalars;
//! * [`p256_sign`]: RFC 6979 ECDSA signing with the generator table — byte-identical to
//!   `p256::ecdsa::SigningKey::sign`;
//! * [`scalar_inverse`]: inversion modulo the group order with `crypto-bigint`'s safegcd,
//!   constant-time for nonces and variable-time for public values;
//! * [`verify`]: ECDSA verification (P-256 and secp256k1) with a generator table and a per-key
//!   table for the public point, equivalent to the crates' `VerifyingKey::verify`.
//!
//! secp256k1 keeps the `k256` crate's own signer (it already has precomputed generator tables),
//! and verifies with the same comb tables as P-256 ([`verify::PreparedK256`]: 2.1× the crate's
//! verifier, whose GLV `lincomb` recomputes the key's multiples on every call; see
//! `BENCHMARKS.md`).

pub(crate) mod p256_sign;
pub(crate) mod scalar_inverse;
pub(crate) mod table;
pub(crate) mod verify;
