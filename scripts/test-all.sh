#!/usr/bin/env bash
# Runs every test of the project on a fresh machine (installs what is missing first):
#   1. Rust: unit, integration and CLI tests (cargo test)
#   2. interop with the real peers (PyPI tls-sig-api 1.4, tls-sig-api-v2, npm tls-sig-api-v2, OpenSSL)
#   3. Java: the JUnit suite through the real native library (Gradle), on the default JDK and
#      again on the Temurin 25 JDK (gradle junit -PtestJavaHome=...; TLS_SIG_JDK25 points
#      elsewhere; TLS_SIG_SKIP_JDK25=1 skips it explicitly on a machine without one)
#   4. the Maven artifact: publishToMavenLocal, then tests/maven-consumer (mvn test)
#   5. the JNI soak and stress in quick mode (tests/soak/run.sh --quick: RSS growth bound,
#      2/4/8/16 threads under -Xcheck:jni, no JVM warnings)
# Exits non-zero if any part fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/setup.sh

echo "== cargo test" >&2
cargo test --locked

echo "== interop" >&2
INTEROP_SKIP_SETUP=1 bash tests/interop/run.sh

echo "== gradle test" >&2
gradle --no-daemon --console=plain test

jdk25="${TLS_SIG_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ "${TLS_SIG_SKIP_JDK25:-}" = 1 ]; then
    echo "== gradle junit on JDK 25: skipped (TLS_SIG_SKIP_JDK25=1)" >&2
elif [ -x "$jdk25/bin/java" ]; then
    echo "== gradle junit on $jdk25" >&2
    gradle --no-daemon --console=plain junit "-PtestJavaHome=$jdk25"
else
    echo "== gradle junit on JDK 25: no JDK at $jdk25 (set TLS_SIG_JDK25, or TLS_SIG_SKIP_JDK25=1)" >&2
    exit 1
fi

echo "== maven consumer" >&2
bash tests/maven-consumer/run.sh

echo "== soak and stress (quick)" >&2
bash tests/soak/run.sh --quick

echo "test-all: every suite passed" >&2
