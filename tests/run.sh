#!/usr/bin/env bash
# The whole test suite, as CI runs it: cargo's tests (real HTTP against the embedded demo
# server and against oidc-provider from npm), then the package checks (.deb, validators,
# lintian, the packaged app under cage). Needs Node.js + npm; the package checks install
# their Debian tools themselves (as root).
set -euo pipefail
cd "$(dirname "$0")/.."

# The oidc-provider half of the conformance suite must run here, not skip.
unset TVAUTH_SKIP_NODE
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "tests/run.sh: Node.js and npm are needed for the oidc-provider conformance peer" >&2
    exit 1
fi
echo "== oidc-provider (npm ci, pinned by package-lock.json)"
(cd tests/peers/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)

echo "== cargo test"
cargo test --locked

echo "== package checks"
bash packaging/check.sh
