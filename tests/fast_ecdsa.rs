//! The fast ECDSA paths (P-256 comb tables, prepared public keys, key caches) against the
//! `p256` / `k256` crates' own signer and verifier: byte-identical signatures, identical
//! verdicts on good, tampered, high-S, zero and out-of-range signatures.

use ecdsa::signature::{Signer, Verifier};
use pkcs8::{DecodePrivateKey, DecodePublicKey};
use rand_core::{OsRng, RngCore};
use tls_sig::{Curve, PrivateKey, PublicKey};

const N_P256: [u8; 32] = hex_literal::hex!("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
const N_K256: [u8; 32] = hex_literal::hex!("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");

/// DER `SEQUENCE { INTEGER r, INTEGER s }` from big-endian magnitudes.
fn der(r: &[u8], s: &[u8]) -> Vec<u8> {
    fn int(v: &[u8]) -> Vec<u8> {
        let v = &v[v.iter().position(|&b| b != 0).unwrap_or(v.len().saturating_sub(1)).min(v.len().saturating_sub(1))..];
        let mut body = if v[0] & 0x80 != 0 { vec![0] } else { vec![] };
        body.extend_from_slice(v);
        let mut out = vec![0x02, body.len() as u8];
        out.extend(body);
        out
    }
    let mut body = int(r);
    body.extend(int(s));
    let mut out = vec![0x30, body.len() as u8];
    out.extend(body);
    out
}

/// The verdict of the crates' own verifiers (after low-S normalisation, as verify_der promises).
fn reference_verify(curve: Curve, public_pem: &str, message: &[u8], signature: &[u8]) -> bool {
    match curve {
        Curve::P256 => {
            let key = p256::ecdsa::VerifyingKey::from_public_key_pem(public_pem).unwrap();
            match p256::ecdsa::Signature::from_der(signature) {
                Ok(sig) => key.verify(message, &sig.normalize_s().unwrap_or(sig)).is_ok(),
                Err(_) => false,
            }
        }
        Curve::Secp256k1 => {
            let key = k256::ecdsa::VerifyingKey::from_public_key_pem(public_pem).unwrap();
            match k256::ecdsa::Signature::from_der(signature) {
                Ok(sig) => key.verify(message, &sig.normalize_s().unwrap_or(sig)).is_ok(),
                Err(_) => false,
            }
        }
    }
}

/// `n - s` for a 32-byte big-endian s (the high-S twin).
fn negate_mod(n: &[u8; 32], s: &[u8]) -> Vec<u8> {
    let s = &s[s.len().saturating_sub(32)..]; // drop DER's sign byte
    let mut padded = [0u8; 32];
    padded[32 - s.len()..].copy_from_slice(s);
    let mut out = [0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut d = i16::from(n[i]) - i16::from(padded[i]) - borrow;
        borrow = i16::from(d < 0);
        if d < 0 {
            d += 256;
        }
        out[i] = d as u8;
    }
    out.to_vec()
}

fn split_der(sig: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let r_len = sig[3] as usize;
    let r = sig[4..4 + r_len].to_vec();
    let s_len = sig[5 + r_len] as usize;
    let s = sig[6 + r_len..6 + r_len + s_len].to_vec();
    (r, s)
}

#[test]
fn p256_signatures_are_byte_identical_to_the_crate() {
    for i in 0..100usize {
        let key = PrivateKey::generate(Curve::P256);
        let crate_key = p256::ecdsa::SigningKey::from_pkcs8_pem(&key.to_pkcs8_pem().unwrap()).unwrap();
        let mut message = vec![0u8; i * 3];
        OsRng.fill_bytes(&mut message);
        let expected: p256::ecdsa::Signature = crate_key.sign(&message);
        assert_eq!(key.sign_der(&message), expected.to_der().as_bytes(), "case {i}");
    }
}

#[test]
fn k256_signatures_are_byte_identical_to_the_crate() {
    for i in 0..20usize {
        let key = PrivateKey::generate(Curve::Secp256k1);
        let crate_key = k256::ecdsa::SigningKey::from_pkcs8_pem(&key.to_pkcs8_pem().unwrap()).unwrap();
        let message = format!("message {i}");
        let expected: k256::ecdsa::Signature = crate_key.sign(message.as_bytes());
        assert_eq!(key.sign_der(message.as_bytes()), expected.to_der().as_bytes());
    }
}

#[test]
fn verdicts_match_the_crates_on_every_kind_of_signature() {
    for curve in [Curve::P256, Curve::Secp256k1] {
        let n = if curve == Curve::P256 { N_P256 } else { N_K256 };
        for round in 0..12usize {
            let key = PrivateKey::generate(curve);
            let public_pem = key.public_key().to_spki_pem().unwrap();
            // Fresh parse per round; once prepared (fast path) and once not.
            let prepared = PublicKey::from_pem(&public_pem).unwrap();
            prepared.prepare();
            let cached = PublicKey::cached_from_text(&public_pem).unwrap();
            let message = format!("TLS.identifier:user_{round}\n").into_bytes();
            let good = key.sign_der(&message);
            let (r, s) = split_der(&good);
            let high_s = negate_mod(&n, &s);
            let mut n_plus = n;
            n_plus[31] = n_plus[31].wrapping_add(1);
            let stranger = PrivateKey::generate(curve).sign_der(&message);
            let mut flipped = good.clone();
            let last = flipped.len() - 1;
            flipped[last] ^= 1;

            let cases: Vec<(&str, Vec<u8>, Vec<u8>)> = vec![
                ("good", message.clone(), good.clone()),
                ("tampered message", b"TLS.identifier:someone_else\n".to_vec(), good.clone()),
                ("high-S twin", message.clone(), der(&r, &high_s)),
                ("flipped bit", message.clone(), flipped),
                ("other key", message.clone(), stranger),
                ("r = 0", message.clone(), der(&[0], &s)),
                ("s = 0", message.clone(), der(&r, &[0])),
                ("r = n", message.clone(), der(&n, &s)),
                ("s = n", message.clone(), der(&r, &n)),
                ("r = n + 1", message.clone(), der(&n_plus, &s)),
                ("s > n", message.clone(), der(&r, &[0xff; 32])),
                ("r and s swapped", message.clone(), der(&s, &r)),
                ("empty", message.clone(), vec![]),
                ("garbage", message.clone(), vec![0x30, 0x03, 0x02, 0x01, 0x01]),
            ];
            for (name, msg, sig) in cases {
                let expected = reference_verify(curve, &public_pem, &msg, &sig);
                // Twice: the first call may take the crate's path, later ones the table.
                for _ in 0..2 {
                    assert_eq!(prepared.verify_der(&msg, &sig), expected, "{curve} {name}");
                    assert_eq!(cached.verify_der(&msg, &sig), expected, "{curve} {name} (cached)");
                }
                if name == "good" || name == "high-S twin" {
                    assert!(expected, "{curve} {name} must verify");
                }
            }
        }
    }
}

#[test]
fn caches_return_the_same_key_and_reject_bad_text_every_time() {
    let key = PrivateKey::generate(Curve::P256);
    let pem = key.to_pkcs8_pem().unwrap();
    let a = PrivateKey::cached_from_pem(&pem).unwrap();
    let b = PrivateKey::cached_from_pem(&pem).unwrap();
    assert!(std::sync::Arc::ptr_eq(&a, &b));
    assert_eq!(a.sign_der(b"x"), key.sign_der(b"x"));
    assert!(PrivateKey::cached_from_pem("not a key").is_err());
    assert!(PrivateKey::cached_from_pem("not a key").is_err());
    let public = key.public_key().to_spki_pem().unwrap();
    assert!(std::sync::Arc::ptr_eq(
        &PublicKey::cached_from_text(&public).unwrap(),
        &PublicKey::cached_parse(public.as_bytes()).unwrap()
    ));
    // A private key given as the public key is still refused through the cache.
    assert!(PublicKey::cached_from_text(&pem).is_err());
}

#[test]
fn generate_from_pem_matches_generate_with_a_parsed_key() {
    let key = PrivateKey::generate(Curve::P256);
    let pem = key.to_pkcs8_pem().unwrap();
    let public = key.public_key().to_spki_pem().unwrap();
    let ticket = tls_sig::v1::generate_from_pem(&pem, 1_400_000_000, "alice", 3600, None).unwrap();
    let verified = tls_sig::verify(&ticket, &public, 1_400_000_000, "alice").unwrap();
    assert_eq!(verified.expire_time, 3600);
    let err = tls_sig::v1::generate_from_pem("not a key", 1_400_000_000, "alice", 3600, None).unwrap_err();
    assert_eq!(err.code(), tls_sig::ErrorCode::SignFailed);
}
