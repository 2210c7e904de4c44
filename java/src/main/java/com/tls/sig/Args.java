package com.tls.sig;

/** Argument checks shared by the signers and verifiers. */
final class Args {

    /** The largest sdkappid and validity a ticket carries: 2^32 - 1. */
    static final long U32_MAX = 0xFFFFFFFFL;

    private Args() {
    }

    static long sdkAppId(long sdkAppId) {
        if (sdkAppId < 1 || sdkAppId > U32_MAX) {
            throw new IllegalArgumentException("sdkAppId must be from 1 to 4294967295, not " + sdkAppId);
        }
        return sdkAppId;
    }

    static long expireSeconds(long expireSeconds) {
        if (expireSeconds < 0 || expireSeconds > U32_MAX) {
            throw new IllegalArgumentException("expireSeconds must be from 0 to 4294967295, not "
                    + expireSeconds);
        }
        return expireSeconds;
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException("argument " + name + " is null");
        }
        return value;
    }
}
