#!/usr/bin/env bash
# Soak and stress of the native library through the real JNI class, in one JVM each.
#
#   bash tests/soak/run.sh           full: 1,000,000 generations + 1,000,000 verifications (RSS
#                                    sampled every 100,000 calls, after a warm-up of 100,000 each),
#                                    then 2/4/8/16 threads x 20,000 generate+verify each
#   bash tests/soak/run.sh --quick   CI: 50,000 + 50,000 (sampled every 5,000, after a warm-up of
#                                    60,000 each), 2/4/8/16 x 1,000
#
# The stress run uses -Xcheck:jni (the soak does too with SOAK_XCHECK=1; it is left out by default
# because it slows the million calls), and any line of JVM output containing "WARNING" fails. The
# Java heap is fixed and pre-touched (-Xms = -Xmx, AlwaysPreTouch), so RSS growth after warm-up is
# native memory (the legacy library leaked ~329 bytes a call: 1,000,000 calls grew it by 321 MB).
# LIB=path overrides the library (default: target/release/libtls_sig.so, built here).
# Logs: target/soak/{soak,stress}.log. Exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

mode=full
if [ "${1:-}" = "--quick" ]; then mode=quick; fi
if [ "$mode" = quick ]; then
    calls=50000; every=5000; warmup=60000; threads_calls=1000
else
    calls=1000000; every=100000; warmup=100000; threads_calls=20000
fi
max_growth_kib=8192

if [ -z "${LIB:-}" ]; then
    cargo rustc --release --lib --crate-type cdylib >&2   # with LTO, as shipped
    LIB="$root/target/release/libtls_sig.so"
fi
out="$root/target/soak"
rm -rf "$out/classes"
mkdir -p "$out/classes"
javac -nowarn -d "$out/classes" java/src/main/java/com/tls/sigcheck/*.java tests/soak/Soak.java

jvm=(java -Xms64m -Xmx64m -XX:+AlwaysPreTouch -XX:+UseSerialGC -cp "$out/classes")
xcheck=(-Xcheck:jni)
keys="$root/tests/data/keys"
status=0

run() {
    local name=$1; shift
    echo "== soak: $name" >&2
    local start=$SECONDS
    local flags=()
    if [ "$name" = stress ] || [ "${SOAK_XCHECK:-0}" = 1 ]; then flags=("${xcheck[@]}"); fi
    if ! "${jvm[@]}" "${flags[@]}" Soak "$@" >"$out/$name.log" 2>&1; then
        echo "soak: $name FAILED" >&2
        status=1
    fi
    cat "$out/$name.log"
    if grep -q "WARNING" "$out/$name.log"; then
        echo "soak: $name: the JVM printed warnings (-Xcheck:jni):" >&2
        grep "WARNING" "$out/$name.log" | sort | uniq -c | head -20 >&2
        status=1
    fi
    if [ "$(tail -n 1 "$out/$name.log")" != "SOAK OK" ]; then
        echo "soak: $name did not finish with SOAK OK" >&2
        status=1
    fi
    echo "soak: $name took $((SECONDS - start)) s" >&2
}

run soak soak "$LIB" "$keys" "$calls" "$every" "$max_growth_kib" "$warmup"
run stress stress "$LIB" "$keys" 2,4,8,16 "$threads_calls"

if [ $status -eq 0 ]; then
    echo "soak ($mode)" >&2
    echo "soak: 2 passed, 0 failed"
else
    echo "soak ($mode): FAILED"
fi
exit $status
