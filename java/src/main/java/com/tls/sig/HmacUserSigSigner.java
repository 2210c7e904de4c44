package com.tls.sig;

/**
 * Issues v2 UserSig tickets (HMAC-SHA256 with the app's shared secret, {@code "TLS.ver": "2.0"}),
 * the kind {@code tls-sig-api-v2} makes, with the secret held natively.
 *
 * <p>Immutable and thread-safe: build one at start-up and share it between all threads.
 * {@link #close()} zeroizes the native copy of the secret (once no running call uses it);
 * closing is safe while other threads are generating: calls already running finish, later ones
 * throw {@link IllegalStateException}. An instance that is garbage-collected without being closed
 * is released by a background thread.
 *
 * <pre>{@code
 * HmacUserSigSigner signer = HmacUserSigSigner.fromSecret(secretKeyFromConsole);
 * String userSig = signer.gen(1400000267L, "xiaojun", 86400);
 * }</pre>
 */
public final class HmacUserSigSigner extends SignerBase implements AutoCloseable {

    /** The default validity of a ticket: 180 days, in seconds. */
    public static final long DEFAULT_EXPIRE_SECONDS = UserSigSigner.DEFAULT_EXPIRE_SECONDS;

    private HmacUserSigSigner(long handle) {
        super(handle);
    }

    /**
     * Holds the secret as the console shows it: its UTF-8 bytes are the HMAC key. The temporary
     * byte copy made here is zeroed; the {@code String} itself cannot be.
     *
     * @param secret the shared secret (not empty)
     * @return a signer holding a native copy of the secret
     * @throws IllegalArgumentException if {@code secret} is empty
     * @throws NullPointerException if {@code secret} is {@code null}
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static HmacUserSigSigner fromSecret(String secret) {
        return adopt(Natives.newHmacKey(Args.notNull(secret, "secret")), HmacUserSigSigner::new);
    }

    /**
     * Holds a secret of arbitrary bytes. The bytes are copied: the caller may zero its array
     * afterwards.
     *
     * @param secret the HMAC key (not empty)
     * @return a signer holding a native copy of the secret
     * @throws IllegalArgumentException if {@code secret} is empty
     * @throws NullPointerException if {@code secret} is {@code null}
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static HmacUserSigSigner fromSecret(byte[] secret) {
        return adopt(Natives.newHmacKey(Args.notNull(secret, "secret")), HmacUserSigSigner::new);
    }

    /**
     * Issues a userbuf ticket ({@code TLS.userbuf}), as {@code tls_licence_tools gen2user}. Check
     * it with
     * {@link HmacUserSigVerifier#verifyWithUserbuf(String, long, String)}.
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
     * Releases the native secret (idempotent); it is zeroized once no running call uses it.
     * Calls running in other threads finish first; later calls throw
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        super.close();
    }
}
