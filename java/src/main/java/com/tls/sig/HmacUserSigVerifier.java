package com.tls.sig;

/**
 * Checks v2 UserSig tickets (HMAC-SHA256 with the app's shared secret) with the legacy checks and
 * codes, the MAC compared in constant time; the secret is held natively.
 *
 * <p>Immutable and thread-safe: build one at start-up and share it between all threads.
 * {@link #close()} zeroizes the native copy of the secret (once no running call uses it);
 * closing is safe while other threads are verifying: calls already running finish, later ones
 * throw {@link IllegalStateException}. An instance that is garbage-collected without being closed
 * is released by a background thread.
 *
 * <p>A v1 (ECDSA) ticket needs {@link UserSigVerifier}; given to this verifier it is rejected
 * with code 8.
 */
public final class HmacUserSigVerifier extends VerifierBase implements AutoCloseable {

    private HmacUserSigVerifier(long handle) {
        super(handle);
    }

    /**
     * Holds the secret as the console shows it: its UTF-8 bytes are the HMAC key. The temporary
     * byte copy made here is zeroed; the {@code String} itself cannot be.
     *
     * @param secret the shared secret (not empty)
     * @return a verifier holding a native copy of the secret
     * @throws IllegalArgumentException if {@code secret} is empty
     * @throws NullPointerException if {@code secret} is {@code null}
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static HmacUserSigVerifier fromSecret(String secret) {
        return adopt(Natives.newHmacKey(Args.notNull(secret, "secret")), HmacUserSigVerifier::new);
    }

    /**
     * Holds a secret of arbitrary bytes. The bytes are copied: the caller may zero its array
     * afterwards.
     *
     * @param secret the HMAC key (not empty)
     * @return a verifier holding a native copy of the secret
     * @throws IllegalArgumentException if {@code secret} is empty
     * @throws NullPointerException if {@code secret} is {@code null}
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static HmacUserSigVerifier fromSecret(byte[] secret) {
        return adopt(Natives.newHmacKey(Args.notNull(secret, "secret")), HmacUserSigVerifier::new);
    }

    /**
     * Checks a ticket as the legacy {@code tls_check_signature_ex2} checked v2 tickets: fields,
     * identifier, sdkappid, expiry, then the MAC. A userbuf ticket is rejected here (code 8); use
     * {@link #verifyWithUserbuf(String, long, String)} for those.
     *
     * @param ticket the ticket; {@code null} or empty is code 1
     * @param sdkAppId the SDKAppID the ticket must be for, 1 to 4294967295
     * @param identifier the user id the ticket must be for
     * @return the ticket's times
     * @throws UserSigException if the ticket is rejected, with the legacy code (1-4, 7-9, 13, 14)
     * @throws IllegalArgumentException if {@code sdkAppId} is out of range, or a string holds a
     *     lone UTF-16 surrogate
     * @throws NullPointerException if {@code identifier} is {@code null}
     * @throws IllegalStateException if this verifier is closed
     */
    public VerifiedUserSig verify(String ticket, long sdkAppId, String identifier) {
        return check(ticket, sdkAppId, identifier, Natives.MODE_PLAIN, null);
    }

    /**
     * Checks a userbuf ticket and returns its userbuf.
     *
     * @param ticket the ticket; {@code null} or empty is code 1
     * @param sdkAppId the SDKAppID the ticket must be for, 1 to 4294967295
     * @param identifier the user id the ticket must be for
     * @return the ticket's times and userbuf
     * @throws UserSigException if the ticket is rejected, with the legacy code
     * @throws IllegalArgumentException if {@code sdkAppId} is out of range, or a string holds a
     *     lone UTF-16 surrogate
     * @throws NullPointerException if {@code identifier} is {@code null}
     * @throws IllegalStateException if this verifier is closed
     */
    public VerifiedUserSig verifyWithUserbuf(String ticket, long sdkAppId, String identifier) {
        return check(ticket, sdkAppId, identifier, Natives.MODE_USERBUF, null);
    }

    /**
     * Checks a userbuf ticket whose userbuf must equal {@code expectedUserbuf}, as the legacy
     * {@code verify2user} (a different userbuf is code 15, checked before the MAC).
     *
     * @param ticket the ticket; {@code null} or empty is code 1
     * @param sdkAppId the SDKAppID the ticket must be for, 1 to 4294967295
     * @param identifier the user id the ticket must be for
     * @param expectedUserbuf the userbuf the ticket must carry
     * @return the ticket's times and userbuf
     * @throws UserSigException if the ticket is rejected, with the legacy code
     * @throws IllegalArgumentException if {@code sdkAppId} is out of range, or a string holds a
     *     lone UTF-16 surrogate
     * @throws NullPointerException if {@code identifier} or {@code expectedUserbuf} is
     *     {@code null}
     * @throws IllegalStateException if this verifier is closed
     */
    public VerifiedUserSig verifyWithUserbuf(String ticket, long sdkAppId, String identifier,
            byte[] expectedUserbuf) {
        return check(ticket, sdkAppId, identifier, Natives.MODE_USERBUF,
                Args.notNull(expectedUserbuf, "expectedUserbuf"));
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
