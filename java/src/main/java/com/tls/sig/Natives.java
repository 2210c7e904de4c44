package com.tls.sig;

import com.tls.sigcheck.NativeLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The natives of this package, implemented in the same {@code jnisigcheck} library as the legacy
 * class (see {@code src/jni/modern.rs}). A handle is a number the library maps to a parsed key;
 * an unknown or freed handle makes a call throw {@link IllegalStateException}, never crash.
 */
final class Natives {

    private Natives() {
    }

    /** Loads the native library (the bundled copy unless one is loaded already). */
    static void ensureLoaded() {
        NativeLoader.ensureLoaded();
    }

    /**
     * Guards against a native call that returned {@code null} without throwing (which the library
     * never does; this keeps a {@code null} from reaching the caller if it ever did).
     */
    static <T> T nonNull(T value) {
        if (value == null) {
            throw new UserSigException(UserSigError.INTERNAL.code(),
                    "internal error: the native library returned no result");
        }
        return value;
    }

    /** Guards a handle the same way: 0 is never a valid handle. */
    static long validHandle(long handle) {
        if (handle == 0) {
            throw new UserSigException(UserSigError.INTERNAL.code(),
                    "internal error: the native library returned no handle");
        }
        return handle;
    }

    /**
     * Loads the library and parses an EC private key PEM (not {@code null}).
     *
     * @return the new handle, never 0
     */
    static long newPrivateKey(String pem) {
        ensureLoaded();
        return validHandle(nNewPrivateKey(pem));
    }

    /**
     * Loads the library and parses an EC public key PEM (not {@code null}).
     *
     * @return the new handle, never 0
     */
    static long newPublicKey(String pem) {
        ensureLoaded();
        return validHandle(nNewPublicKey(pem));
    }

    /**
     * Loads the library and copies an HMAC secret (not {@code null}) into a native key.
     *
     * @return the new handle, never 0
     */
    static long newHmacKey(byte[] secret) {
        ensureLoaded();
        return validHandle(nNewHmacKey(secret));
    }

    /**
     * Does {@link #newHmacKey(byte[])} with the UTF-8 bytes of {@code secret} (not {@code null}),
     * then zeroes that temporary copy; the {@code String} itself cannot be zeroed.
     *
     * @return the new handle, never 0
     */
    static long newHmacKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        try {
            return newHmacKey(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    static native long nNewPrivateKey(String pem);

    static native long nNewPublicKey(String pem);

    static native long nNewHmacKey(byte[] secret);

    static native boolean nFree(long handle);

    static native boolean nIsLive(long handle);

    static native String nGen(long handle, long sdkAppId, String identifier, long expireSeconds,
            byte[] userbuf);

    static native VerifiedUserSig nVerify(long handle, String ticket, long sdkAppId,
            String identifier, int mode, byte[] expectedUserbuf);

    /** {@link #nVerify} mode: the plain check ({@code tls_check_signature_ex2}). */
    static final int MODE_PLAIN = 0;
    /** {@link #nVerify} mode: the userbuf check ({@code tls_check_userbuf_ticket}). */
    static final int MODE_USERBUF = 1;
}
