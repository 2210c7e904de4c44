package com.tls.sig;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
public final class HmacUserSigSigner implements AutoCloseable {

    /** The default validity of a ticket: 180 days, in seconds. */
    public static final long DEFAULT_EXPIRE_SECONDS = UserSigSigner.DEFAULT_EXPIRE_SECONDS;

    private final NativeKey key;

    private HmacUserSigSigner(long handle) {
        this.key = new NativeKey(this, handle, "HmacUserSigSigner");
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
        byte[] bytes = Args.notNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
        try {
            return fromSecret(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
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
        Args.notNull(secret, "secret");
        Natives.ensureLoaded();
        long handle = Natives.validHandle(Natives.nNewHmacKey(secret));
        try {
            return new HmacUserSigSigner(handle);
        } catch (RuntimeException | Error e) {
            Natives.nFree(handle);
            throw e;
        }
    }

    /**
     * Issues a ticket valid for 180 days ({@link #DEFAULT_EXPIRE_SECONDS}).
     *
     * @param sdkAppId the app's SDKAppID, 1 to 4294967295
     * @param identifier the user id (any Unicode text)
     * @return the ticket (UserSig)
     * @throws IllegalArgumentException if {@code sdkAppId} is out of range or {@code identifier}
     *     holds a lone UTF-16 surrogate
     * @throws NullPointerException if {@code identifier} is {@code null}
     * @throws IllegalStateException if this signer is closed
     */
    public String gen(long sdkAppId, String identifier) {
        return generate(sdkAppId, identifier, DEFAULT_EXPIRE_SECONDS, null);
    }

    /**
     * Issues a ticket valid for {@code expireSeconds}.
     *
     * @param sdkAppId the app's SDKAppID, 1 to 4294967295
     * @param identifier the user id (any Unicode text)
     * @param expireSeconds the validity in seconds, 0 to 4294967295
     * @return the ticket (UserSig)
     * @throws IllegalArgumentException if a number is out of range or {@code identifier} holds a
     *     lone UTF-16 surrogate
     * @throws NullPointerException if {@code identifier} is {@code null}
     * @throws IllegalStateException if this signer is closed
     */
    public String gen(long sdkAppId, String identifier, long expireSeconds) {
        return generate(sdkAppId, identifier, expireSeconds, null);
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
        Args.notNull(userbuf, "userbuf");
        return generate(sdkAppId, identifier, expireSeconds, userbuf);
    }

    private String generate(long sdkAppId, String identifier, long expireSeconds, byte[] userbuf) {
        Args.sdkAppId(sdkAppId);
        Args.notNull(identifier, "identifier");
        Args.expireSeconds(expireSeconds);
        long handle = key.acquire();
        try {
            return Natives.nonNull(Natives.nGen(handle, sdkAppId, identifier, expireSeconds, userbuf));
        } finally {
            key.release();
        }
    }

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return key.isClosed();
    }

    /**
     * Releases the native secret (idempotent); it is zeroized once no running call uses it.
     * Calls running in other threads finish first; later calls throw
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        key.close();
    }

    NativeKey nativeKey() {
        return key;
    }
}
