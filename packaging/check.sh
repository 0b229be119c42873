#!/usr/bin/env bash
# Builds the tvauth .deb and checks it as a media box would use it.
#
#   bash packaging/check.sh            # from any directory
#
# Meant for CI: root on a fresh Debian 12 (bookworm) machine, no display, network to the package
# registries only. It installs what it needs (Debian packages with apt-get, cargo-deb from
# crates.io), idempotently: a second run installs nothing. As a normal user it works too when
# those are already there (it says what to install otherwise), and runs cage as that user.
#
# Environment:
#   CARGO_TARGET_DIR      respected (default: <repo>/target)
#   TVAUTH_CHECK_KEEP=1   keep the work dir (unpacked package, logs, frames) and print its path
#
# Steps: build with `cargo deb --profile packaging`; lint the files (desktop-file-validate,
# appstreamcli, systemd-analyze verify, systemd-sysusers/-tmpfiles into a scratch root, the
# postrm on purge, lintian); score the kiosk unit with `systemd-analyze security` (before: the
# unit of 0.1.0-1, from git; after: this one, which must score <= 2.0); unpack it and run the
# packaged binary (--version; status = 5 when signed out). Then, as root, boot a throwaway
# systemd machine (packaging/checks/container.sh: the host's own Debian on an overlay, nothing
# reaches the host), `dpkg -i` the package there and start the package's kiosk unit, whole
# sandbox included, with drop-ins for a machine without VT or screen (packaging/checks/
# kiosk-no-vt.conf, kiosk-headless.conf: cage on the headless wlroots backend, pixman renderer);
# wait for the Activate screen, save a screenshot with grim to $CARGO_TARGET_DIR/packaging/
# activate-cage.png and read the sandbox off the running tvauth process; run espeak-ng under the
# same sandbox (kiosk-speech.conf) when installed. In the same machine: purge, install an
# older version, put release 0.1.0's files in the kiosk home, upgrade, and check that the person
# is still signed in and the refresh token kept (packaging/checks/upgrade.sh); remove, purge.
# As a normal user the app runs under cage directly instead (the unit's sandbox is then only
# scored, not run), and the upgrade check uses the unpacked binary in a scratch home.
# Print figures. Any failure exits non-zero with a message saying which step failed.
set -euo pipefail

CARGO_DEB_VERSION=3.8.0
APP_ID=io.github.tvauth.TvAuth
UNIT=tvauth-kiosk@.service
BINARY_BUDGET=12000000      # bytes: the target for the stripped x86-64 binary (12 MB)
CHECK_USER=tvauth-check     # runs lintian and the unpacked binary when the check runs as root
SCREEN_TIMEOUT=60           # seconds for cage + tvauth to show the Activate screen
EXPOSURE_MAX=2.0            # systemd-analyze security's figure the kiosk unit must not exceed
UNIT_BEFORE_REV=5afabc8     # git: the kiosk unit as tvauth 0.1.0-1 shipped it ("before")
KIOSK=tvauth-kiosk@tty7.service

APT_PACKAGES=(
    # build: a C compiler and linker for cargo (and cargo-deb's bundled liblzma);
    # dpkg-shlibdeps for cargo-deb's $auto dependencies
    gcc libc6-dev dpkg-dev
    # linters
    lintian desktop-file-utils appstream systemd man-db
    # the machine the kiosk unit runs in (systemd-nspawn), and what the package depends on that
    # the lines below do not bring (pam_systemd, with D-Bus), for dpkg -i there
    systemd-container libpam-systemd
    # the kiosk, a screenshot tool, and what tvauth loads at run time (see Cargo.toml)
    cage xwayland grim ca-certificates
    libwayland-client0 libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb1
    libxcursor1 libxi6
)

t_start=${EPOCHREALTIME/./}
now_us() { echo "${EPOCHREALTIME/./}"; }
step() { # a heading, with the time since the start
    local now; now=$(now_us)
    printf '==> [%d.%01d s] %s\n' $(((now - t_start) / 1000000)) $(((now - t_start) / 100000 % 10)) "$*"
}
fail() { printf '\ncheck.sh: FAILED: %s\n' "$*" >&2; exit 1; }
show_log() { # file [lines]
    [[ -s $1 ]] && { echo "--- last lines of $1:" >&2; tail -n "${2:-30}" "$1" | sed 's/^/    /' >&2; }
    return 0
}
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB (%.2f MiB)", b / 1e6, b / 1048576 }'; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
# shellcheck source=checks/container.sh
source "$here/checks/container.sh"
# shellcheck source=checks/upgrade.sh
source "$here/checks/upgrade.sh"
cd "$repo"
target_dir=${CARGO_TARGET_DIR:-$repo/target}
[[ $target_dir = /* ]] || target_dir=$repo/$target_dir
# Beside the `packaging` profile's own output (its bin, deps/, build/): names that never clash.
out_dir=$target_dir/packaging
mkdir -p "$out_dir"

is_root=false
[[ $EUID -eq 0 ]] && is_root=true

work=$(mktemp -d /tmp/tvauth-check.XXXXXX)
chmod 755 "$work"          # the check user reads the unpacked package in here
group_pids=()              # process groups this script started (cage and its children)
created_user=false

cleanup() {
    local rc=$? pid
    trap - EXIT INT TERM
    for pid in "${group_pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for pid in "${group_pids[@]}"; do
        for _ in $(seq 20); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    done
    container_stop
    if $created_user; then userdel "$CHECK_USER" 2>/dev/null || true; fi
    if [[ -n ${TVAUTH_CHECK_KEEP:-} ]]; then
        echo "work dir kept: $work"
    elif mountpoint -q "$work/machine/root" 2>/dev/null; then
        echo "check.sh: the machine's root is still mounted; left in place: $work" >&2
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
step "Debian packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
done
t_apt=0
if ((${#missing[@]})); then
    $is_root || fail "missing Debian packages; run: sudo apt-get install --no-install-recommends ${missing[*]}"
    echo "    installing: ${missing[*]}"
    t0=$(now_us)
    export DEBIAN_FRONTEND=noninteractive
    apt_install() { apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$work/apt.log" 2>&1; }
    # Package lists may be missing or stale on a fresh machine: update only when needed.
    if ! apt_install; then
        apt-get update -qq >>"$work/apt.log" 2>&1 || { show_log "$work/apt.log"; fail "apt-get update"; }
        apt_install || { show_log "$work/apt.log"; fail "apt-get install ${missing[*]}"; }
    fi
    t_apt=$(($(now_us) - t0))
else
    echo "    all ${#APT_PACKAGES[@]} present"
fi

# ---------------------------------------------------------------------------------------------
step "cargo-deb $CARGO_DEB_VERSION"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
t_cargo_deb=0
if [[ $(cargo deb --version 2>/dev/null || true) != "cargo-deb $CARGO_DEB_VERSION" ]]; then
    echo "    cargo install cargo-deb --locked --version $CARGO_DEB_VERSION"
    t0=$(now_us)
    # Its own temporary target dir: not the project's (CARGO_TARGET_DIR would be used otherwise).
    env -u CARGO_TARGET_DIR cargo install cargo-deb --locked --version "$CARGO_DEB_VERSION" \
        --quiet >"$work/cargo-install.log" 2>&1 \
        || { show_log "$work/cargo-install.log"; fail "cargo install cargo-deb"; }
    t_cargo_deb=$(($(now_us) - t0))
fi
echo "    $(cargo deb --version)"

# ---------------------------------------------------------------------------------------------
step "cargo deb --profile packaging (fat LTO, 1 codegen unit, stripped; a cold build takes minutes)"
t0=$(now_us)
deb=$(cargo deb --locked --profile packaging 2>"$work/cargo-deb.log" | tail -n 1) \
    || { show_log "$work/cargo-deb.log" 40; fail "cargo deb"; }
t_build=$(($(now_us) - t0))
[[ -f $deb ]] || { show_log "$work/cargo-deb.log"; fail "cargo deb did not print the .deb path (got '$deb')"; }
grep -E '^warning' "$work/cargo-deb.log" | sed 's/^/    /' || true
echo "    $deb"

root=$work/root
mkdir -p "$root" "$work/control"
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$work/control"
bin=$root/usr/bin/tvauth
for f in usr/bin/tvauth "lib/systemd/system/$UNIT" usr/lib/sysusers.d/tvauth.conf \
    usr/lib/tmpfiles.d/tvauth.conf etc/pam.d/tvauth-kiosk "usr/share/applications/$APP_ID.desktop" \
    "usr/share/metainfo/$APP_ID.metainfo.xml" "usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" \
    "usr/share/icons/hicolor/256x256/apps/$APP_ID.png" usr/share/man/man1/tvauth.1.gz \
    usr/share/doc/tvauth/examples/config.ron usr/share/doc/tvauth/README.md \
    usr/share/doc/tvauth/copyright usr/share/lintian/overrides/tvauth; do
    [[ -s $root/$f ]] || fail "the package has no (or an empty) /$f"
done
# The system-wide config.ron: a conffile (dpkg keeps the admin's edits on upgrade), shipped with
# every line a comment, which tvauth reads as "not configured" (checked by `status` below).
[[ -s $root/etc/tvauth/config.ron ]] || fail "the package has no (or an empty) /etc/tvauth/config.ron"
grep -qx /etc/tvauth/config.ron "$work/control/conffiles" 2>/dev/null \
    || fail "/etc/tvauth/config.ron is not listed in the package's conffiles"
if grep -vnE '^[[:space:]]*(//.*)?$' "$root/etc/tvauth/config.ron"; then
    fail "/etc/tvauth/config.ron has lines that are not comments (above): it must ship unconfigured"
fi
# Reading aloud is optional: its programs are recommended, never depended on.
recommends=$(dpkg-deb -f "$deb" Recommends)
[[ $recommends = *"speech-dispatcher | espeak-ng"* ]] \
    || fail "Recommends is '$recommends', without 'speech-dispatcher | espeak-ng' (reading the code aloud)"
dpkg-deb -f "$deb" Depends | grep -qE 'speech-dispatcher|espeak' \
    && fail "Depends names speech-dispatcher or espeak-ng: reading aloud must stay optional"
# The ids must agree with the app's (src/environment.rs): the compositor matches the window on it.
src_id=$(sed -n 's/^pub const APP_ID: &str = "\(.*\)";/\1/p' src/environment.rs)
[[ $src_id = "$APP_ID" ]] || fail "APP_ID in src/environment.rs is '$src_id', the packaging says '$APP_ID'"
grep -qx "StartupWMClass=$APP_ID" "$root/usr/share/applications/$APP_ID.desktop" \
    || fail "the .desktop file's StartupWMClass is not $APP_ID"

# ---------------------------------------------------------------------------------------------
step "desktop-file-validate"
# Its exit status and any error or warning it prints both fail.
desktop_ok=1
desktop-file-validate "$root/usr/share/applications/$APP_ID.desktop" >"$work/desktop.log" 2>&1 \
    || desktop_ok=0
sed 's/^/    /' "$work/desktop.log"
((desktop_ok)) && ! grep -qiE 'error|warning' "$work/desktop.log" || fail "desktop-file-validate"
echo "    ok"

# ---------------------------------------------------------------------------------------------
# --pedantic shows everything; only errors and warnings fail (appstreamcli's own exit status).
# Expected: "P: cid-contains-uppercase-letter": the id is the app's Wayland app_id, fixed.
step "appstreamcli validate --no-net --pedantic"
appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/$APP_ID.metainfo.xml" \
    >"$work/appstream.log" 2>&1 || { sed 's/^/    /' "$work/appstream.log"; fail "appstreamcli validate"; }
grep -v '^$' "$work/appstream.log" | sed 's/^/    /'

# ---------------------------------------------------------------------------------------------
# An instance of the template, verified with the host's systemd: the instance name resolves to
# the template copied beside it; `man:` links are looked up in the package's own man pages
# (MANPATH). verify checks the executable (/usr/bin/env); the programs it runs are checked
# here: cage on the host (a dependency, installed above), tvauth in the unpacked package. Any
# output (e.g. an unknown key, which verify only warns about) fails.
step "systemd-analyze verify tvauth-kiosk@tty7.service"
mkdir -p "$work/units"
cp "$root/lib/systemd/system/$UNIT" "$work/units/"
MANPATH=$root/usr/share/man systemd-analyze verify "$work/units/tvauth-kiosk@tty7.service" \
    >"$work/verify.log" 2>&1 || { sed 's/^/    /' "$work/verify.log"; fail "systemd-analyze verify"; }
[[ -s $work/verify.log ]] && { sed 's/^/    /' "$work/verify.log"; fail "systemd-analyze verify printed warnings"; }
exec_line=$(sed -n 's/^ExecStart=//p' "$work/units/$UNIT")
for word in $exec_line; do
    [[ $word = /* ]] || continue
    [[ -x $word || -x $root$word ]] || fail "ExecStart runs $word, which neither the host nor the package has"
done
echo "    ok; ExecStart: $exec_line"

# ---------------------------------------------------------------------------------------------
# The unit alone, as systemd would apply it (--offline: no running systemd needed). 0 = most
# locked down, 10 = least. "Before" is the unit 0.1.0-1 shipped, when git has it.
step "systemd-analyze security --offline=yes $KIOSK"
exposure_of() { # dir holding the template → "1.3 OK", or nothing
    (systemd-analyze security --offline=yes --no-pager "$1/$KIOSK" 2>/dev/null || true) \
        | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]* [A-Z]*\).*/\1/p'
}
exposure=$(exposure_of "$work/units")
[[ -n $exposure ]] || fail "systemd-analyze security --offline gave no exposure figure"
systemd-analyze security --offline=yes --no-pager "$work/units/$KIOSK" 2>/dev/null \
    | sed -n 's/^\(✗\|-\) \([^ ]*\) .* \([0-9.]*\) *$/\2 (\3)/p' >"$work/exposure-open.log"
exposure_before=
mkdir -p "$work/units-before"
if git -C "$repo" show "$UNIT_BEFORE_REV:packaging/$UNIT" >"$work/units-before/$UNIT" 2>/dev/null; then
    exposure_before=$(exposure_of "$work/units-before")
    echo "    before (0.1.0-1's unit, git $UNIT_BEFORE_REV): ${exposure_before:-?}"
else
    echo "    before: ? (no git history with $UNIT_BEFORE_REV here)"
fi
echo "    after (this package's unit):         $exposure (at most $EXPOSURE_MAX)"
echo "    still open: $(tr '\n' ' ' <"$work/exposure-open.log")"
awk -v e="${exposure%% *}" -v max="$EXPOSURE_MAX" 'BEGIN { exit !(e <= max) }' \
    || fail "the kiosk unit's exposure is $exposure, more than $EXPOSURE_MAX"

# ---------------------------------------------------------------------------------------------
# What postinst does, into a scratch root: the user and its home must come out as the unit and
# README.md expect.
step "systemd-sysusers + systemd-tmpfiles into a scratch root"
sysroot=$work/sysroot
mkdir -p "$sysroot/etc" "$sysroot/var/lib"
systemd-sysusers --root="$sysroot" "$root/usr/lib/sysusers.d/tvauth.conf" >"$work/sysusers.log" 2>&1 \
    || { show_log "$work/sysusers.log"; fail "systemd-sysusers"; }
IFS=: read -r _ _ s_uid s_gid _ s_home s_shell < <(grep '^tvauth:' "$sysroot/etc/passwd") \
    || fail "systemd-sysusers created no tvauth user"
[[ $s_home = /var/lib/tvauth && $s_shell = /usr/sbin/nologin && $s_uid -lt 1000 ]] \
    || fail "tvauth user: uid $s_uid home $s_home shell $s_shell (want a system uid, /var/lib/tvauth, nologin)"
systemd-tmpfiles --root="$sysroot" --create "$root/usr/lib/tmpfiles.d/tvauth.conf" >"$work/tmpfiles.log" 2>&1 \
    || { show_log "$work/tmpfiles.log"; fail "systemd-tmpfiles"; }
home_stat=$(stat -c '%a %u:%g' "$sysroot/var/lib/tvauth")
[[ $home_stat = "700 $s_uid:$s_gid" ]] || fail "/var/lib/tvauth is '$home_stat', want '700 $s_uid:$s_gid'"
[[ $(stat -c '%a %u' "$sysroot/dev/input") = "755 0" ]] \
    || fail "tmpfiles made no /dev/input (root, 0755) for the kiosk unit to bind"
for s in postinst prerm postrm; do sh -n "$work/control/$s" || fail "$s: shell syntax"; done
# postrm into the same root (DPKG_ROOT: no systemctl): remove and upgrade keep the kiosk home,
# purge deletes it, as README.md says of `apt purge tvauth`.
install -d -m 0700 "$sysroot/var/lib/tvauth/.config/tvauth"
echo '(session:None,pending_revocations:[])' >"$sysroot/var/lib/tvauth/.config/tvauth/session.ron"
for action in remove upgrade purge; do
    DPKG_ROOT=$sysroot sh "$work/control/postrm" "$action" >>"$work/postrm.log" 2>&1 \
        || { show_log "$work/postrm.log"; fail "postrm $action"; }
    if [[ $action = purge ]]; then
        [[ ! -e $sysroot/var/lib/tvauth ]] || fail "postrm purge left /var/lib/tvauth"
    else
        [[ -s $sysroot/var/lib/tvauth/.config/tvauth/session.ron ]] || fail "postrm $action deleted the kiosk home"
    fi
done
echo "    user tvauth: uid $s_uid, home $s_home ($home_stat), shell $s_shell"
echo "    postrm (DPKG_ROOT=scratch root): remove and upgrade keep /var/lib/tvauth, purge deletes it"

# ---------------------------------------------------------------------------------------------
# The unprivileged user lintian and the unpacked tvauth run as from here on (the kiosk unit has
# its own, in the machine below).
if $is_root; then
    if ! id "$CHECK_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
            "$CHECK_USER" || fail "useradd $CHECK_USER"
        created_user=true
    fi
    run_uid=$(id -u "$CHECK_USER")
    run_gid=$(id -g "$CHECK_USER")
else
    run_uid=$(id -u)
    run_gid=$(id -g)
fi
home=$work/home
mkdir -p "$home"
$is_root && chown "$run_uid:$run_gid" "$home"
# as_user VAR=VALUE... -- command...: a clean environment, unprivileged.
as_user() {
    local env=(PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" LANG=C.UTF-8)
    while [[ $1 != -- ]]; do env+=("$1"); shift; done
    shift
    if $is_root; then
        setpriv --reuid="$run_uid" --regid="$run_gid" --clear-groups -- env -i "${env[@]}" "$@"
    else
        env -i "${env[@]}" "$@"
    fi
}

# ---------------------------------------------------------------------------------------------
# Fails on errors and warnings; info tags are shown. The only override (shipped in the package,
# /usr/share/lintian/overrides/tvauth) is justified in packaging/lintian-overrides.
step "lintian"
cp "$deb" "$work/"
chmod 644 "$work/$(basename "$deb")"
as_user -- lintian --fail-on error,warning --display-info --tag-display-limit 0 \
    "$work/$(basename "$deb")" >"$work/lintian.log" 2>&1 \
    || { sed 's/^/    /' "$work/lintian.log"; fail "lintian"; }
if [[ -s $work/lintian.log ]]; then sed 's/^/    /' "$work/lintian.log"; else echo "    no tags"; fi
# (--show-overrides would make lintian fail on the overridden warning: list them from the file.)
overridden=$(grep -cv '^\s*\(#\|$\)' "$root/usr/share/lintian/overrides/tvauth" || true)
lintian_summary=$(awk -v o="$overridden" '{ n[substr($1, 1, 1)]++ } END { printf "E:%d W:%d I:%d, %d overridden", n["E"], n["W"], n["I"], o }' "$work/lintian.log")
echo "    $lintian_summary: $(grep -v '^\s*\(#\|$\)' "$root/usr/share/lintian/overrides/tvauth" | tr '\n' ' ')"

# ---------------------------------------------------------------------------------------------
step "the packaged binary: --version, status (signed out = exit 5)"
want_version=$(dpkg-deb -f "$deb" Version)
want_version=${want_version%-*}
got=$(as_user -- "$bin" --version) || fail "tvauth --version failed"
[[ $got = "tvauth $want_version" ]] || fail "tvauth --version says '$got', want 'tvauth $want_version'"
mkdir -p "$work/status-config"
chmod 700 "$work/status-config"
$is_root && chown "$run_uid:$run_gid" "$work/status-config"
set +e
as_user TVAUTH_CONFIG_DIR="$work/status-config" TVAUTH_SYSTEM_CONFIG="$root/etc/tvauth/config.ron" \
    -- "$bin" status >"$work/status.log" 2>&1
rc=$?
set -e
[[ $rc -eq 5 ]] || { show_log "$work/status.log"; fail "tvauth status exited $rc, want 5 (signed out)"; }
grep -q "embedded demo server" "$work/status.log" \
    || { show_log "$work/status.log"; fail "the shipped /etc/tvauth/config.ron did not read as unconfigured"; }
echo "    $got; status: exit 5 ($(grep -v '^$' "$work/status.log" | tail -n 1))"

# ---------------------------------------------------------------------------------------------
# cage on wlroots' headless backend with the pixman (CPU) renderer: one 1280x720 output, no
# input devices, no GPU. tvauth gets its own runtime and config dirs: with no config.ron it
# starts the embedded demo server on 127.0.0.1 and shows a code.
#
# Timing: packaging/checks/stamp-exec stamps the clock and execs tvauth (exec → first frame is measured from
# that stamp). Two views of "first frame":
#  - client side: WAYLAND_DEBUG=client (set for tvauth only) logs every request with a
#    millisecond clock stamp; the first wl_surface.attach of a buffer is tvauth handing its
#    first drawn frame to the compositor. Precise; the logging itself costs a little.
#  - on screen: grim polls the output back-to-back (each poll = one screencopy of the next
#    composited frame, a few tens of ms); the first non-black capture bounds when the frame
#    was on screen. The poll interval is printed as the uncertainty.
# "Activate screen drawn" = a capture with the QR code's white panel (pure white pixels, which
# no other screen has), on top of non-black.
#
# `-r -r` (output turned 180 degrees; the app still sees a 1280x720 landscape output and grim
# turns the capture back): a workaround for Debian 12's cage 0.1.4 + wlroots 0.15, test-only.
# On the headless backend cage "scans out" tvauth's wl_shm buffer directly (a real DRM output
# cannot, so it always composites there); each grim capture forces a composited frame, but
# cage's damage history skipped the scanned-out frames, so captures show the app's very first
# buffer forever (seen with foot too). A transformed output never scans out: cage composites
# every frame, as on a TV. The kiosk unit runs plain `cage -d`.
# As root, the package's own kiosk unit runs cage, under systemd in a throwaway machine (see
# packaging/checks/container.sh): same user, PAM session and sandbox as on a box; only the
# headless drop-in differs (packaging/checks/kiosk-headless.conf). Otherwise cage runs directly
# as the calling user, without the unit's sandbox.
frames=$work/frames
mkdir -p "$frames"
kiosk_machine=false
if $is_root; then
    kiosk_machine=true
    step "a systemd machine (systemd-nspawn, the host's / on an overlay)"
    boot_start=$(now_us)
    container_start "$work/machine" "tvauth-check-$$"
    t_boot=$(($(now_us) - boot_start))
    echo "    $(container_exec systemctl --version | head -n 1): $container_state in $((t_boot / 1000)) ms"

    step "in the machine: dpkg -i, then $KIOSK (headless drop-in) + tvauth --fullscreen --kiosk + grim"
    check_dir=$container_root/opt/tvauth-check     # read-only in the unit, not under /tmp
    units=$container_root/etc/systemd/system
    mkdir -p "$check_dir" "$container_root/var/log/tvauth-check" "$units/tvauth-kiosk@.service.d" \
        "$units/$KIOSK.d" "$units/tvauth-kiosk@tty8.service.d"
    cp "$deb" "$here/checks/stamp-exec" "$check_dir/"
    cp "$here/checks/kiosk-no-vt.conf" "$units/tvauth-kiosk@.service.d/check-no-vt.conf"
    cp "$here/checks/kiosk-headless.conf" "$units/$KIOSK.d/check-headless.conf"
    cp "$here/checks/kiosk-speech.conf" "$units/tvauth-kiosk@tty8.service.d/check-speech.conf"
    # dpkg's man-db trigger would rebuild the man index: seconds, and nothing to check.
    rm -f "$container_root/var/lib/man-db/auto-update"
    machine_deb=/opt/tvauth-check/$(basename "$deb")
    container_exec env DEBIAN_FRONTEND=noninteractive dpkg -i "$machine_deb" >"$work/dpkg.log" 2>&1 \
        || { show_log "$work/dpkg.log"; fail "dpkg -i in the machine"; }
    # Stand-ins for a box's GPU, remote and sound card nodes, and one node the kiosk must not
    # get: the unit's private /dev is read below. (/dev/input itself: the package's tmpfiles.d.)
    container_exec sh -c 'mkdir -p /dev/dri /dev/snd &&
        mknod -m 0666 /dev/dri/renderD128 c 226 128 && mknod -m 0660 /dev/input/event0 c 13 64 &&
        mknod -m 0660 /dev/snd/controlC0 c 116 0 && mknod -m 0666 /dev/tvauth-check-other c 10 200' \
        || fail "could not make the stand-in device nodes in the machine"
    # The embedded demo server's signing key made beforehand (an RSA key pair, ~0.1-0.5 s), as
    # on every boot of a box but its first: the timings below are tvauth's start.
    set +e
    container_exec runuser -u tvauth -- env -i PATH=/usr/bin:/bin HOME=/var/lib/tvauth LANG=C.UTF-8 \
        /usr/bin/tvauth status >"$work/machine-status.log" 2>&1
    rc=$?
    set -e
    [[ $rc -eq 5 ]] || { show_log "$work/machine-status.log"; fail "tvauth status as tvauth in the machine exited $rc, want 5"; }
    container_exec systemctl start "$KIOSK" || fail "systemctl start $KIOSK"
    rt=$(container_path /run/tvauth/tty7)
    cage_log=$container_root/var/log/tvauth-check/cage.log
    alive() { container_exec systemctl is-active --quiet "$KIOSK"; }
    grab() { # file [format]: one screenshot of the cage output (root reaches the socket)
        env -i PATH=/usr/bin:/bin XDG_RUNTIME_DIR="$rt" WAYLAND_DISPLAY=wayland-0 \
            grim -t "${2:-ppm}" "$1" 2>>"$work/grim.log"
    }
else
    step "cage (headless, pixman) + tvauth --fullscreen + grim, directly (not root: no unit, no sandbox)"
    rt=$work/run
    mkdir -p "$rt"
    chmod 700 "$rt" "$work/status-config"
    cage_log=$work/cage.log
    # The config dir `status` used: signed out, the demo server's key made (see above).
    setsid env -i \
        PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 XDG_RUNTIME_DIR="$rt" \
        TVAUTH_CONFIG_DIR="$work/status-config" \
        WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
        cage -d -r -r -- "$here/checks/stamp-exec" "$bin" --fullscreen --kiosk \
        >"$cage_log" 2>&1 </dev/null &
    cage_pid=$!
    disown "$cage_pid"         # no job-control chatter; cleanup() ends its process group
    group_pids+=("$cage_pid")
    # setsid must not have forked (it would if it led a process group): cage leads its own
    # session. Field 6 of /proc/PID/stat is the session id (no procps needed); after "(comm) "
    # it is the 4th. The child calls setsid() a moment after the fork that gave $!: on a busy
    # machine the first reading can come before it, so look again for up to 2 s.
    for _ in $(seq 40); do
        cage_sid=$(sed 's/.*) //' "/proc/$cage_pid/stat" 2>/dev/null | cut -d' ' -f4)
        [[ $cage_sid = "$cage_pid" ]] && break
        sleep 0.05
    done
    [[ $cage_sid = "$cage_pid" ]] || fail "cage is not its own session leader"
    alive() { kill -0 "$cage_pid" 2>/dev/null; }
    grab() { # file [format]: one screenshot of the cage output
        as_user XDG_RUNTIME_DIR="$rt" WAYLAND_DISPLAY=wayland-0 -- grim -t "${2:-ppm}" "$1" 2>>"$work/grim.log"
    }
fi
t0_file=$rt/exec-stamp     # written by packaging/checks/stamp-exec as cage starts tvauth

deadline=$(($(now_us) + SCREEN_TIMEOUT * 1000000))
while [[ ! -S $rt/wayland-0 ]]; do
    alive || { show_log "$cage_log"; fail "cage exited before creating its Wayland socket"; }
    (($(now_us) < deadline)) || { show_log "$cage_log"; fail "cage created no Wayland socket in ${SCREEN_TIMEOUT} s"; }
    sleep 0.01
done

frame=$frames/frame.ppm
first_drawn_end=
prev_start=
polls=0
grim_failures=0
activate_us=
while (($(now_us) < deadline)); do
    alive || { show_log "$cage_log" 40; fail "cage (or tvauth) exited before the Activate screen"; }
    start=$(now_us)
    if grab "$frame" && [[ -s $frame ]]; then
        end=$(now_us)
        polls=$((polls + 1))
        total=$(stat -c %s "$frame")
        nonzero=$(LC_ALL=C tr -d '\000' <"$frame" | wc -c)
        if ((nonzero * 10 >= total * 9)); then
            if [[ -z $first_drawn_end ]]; then
                first_drawn_end=$end
                first_drawn_prev=${prev_start:-$start}
            fi
            white=$(LC_ALL=C tr -dc '\377' <"$frame" | wc -c)
            if ((white >= 30000)); then
                activate_us=$end
                break
            fi
        fi
        prev_start=$start
    else
        grim_failures=$((grim_failures + 1))
        ((grim_failures < 200)) || { show_log "$work/grim.log"; fail "grim keeps failing"; }
        sleep 0.01
    fi
done
t0=$(cat "$t0_file" 2>/dev/null || true)
[[ -n $t0 ]] || { show_log "$cage_log"; fail "tvauth was never started by cage"; }
[[ -n $first_drawn_end ]] || { show_log "$cage_log" 40; fail "the cage output stayed black for ${SCREEN_TIMEOUT} s: tvauth drew nothing"; }
[[ -n $activate_us ]] || { show_log "$cage_log" 40; fail "no Activate screen (no QR code) within ${SCREEN_TIMEOUT} s"; }

png=$out_dir/activate-cage.png
grab "$frames/activate-cage.png" png || { show_log "$work/grim.log"; fail "grim could not save the screenshot"; }
cp "$frames/activate-cage.png" "$png"
size=$(od -An -tu4 --endian=big -j16 -N8 "$png" | awk '{ printf "%dx%d", $1, $2 }')   # PNG IHDR
echo "    screenshot: $png ($size)"
grep -q 'wl_surface' "$cage_log" || echo "    (no WAYLAND_DEBUG lines from tvauth: client-side timing unavailable)"

# Client side: the first attach of a real buffer. WAYLAND_DEBUG's stamp (libwayland 1.21) is
# the realtime clock in microseconds, truncated to 32 bits, printed as milliseconds.
client_ms=$(awk -v t0="$t0" '
    /-> wl_surface@[0-9]+\.attach\(wl_buffer@/ {
        stamp = substr($1, 2, length($1) - 2)          # "[1234567.890]" -> 1234567.890
        t0ms = (t0 % 4294967296) / 1000
        d = stamp - t0ms; if (d < 0) d += 4294967.296
        # The two clocks disagreeing (a stepped clock) gives nonsense: print nothing then.
        if (d < 60000) printf "%.0f", d
        exit
    }' "$cage_log")

# The sandbox, read off the running tvauth (inside the machine): the unit's seccomp filters on
# top of the machine's own, no privileges, the read-only root, /proc cut down, and a /dev with
# the bound nodes but not the other one. Its cgroup is the logind session's scope (PAMName=).
if $kiosk_machine; then
    # shellcheck disable=SC2016 # expanded in the machine
    container_exec sh -c 'p=$(pgrep -x -u tvauth tvauth | head -n 1) && [ -n "$p" ] &&
        grep -E "^(NoNewPrivs|CapBnd|CapEff|Seccomp_filters):" "/proc/$p/status" &&
        echo "init_filters $(sed -n "s/^Seccomp_filters:\t*//p" /proc/1/status)" &&
        echo "root $(nsenter -t "$p" -m -- findmnt -no OPTIONS /)" &&
        echo "proc $(nsenter -t "$p" -m -- findmnt -no OPTIONS /proc)" &&
        echo "cgroup $(sed -n "s/^0:://p" "/proc/$p/cgroup")" &&
        echo "dev $(nsenter -t "$p" -m -- find /dev -type c | sort | tr "\n" " ")"' \
        >"$work/sandbox.log" 2>&1 || { show_log "$work/sandbox.log"; fail "could not read the kiosk's sandbox"; }
    field() { sed -n "s/^$1:\?[[:space:]]*//p" "$work/sandbox.log"; }
    [[ $(field NoNewPrivs) = 1 && $(field CapBnd) = 0000000000000000 && $(field CapEff) = 0000000000000000 ]] \
        || { show_log "$work/sandbox.log"; fail "tvauth runs with privileges it should not have"; }
    (($(field Seccomp_filters) > $(field init_filters))) \
        || { show_log "$work/sandbox.log"; fail "tvauth has no seccomp filter of the unit's own"; }
    [[ $(field root) = ro,* && $(field proc) = *hidepid=invisible* && $(field proc) = *subset=pid* ]] \
        || { show_log "$work/sandbox.log"; fail "the kiosk's / is not read-only or its /proc not cut down"; }
    devs=$(field dev)
    for node in /dev/dri/renderD128 /dev/input/event0 /dev/snd/controlC0 /dev/null; do
        [[ " $devs" = *" $node "* ]] || { show_log "$work/sandbox.log"; fail "the kiosk's /dev lacks $node"; }
    done
    [[ $devs != *tvauth-check-other* ]] || fail "the kiosk's /dev has a node the unit does not bind"
    echo "    tvauth's sandbox: NoNewPrivs, no capabilities, $(field Seccomp_filters) seccomp filters (the machine's own: $(field init_filters)), / $(field root | cut -d, -f1), /proc $(field proc | grep -o 'hidepid=[a-z]*,subset=pid'), cgroup $(field cgroup)"
    echo "    its /dev: $devs"
    container_exec systemctl stop "$KIOSK" || true    # Debian 12's cage aborts on SIGTERM (as without the unit)
    # Reading aloud under the same sandbox (packaging/checks/kiosk-speech.conf), when installed.
    if [[ -x $container_root/usr/bin/espeak-ng ]]; then
        wav=$container_root/var/log/tvauth-check/speech.wav
        container_exec systemctl start tvauth-kiosk@tty8.service \
            || { show_log "$container_root/var/log/tvauth-check/speech.log"; fail "espeak-ng under the kiosk unit's sandbox"; }
        [[ $(head -c 4 "$wav") = RIFF ]] && (($(stat -c %s "$wav") > 10000)) \
            || { show_log "$container_root/var/log/tvauth-check/speech.log"; fail "espeak-ng under the kiosk unit's sandbox wrote no sound"; }
        echo "    espeak-ng under the same sandbox: $(stat -c %s "$wav") bytes of WAV (no sound card here to play them)"
    else
        echo "    (espeak-ng not installed: reading aloud under the sandbox not tried)"
    fi

    # -----------------------------------------------------------------------------------------
    # Upgrades keep the session; remove keeps the home; purge deletes it (README.md). dpkg runs
    # the real sequence: an older package (this build's files and scripts under a lower
    # version: 0.1.0-1's scripts differ from these by a comment) is installed, tvauth 0.1.0's
    # files put in the kiosk home, then this package installed over it.
    step "in the machine: purge; upgrade from an older package with 0.1.0's files; remove; purge"
    upgrade_start=$(now_us)
    user_line() { grep '^tvauth:' "$container_root/etc/passwd"; }
    container_exec dpkg --purge tvauth >>"$work/dpkg.log" 2>&1 || { show_log "$work/dpkg.log"; fail "dpkg --purge"; }
    [[ ! -e $container_root/var/lib/tvauth ]] || fail "dpkg --purge left /var/lib/tvauth (a used kiosk home)"
    [[ -n $(user_line) ]] || fail "dpkg --purge deleted the tvauth user (Debian keeps system users)"
    version=$(dpkg-deb -f "$deb" Version)
    prev_version=${version%-*}~previous-1
    prev=$work/previous
    mkdir -p "$prev"
    cp -a "$root/." "$prev/"
    cp -a "$work/control" "$prev/DEBIAN"
    sed -i "s/^Version: .*/Version: $prev_version/" "$prev/DEBIAN/control"
    dpkg-deb --root-owner-group -Znone -b "$prev" "$check_dir/tvauth_previous.deb" >>"$work/dpkg.log" 2>&1 \
        || { show_log "$work/dpkg.log"; fail "dpkg-deb -b (the older package)"; }
    container_exec dpkg -i /opt/tvauth-check/tvauth_previous.deb >>"$work/dpkg.log" 2>&1 \
        || { show_log "$work/dpkg.log"; fail "dpkg -i the older package"; }
    IFS=: read -r _ _ k_uid k_gid _ k_home _ < <(user_line)
    upgrade_write_previous_files "$container_root$k_home" "$k_uid" "$k_gid"
    container_exec env DEBIAN_FRONTEND=noninteractive dpkg -i "$machine_deb" >>"$work/dpkg.log" 2>&1 \
        || { show_log "$work/dpkg.log"; fail "dpkg -i over the older package"; }
    grep -q "Unpacking tvauth ($version) over ($prev_version)" "$work/dpkg.log" \
        || { show_log "$work/dpkg.log"; fail "dpkg did not upgrade $prev_version to $version"; }
    status_json=$(container_exec runuser -u tvauth -- env -i PATH=/usr/bin:/bin HOME="$k_home" \
        LANG=C.UTF-8 /usr/bin/tvauth status --json 2>"$work/upgrade-status.log") \
        || { show_log "$work/upgrade-status.log"; fail "tvauth status --json after the upgrade failed"; }
    upgrade_check "$container_root$k_home" "$status_json"
    echo "    $prev_version -> $version: still signed in (status --json: signed_in, sub user-1, can_refresh); refresh token in: $upgrade_token_files"
    container_exec dpkg --remove tvauth >>"$work/dpkg.log" 2>&1 || { show_log "$work/dpkg.log"; fail "dpkg --remove"; }
    grep -rqF -- "$UPGRADE_REFRESH_TOKEN" "$container_root$k_home" \
        || fail "dpkg --remove deleted the kiosk home's session (only purge may)"
    container_exec dpkg --purge tvauth >>"$work/dpkg.log" 2>&1 || { show_log "$work/dpkg.log"; fail "dpkg --purge"; }
    [[ ! -e $container_root$k_home ]] || fail "dpkg --purge left $k_home"
    [[ -n $(user_line) ]] || fail "dpkg --purge deleted the tvauth user"
    echo "    remove keeps $k_home; purge deletes it (user tvauth stays, as Debian does); $((($(now_us) - upgrade_start) / 1000)) ms"
    container_stop
else
    step "upgrade: tvauth 0.1.0's files in a scratch home, read by this binary"
    upgrade_home=$work/upgrade-home
    mkdir -p "$upgrade_home"
    upgrade_write_previous_files "$upgrade_home" "$(id -u)" "$(id -g)"
    status_json=$(env -i PATH=/usr/bin:/bin HOME="$upgrade_home" LANG=C.UTF-8 "$bin" status --json \
        2>"$work/upgrade-status.log") \
        || { show_log "$work/upgrade-status.log"; fail "tvauth status --json on 0.1.0's files failed"; }
    upgrade_check "$upgrade_home" "$status_json"
    echo "    still signed in (status --json); refresh token in: $upgrade_token_files"
    echo "    (not root: no dpkg upgrade or purge run; postrm was checked in a scratch root)"
fi

# ---------------------------------------------------------------------------------------------
step "figures"
deb_size=$(stat -c %s "$deb")
installed_kib=$(dpkg-deb -f "$deb" Installed-Size)
bin_size=$(stat -c %s "$bin")
if ((bin_size <= BINARY_BUDGET)); then budget="met"; else budget="NOT met"; fi
echo "    .deb:                      $deb_size bytes = $(mb "$deb_size")"
echo "    installed size:            $installed_kib KiB (Installed-Size)"
echo "    stripped binary:           $bin_size bytes = $(mb "$bin_size"); target <= $(mb "$BINARY_BUDGET") for x86-64: $budget ($(uname -m))"
echo "    exec -> first buffer sent: ${client_ms:-?} ms (tvauth's first wl_surface.attach, WAYLAND_DEBUG clock)"
echo "    exec -> first frame seen:  $(((first_drawn_prev - t0) / 1000))..$(((first_drawn_end - t0) / 1000)) ms (grim: last black capture started .. first drawn capture done; $polls captures)"
echo "    exec -> Activate screen:   <= $(((activate_us - t0) / 1000)) ms (demo server up, code fetched, QR drawn)"
echo "    systemd exposure:          ${exposure_before:-?} -> $exposure (0.1.0-1's kiosk unit -> this one; at most $EXPOSURE_MAX)"
echo "    lintian:                   $lintian_summary"
echo "    time: apt-get $((t_apt / 1000)) ms, cargo install cargo-deb $((t_cargo_deb / 1000)) ms, cargo deb $((t_build / 1000)) ms, total $((($(now_us) - t_start) / 1000)) ms"
echo "check.sh: OK"
