package com.tls.sigcheck;

/**
 * Issues and checks Tencent Cloud IM UserSig ("TLS sig") tickets through the native
 * {@code jnisigcheck} library.
 *
 * <p>This class keeps exactly the public API of the legacy {@code com.tls.sigcheck.tls_sigcheck}
 * class shipped with the TLS sig API, so existing callers compile and link against it unchanged.
 * Every operation returns {@code 0} on success or a non-zero error code (see the table in the
 * project README), and leaves its results in the fields of this instance:
 * <ul>
 *   <li>the generators set {@link #getSig()} and {@link #getErrMsg()};</li>
 *   <li>the checkers set {@link #getExpireTime()}, {@link #getInitTime()} and
 *       {@link #getErrMsg()}.</li>
 * </ul>
 * {@link #getErrMsg()} is never {@code null} after a call: it is empty on success and describes
 * the failure otherwise.
 *
 * <p><b>Loading the native library.</b> Call {@link #loadJniLib(String)} with the path of
 * {@code jnisigcheck.so} / {@code libjnisigcheck.so}, exactly as with the legacy class. If no
 * library has been loaded when the first operation runs, the copy bundled in this jar for the
 * current OS and architecture is extracted to a private temporary file and loaded; the system
 * property {@code tls.sigcheck.native.dir} chooses the directory used for that (useful when
 * {@code /tmp} is mounted {@code noexec}).
 *
 * <p><b>Threads.</b> The native library needs no set-up call and may be used from any number of
 * threads at once, with any number of keys. An instance holds the results of its last call in its
 * fields, so give each thread its own instance (instances are cheap).
 */
public class tls_sigcheck {

    /** Validity of the last checked ticket in seconds ({@code TLS.expire_after}); 0 after a failure. */
    protected int expireTime;
    /** Issue time of the last checked ticket in Unix seconds ({@code TLS.time}); 0 after a failure. */
    protected int initTime;
    /** Error message of the last call; empty after a success. */
    protected String strErrMsg;
    /** The ticket made by the last generator call (the name is historical: it holds the sig). */
    protected String strJsonWithSig;

    /** The userbuf of the last ticket accepted by the userbuf check; {@code null} otherwise. */
    private byte[] userBuf;

    /** Creates an instance; no native code runs until the first operation. */
    public tls_sigcheck() {
    }

    /**
     * Loads the native library from the given path with {@link System#load(String)}, exactly as
     * the legacy class did. After this call the bundled copy is not extracted.
     *
     * @param libPath absolute path of {@code jnisigcheck.so} (or {@code libjnisigcheck.so})
     */
    public void loadJniLib(String libPath) {
        System.load(libPath);
    }

    /**
     * Generates a ticket with an explicit account type and third-party app id (the oldest form).
     *
     * @param expire validity in seconds, as a decimal string
     * @param appid3rd value of {@code TLS.appid_at_3rd}
     * @param sdkAppid the app's SDKAppID, as a decimal string
     * @param identifier the user id
     * @param accountType value of {@code TLS.account_type}
     * @param priKey the app's EC private key in PEM form
     * @return 0 on success (the ticket is then in {@link #getSig()}), else an error code
     * @deprecated use {@link #tls_gen_signature_ex2_with_expire(String, String, String, String)};
     *     the IM cloud ignores the account type and third-party app id
     */
    @Deprecated
    public int tls_gen_signature_ex(String expire, String appid3rd, String sdkAppid,
            String identifier, String accountType, String priKey) {
        NativeLoader.ensureLoaded();
        return nGenEx(expire, appid3rd, sdkAppid, identifier, accountType, priKey);
    }

    /**
     * Generates a ticket valid for 180 days (15552000 seconds).
     *
     * @param sdkAppid the app's SDKAppID, as a decimal string
     * @param identifier the user id
     * @param priKey the app's EC private key in PEM form
     * @return 0 on success (the ticket is then in {@link #getSig()}), else an error code
     */
    public int tls_gen_signature_ex2(String sdkAppid, String identifier, String priKey) {
        NativeLoader.ensureLoaded();
        return nGenEx2(sdkAppid, identifier, priKey);
    }

    /**
     * Generates a ticket with the given validity.
     *
     * @param sdkAppid the app's SDKAppID, as a decimal string
     * @param identifier the user id
     * @param priKey the app's EC private key in PEM form
     * @param expire validity in seconds, as a decimal string
     * @return 0 on success (the ticket is then in {@link #getSig()}), else an error code
     */
    public int tls_gen_signature_ex2_with_expire(String sdkAppid, String identifier,
            String priKey, String expire) {
        NativeLoader.ensureLoaded();
        return nGenEx2WithExpire(sdkAppid, identifier, priKey, expire);
    }

    /**
     * Checks a ticket; the account type and third-party app id are accepted for compatibility and,
     * as in the legacy library, not compared with the ticket.
     *
     * @param sig the ticket
     * @param pubKey the app's EC public key in PEM form (for a v2 ticket: the shared secret)
     * @param accountType ignored
     * @param appid3rd ignored
     * @param sdkAppid the expected SDKAppID, as a decimal string
     * @param identifier the expected user id
     * @return 0 if the ticket is valid (times in {@link #getExpireTime()} and
     *     {@link #getInitTime()}), else an error code
     * @deprecated use {@link #tls_check_signature_ex2(String, String, String, String)}
     */
    @Deprecated
    public int tls_check_signature_ex(String sig, String pubKey, String accountType,
            String appid3rd, String sdkAppid, String identifier) {
        NativeLoader.ensureLoaded();
        return nCheckEx(sig, pubKey, accountType, appid3rd, sdkAppid, identifier);
    }

    /**
     * Checks a ticket of any format ever issued (plain JSON, v1 ECDSA, v2 HMAC).
     *
     * @param sig the ticket
     * @param pubKey the app's EC public key in PEM form (for a v2 ticket: the shared secret)
     * @param sdkAppid the expected SDKAppID, as a decimal string
     * @param identifier the expected user id
     * @return 0 if the ticket is valid (times in {@link #getExpireTime()} and
     *     {@link #getInitTime()}), else an error code
     */
    public int tls_check_signature_ex2(String sig, String pubKey, String sdkAppid,
            String identifier) {
        NativeLoader.ensureLoaded();
        return nCheckEx2(sig, pubKey, sdkAppid, identifier);
    }

    /**
     * Signs a caller-built JSON object and returns it as the oldest, plain-JSON ticket form
     * (the native library's {@code tls_gen_signature}). Not part of the legacy public API.
     *
     * @param json a JSON object with the {@code TLS.*} fields
     * @param priKey the app's EC private key in PEM form
     * @return 0 on success (the JSON with {@code TLS.sig} is then in {@link #getSig()}), else an
     *     error code
     */
    int tls_gen_signature(String json, String priKey) {
        NativeLoader.ensureLoaded();
        return nGenPlain(json, priKey);
    }

    /**
     * Generates a v1 ticket that carries the caller's bytes ({@code TLS.userbuf}), as the C++
     * library's {@code tls_gen_userbuf_ticket} and the CLI's {@code genuser}. Not part of the
     * legacy Java API.
     *
     * @param sdkAppid the app's SDKAppID, as a decimal string
     * @param identifier the user id
     * @param priKey the app's EC private key in PEM form
     * @param expire validity in seconds, as a decimal string
     * @param userbuf the bytes to carry
     * @return 0 on success (the ticket is then in {@link #getSig()}), else an error code
     */
    int tls_gen_userbuf_ticket(String sdkAppid, String identifier, String priKey, String expire,
            byte[] userbuf) {
        NativeLoader.ensureLoaded();
        return nGenUserbuf(sdkAppid, identifier, priKey, expire, userbuf);
    }

    /**
     * Checks a v1 or v2 userbuf ticket, as the C++ library's {@code tls_check_userbuf_ticket} and
     * the CLI's {@code verifyuser}; a malformed userbuf is code 15. Not part of the legacy Java API.
     *
     * @param sig the ticket
     * @param pubKey the app's EC public key in PEM form (for a v2 ticket: the shared secret)
     * @param sdkAppid the expected SDKAppID, as a decimal string
     * @param identifier the expected user id
     * @return 0 if the ticket is valid (times as for the other checks, the bytes in
     *     {@link #getUserBuf()}), else an error code
     */
    int tls_check_userbuf_ticket(String sig, String pubKey, String sdkAppid, String identifier) {
        NativeLoader.ensureLoaded();
        return nCheckUserbuf(sig, pubKey, sdkAppid, identifier);
    }

    /**
     * Returns the userbuf of the last ticket accepted by
     * {@link #tls_check_userbuf_ticket(String, String, String, String)}.
     *
     * @return the bytes, or {@code null} if the last userbuf check failed or none was made
     */
    byte[] getUserBuf() {
        return userBuf;
    }

    /**
     * Returns the validity in seconds of the last checked ticket.
     *
     * @return {@code TLS.expire_after} of the last successfully checked ticket, else 0
     */
    public int getExpireTime() {
        return expireTime;
    }

    /**
     * Returns the issue time of the last checked ticket.
     *
     * @return {@code TLS.time} (Unix seconds) of the last successfully checked ticket, else 0
     */
    public int getInitTime() {
        return initTime;
    }

    /**
     * Returns the message of the last call.
     *
     * @return an empty string after a success, otherwise a description of the failure
     */
    public String getErrMsg() {
        return strErrMsg;
    }

    /**
     * Returns the ticket made by the last generator call.
     *
     * @return the ticket, or an empty string if the last generation failed
     */
    public String getSig() {
        return strJsonWithSig;
    }

    /* The natives behind the public methods. The library also exports the legacy names
     * (Java_com_tls_sigcheck_tls_1sigcheck_tls_1gen_1signature_1ex2, ...) so that a server keeping
     * its own copy of the legacy class, whose public methods are themselves native, works too. */

    private native int nGenEx(String expire, String appid3rd, String sdkAppid,
            String identifier, String accountType, String priKey);

    private native int nGenEx2(String sdkAppid, String identifier, String priKey);

    private native int nGenEx2WithExpire(String sdkAppid, String identifier, String priKey,
            String expire);

    private native int nCheckEx(String sig, String pubKey, String accountType, String appid3rd,
            String sdkAppid, String identifier);

    private native int nCheckEx2(String sig, String pubKey, String sdkAppid, String identifier);

    private native int nGenPlain(String json, String priKey);

    private native int nGenUserbuf(String sdkAppid, String identifier, String priKey, String expire,
            byte[] userbuf);

    private native int nCheckUserbuf(String sig, String pubKey, String sdkAppid, String identifier);

    /**
     * Returns the native library's interface version; used to find out whether a library is
     * already loaded.
     *
     * @return the interface version of the loaded native library
     */
    static native int nAbiVersion();
}
