/*
 * sigcheck.h - the C interface of tls-sig, source- and binary-compatible with the legacy
 * Tencent TLS sig API's sigcheck.h (used from C, C++ and C# through DllImport).
 *
 * Link with the tls-sig native library (libtls_sig.so / libjnisigcheck.so / tls_sig.dll).
 *
 * Common rules:
 *  - Strings (sig, identifier, appid3rd) are NUL-terminated UTF-8.
 *  - Keys are passed as their CONTENT plus length (PEM text, or DER bytes), not as file names.
 *    For v2 (HMAC) tickets, tls_vri_sig_ex takes the shared secret in pub_key.
 *  - Return value: 0 on success, otherwise a legacy error code (1..17, see README) with a
 *    NUL-terminated message in err_msg (truncated to err_msg_buff_len - 1 bytes).
 *  - The generation calls write the ticket NUL-terminated into sig; when it does not fit
 *    (length + 1 > sig_buff_len) they return -1 and err_msg says "sig length out of range".
 *  - A NULL pointer is an error with a message, never a crash. All calls are thread-safe and
 *    need no set-up call (multi_thread_setup is not needed).
 */
#ifndef SIGCHECK_H
#define SIGCHECK_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) || defined(WIN32) || defined(WIN64)
#define SIGCHECK_API __declspec(dllimport)
#else
#define SIGCHECK_API
#endif

/* The legacy header took these two outputs by C++ reference; in C they are pointers. Both have
 * the same binary interface. */
#ifdef __cplusplus
#define SIGCHECK_OUT_UINT unsigned int&
#else
#define SIGCHECK_OUT_UINT unsigned int*
#endif

/* Deprecated: generates a v1 ticket with an account type and appid_at_3rd, valid for `expire`
 * seconds. */
SIGCHECK_API int tls_gen_sig(
    unsigned int expire,
    const char *appid3rd,
    unsigned int sdkappid,
    const char *identifier,
    unsigned int acctype,
    char *sig,
    unsigned int sig_buff_len,
    const char *pri_key,
    unsigned int pri_key_len,
    char *err_msg,
    unsigned int err_msg_buff_len);

/* Deprecated: checks a ticket; acctype and appid3rd are accepted and, as before, not compared. */
SIGCHECK_API int tls_vri_sig(
    const char *sig,
    const char *pub_key,
    unsigned int pub_key_len,
    unsigned int acctype,
    const char *appid3rd,
    unsigned int sdkappid,
    const char *identifier,
    char *err_msg,
    unsigned int err_msg_buff_len);

/* Generates a v1 ticket valid for 180 days. */
SIGCHECK_API int tls_gen_sig_ex(
    unsigned int sdkappid,
    const char *identifier,
    char *sig,
    unsigned int sig_buff_len,
    const char *pri_key,
    unsigned int pri_key_len,
    char *err_msg,
    unsigned int err_msg_buff_len);

/* Generates a v1 ticket valid for `expire` seconds. */
SIGCHECK_API int tls_gen_sig_ex_with_expire(
    unsigned int sdkappid,
    const char *identifier,
    unsigned int expire,
    char *sig,
    unsigned int sig_buff_len,
    const char *pri_key,
    unsigned int pri_key_len,
    char *err_msg,
    unsigned int err_msg_buff_len);

/* Checks a ticket of any format and writes its validity (seconds) and issue time (unix seconds);
 * both are 0 after a failure. */
SIGCHECK_API int tls_vri_sig_ex(
    const char *sig,
    const char *pub_key,
    unsigned int pub_key_len,
    unsigned int sdkappid,
    const char *identifier,
    SIGCHECK_OUT_UINT expire_time,
    SIGCHECK_OUT_UINT init_time,
    char *err_msg,
    unsigned int err_msg_buff_len);

#ifdef __cplusplus
}
#endif

#endif /* SIGCHECK_H */
