#!/usr/bin/env bash
# Interop tests: our tls_licence_tools / signature binaries against real peers
# (PyPI tls-sig-api 1.4 + pyOpenSSL, PyPI tls-sig-api-v2, npm tls-sig-api-v2) and OpenSSL.
#   tests/interop/run.sh            set up peers, build release binaries, run everything
# Environment:
#   INTEROP_SKIP_SETUP=1   do not run scripts/setup-peers.sh (peers already installed)
#   INTEROP_NO_BUILD=1     do not run cargo build (use the existing target/release binaries)
#   INTEROP_FILTER=text    run only tests whose name contains text
#   TLS_LICENCE_TOOLS, SIGNATURE_BIN   other binaries to test
# Last line: `interop: N passed, M failed`; exit status non-zero on any failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

fail() { echo "interop: ERROR: $*" >&2; echo "interop: 0 passed, 1 failed"; exit 1; }

if [ "${INTEROP_SKIP_SETUP:-}" != 1 ]; then
    "$root/scripts/setup-peers.sh" || fail "peer setup failed (scripts/setup-peers.sh)"
fi
[ -x "$here/.venv/bin/python" ] || fail "no $here/.venv: run scripts/setup-peers.sh"
[ -d "$here/node_modules/tls-sig-api-v2" ] || fail "no npm tls-sig-api-v2: run scripts/setup-peers.sh"

if [ "${INTEROP_NO_BUILD:-}" != 1 ]; then
    ( cd "$root" && cargo build --release --bins --quiet ) || fail "cargo build --release --bins failed"
fi

exec "$here/.venv/bin/python" "$here/interop.py"
