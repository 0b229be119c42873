#!/usr/bin/env bash
# The whole test suite, as CI runs it: cargo's tests (real HTTP against the embedded demo
# server and against oidc-provider from npm, the binary under libfaketime), then the package
# checks (.deb, validators, lintian, the packaged app under cage), then the arm64 .deb
# cross-built and its binary run under qemu. Needs Node.js + npm; the Debian tools (faketime
# and espeak-ng here, the package checks' own) are installed as root when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# The oidc-provider half of the conformance suite must run here, not skip.
unset TVAUTH_SKIP_NODE
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "tests/run.sh: Node.js and npm are needed for the oidc-provider conformance peer" >&2
    exit 1
fi
# Debian programs the tests run for real: libfaketime for the wrong-clock tests (tests/clock),
# espeak-ng for the code read aloud (tests/speech), iproute2 and curl for the network namespaces
# and the "phone" of tests/lan. Those missing are installed in one apt-get call (as root or
# through sudo; else it says how), updating the package lists only when needed.
missing=()
command -v faketime >/dev/null || missing+=(faketime)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v ip >/dev/null || missing+=(iproute2)
command -v curl >/dev/null || missing+=(curl)
if ((${#missing[@]})); then
    echo "== ${missing[*]} (apt-get)"
    as_root=()
    if [[ $(id -u) -ne 0 ]]; then
        sudo -n true 2>/dev/null || {
            echo "tests/run.sh: needed by the tests: sudo apt-get install ${missing[*]}" >&2
            exit 1
        }
        as_root=(sudo -n)
    fi
    apt_install() {
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    }
    apt_install || { "${as_root[@]}" apt-get update -qq && apt_install; }
fi

echo "== oidc-provider (npm ci, pinned by package-lock.json)"
(cd tests/peers/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)

echo "== cargo test"
cargo test --locked

echo "== package checks"
bash packaging/check.sh

# After check.sh: it built the amd64 binary whose size the arm64 one is printed beside.
echo "== arm64 package (cross-built, run under qemu-aarch64)"
bash packaging/arm64.sh
