package com.tls.sig;

/**
 * A ticket was rejected, or could not be made, or a key could not be read: carries the legacy
 * TLS sig API code (1 to 17, see {@link UserSigError}) and its message.
 *
 * <p>It is unchecked so that signers and verifiers work in lambdas and streams; catch it where
 * a ticket from a client is checked:
 * <pre>{@code
 * try {
 *     VerifiedUserSig ok = verifier.verify(ticket, sdkAppId, userId);
 * } catch (UserSigException e) {
 *     if (e.getError() == UserSigError.EXPIRED) { ... } else { ... }
 * }
 * }</pre>
 *
 * <p>As the legacy check did, a rejection for expiry ({@link UserSigError#EXPIRED}) reports the
 * ticket's times ({@link #hasTicketTimes()}); other rejections do not.
 */
public class UserSigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The legacy code, 1 to 17. */
    private final int code;
    /** Whether {@link #expireTime} and {@link #initTime} are the rejected ticket's. */
    private final boolean hasTicketTimes;
    /** The rejected ticket's validity in seconds, or 0. */
    private final long expireTime;
    /** The rejected ticket's issue time in Unix seconds, or 0. */
    private final long initTime;

    /**
     * Creates an exception with a legacy code and a message.
     *
     * @param code the legacy code (1 to 17)
     * @param message what was wrong
     */
    public UserSigException(int code, String message) {
        this(code, message, false, 0, 0);
    }

    /** Called by the native library (see {@code src/jni/modern.rs}); keep the signature. */
    UserSigException(int code, String message, boolean hasTicketTimes, long expireTime, long initTime) {
        super(code + ": " + message);
        this.code = code;
        this.hasTicketTimes = hasTicketTimes;
        this.expireTime = expireTime;
        this.initTime = initTime;
    }

    /**
     * Returns the legacy code.
     *
     * @return the code, from 1 to 17
     */
    public int getCode() {
        return code;
    }

    /**
     * Returns the legacy code as a constant.
     *
     * @return the constant for {@link #getCode()}, or {@code null} for a code outside 1 to 17
     */
    public UserSigError getError() {
        return UserSigError.fromCode(code);
    }

    /**
     * Returns whether the check got far enough to read the ticket's times (an expired ticket).
     *
     * @return true if {@link #getExpireTime()} and {@link #getInitTime()} are the ticket's
     */
    public boolean hasTicketTimes() {
        return hasTicketTimes;
    }

    /**
     * Returns the rejected ticket's validity in seconds.
     *
     * @return the ticket's validity if {@link #hasTicketTimes()}, else 0
     */
    public long getExpireTime() {
        return expireTime;
    }

    /**
     * Returns the rejected ticket's issue time.
     *
     * @return the ticket's issue time in Unix seconds if {@link #hasTicketTimes()}, else 0
     */
    public long getInitTime() {
        return initTime;
    }
}
