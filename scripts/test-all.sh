#!/usr/bin/env bash
# Runs every test of the project on a fresh machine (installs what is missing first):
#   1. Rust: unit, integration and CLI tests (cargo test)
#   2. interop with the real peers (PyPI tls-sig-api 1.4, tls-sig-api-v2, npm tls-sig-api-v2, OpenSSL)
#   3. Java: the JUnit suite through the real native library (Gradle)
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

echo "test-all: every suite passed" >&2
