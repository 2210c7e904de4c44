"""Calls the sigcheck.h interface from Python ctypes (as C# DllImport does).

Usage: python3 sigcheck_ctypes.py LIBRARY PRIVATE_KEY_FILE PUBLIC_KEY_FILE
Prints "ctypes: N passed, M failed" last; exits non-zero on any failure.
"""
import ctypes
import sys

lib_path, pri_path, pub_path = sys.argv[1:4]
lib = ctypes.CDLL(lib_path)
u = ctypes.c_uint
cp = ctypes.c_char_p
lib.tls_gen_sig_ex_with_expire.argtypes = [u, cp, u, ctypes.c_char_p, u, cp, u, ctypes.c_char_p, u]
lib.tls_gen_sig_ex_with_expire.restype = ctypes.c_int
lib.tls_vri_sig_ex.argtypes = [cp, cp, u, u, cp, ctypes.POINTER(u), ctypes.POINTER(u), ctypes.c_char_p, u]
lib.tls_vri_sig_ex.restype = ctypes.c_int

pri = open(pri_path, "rb").read()
pub = open(pub_path, "rb").read()
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
        print("ok  ", what)
    else:
        failed += 1
        print("FAIL", what)


sig = ctypes.create_string_buffer(4096)
err = ctypes.create_string_buffer(256)
ident = "用户😀".encode()
rc = lib.tls_gen_sig_ex_with_expire(1400000267, ident, 7200, sig, 4096, pri, len(pri), err, 256)
check(rc == 0 and len(sig.value) > 100, "gen via ctypes")
expire, init = u(1), u(1)
rc = lib.tls_vri_sig_ex(sig.value, pub, len(pub), 1400000267, ident, ctypes.byref(expire), ctypes.byref(init), err, 256)
check(rc == 0 and expire.value == 7200 and init.value > 1_600_000_000, "verify via ctypes")
rc = lib.tls_vri_sig_ex(sig.value, pub, len(pub), 1400000267, b"x", ctypes.byref(expire), ctypes.byref(init), err, 256)
check(rc == 13 and b"identifier" in err.value and expire.value == 0, "wrong identifier via ctypes")
small = ctypes.create_string_buffer(10)
rc = lib.tls_gen_sig_ex_with_expire(1400000267, b"a", 60, small, 10, pri, len(pri), err, 256)
check(rc == -1 and err.value == b"sig length out of range", "small buffer via ctypes")
rc = lib.tls_gen_sig_ex_with_expire(1400000267, None, 60, sig, 4096, pri, len(pri), err, 256)
check(rc != 0 and b"identifier" in err.value, "null identifier via ctypes")

print(f"ctypes: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
