#!/usr/bin/env bash
# Runs the Demo (java/demo/Demo.java), as the legacy TLS sig API's Java example did: generates a
# UserSig for 1400000267/xiaojun with java/demo/ec_key.pem, prints it, verifies it with
# java/demo/public.pem and prints its expire and init time.
#
# On a fresh Debian machine it first installs what is missing: Gradle (Debian's 4.4.1, from apt).
# Rust (cargo) and a JDK are expected to be there already. The build compiles the Rust library
# (cargo build --release), bundles it in the jar and runs the Demo in java/demo.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v cargo >/dev/null || [ -x "$HOME/.cargo/bin/cargo" ] || {
    echo "demo: cargo (Rust) is required: https://rustup.rs" >&2; exit 1; }
command -v java >/dev/null || { echo "demo: a JDK is required (apt-get install -y default-jdk)" >&2; exit 1; }

. "$root/scripts/apt-tool.sh"
ensure_apt_tool gradle gradle demo

exec gradle --no-daemon --console=plain -q demo "$@"
