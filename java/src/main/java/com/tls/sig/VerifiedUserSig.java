package com.tls.sig;

import java.util.Arrays;

/**
 * A ticket that passed every check: its times and, for the userbuf checks, its userbuf.
 * Immutable.
 */
public final class VerifiedUserSig {

    private final long expireTime;
    private final long initTime;
    private final byte[] userbuf;

    /** Called by the native library (see {@code src/jni/modern.rs}); keep the signature. */
    VerifiedUserSig(long expireTime, long initTime, byte[] userbuf) {
        this.expireTime = expireTime;
        this.initTime = initTime;
        this.userbuf = userbuf;
    }

    /**
     * Returns the ticket's validity ({@code TLS.expire_after}, or {@code TLS.expire} for v2).
     *
     * @return the validity in seconds from {@link #getInitTime()}
     */
    public long getExpireTime() {
        return expireTime;
    }

    /**
     * Returns when the ticket was issued ({@code TLS.time}).
     *
     * @return the issue time in Unix seconds
     */
    public long getInitTime() {
        return initTime;
    }

    /**
     * Returns when the ticket stops being valid: {@link #getInitTime()} plus
     * {@link #getExpireTime()} (saturating at {@link Long#MAX_VALUE}). The ticket is still valid at
     * exactly this second.
     *
     * @return the last valid second, in Unix seconds
     */
    public long getExpiresAt() {
        long sum = initTime + expireTime;
        if (((initTime ^ sum) & (expireTime ^ sum)) < 0) {
            return initTime < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /**
     * Returns whether the ticket carried a userbuf (only the userbuf checks return one).
     *
     * @return true if {@link #getUserbuf()} is not {@code null}
     */
    public boolean hasUserbuf() {
        return userbuf != null;
    }

    /**
     * Returns the ticket's userbuf (a copy).
     *
     * @return the decoded {@code TLS.userbuf} bytes for a userbuf check, else {@code null}
     */
    public byte[] getUserbuf() {
        return userbuf == null ? null : userbuf.clone();
    }

    @Override
    public String toString() {
        return "VerifiedUserSig{expireTime=" + expireTime + ", initTime=" + initTime
                + (userbuf == null ? "" : ", userbuf=" + userbuf.length + " bytes") + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VerifiedUserSig)) {
            return false;
        }
        VerifiedUserSig other = (VerifiedUserSig) o;
        return expireTime == other.expireTime && initTime == other.initTime
                && Arrays.equals(userbuf, other.userbuf);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(expireTime) + Long.hashCode(initTime)) + Arrays.hashCode(userbuf);
    }
}
