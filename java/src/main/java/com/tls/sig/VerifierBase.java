package com.tls.sig;

/**
 * What {@link UserSigVerifier} and {@link HmacUserSigVerifier} share: the checked native call
 * behind every verify method. The native key decides which tickets pass (v1 ECDSA or v2 HMAC).
 */
abstract class VerifierBase extends NativeKeyOwner {

    VerifierBase(long handle) {
        super(handle);
    }

    /**
     * Checks the arguments, then checks the ticket with the native key (held for the call).
     *
     * @param mode {@link Natives#MODE_PLAIN} or {@link Natives#MODE_USERBUF}
     * @param expectedUserbuf the userbuf the ticket must carry, or {@code null} for any
     */
    final VerifiedUserSig check(String ticket, long sdkAppId, String identifier, int mode,
            byte[] expectedUserbuf) {
        Args.sdkAppId(sdkAppId);
        Args.notNull(identifier, "identifier");
        NativeKey key = nativeKey();
        long handle = key.acquire();
        try {
            return Natives.nonNull(
                    Natives.nVerify(handle, ticket, sdkAppId, identifier, mode, expectedUserbuf));
        } finally {
            key.release();
        }
    }
}
