//! One criterion group per stage of a ticket: key parse, sign, verify (the crates' own code
//! next to ours), JSON, deflate/inflate, base64. Run: `cargo bench --bench stages`
//! (see BENCHMARKS.md for the exact command and the numbers).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use ecdsa::signature::{Signer, Verifier};
use tls_sig::json::TicketJson;
use tls_sig::{stages, PrivateKey, PublicKey};

const P256_PRIVATE: &str = include_str!("../tests/data/keys/p256_private_key.pem");
const P256_PUBLIC: &str = include_str!("../tests/data/keys/p256_public_key.pem");
const K256_PRIVATE: &str = include_str!("../tests/data/keys/k256_private_key.pem");
const K256_PUBLIC: &str = include_str!("../tests/data/keys/k256_public_key.pem");

/// A signed text of the usual size (six `TLS.*:value` lines).
fn signed_text(i: u64) -> String {
    format!(
        "TLS.appid_at_3rd:0\nTLS.account_type:0\nTLS.identifier:user_{i}\nTLS.sdk_appid:1400000000\n\
         TLS.time:1700000000\nTLS.expire_after:15552000\n"
    )
}

fn key_parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("key_parse");
    g.bench_function("p256_private_pkcs8", |b| b.iter(|| PrivateKey::from_pem(black_box(P256_PRIVATE)).unwrap()));
    g.bench_function("p256_public_spki", |b| b.iter(|| PublicKey::from_pem(black_box(P256_PUBLIC)).unwrap()));
    g.bench_function("k256_private_pkcs8", |b| b.iter(|| PrivateKey::from_pem(black_box(K256_PRIVATE)).unwrap()));
    g.bench_function("k256_public_spki", |b| b.iter(|| PublicKey::from_pem(black_box(K256_PUBLIC)).unwrap()));
    g.bench_function("p256_private_cached_hit", |b| {
        b.iter(|| PrivateKey::cached_from_pem(black_box(P256_PRIVATE)).unwrap())
    });
    g.bench_function("p256_public_cached_hit", |b| b.iter(|| PublicKey::cached_from_text(black_box(P256_PUBLIC)).unwrap()));
    g.bench_function("p256_public_prepare_table", |b| {
        b.iter(|| {
            let key = PublicKey::from_pem(P256_PUBLIC).unwrap();
            key.prepare();
            key
        })
    });
    g.finish();
}

fn sign(c: &mut Criterion) {
    let text = signed_text(42);
    let mut g = c.benchmark_group("sign");
    let p256_crate = p256::ecdsa::SigningKey::from_slice(&hex_scalar(P256_PRIVATE)).unwrap();
    let p256_ours = PrivateKey::from_pem(P256_PRIVATE).unwrap();
    g.bench_function("p256_crate_raw", |b| {
        b.iter(|| {
            let sig: p256::ecdsa::Signature = p256_crate.sign(black_box(text.as_bytes()));
            sig.to_der()
        })
    });
    g.bench_function("p256_ours_der", |b| b.iter(|| p256_ours.sign_der(black_box(text.as_bytes()))));
    let k256_crate = k256::ecdsa::SigningKey::from_slice(&hex_scalar(K256_PRIVATE)).unwrap();
    let k256_ours = PrivateKey::from_pem(K256_PRIVATE).unwrap();
    g.bench_function("k256_crate_raw", |b| {
        b.iter(|| {
            let sig: k256::ecdsa::Signature = k256_crate.sign(black_box(text.as_bytes()));
            sig.to_der()
        })
    });
    g.bench_function("k256_ours_der", |b| b.iter(|| k256_ours.sign_der(black_box(text.as_bytes()))));
    g.finish();
}

fn verify(c: &mut Criterion) {
    let text = signed_text(7);
    let mut g = c.benchmark_group("verify");

    let p256_key = PrivateKey::from_pem(P256_PRIVATE).unwrap();
    let p256_der = p256_key.sign_der(text.as_bytes());
    let p256_sig = p256::ecdsa::Signature::from_der(&p256_der).unwrap();
    let p256_crate: p256::ecdsa::VerifyingKey = p256::PublicKey::from_sec1_bytes(&spki_point(P256_PUBLIC)).unwrap().into();
    let p256_ours = PublicKey::from_pem(P256_PUBLIC).unwrap();
    p256_ours.prepare();
    g.bench_function("p256_crate_raw", |b| b.iter(|| p256_crate.verify(black_box(text.as_bytes()), &p256_sig).is_ok()));
    g.bench_function("p256_ours_der", |b| b.iter(|| p256_ours.verify_der(black_box(text.as_bytes()), &p256_der)));

    let k256_key = PrivateKey::from_pem(K256_PRIVATE).unwrap();
    let k256_der = k256_key.sign_der(text.as_bytes());
    let k256_sig = k256::ecdsa::Signature::from_der(&k256_der).unwrap();
    let k256_crate: k256::ecdsa::VerifyingKey = k256::PublicKey::from_sec1_bytes(&spki_point(K256_PUBLIC)).unwrap().into();
    let k256_ours = PublicKey::from_pem(K256_PUBLIC).unwrap();
    g.bench_function("k256_crate_raw", |b| b.iter(|| k256_crate.verify(black_box(text.as_bytes()), &k256_sig).is_ok()));
    g.bench_function("k256_ours_der", |b| b.iter(|| k256_ours.verify_der(black_box(text.as_bytes()), &k256_der)));
    g.finish();
}

fn json(c: &mut Criterion) {
    let sig = stages::base64_encode(&[0x30; 71]);
    let v1 = stages::write_v1_json("user_123456", 1_400_000_000, 1_700_000_000, 15_552_000, &sig);
    let mut g = c.benchmark_group("json");
    g.bench_function("v1_write", |b| {
        b.iter(|| stages::write_v1_json(black_box("user_123456"), 1_400_000_000, 1_700_000_000, 15_552_000, &sig))
    });
    g.bench_function("v2_write", |b| {
        b.iter(|| stages::write_v2_json(black_box("user_123456"), 1_400_000_000, 1_700_000_000, 15_552_000, &sig))
    });
    g.bench_function("v1_parse", |b| b.iter(|| TicketJson::parse(black_box(v1.as_bytes())).unwrap()));
    g.finish();
}

fn zlib(c: &mut Criterion) {
    let sig = stages::base64_encode(&[0x30; 71]);
    let v1 = stages::write_v1_json("user_123456", 1_400_000_000, 1_700_000_000, 15_552_000, &sig);
    let compressed = stages::deflate(v1.as_bytes()).unwrap();
    let mut g = c.benchmark_group("zlib");
    g.bench_function("deflate_v1_json", |b| b.iter(|| stages::deflate(black_box(v1.as_bytes())).unwrap()));
    g.bench_function("inflate_v1_json", |b| b.iter(|| stages::inflate(black_box(&compressed)).unwrap()));
    g.finish();
}

fn base64(c: &mut Criterion) {
    let der = [0x30u8; 71];
    let sig = stages::base64_encode(&der);
    let sig_json = stages::write_v1_json("user_123456", 1_400_000_000, 1_700_000_000, 15_552_000, &sig);
    let compressed = stages::deflate(sig_json.as_bytes()).unwrap();
    let ticket = stages::ticket_base64_encode(&compressed);
    let mut g = c.benchmark_group("base64");
    g.bench_function("sig_encode", |b| b.iter(|| stages::base64_encode(black_box(&der))));
    g.bench_function("sig_decode", |b| b.iter(|| stages::base64_decode(black_box(&sig)).unwrap()));
    g.bench_function("ticket_encode", |b| b.iter(|| stages::ticket_base64_encode(black_box(&compressed))));
    g.bench_function("ticket_decode", |b| b.iter(|| stages::ticket_base64_decode(black_box(&ticket)).unwrap()));
    g.finish();
}

/// The private scalar of a PKCS#8 PEM key, via the crate's own PEM reader.
fn hex_scalar(pem: &str) -> Vec<u8> {
    use pkcs8::DecodePrivateKey;
    if let Ok(k) = p256::SecretKey::from_pkcs8_pem(pem) {
        return k.to_bytes().to_vec();
    }
    k256::SecretKey::from_pkcs8_pem(pem).unwrap().to_bytes().to_vec()
}

/// The SEC 1 point of an SPKI PEM key.
fn spki_point(pem: &str) -> Vec<u8> {
    use pkcs8::DecodePublicKey;
    if let Ok(k) = p256::PublicKey::from_public_key_pem(pem) {
        return k.to_sec1_bytes().to_vec();
    }
    k256::PublicKey::from_public_key_pem(pem).unwrap().to_sec1_bytes().to_vec()
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(50)
}

criterion_group! { name = benches; config = config(); targets = key_parse, sign, verify, json, zlib, base64 }
criterion_main!(benches);
