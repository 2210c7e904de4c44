package com.tls.sig;

/**
 * Issues v1 UserSig tickets (ECDSA/SHA-256), the kind the legacy {@code jnisigcheck} library and
 * {@code com.github.tencentyun:tls-sig-api} made, with the app's EC private key parsed once.
 *
 * <p>Immutable and thread-safe: build one per key at start-up and share it between all threads.
 * The key is held by the native library; {@link #close()} releases it (the secret scalar is
 * zeroized). Closing is safe while other threads are generating: calls already running finish,
 * later ones throw {@link IllegalStateException}. An instance that is garbage-collected without
 * being closed is released by a background thread.
 *
 * <pre>{@code
 * UserSigSigner signer = UserSigSigner.fromPem(privateKeyPem);   // once
 * String userSig = signer.gen(1400000267L, "xiaojun");            // 180 days
 * String shortLived = signer.gen(1400000267L, "xiaojun", 3600);   // one hour
 * }</pre>
 */
public final class UserSigSigner extends SignerBase implements AutoCloseable {

    /** The default validity of a ticket, as the legacy library's: 180 days, in seconds. */
    public static final long DEFAULT_EXPIRE_SECONDS = 15552000L;

    private UserSigSigner(long handle) {
        super(handle);
    }

    /**
     * Parses an EC private key in any PEM form the legacy library read: PKCS#8
     * ({@code -----BEGIN PRIVATE KEY-----}, the console's {@code private_key} file), SEC 1
     * ({@code -----BEGIN EC PRIVATE KEY-----}, with or without an {@code EC PARAMETERS} block),
     * named or explicit curve; prime256v1 (P-256) or secp256k1.
     *
     * @param privateKeyPem the key text
     * @return a signer holding the parsed key
     * @throws UserSigException code 17 ({@link UserSigError#SIGN_FAILED}) if the key is unusable
     *     (the message says why, never the key)
     * @throws NullPointerException if {@code privateKeyPem} is {@code null}
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static UserSigSigner fromPem(String privateKeyPem) {
        return adopt(Natives.newPrivateKey(Args.notNull(privateKeyPem, "privateKeyPem")),
                UserSigSigner::new);
    }

    /**
     * Issues a userbuf ticket: one that carries the caller's bytes ({@code TLS.userbuf}), as the
     * legacy {@code tls_gen_userbuf_ticket} / {@code tls_licence_tools genuser}. Check it with
     * {@link UserSigVerifier#verifyWithUserbuf(String, long, String)}.
     *
     * @param sdkAppId the app's SDKAppID, 1 to 4294967295
     * @param identifier the user id (any Unicode text)
     * @param expireSeconds the validity in seconds, 0 to 4294967295
     * @param userbuf the bytes to carry (copied)
     * @return the ticket (UserSig)
     * @throws IllegalArgumentException if a number is out of range or {@code identifier} holds a
     *     lone UTF-16 surrogate
     * @throws NullPointerException if {@code identifier} or {@code userbuf} is {@code null}
     * @throws IllegalStateException if this signer is closed
     */
    public String gen(long sdkAppId, String identifier, long expireSeconds, byte[] userbuf) {
        return generate(sdkAppId, identifier, expireSeconds, Args.notNull(userbuf, "userbuf"));
    }

    /**
     * Releases the native key (idempotent). Calls running in other threads finish first; later
     * calls throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        super.close();
    }
}
