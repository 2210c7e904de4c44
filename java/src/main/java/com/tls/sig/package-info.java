/**
 * The modern UserSig API: immutable, thread-safe signers and verifiers that parse their key once
 * and hold it natively.
 *
 * <ul>
 *   <li>{@link com.tls.sig.UserSigSigner} / {@link com.tls.sig.UserSigVerifier}: v1 tickets
 *       (ECDSA, the app's EC key pair), as the legacy {@code jnisigcheck} library and
 *       {@code com.github.tencentyun:tls-sig-api};</li>
 *   <li>{@link com.tls.sig.HmacUserSigSigner} / {@link com.tls.sig.HmacUserSigVerifier}: v2
 *       tickets (HMAC-SHA256, the app's shared secret), as {@code tls-sig-api-v2};</li>
 *   <li>a rejected ticket is a {@link com.tls.sig.UserSigException} carrying the legacy code
 *       ({@link com.tls.sig.UserSigError}); an accepted one a
 *       {@link com.tls.sig.VerifiedUserSig}.</li>
 * </ul>
 *
 * <p>The native library is the one bundled in this jar (the same that backs the legacy class
 * {@code com.tls.sigcheck.tls_sigcheck}), loaded on first use. On JDK 24 and later start the JVM
 * with {@code --enable-native-access=ALL-UNNAMED}.
 */
package com.tls.sig;
