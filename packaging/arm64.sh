#!/usr/bin/env bash
# Cross-builds the arm64 .deb exactly as README.md shows, and runs its binary under qemu user
# emulation: the arm64 package is proven here, not promised.
#
#   bash packaging/arm64.sh            # from any directory; tests/run.sh runs it after check.sh
#
# Meant for CI: root on an amd64 Debian 12 machine. It installs what it needs, idempotently (a
# second run installs nothing): the Rust target (rustup), Debian's cross compiler, cross libc and
# qemu-user (apt-get, as root or through `sudo -n`; else it says what to install), cargo-deb
# (the version packaging/check.sh pins).
#
# Environment:
#   CARGO_TARGET_DIR      respected (default: <repo>/target); the arm64 build lands in
#                         $CARGO_TARGET_DIR/aarch64-unknown-linux-gnu/packaging
#   TVAUTH_CHECK_KEEP=1   keep the work dir (unpacked package, config, logs) and print its path
#
# Steps: `cargo deb --profile packaging --target aarch64-unknown-linux-gnu` with the README's
# linker; the .deb says Architecture arm64 and its binary is an AArch64 ELF; unpack it and run
# that binary with qemu-aarch64 (the cross libc's loader and libraries, /usr/aarch64-linux-gnu):
# --version; a real `demo-server` on a free loopback port; `login --json` against it, approved
# on the demo server's activation page over HTTP (as a phone would, python3); `token` (a token's
# shape is checked, never printed), `api`, `logout`, then `status` says signed out. Every
# tvauth process is the emulated arm64 binary. Prints the arm64 and amd64 binary sizes and the
# times of the cross build and of the emulated run. Any failure exits non-zero saying which step.
set -euo pipefail

TARGET=aarch64-unknown-linux-gnu
LINKER=aarch64-linux-gnu-gcc
SYSROOT=/usr/aarch64-linux-gnu      # the cross libc: ld-linux-aarch64.so.1 and libc.so.6
APT_PACKAGES=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user dpkg-dev file python3)
LOGIN_TIMEOUT=120                   # seconds for the emulated login to print its code, and to end

t_start=${EPOCHREALTIME/./}
now_us() { echo "${EPOCHREALTIME/./}"; }
secs() { # microseconds -> "12.3 s"
    printf '%d.%01d s' $(($1 / 1000000)) $(($1 / 100000 % 10))
}
step() { printf '==> [%s] %s\n' "$(secs $(($(now_us) - t_start)))" "$*"; }
fail() { printf '\narm64.sh: FAILED: %s\n' "$*" >&2; exit 1; }
show_log() { # file [lines]
    [[ -s $1 ]] && { echo "--- last lines of $1:" >&2; tail -n "${2:-30}" "$1" | sed 's/^/    /' >&2; }
    return 0
}
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB (%.2f MiB)", b / 1e6, b / 1048576 }'; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
cd "$repo"
target_dir=${CARGO_TARGET_DIR:-$repo/target}
[[ $target_dir = /* ]] || target_dir=$repo/$target_dir

work=$(mktemp -d /tmp/tvauth-arm64.XXXXXX)
server_pid=

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $server_pid ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    if [[ -n ${TVAUTH_CHECK_KEEP:-} ]]; then
        echo "work dir kept: $work"
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
step "Debian packages: cross compiler, cross libc, qemu-user"
missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
done
t_apt=0
if ((${#missing[@]})); then
    as_root=()
    if [[ $EUID -ne 0 ]]; then
        sudo -n true 2>/dev/null \
            || fail "missing Debian packages; run: sudo apt-get install --no-install-recommends ${missing[*]}"
        as_root=(sudo -n)
    fi
    echo "    installing: ${missing[*]}"
    t0=$(now_us)
    apt_install() {
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$work/apt.log" 2>&1
    }
    # Package lists may be missing or stale on a fresh machine: update only when needed.
    if ! apt_install; then
        "${as_root[@]}" apt-get update -qq >>"$work/apt.log" 2>&1 || { show_log "$work/apt.log"; fail "apt-get update"; }
        apt_install || { show_log "$work/apt.log"; fail "apt-get install ${missing[*]}"; }
    fi
    t_apt=$(($(now_us) - t0))
else
    echo "    all ${#APT_PACKAGES[@]} present"
fi
[[ -e $SYSROOT/lib/ld-linux-aarch64.so.1 ]] || fail "no $SYSROOT/lib/ld-linux-aarch64.so.1 (libc6-arm64-cross)"

# ---------------------------------------------------------------------------------------------
step "rustup target add $TARGET"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if rustup target list --installed | grep -qx "$TARGET"; then
    echo "    installed"
else
    rustup target add "$TARGET" >"$work/rustup.log" 2>&1 || { show_log "$work/rustup.log"; fail "rustup target add $TARGET"; }
    echo "    added"
fi

# ---------------------------------------------------------------------------------------------
# The same cargo-deb as the amd64 package: the version packaging/check.sh pins.
cargo_deb_version=$(sed -n 's/^CARGO_DEB_VERSION=\([0-9.]*\).*/\1/p' "$here/check.sh")
[[ -n $cargo_deb_version ]] || fail "no CARGO_DEB_VERSION in packaging/check.sh"
step "cargo-deb $cargo_deb_version"
t_cargo_deb=0
if [[ $(cargo deb --version 2>/dev/null || true) != "cargo-deb $cargo_deb_version" ]]; then
    echo "    cargo install cargo-deb --locked --version $cargo_deb_version"
    t0=$(now_us)
    # Its own temporary target dir: not the project's (CARGO_TARGET_DIR would be used otherwise).
    env -u CARGO_TARGET_DIR cargo install cargo-deb --locked --version "$cargo_deb_version" \
        --quiet >"$work/cargo-install.log" 2>&1 \
        || { show_log "$work/cargo-install.log"; fail "cargo install cargo-deb"; }
    t_cargo_deb=$(($(now_us) - t0))
fi
echo "    $(cargo deb --version)"

# ---------------------------------------------------------------------------------------------
# README.md's command, word for word (plus --locked, as CI builds everything).
step "cargo deb --profile packaging --target $TARGET (cold: minutes, as for amd64)"
t0=$(now_us)
deb=$(CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=$LINKER \
    cargo deb --locked --profile packaging --target "$TARGET" 2>"$work/cargo-deb.log" | tail -n 1) \
    || { show_log "$work/cargo-deb.log" 40; fail "cargo deb --target $TARGET"; }
t_build=$(($(now_us) - t0))
[[ -f $deb ]] || { show_log "$work/cargo-deb.log"; fail "cargo deb did not print the .deb path (got '$deb')"; }
grep -E '^warning' "$work/cargo-deb.log" | sed 's/^/    /' || true
echo "    $deb ($(secs "$t_build"))"

# ---------------------------------------------------------------------------------------------
step "the package: Architecture arm64, an AArch64 binary"
arch=$(dpkg-deb -f "$deb" Architecture)
[[ $arch = arm64 ]] || fail "the .deb says Architecture '$arch', want arm64"
root=$work/root
mkdir -p "$root"
dpkg-deb -x "$deb" "$root"
bin=$root/usr/bin/tvauth
[[ -s $bin ]] || fail "the package has no (or an empty) /usr/bin/tvauth"
what=$(file -b "$bin")
[[ $what = *"ELF 64-bit LSB"*"ARM aarch64"* ]] || fail "/usr/bin/tvauth is not an AArch64 ELF: $what"
echo "    Architecture: $arch; the C library it depends on: $(dpkg-deb -f "$deb" Depends | grep -o 'libc6[^,]*' || echo none)"
echo "    /usr/bin/tvauth: $what"

# ---------------------------------------------------------------------------------------------
# Every tvauth below is the packaged arm64 binary under qemu-aarch64, in a clean environment: a
# config dir and a home of its own, English, no log filter and no secrets from the caller.
cfg=$work/config
mkdir -p "$cfg" "$work/home" "$work/demo"
chmod 700 "$cfg"
emu() { # tvauth ARGS, emulated
    env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 TVAUTH_CONFIG_DIR="$cfg" \
        timeout "$LOGIN_TIMEOUT" qemu-aarch64 -L "$SYSROOT" "$bin" "$@"
}
t_emu0=$(now_us)
step "qemu-aarch64: tvauth --version"
want_version=$(dpkg-deb -f "$deb" Version)
want_version=${want_version%-*}
got=$(emu --version 2>"$work/version.log") || { show_log "$work/version.log"; fail "tvauth --version under qemu-aarch64"; }
[[ $got = "tvauth $want_version" ]] || fail "tvauth --version says '$got', want 'tvauth $want_version'"
echo "    $got"

# ---------------------------------------------------------------------------------------------
# Port 0 with a fresh data dir: the system picks a free port; the server prints its issuer.
step "qemu-aarch64: tvauth demo-server"
# Not through emu(): no time limit, and $! is then the emulated process itself (env execs qemu).
env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 TVAUTH_CONFIG_DIR="$cfg" \
    qemu-aarch64 -L "$SYSROOT" "$bin" demo-server --bind 127.0.0.1:0 --interval 1 --data-dir "$work/demo" \
    >"$work/demo-server.log" 2>"$work/demo-server.err" </dev/null &
server_pid=$!
# It prints line by line: what comes before "running" (its issuer, the client configuration) is
# complete once that line is there.
running() { grep -qx 'tvauth demo server is running.' "$work/demo-server.log"; }
for _ in $(seq $((LOGIN_TIMEOUT * 10))); do
    running && break
    kill -0 "$server_pid" 2>/dev/null || { show_log "$work/demo-server.err"; fail "demo-server exited before saying it is running"; }
    sleep 0.1
done
running || { show_log "$work/demo-server.log"; fail "demo-server did not say it is running within ${LOGIN_TIMEOUT} s"; }
issuer=$(sed -n 's/^Issuer: \(http:\/\/127\.0\.0\.1:[0-9]*\/\)$/\1/p' "$work/demo-server.log")
[[ -n $issuer ]] || { show_log "$work/demo-server.log"; fail "demo-server printed no loopback issuer"; }
# config.ron: the client configuration the server prints "to paste into" the config dir.
sed -n '/^#!\[enable(implicit_some)\]$/,/^)$/p' "$work/demo-server.log" >"$cfg/config.ron"
grep -qF "issuer: \"$issuer\"" "$cfg/config.ron" \
    || { show_log "$work/demo-server.log"; fail "no client configuration for $issuer in the demo server's output"; }
python3 -c '
import json, sys, urllib.request
d = json.load(urllib.request.urlopen(sys.argv[1] + ".well-known/openid-configuration", timeout=30))
sys.exit(0 if d["issuer"] == sys.argv[1] else 1)' "$issuer" \
    || fail "the emulated server's discovery document is unreachable or does not name $issuer"
echo "    issuer $issuer (pid $server_pid); config.ron written from its output"

# ---------------------------------------------------------------------------------------------
# A person approves on the activation page, as a phone that scanned the QR code would: it opens
# verification_uri_complete, takes the form's hidden fields, posts them with a name and
# `approve`. Every line of output must be a JSON event; the last one `authorized`.
step "qemu-aarch64: tvauth login --json, approved on the demo server's activation page"
person="Alex Martin"
python3 - "$issuer" "$person" "$LOGIN_TIMEOUT" "$work/login.err" \
    env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 TVAUTH_CONFIG_DIR="$cfg" \
    qemu-aarch64 -L "$SYSROOT" "$bin" login --json <<'PY' || { show_log "$work/login.err"; fail "login --json"; }
import json, subprocess, sys, threading, urllib.parse, urllib.request
from html.parser import HTMLParser

issuer, person, timeout, err_path, command = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]

class PostForm(HTMLParser):
    """The action and hidden fields of the page's first form posted."""
    def __init__(self):
        super().__init__()
        self.action, self.fields, self.inside = None, {}, False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post" and self.action is None:
            self.action, self.inside = a.get("action", ""), True
        elif tag == "input" and self.inside and a.get("type") == "hidden":
            self.fields[a["name"]] = a.get("value", "")
    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False

def approve(page_url):
    page = urllib.request.urlopen(page_url, timeout=30)
    form = PostForm()
    form.feed(page.read().decode())
    if form.action is None or "csrf" not in form.fields:
        sys.exit(f"no approval form at {page_url}")
    body = urllib.parse.urlencode({**form.fields, "name": person, "decision": "approve"}).encode()
    done = urllib.request.urlopen(urllib.parse.urljoin(page.geturl(), form.action), body, timeout=30)
    if done.status != 200:
        sys.exit(f"the approval answered HTTP {done.status}")

with open(err_path, "w") as err:
    login = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL, text=True)
timer = threading.Timer(timeout, login.kill)
timer.start()
events = []
try:
    for line in login.stdout:
        try:
            event = json.loads(line)
        except ValueError:
            sys.exit(f"login --json printed a line that is not JSON ({len(line)} characters)")
        events.append(event["event"])
        if event["event"] == "code":
            uri = event["verification_uri_complete"]
            if not (event["user_code"] and uri.startswith(issuer)):
                sys.exit(f"the code event has no user code, or an address outside {issuer}")
            approve(uri)
    status = login.wait()
finally:
    # A failed step leaves no login polling on.
    timer.cancel()
    if login.poll() is None:
        login.kill()
kinds = ", ".join(events)
if status != 0 or events[-1:] != ["authorized"] or events[0] != "code":
    sys.exit(f"login --json exited {status} after the events: {kinds}")
print(f"    exit 0; events: {kinds}; approved as {person}")
PY

# ---------------------------------------------------------------------------------------------
# The token is checked by its shape and claims, never printed.
step "qemu-aarch64: tvauth token"
token=$(emu token 2>"$work/token.err") || { show_log "$work/token.err"; fail "token exited non-zero"; }
[[ $token =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]] \
    || fail "token printed no JWT (${#token} characters)"
claims=$(python3 -c '
import base64, json, sys, time
payload = sys.stdin.read().strip().split(".")[1]
c = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
ok = c.get("iss") == sys.argv[1] and c.get("exp", 0) > time.time() and "jkt" in c.get("cnf", {})
print("iss matches, unexpired, DPoP-bound (cnf.jkt)" if ok else "")' "$issuer" <<<"$token")
[[ -n $claims ]] || fail "the access token's claims are not the emulated server's (iss, exp, cnf.jkt)"
echo "    exit 0; a JWT of ${#token} characters; $claims"

step "qemu-aarch64: tvauth api"
emu api >"$work/api.json" 2>"$work/api.err" || { show_log "$work/api.err"; fail "api exited non-zero"; }
api=$(python3 -c '
import json, sys
items = json.load(open(sys.argv[1]))["items"]
first = items[0].get("title") if items else None
print(f"{len(items)} items, the first: {first!r}" if first else "")' \
    "$work/api.json") || fail "api printed no JSON"
[[ -n $api ]] || fail "api answered no library items"
echo "    exit 0; the library: $api"

step "qemu-aarch64: tvauth status --json, logout, status"
emu status --json >"$work/status.json" 2>"$work/status.err" || { show_log "$work/status.err"; fail "status --json exited non-zero while signed in"; }
python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
sys.exit(0 if s["signed_in"] and s["name"] == sys.argv[2] and s["dpop_bound"] else 1)' \
    "$work/status.json" "$person" || fail "status --json does not say signed in as $person, DPoP-bound"
emu logout >"$work/logout.log" 2>&1 || { show_log "$work/logout.log"; fail "logout exited non-zero"; }
set +e
emu status >"$work/status-after.log" 2>&1
rc_status=$?
emu token >"$work/token-after.log" 2>&1
rc_token=$?
set -e
[[ $rc_status -eq 5 && $rc_token -eq 5 ]] \
    || { show_log "$work/status-after.log"; fail "after logout: status exited $rc_status, token $rc_token (want 5: signed out)"; }
[[ ! -e $cfg/session.ron ]] || ! grep -qF "$token" "$cfg/session.ron" || fail "logout left the access token in session.ron"
echo "    signed in as $person (DPoP-bound); logout: exit 0 ($(tail -n 1 "$work/logout.log")); then status and token: exit 5"

# Nothing the emulated binary printed besides `token` holds the token.
for f in "$work"/*.log "$work"/*.err "$work"/*.json; do
    ! grep -qF "$token" "$f" || fail "the access token appears in $(basename "$f")"
done
unset token

kill -TERM "$server_pid"
set +e
wait "$server_pid"
rc_server=$?
set -e
server_pid=
[[ $rc_server -eq 0 ]] || { show_log "$work/demo-server.err"; fail "demo-server exited $rc_server on SIGTERM, want 0"; }
t_emu=$(($(now_us) - t_emu0))
echo "    demo-server: stopped on SIGTERM, exit 0"

# ---------------------------------------------------------------------------------------------
step "figures"
arm_size=$(stat -c %s "$bin")
amd_bin=$target_dir/packaging/tvauth       # packaging/check.sh's build, same profile
echo "    arm64 .deb:            $(stat -c %s "$deb") bytes = $(mb "$(stat -c %s "$deb")")"
echo "    arm64 stripped binary: $arm_size bytes = $(mb "$arm_size")"
if [[ -f $amd_bin ]] && file -b "$amd_bin" | grep -q 'x86-64'; then
    amd_size=$(stat -c %s "$amd_bin")
    echo "    amd64 stripped binary: $amd_size bytes = $(mb "$amd_size") ($amd_bin, $(date -r "$amd_bin" '+%F %T'))"
    awk -v a="$arm_size" -v b="$amd_size" 'BEGIN { printf "    arm64 / amd64:         %.3f\n", a / b }'
else
    echo "    amd64 stripped binary: not built in $target_dir/packaging (packaging/check.sh builds it)"
fi
echo "    time: apt-get $(secs "$t_apt"), cargo install cargo-deb $(secs "$t_cargo_deb"), cross build (cargo deb) $(secs "$t_build"), emulated run $(secs "$t_emu"), total $(secs $(($(now_us) - t_start)))"
echo "arm64.sh: OK"
