package com.tls.sig;

/**
 * What {@link UserSigSigner} and {@link HmacUserSigSigner} share: the overloads with the same
 * contract and the checked native call behind all of them. The native key decides the kind of
 * ticket (v1 ECDSA or v2 HMAC).
 */
abstract class SignerBase extends NativeKeyOwner {

    /** The default validity of a ticket: 180 days, in seconds. */
    static final long DEFAULT_EXPIRE_SECONDS = UserSigSigner.DEFAULT_EXPIRE_SECONDS;

    SignerBase(long handle) {
        super(handle);
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
     * Checks the arguments, then issues a ticket with the native key (held for the call).
     *
     * @param userbuf the userbuf to carry, or {@code null} for a plain ticket
     */
    final String generate(long sdkAppId, String identifier, long expireSeconds, byte[] userbuf) {
        Args.sdkAppId(sdkAppId);
        Args.notNull(identifier, "identifier");
        Args.expireSeconds(expireSeconds);
        NativeKey key = nativeKey();
        long handle = key.acquire();
        try {
            return Natives.nonNull(Natives.nGen(handle, sdkAppId, identifier, expireSeconds, userbuf));
        } finally {
            key.release();
        }
    }
}
