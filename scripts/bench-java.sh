#!/usr/bin/env bash
# Java benchmark: ops/s of our JNI library (gen and verify, 1 and 2 threads, one tls_sigcheck per
# thread; secp256k1 and v2 too), the JDK's raw SHA256withECDSA sign/verify with a pre-parsed
# P-256 key, and the Maven Central peer com.github.tencentyun:tls-sig-api:1.2 (genSig /
# CheckTLSSignatureEx), with the ratios — all in one run.
#
#   bash scripts/bench-java.sh [seconds-per-case]      (default 3)
#   TLS_SIG_LIB=/path/libtls_sig.so bash scripts/bench-java.sh   (skip cargo, use that library)
#
# Builds the native library with cargo (release), fetches the peer and its dependencies with
# Maven into build/bench/lib, compiles java/bench/Bench.java with javac against
# java/src/main/java, and runs it. See BENCHMARKS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-3}"
target="${CARGO_TARGET_DIR:-$root/target}"
out="$root/build/bench"
mkdir -p "$out/lib" "$out/classes"

if [ -n "${TLS_SIG_LIB:-}" ]; then
    lib="$TLS_SIG_LIB"   # measure a library built elsewhere (e.g. another checkout)
else
    # cdylib on its own, so that LTO applies (see gradle/native.gradle, cargoBuildLib)
    echo "== cargo rustc --release --lib --crate-type cdylib" >&2
    cargo rustc --release --lib --crate-type cdylib --quiet
    lib="$target/release/libtls_sig.so"
fi
[ -f "$lib" ] || { echo "missing $lib" >&2; exit 1; }

echo "== Maven peer and its dependencies" >&2
for artifact in com.github.tencentyun:tls-sig-api:1.2 org.bouncycastle:bcprov-jdk15on:1.59 \
                org.bouncycastle:bcpkix-jdk15on:1.59 org.json:json:20180130; do
    name="$(echo "$artifact" | cut -d: -f2)-$(echo "$artifact" | cut -d: -f3).jar"
    if [ ! -f "$out/lib/$name" ]; then
        mvn -q -B dependency:copy -Dartifact="$artifact" -DoutputDirectory="$out/lib" >&2
    fi
done
classpath="$(ls "$out"/lib/*.jar | tr '\n' ':')$out/classes"

echo "== javac" >&2
javac -nowarn -encoding UTF-8 -d "$out/classes" -cp "$classpath" \
    java/src/main/java/com/tls/sigcheck/*.java java/bench/Bench.java

echo "== run ($seconds s per case)" >&2
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
java -Xss4m -cp "$classpath" Bench "$lib" "$root/tests/data/keys" "$seconds"
