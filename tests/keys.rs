//! Every key form in tests/data/keys (see its MANIFEST.tsv) parses to the right curve or is
//! rejected with the right error, and no error or Debug output shows key material.

use std::fs;
use std::path::PathBuf;

use tls_sig::{v1, verify, Curve, ErrorCode, KeyError, PrivateKey, PublicKey};

fn keys_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/keys")
}

fn read(name: &str) -> Vec<u8> {
    fs::read(keys_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

struct Row {
    file: String,
    role: String,
    curve: String,
    expect: String,
}

fn manifest() -> Vec<Row> {
    let text = fs::read_to_string(keys_dir().join("MANIFEST.tsv")).expect("manifest");
    let rows: Vec<Row> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row { file: c[0].into(), role: c[1].into(), curve: c[2].into(), expect: c[4].into() }
        })
        .collect();
    assert!(rows.len() >= 40, "manifest lists {} keys", rows.len());
    rows
}

fn curve_of(name: &str) -> Curve {
    match name {
        "p256" => Curve::P256,
        "k256" => Curve::Secp256k1,
        other => panic!("no curve {other}"),
    }
}

/// Base64 lines of a key file, which must never appear in messages.
fn secret_lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::trim)
        .filter(|l| l.len() >= 16 && !l.starts_with("-----"))
        .map(String::from)
        .collect()
}

#[test]
fn every_accepted_form_parses_to_its_curve_and_pairs_with_every_public_form() {
    let rows = manifest();
    for row in rows.iter().filter(|r| r.expect == "ok") {
        let bytes = read(&row.file);
        let curve = curve_of(&row.curve);
        match row.role.as_str() {
            "private" => {
                let key = PrivateKey::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", row.file));
                assert_eq!(key.curve(), curve, "{}", row.file);
                // Sign with this form, verify with every public form of the same curve.
                let ticket = v1::generate(&key, 1400000267, "xiaojun", 3600, None).expect("gen");
                for public in rows.iter().filter(|r| r.role == "public" && r.expect == "ok" && r.curve == row.curve) {
                    let public_key = PublicKey::parse(&read(&public.file)).expect("public");
                    assert_eq!(public_key, key.public_key(), "{} vs {}", row.file, public.file);
                    let pem = public_key.to_spki_pem().expect("pem");
                    let verified = verify(&ticket, &pem, 1400000267, "xiaojun")
                        .unwrap_or_else(|e| panic!("{} with {}: {e}", row.file, public.file));
                    assert_eq!(verified.expire_time, 3600);
                }
            }
            "public" => {
                let key = PublicKey::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", row.file));
                assert_eq!(key.curve(), curve, "{}", row.file);
            }
            other => panic!("role {other}"),
        }
    }
}

#[test]
fn pem_text_forms_verify_through_the_legacy_text_api() {
    for row in manifest().iter().filter(|r| r.expect == "ok" && r.role == "public" && !r.file.ends_with(".der")) {
        let private = PrivateKey::parse(&read(&format!("{}_private_key.pem", row.curve))).expect("private");
        let ticket = v1::generate(&private, 1400000267, "xiaojun", 3600, None).expect("gen");
        let text = String::from_utf8(read(&row.file)).expect("utf8");
        assert!(verify(&ticket, &text, 1400000267, "xiaojun").is_ok(), "{}", row.file);
    }
}

#[test]
fn rejected_forms_give_clear_errors_without_key_material() {
    for row in manifest().iter().filter(|r| r.expect == "reject") {
        let bytes = read(&row.file);
        let secrets = secret_lines(&bytes);
        let private_err = PrivateKey::parse(&bytes).expect_err(&row.file);
        let public_err = PublicKey::parse(&bytes).expect_err(&row.file);
        for err in [&private_err, &public_err] {
            let message = err.to_string();
            for line in &secrets {
                assert!(!message.contains(line.as_str()), "{}: message shows key text", row.file);
            }
        }
        let sign_error = private_err.clone().into_sign_error();
        assert_eq!(sign_error.code(), ErrorCode::SignFailed);
        assert_eq!(public_err.clone().into_verify_error().code(), ErrorCode::BadSignature);
        match row.file.as_str() {
            "bad_encrypted_pkcs8.pem" => assert_eq!(private_err, KeyError::Encrypted),
            "bad_rsa_private.pem" => assert_eq!(private_err, KeyError::UnsupportedAlgorithm("RSA")),
            "bad_rsa_public.pem" => assert_eq!(public_err, KeyError::UnsupportedAlgorithm("RSA")),
            "bad_ed25519_private.pem" => assert_eq!(private_err, KeyError::UnsupportedAlgorithm("Ed25519")),
            "bad_ed25519_public.pem" => assert_eq!(public_err, KeyError::UnsupportedAlgorithm("Ed25519")),
            "p384_private_key.pem" => assert!(matches!(private_err, KeyError::UnsupportedCurve(ref c) if c == "secp384r1")),
            "p384_public_key.pem" => assert!(matches!(public_err, KeyError::UnsupportedCurve(ref c) if c == "secp384r1")),
            "bad_truncated.pem" | "bad_garbage.pem" => assert_eq!(private_err, KeyError::NotAKey),
            other => panic!("unexpected reject row {other}"),
        }
    }
}

#[test]
fn a_public_key_where_a_private_one_belongs_and_the_reverse() {
    assert_eq!(PrivateKey::parse(&read("p256_public_key.pem")).unwrap_err(), KeyError::PublicKeyGiven);
    assert_eq!(PrivateKey::parse(&read("p256_public_key.der")).unwrap_err(), KeyError::PublicKeyGiven);
    assert_eq!(PublicKey::parse(&read("k256_private_key.pem")).unwrap_err(), KeyError::PrivateKeyGiven);
    assert_eq!(PublicKey::parse(&read("k256_private_key.der")).unwrap_err(), KeyError::PrivateKeyGiven);
    // Through the legacy text API the wrong key is code 8 after the ticket itself checked out.
    let key = PrivateKey::parse(&read("p256_private_key.pem")).unwrap();
    let ticket = v1::generate(&key, 1, "a", 60, None).unwrap();
    let private_text = String::from_utf8(read("p256_private_key.pem")).unwrap();
    let err = verify(&ticket, &private_text, 1, "a").unwrap_err();
    assert_eq!(err.code(), ErrorCode::BadSignature);
    for line in secret_lines(private_text.as_bytes()) {
        assert!(!err.message().contains(&line));
    }
}

#[test]
fn wrong_curve_parameters_block_is_ignored_for_the_keys_own_oid() {
    let key = PrivateKey::parse(&read("p256_sec1_wrong_params.pem")).unwrap();
    assert_eq!(key.curve(), Curve::P256);
    let key = PrivateKey::parse(&read("k256_sec1_wrong_params.pem")).unwrap();
    assert_eq!(key.curve(), Curve::Secp256k1);
}

#[test]
fn debug_output_hides_secrets() {
    let bytes = read("p256_private_key.pem");
    let key = PrivateKey::parse(&bytes).unwrap();
    let shown = format!("{key:?}");
    assert_eq!(shown, "PrivateKey { curve: P256, .. }");
    let secret = tls_sig::HmacKey::new(b"my-very-secret-hmac-key");
    assert!(!format!("{secret:?}").contains("secret-hmac"));
}

#[test]
fn generated_keys_round_trip_through_pem() {
    for curve in [Curve::P256, Curve::Secp256k1] {
        let key = PrivateKey::generate(curve);
        let pem = key.to_pkcs8_pem().unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
        let back = PrivateKey::from_pem(&pem).unwrap();
        assert_eq!(back.public_key(), key.public_key());
        let public = PublicKey::from_pem(&key.public_key().to_spki_pem().unwrap()).unwrap();
        assert_eq!(public.curve(), curve);
    }
}
