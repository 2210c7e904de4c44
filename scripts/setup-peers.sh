#!/usr/bin/env bash
# Installs the interop peers used by tests/interop/run.sh. Idempotent; safe to re-run.
#  - tests/interop/.venv: PyPI tls-sig-api==1.4 (+ pyOpenSSL<24.3, which it needs), tls-sig-api-v2
#    (exact pins in tests/interop/requirements.txt)
#  - tests/interop/node_modules: npm tls-sig-api-v2 (pinned by tests/interop/package-lock.json)
# Needs python3 (>= 3.8) with venv, node and npm; as root on Debian it apt-get installs what is missing.
# Fails loudly (non-zero) if any peer cannot be installed or imported.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
interop="$root/tests/interop"
venv="$interop/.venv"

say() { echo "setup-peers: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

apt_updated=0
apt_install() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "missing $*; install it (not root or no apt-get)"
    if [ $apt_updated = 0 ]; then
        say "apt-get update"; DEBIAN_FRONTEND=noninteractive apt-get update -qq; apt_updated=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- tools -----------------------------------------------------------------------------------------
command -v python3 >/dev/null || apt_install python3 python3-venv
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)' || die "python3 >= 3.8 required"
venv_works() { local t; t=$(mktemp -d); python3 -m venv "$t/v" >/dev/null 2>&1; local rc=$?; rm -rf "$t"; return $rc; }
if [ ! -x "$venv/bin/python" ] && ! venv_works; then
    pyver=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    apt_install "python${pyver}-venv" || apt_install python3-venv
    venv_works || die "python3 -m venv does not work even after installing python3-venv"
fi
command -v node >/dev/null || apt_install nodejs
command -v npm >/dev/null || apt_install npm
command -v openssl >/dev/null || apt_install openssl

# --- Python peers ----------------------------------------------------------------------------------
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
    say "creating $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$interop/requirements.txt" \
    || die "pip could not install tests/interop/requirements.txt"
"$venv/bin/python" -W ignore -c '
import TLSSigAPI, TLSSigAPIv2, OpenSSL, cryptography
assert hasattr(OpenSSL.crypto, "sign") and hasattr(OpenSSL.crypto, "verify"), "pyOpenSSL lacks crypto.sign/verify"
' || die "Python peers installed but do not import"

# --- npm peer --------------------------------------------------------------------------------------
( cd "$interop" && npm ci --no-audit --no-fund --loglevel=error >/dev/null ) \
    || die "npm ci failed in tests/interop"
( cd "$interop" && node -e 'const m = require("tls-sig-api-v2"); if (typeof m.Api !== "function") process.exit(1)' ) \
    || die "npm tls-sig-api-v2 installed but does not load"

say "peers ready: $("$venv/bin/python" -m pip list --format=freeze 2>/dev/null | grep -Ei '^(tls-sig|pyopenssl|cryptography)' | tr '\n' ' ')npm tls-sig-api-v2@$(cd "$interop" && node -p 'require("tls-sig-api-v2/package.json").version')"
