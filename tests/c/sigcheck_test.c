/* Calls the sigcheck.h interface from C, linked against the built library.
 * Usage: sigcheck_test PRIVATE_KEY_FILE PUBLIC_KEY_FILE
 * Prints one line per check and "c: N passed, M failed" last; exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sigcheck.h"

static int passed, failed;

#define CHECK(cond, what) do { \
    if (cond) { passed++; printf("ok   %s\n", what); } \
    else { failed++; printf("FAIL %s (line %d)\n", what, __LINE__); } } while (0)

static char *slurp(const char *path, unsigned int *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    static char buf[2][65536];
    static int which;
    char *b = buf[which++ % 2];
    size_t n = fread(b, 1, sizeof buf[0] - 1, f);
    fclose(f);
    b[n] = 0;
    *len = (unsigned int)n;
    return b;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s pri pub\n", argv[0]); return 2; }
    unsigned int pri_len, pub_len;
    char *pri = slurp(argv[1], &pri_len);
    char *pub = slurp(argv[2], &pub_len);
    char sig[4096], err[256];
    unsigned int expire = 123, init = 456;

    int rc = tls_gen_sig_ex(1400000267, "xiaojun", sig, sizeof sig, pri, pri_len, err, sizeof err);
    CHECK(rc == 0 && strlen(sig) > 100, "tls_gen_sig_ex");
    rc = tls_vri_sig_ex(sig, pub, pub_len, 1400000267, "xiaojun", &expire, &init, err, sizeof err);
    CHECK(rc == 0 && expire == 15552000 && init > 1600000000u, "tls_vri_sig_ex ok with times");

    rc = tls_vri_sig_ex(sig, pub, pub_len, 1400000267, "other", &expire, &init, err, sizeof err);
    CHECK(rc == 13 && strstr(err, "identifier") && expire == 0 && init == 0, "wrong identifier: 13, times 0");
    rc = tls_vri_sig_ex(sig, pub, pub_len, 1400000268, "xiaojun", &expire, &init, err, sizeof err);
    CHECK(rc == 14, "wrong sdkappid: 14");
    rc = tls_vri_sig_ex("", pub, pub_len, 1400000267, "xiaojun", &expire, &init, err, sizeof err);
    CHECK(rc == 1, "empty sig: 1");
    rc = tls_vri_sig_ex(sig, "garbage", 7, 1400000267, "xiaojun", &expire, &init, err, sizeof err);
    CHECK(rc == 8, "garbage public key: 8");

    rc = tls_gen_sig_ex_with_expire(1400000267, "\xe5\xb0\x8f\xe5\x86\x9b\xf0\x9f\x98\x80", 60, sig, sizeof sig, pri, pri_len, err, sizeof err);
    CHECK(rc == 0, "tls_gen_sig_ex_with_expire, UTF-8 identifier");
    rc = tls_vri_sig_ex(sig, pub, pub_len, 1400000267, "\xe5\xb0\x8f\xe5\x86\x9b\xf0\x9f\x98\x80", &expire, &init, err, sizeof err);
    CHECK(rc == 0 && expire == 60, "verify UTF-8 identifier, expire 60");

    rc = tls_gen_sig(3600, "0", 1400000267, "legacy", 0, sig, sizeof sig, pri, pri_len, err, sizeof err);
    CHECK(rc == 0, "tls_gen_sig (deprecated)");
    rc = tls_vri_sig(sig, pub, pub_len, 999, "ignored", 1400000267, "legacy", err, sizeof err);
    CHECK(rc == 0, "tls_vri_sig ignores acctype and appid3rd");

    /* Buffer rules. */
    char small[16];
    memset(err, 'x', sizeof err);
    rc = tls_gen_sig_ex(1400000267, "xiaojun", small, sizeof small, pri, pri_len, err, sizeof err);
    CHECK(rc == -1 && strcmp(err, "sig length out of range") == 0, "small sig buffer: -1 and message");
    char tiny_err[8];
    rc = tls_gen_sig_ex(1400000267, "xiaojun", sig, sizeof sig, "bad", 3, tiny_err, sizeof tiny_err);
    CHECK(rc == 17 && strlen(tiny_err) == sizeof tiny_err - 1, "bad key: 17, err_msg truncated and terminated");
    rc = tls_gen_sig_ex(1400000267, "xiaojun", sig, sizeof sig, pri, pri_len, NULL, 0);
    CHECK(rc == 0, "null err_msg with length 0 on success");

    /* NULL arguments never crash. */
    rc = tls_gen_sig_ex(1400000267, NULL, sig, sizeof sig, pri, pri_len, err, sizeof err);
    CHECK(rc != 0 && strstr(err, "identifier"), "null identifier names the argument");
    rc = tls_gen_sig_ex(1400000267, "a", sig, sizeof sig, NULL, 0, err, sizeof err);
    CHECK(rc == 17 && strstr(err, "pri_key"), "null private key: 17");
    rc = tls_gen_sig_ex(1400000267, "a", NULL, 100, pri, pri_len, err, sizeof err);
    CHECK(rc != 0 && strstr(err, "sig"), "null sig buffer");
    rc = tls_gen_sig_ex(0, "a", sig, sizeof sig, pri, pri_len, err, sizeof err);
    CHECK(rc != 0 && strstr(err, "sdkappid"), "sdkappid 0 refused");
    rc = tls_vri_sig_ex(NULL, pub, pub_len, 1, "a", NULL, NULL, err, sizeof err);
    CHECK(rc == 1, "null sig: 1, null time pointers tolerated");
    rc = tls_vri_sig_ex(sig, NULL, 0, 1, "a", &expire, &init, err, sizeof err);
    CHECK(rc == 8, "null public key: 8");

    printf("c: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
