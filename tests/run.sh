#!/usr/bin/env bash
# The whole test suite, as CI runs it: cargo's tests (real HTTP against the embedded demo
# server and against oidc-provider from npm, the binary under libfaketime), then the package
# checks (.deb, validators, lintian, the packaged app under cage). Needs Node.js + npm; the
# Debian tools (faketime here, the package checks' own) are installed as root when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# The oidc-provider half of the conformance suite must run here, not skip.
unset TVAUTH_SKIP_NODE
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "tests/run.sh: Node.js and npm are needed for the oidc-provider conformance peer" >&2
    exit 1
fi
# The wrong-clock tests (tests/clock) run the binary under libfaketime: install it when it
# is missing (as root or through sudo; else say how), updating the package lists only when needed.
if ! command -v faketime >/dev/null; then
    echo "== faketime (apt-get)"
    as_root=()
    if [[ $(id -u) -ne 0 ]]; then
        sudo -n true 2>/dev/null || {
            echo "tests/run.sh: faketime is needed for tests/clock: sudo apt-get install faketime" >&2
            exit 1
        }
        as_root=(sudo -n)
    fi
    apt_install() {
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends faketime >/dev/null
    }
    apt_install || { "${as_root[@]}" apt-get update -qq && apt_install; }
fi

echo "== oidc-provider (npm ci, pinned by package-lock.json)"
(cd tests/peers/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)

echo "== cargo test"
cargo test --locked

echo "== package checks"
bash packaging/check.sh
