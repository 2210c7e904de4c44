package com.tls.sig;

/**
 * The legacy TLS sig API result codes, as carried by {@link UserSigException#getCode()}.
 *
 * <p>The numbers are those of the legacy library ({@code jnisigcheck.so}, {@code sigcheck.h},
 * {@code tls_licence_tools}): the same input gives the same code. Codes 5, 11 and 12 exist in the
 * legacy table but are never produced.
 */
public enum UserSigError {
    /** 1: the ticket is empty (or {@code null}). */
    EMPTY_TICKET(1),
    /** 2: the ticket's base64 could not be decoded. */
    TICKET_BASE64(2),
    /** 3: the ticket could not be inflated (zlib). */
    INFLATE(3),
    /** 4: the ticket's JSON could not be parsed, or a field needed for the signed text is missing. */
    JSON(4),
    /** 5: reserved (JSON); never produced. */
    JSON_RESERVED(5),
    /** 6: the {@code TLS.sig} field is not valid base64. */
    SIG_FIELD_BASE64(6),
    /** 7: a required field is missing ({@code TLS.sig}, or any v2 field). */
    MISSING_FIELD(7),
    /**
     * 8: the signature or MAC does not verify (usually the wrong key), a ticket of the other
     * version (a v2 ticket given to an ECDSA verifier, or the reverse), or an unusable public key.
     */
    BAD_SIGNATURE(8),
    /** 9: the ticket has expired. */
    EXPIRED(9),
    /** 10: {@code TLS.time} or {@code TLS.expire_after} is missing or not a string. */
    TIME_FIELDS(10),
    /** 11: appid_at_3rd mismatch; never produced. */
    APPID_AT_3RD_MISMATCH(11),
    /** 12: account_type mismatch; never produced. */
    ACCOUNT_TYPE_MISMATCH(12),
    /** 13: the ticket is for another identifier. */
    IDENTIFIER_MISMATCH(13),
    /** 14: the ticket is for another sdkappid. */
    SDK_APP_ID_MISMATCH(14),
    /** 15: the userbuf is malformed or does not match. */
    USERBUF(15),
    /** 16: internal error (a bug; please report it). */
    INTERNAL(16),
    /** 17: signing failed: the private key is unreadable or of the wrong kind. */
    SIGN_FAILED(17);

    private final int code;

    UserSigError(int code) {
        this.code = code;
    }

    /**
     * Returns the legacy numeric code.
     *
     * @return the code, from 1 to 17
     */
    public int code() {
        return code;
    }

    /**
     * Returns the constant for a legacy numeric code.
     *
     * @param code a legacy code
     * @return the constant, or {@code null} if {@code code} is not from 1 to 17
     */
    public static UserSigError fromCode(int code) {
        for (UserSigError error : values()) {
            if (error.code == code) {
                return error;
            }
        }
        return null;
    }
}
