#!/usr/bin/env bash
# Regenerates the TEST-ONLY key fixtures in this folder with the openssl CLI.
# None of these keys is used anywhere but in tests. Re-running replaces every file
# (new random keys), so everything that uses them must read them from here, never copy them.
#
# Naming: <curve>_<form>.<ext>, curve = p256 (prime256v1) | k256 (secp256k1) | p384;
# bad_* are keys that must be rejected. All private forms of one curve hold THE SAME key,
# so every private form of a curve pairs with every public form of that curve.
# MANIFEST.tsv (written at the end) lists: file, role, curve, form, expect (ok|reject).
set -euo pipefail
cd "$(dirname "$0")"

command -v openssl >/dev/null || { echo "make-keys.sh: openssl CLI is required" >&2; exit 1; }

rm -f ./*.pem ./*.der MANIFEST.tsv
manifest=()
add() { manifest+=("$1	$2	$3	$4	$5"); }   # file role curve form expect

crlf() { sed 's/$/\r/' "$1" > "$2"; }
around() {
    { printf 'This is a TEST-ONLY key for tls-sig interop tests.\nBag Attributes: none\n'
      cat "$1"
      printf 'trailing text after the armour\n'; } > "$2"
}

for pair in p256:prime256v1 k256:secp256k1; do
    c=${pair%%:*}; curve=${pair#*:}
    # The one key of this curve, PKCS#8 (what the console's `private_key` file holds).
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$curve" \
        -pkeyopt ec_param_enc:named_curve -out "${c}_private_key.pem"
    add "${c}_private_key.pem" private "$c" "PKCS#8 PEM (BEGIN PRIVATE KEY), named curve" ok
    # SPKI, uncompressed point (what the console's `public_key` file holds).
    openssl pkey -in "${c}_private_key.pem" -pubout -out "${c}_public_key.pem"
    add "${c}_public_key.pem" public "$c" "SPKI PEM (BEGIN PUBLIC KEY), uncompressed point" ok
    # SEC1 (traditional OpenSSL form).
    openssl ec -in "${c}_private_key.pem" -out "${c}_sec1.pem" 2>/dev/null
    add "${c}_sec1.pem" private "$c" "SEC1 PEM (BEGIN EC PRIVATE KEY), named curve" ok
    # SEC1 preceded by an EC PARAMETERS block of the right curve (`openssl ecparam -genkey` style).
    { openssl ecparam -name "$curve"; cat "${c}_sec1.pem"; } > "${c}_sec1_with_params.pem"
    add "${c}_sec1_with_params.pem" private "$c" "EC PARAMETERS ($curve) block, then SEC1" ok
    # Explicit curve parameters instead of the OID.
    openssl ec -in "${c}_private_key.pem" -param_enc explicit -out "${c}_sec1_explicit.pem" 2>/dev/null
    add "${c}_sec1_explicit.pem" private "$c" "SEC1 PEM with explicit curve parameters" ok
    openssl pkcs8 -topk8 -nocrypt -in "${c}_sec1_explicit.pem" -out "${c}_pkcs8_explicit.pem"
    add "${c}_pkcs8_explicit.pem" private "$c" "PKCS#8 PEM with explicit curve parameters" ok
    openssl ec -in "${c}_private_key.pem" -pubout -param_enc explicit -out "${c}_public_explicit.pem" 2>/dev/null
    add "${c}_public_explicit.pem" public "$c" "SPKI PEM with explicit curve parameters" ok
    # Compressed point.
    openssl ec -in "${c}_private_key.pem" -pubout -conv_form compressed -out "${c}_public_compressed.pem" 2>/dev/null
    add "${c}_public_compressed.pem" public "$c" "SPKI PEM, compressed point" ok
    # CRLF line ends.
    crlf "${c}_private_key.pem" "${c}_private_key_crlf.pem"
    add "${c}_private_key_crlf.pem" private "$c" "PKCS#8 PEM, CRLF line ends" ok
    crlf "${c}_sec1_with_params.pem" "${c}_sec1_with_params_crlf.pem"
    add "${c}_sec1_with_params_crlf.pem" private "$c" "EC PARAMETERS + SEC1 PEM, CRLF line ends" ok
    crlf "${c}_public_key.pem" "${c}_public_key_crlf.pem"
    add "${c}_public_key_crlf.pem" public "$c" "SPKI PEM, CRLF line ends" ok
    # Text before and after the armour.
    around "${c}_private_key.pem" "${c}_private_key_text_around.pem"
    add "${c}_private_key_text_around.pem" private "$c" "PKCS#8 PEM with text before and after the armour" ok
    around "${c}_public_key.pem" "${c}_public_key_text_around.pem"
    add "${c}_public_key_text_around.pem" public "$c" "SPKI PEM with text before and after the armour" ok
    # DER.
    openssl pkey -in "${c}_private_key.pem" -outform DER -out "${c}_private_key.der"
    add "${c}_private_key.der" private "$c" "PKCS#8 DER" ok
    openssl pkey -in "${c}_private_key.pem" -pubout -outform DER -out "${c}_public_key.der"
    add "${c}_public_key.der" public "$c" "SPKI DER, uncompressed point" ok
done

# An EC PARAMETERS block naming the WRONG curve above the key (seen in real key files):
# the key's own OID decides.
{ openssl ecparam -name secp256k1; cat p256_sec1.pem; } > p256_sec1_wrong_params.pem
add p256_sec1_wrong_params.pem private p256 "EC PARAMETERS naming secp256k1, then a P-256 SEC1 key" ok
{ openssl ecparam -name prime256v1; cat k256_sec1.pem; } > k256_sec1_wrong_params.pem
add k256_sec1_wrong_params.pem private k256 "EC PARAMETERS naming prime256v1, then a secp256k1 SEC1 key" ok

# Unsupported curve (P-384): a valid EC key that must be rejected with a clear error.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp384r1 -out p384_private_key.pem
add p384_private_key.pem private p384 "PKCS#8 PEM, P-384 (unsupported curve)" reject
openssl pkey -in p384_private_key.pem -pubout -out p384_public_key.pem
add p384_public_key.pem public p384 "SPKI PEM, P-384 (unsupported curve)" reject

# Bad keys.
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:test -in p256_private_key.pem -out bad_encrypted_pkcs8.pem
add bad_encrypted_pkcs8.pem private p256 "encrypted PKCS#8 (BEGIN ENCRYPTED PRIVATE KEY), password \"test\"" reject
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out bad_rsa_private.pem 2>/dev/null
add bad_rsa_private.pem private rsa "RSA 2048 PKCS#8 private key" reject
openssl pkey -in bad_rsa_private.pem -pubout -out bad_rsa_public.pem
add bad_rsa_public.pem public rsa "RSA 2048 SPKI public key" reject
openssl genpkey -algorithm ED25519 -out bad_ed25519_private.pem
add bad_ed25519_private.pem private ed25519 "Ed25519 PKCS#8 private key" reject
openssl pkey -in bad_ed25519_private.pem -pubout -out bad_ed25519_public.pem
add bad_ed25519_public.pem public ed25519 "Ed25519 SPKI public key" reject
# Truncated: the first two lines of the P-256 PKCS#8 file (armour begins, never ends).
head -n 2 p256_private_key.pem > bad_truncated.pem
add bad_truncated.pem any none "PEM cut off after its first base64 line (no END line)" reject
printf 'this is not a key\n-----BEGIN GARBAGE-----\n!!!not base64!!!\n-----END GARBAGE-----\n' > bad_garbage.pem
add bad_garbage.pem any none "garbage text with a made-up armour" reject

{ printf 'file\trole\tcurve\tform\texpect\n'; printf '%s\n' "${manifest[@]}"; } > MANIFEST.tsv
echo "make-keys.sh: wrote ${#manifest[@]} key files and MANIFEST.tsv"
