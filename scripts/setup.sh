#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine of this kind (idempotent):
#   - Gradle (Debian's 4.4.1) for the Java build,
#   - the interop peers (PyPI tls-sig-api 1.4 + tls-sig-api-v2 in tests/interop/.venv, npm tls-sig-api-v2).
# Rust (rustup stable), a JDK 17, Python 3 and Node are expected on the machine already.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

need() { command -v "$1" >/dev/null || { echo "setup: $1 is required but not installed" >&2; exit 1; }; }
need cargo
need java

. "$root/scripts/apt-tool.sh"
ensure_apt_tool gradle gradle setup

bash "$root/scripts/setup-peers.sh"
