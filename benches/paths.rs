//! Whole calls per path (v1 P-256, v1 secp256k1, v2, userbuf), a different identifier on every
//! call, and the "overhead around the signature": a full ticket next to the raw signature (or
//! verification) of the same crate, and of our fast P-256 code, in the same run.
//! Run: `cargo bench --bench paths` (see BENCHMARKS.md).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use ecdsa::signature::{Signer, Verifier};
use tls_sig::{v1, v2, HmacKey, PrivateKey, PublicKey};

const P256_PRIVATE: &str = include_str!("../tests/data/keys/p256_private_key.pem");
const P256_PUBLIC: &str = include_str!("../tests/data/keys/p256_public_key.pem");
const K256_PRIVATE: &str = include_str!("../tests/data/keys/k256_private_key.pem");
const K256_PUBLIC: &str = include_str!("../tests/data/keys/k256_public_key.pem");
const SECRET: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const SDKAPPID: u64 = 1_400_000_000;
const USERBUF: &[u8] = b"room=1234;role=anchor";

/// Identifiers cycled through so every call signs or checks a different one.
fn identifiers() -> Vec<String> {
    (0..256).map(|i| format!("user_{i:06}")).collect()
}


fn generate(c: &mut Criterion) {
    let ids = identifiers();
    let p256 = PrivateKey::from_pem(P256_PRIVATE).unwrap();
    let hmac = HmacKey::new(SECRET.as_bytes());
    let mut g = c.benchmark_group("gen");
    let mut id = cycle(&ids);
    g.bench_function("v1_p256_pem_cached", |b| {
        b.iter(|| v1::generate_from_pem(black_box(P256_PRIVATE), SDKAPPID, id(), v1::DEFAULT_EXPIRE, None).unwrap())
    });
    g.bench_function("v1_p256_parsed_key", |b| {
        b.iter(|| v1::generate(&p256, SDKAPPID, id(), v1::DEFAULT_EXPIRE, None).unwrap())
    });
    g.bench_function("v1_p256_parse_every_call", |b| {
        b.iter(|| {
            let key = PrivateKey::from_pem(black_box(P256_PRIVATE)).unwrap();
            v1::generate(&key, SDKAPPID, id(), v1::DEFAULT_EXPIRE, None).unwrap()
        })
    });
    g.bench_function("v1_k256_pem_cached", |b| {
        b.iter(|| v1::generate_from_pem(black_box(K256_PRIVATE), SDKAPPID, id(), v1::DEFAULT_EXPIRE, None).unwrap())
    });
    g.bench_function("v1_p256_userbuf", |b| {
        b.iter(|| v1::generate_from_pem(black_box(P256_PRIVATE), SDKAPPID, id(), v1::DEFAULT_EXPIRE, Some(USERBUF)).unwrap())
    });
    g.bench_function("v2", |b| b.iter(|| v2::generate(&hmac, SDKAPPID, id(), 86_400, None).unwrap()));
    g.bench_function("v2_userbuf", |b| b.iter(|| v2::generate(&hmac, SDKAPPID, id(), 86_400, Some(USERBUF)).unwrap()));
    g.finish();
}

/// Tickets for every identifier, made with `make`.
fn tickets(ids: &[String], make: impl Fn(&str) -> String) -> Vec<(String, String)> {
    ids.iter().map(|id| (id.clone(), make(id))).collect()
}

fn check(c: &mut Criterion) {
    let ids = identifiers();
    let p256 = PrivateKey::from_pem(P256_PRIVATE).unwrap();
    let k256 = PrivateKey::from_pem(K256_PRIVATE).unwrap();
    let hmac = HmacKey::new(SECRET.as_bytes());
    let v1_p256 = tickets(&ids, |id| v1::generate(&p256, SDKAPPID, id, v1::DEFAULT_EXPIRE, None).unwrap());
    let v1_k256 = tickets(&ids, |id| v1::generate(&k256, SDKAPPID, id, v1::DEFAULT_EXPIRE, None).unwrap());
    let v1_userbuf = tickets(&ids, |id| v1::generate(&p256, SDKAPPID, id, v1::DEFAULT_EXPIRE, Some(USERBUF)).unwrap());
    let v2_plain = tickets(&ids, |id| v2::generate(&hmac, SDKAPPID, id, 86_400, None).unwrap());
    let v2_userbuf = tickets(&ids, |id| v2::generate(&hmac, SDKAPPID, id, 86_400, Some(USERBUF)).unwrap());

    let mut g = c.benchmark_group("check");
    type Case<'a> = (&'a str, &'a Vec<(String, String)>, &'a str, bool);
    let cases: [Case<'_>; 5] = [
        ("v1_p256_pem_cached", &v1_p256, P256_PUBLIC, false),
        ("v1_k256_pem_cached", &v1_k256, K256_PUBLIC, false),
        ("v1_p256_userbuf", &v1_userbuf, P256_PUBLIC, true),
        ("v2", &v2_plain, SECRET, false),
        ("v2_userbuf", &v2_userbuf, SECRET, true),
    ];
    for (name, set, key, userbuf) in cases {
        let mut i = 0usize;
        g.bench_function(name, |b| {
            b.iter(|| {
                i = (i + 1) % set.len();
                let (id, ticket) = &set[i];
                let verified = if userbuf {
                    tls_sig::verify_userbuf(black_box(ticket), key, SDKAPPID, id, None)
                } else {
                    tls_sig::verify(black_box(ticket), key, SDKAPPID, id)
                };
                verified.unwrap()
            })
        });
    }
    g.finish();
}

/// Full calls next to the bare signature operations they contain. The raw operations cycle
/// through the same identifiers as the full calls (one signed text and signature per
/// identifier), so both sides see the same variety of nonces, table entries and branches.
fn overhead(c: &mut Criterion) {
    let ids = identifiers();
    let texts: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(
                "TLS.appid_at_3rd:0\nTLS.account_type:0\nTLS.identifier:{id}\nTLS.sdk_appid:1400000000\n\
                 TLS.time:1700000000\nTLS.expire_after:15552000\n"
            )
        })
        .collect();

    for (curve, private_pem, public_pem) in [("p256", P256_PRIVATE, P256_PUBLIC), ("k256", K256_PRIVATE, K256_PUBLIC)] {
        let mut g = c.benchmark_group(format!("overhead_{curve}"));
        let ours = PrivateKey::from_pem(private_pem).unwrap();
        let ders: Vec<Vec<u8>> = texts.iter().map(|text| ours.sign_der(text.as_bytes())).collect();
        let public = PublicKey::from_pem(public_pem).unwrap();
        public.prepare();
        let mut next_text = cycle(&texts);
        let text_ders: Vec<_> = texts.iter().zip(&ders).collect();
        let mut next_pair = cycle(&text_ders);
        if curve == "p256" {
            let (sk, vk) = p256_crate_keys(private_pem);
            let sigs: Vec<p256::ecdsa::Signature> =
                ders.iter().map(|der| p256::ecdsa::Signature::from_der(der).unwrap()).collect();
            let text_sigs: Vec<_> = texts.iter().zip(&sigs).collect();
            let mut next_sig = cycle(&text_sigs);
            g.bench_function("sign_crate_raw", |b| {
                b.iter(|| Signer::<p256::ecdsa::Signature>::sign(&sk, black_box(next_text().as_bytes())))
            });
            g.bench_function("verify_crate_raw", |b| {
                b.iter(|| {
                    let &(text, sig) = next_sig();
                    vk.verify(black_box(text.as_bytes()), sig).is_ok()
                })
            });
        } else {
            let (sk, vk) = k256_crate_keys(private_pem);
            let sigs: Vec<k256::ecdsa::Signature> =
                ders.iter().map(|der| k256::ecdsa::Signature::from_der(der).unwrap()).collect();
            let text_sigs: Vec<_> = texts.iter().zip(&sigs).collect();
            let mut next_sig = cycle(&text_sigs);
            g.bench_function("sign_crate_raw", |b| {
                b.iter(|| Signer::<k256::ecdsa::Signature>::sign(&sk, black_box(next_text().as_bytes())))
            });
            g.bench_function("verify_crate_raw", |b| {
                b.iter(|| {
                    let &(text, sig) = next_sig();
                    vk.verify(black_box(text.as_bytes()), sig).is_ok()
                })
            });
        }
        g.bench_function("sign_ours_raw", |b| b.iter(|| ours.sign_der(black_box(next_text().as_bytes()))));
        g.bench_function("verify_ours_raw", |b| {
            b.iter(|| {
                let &(text, der) = next_pair();
                public.verify_der(black_box(text.as_bytes()), der)
            })
        });

        let mut id = cycle(&ids);
        g.bench_function("gen_full", |b| {
            b.iter(|| v1::generate_from_pem(black_box(private_pem), SDKAPPID, id(), v1::DEFAULT_EXPIRE, None).unwrap())
        });
        let key = PrivateKey::from_pem(private_pem).unwrap();
        let set = tickets(&ids, |id| v1::generate(&key, SDKAPPID, id, v1::DEFAULT_EXPIRE, None).unwrap());
        let mut i = 0usize;
        g.bench_function("check_full", |b| {
            b.iter(|| {
                i = (i + 1) % set.len();
                let (id, ticket) = &set[i];
                tls_sig::verify(black_box(ticket), public_pem, SDKAPPID, id).unwrap()
            })
        });
        g.finish();
    }
}

/// A closure that returns the next item of `items` on each call, cycling (identifiers, signed
/// texts, (text, signature) pairs).
fn cycle<'a, T>(items: &'a [T]) -> impl FnMut() -> &'a T + 'a {
    let mut i = 0usize;
    move || {
        i = (i + 1) % items.len();
        &items[i]
    }
}


fn p256_crate_keys(pem: &str) -> (p256::ecdsa::SigningKey, p256::ecdsa::VerifyingKey) {
    use pkcs8::DecodePrivateKey;
    let sk = p256::ecdsa::SigningKey::from_pkcs8_pem(pem).unwrap();
    let vk = *sk.verifying_key();
    (sk, vk)
}

fn k256_crate_keys(pem: &str) -> (k256::ecdsa::SigningKey, k256::ecdsa::VerifyingKey) {
    use pkcs8::DecodePrivateKey;
    let sk = k256::ecdsa::SigningKey::from_pkcs8_pem(pem).unwrap();
    let vk = *sk.verifying_key();
    (sk, vk)
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(50)
}

criterion_group! { name = benches; config = config(); targets = generate, check, overhead }
criterion_main!(benches);
