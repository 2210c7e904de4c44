package com.tls.sig;

/**
 * Checks v1 UserSig tickets (ECDSA/SHA-256; also the oldest, plain-JSON form and the tickets of
 * the closed-source tools) with the app's EC public key parsed once, with the legacy checks and
 * codes.
 *
 * <p>Immutable and thread-safe: build one per key at start-up and share it between all threads.
 * The key is held by the native library; {@link #close()} releases it. Closing is safe while
 * other threads are verifying: calls already running finish, later ones throw
 * {@link IllegalStateException}. An instance that is garbage-collected without being closed is
 * released by a background thread.
 *
 * <pre>{@code
 * UserSigVerifier verifier = UserSigVerifier.fromPem(publicKeyPem);   // once
 * try {
 *     VerifiedUserSig ok = verifier.verify(userSig, 1400000267L, "xiaojun");
 *     long until = ok.getExpiresAt();
 * } catch (UserSigException e) {
 *     // e.getCode(): 1-17 as the legacy tls_check_signature_ex2, e.g. 9 expired
 * }
 * }</pre>
 *
 * <p>A v2 (HMAC) ticket needs {@link HmacUserSigVerifier}; given to this verifier it is rejected
 * with code 8.
 */
public final class UserSigVerifier extends VerifierBase implements AutoCloseable {

    private UserSigVerifier(long handle) {
        super(handle);
    }

    /**
     * Parses an EC public key: SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}, the
     * console's {@code public_key} file), compressed or uncompressed point, named or explicit
     * curve; prime256v1 (P-256) or secp256k1.
     *
     * @param publicKeyPem the key text
     * @return a verifier holding the parsed key
     * @throws UserSigException code 8 ({@link UserSigError#BAD_SIGNATURE}, as the legacy check
     *     reported an unusable public key) if the key is unusable
     * @throws NullPointerException if {@code publicKeyPem} is {@code null}
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static UserSigVerifier fromPem(String publicKeyPem) {
        return adopt(Natives.newPublicKey(Args.notNull(publicKeyPem, "publicKeyPem")),
                UserSigVerifier::new);
    }

    /**
     * Checks a ticket as the legacy {@code tls_check_signature_ex2}: signature, identifier,
     * sdkappid, expiry. A userbuf ticket is rejected here (code 8); use
     * {@link #verifyWithUserbuf(String, long, String)} for those.
     *
     * @param ticket the ticket; {@code null} or empty is code 1
     * @param sdkAppId the SDKAppID the ticket must be for, 1 to 4294967295
     * @param identifier the user id the ticket must be for
     * @return the ticket's times
     * @throws UserSigException if the ticket is rejected, with the legacy code (1-4, 6-10, 13, 14)
     * @throws IllegalArgumentException if {@code sdkAppId} is out of range, or a string holds a
     *     lone UTF-16 surrogate
     * @throws NullPointerException if {@code identifier} is {@code null}
     * @throws IllegalStateException if this verifier is closed
     */
    public VerifiedUserSig verify(String ticket, long sdkAppId, String identifier) {
        return check(ticket, sdkAppId, identifier, Natives.MODE_PLAIN, null);
    }

    /**
     * Checks a userbuf ticket as the legacy {@code tls_check_userbuf_ticket} and returns its
     * userbuf. A plain ticket is rejected here (code 4).
     *
     * @param ticket the ticket; {@code null} or empty is code 1
     * @param sdkAppId the SDKAppID the ticket must be for, 1 to 4294967295
     * @param identifier the user id the ticket must be for
     * @return the ticket's times and userbuf
     * @throws UserSigException if the ticket is rejected, with the legacy code (15 for a
     *     malformed userbuf)
     * @throws IllegalArgumentException if {@code sdkAppId} is out of range, or a string holds a
     *     lone UTF-16 surrogate
     * @throws NullPointerException if {@code identifier} is {@code null}
     * @throws IllegalStateException if this verifier is closed
     */
    public VerifiedUserSig verifyWithUserbuf(String ticket, long sdkAppId, String identifier) {
        return check(ticket, sdkAppId, identifier, Natives.MODE_USERBUF, null);
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
