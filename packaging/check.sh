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
# appstreamcli, systemd-analyze verify, systemd-sysusers/-tmpfiles into a scratch root, lintian);
# unpack it and run the packaged binary (--version; status = 5 when signed out); run it full
# screen under cage (headless wlroots, pixman renderer) as an unprivileged user with the embedded
# demo server, wait for the Activate screen and save a screenshot with grim to
# $CARGO_TARGET_DIR/packaging/activate-cage.png; print figures. Any failure exits non-zero with
# a message saying which step failed.
set -euo pipefail

CARGO_DEB_VERSION=3.8.0
APP_ID=io.github.tvauth.TvAuth
UNIT=tvauth-kiosk@.service
BINARY_BUDGET=12000000      # bytes: the target for the stripped x86-64 binary (12 MB)
CHECK_USER=tvauth-check     # cage refuses to run as root
SCREEN_TIMEOUT=60           # seconds for cage + tvauth to show the Activate screen

APT_PACKAGES=(
    # build: a C compiler and linker for cargo (and cargo-deb's bundled liblzma);
    # dpkg-shlibdeps for cargo-deb's $auto dependencies
    gcc libc6-dev dpkg-dev
    # linters
    lintian desktop-file-utils appstream systemd man-db
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
    if $created_user; then userdel "$CHECK_USER" 2>/dev/null || true; fi
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
# A figure, not a check: an older systemd without --offline prints "?" rather than failing.
exposure=$( (systemd-analyze security --offline=yes --no-pager "$work/units/tvauth-kiosk@tty7.service" 2>/dev/null || true) \
    | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]* [A-Z]*\).*/\1/p')
echo "    ok; ExecStart: $exec_line"
echo "    systemd-analyze security exposure: ${exposure:-?} (0 = most locked down, 10 = least)"

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
for s in postinst prerm postrm; do sh -n "$work/control/$s" || fail "$s: shell syntax"; done
echo "    user tvauth: uid $s_uid, home $s_home ($home_stat), shell $s_shell"

# ---------------------------------------------------------------------------------------------
# The unprivileged user the package is run as from here on (lintian, tvauth, cage, grim).
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
# Timing: a bash wrapper stamps the clock and execs tvauth (exec → first frame is measured from
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
step "cage (headless, pixman) + tvauth --fullscreen + grim"
rt=$work/run
# The config dir `status` used: still signed out, and the embedded demo server's signing key
# already made (an RSA key pair, ~0.1-0.5 s), as on every boot of a box but its first; so the
# timings below are tvauth's start, not a one-off key generation.
cfg=$work/status-config
frames=$work/frames        # grim writes here, as the check user
mkdir -p "$rt" "$frames"
chmod 700 "$rt" "$cfg"
$is_root && chown "$run_uid:$run_gid" "$rt" "$frames"
t0_file=$work/exec-stamp
touch "$t0_file"
$is_root && chown "$run_uid:$run_gid" "$t0_file"
# shellcheck disable=SC2016 # expanded by the wrapper's bash, not here
wrapper='printf "%s" "${EPOCHREALTIME/./}" >"$0"; WAYLAND_DEBUG=client exec "$@"'

if $is_root; then
    setsid setpriv --reuid="$run_uid" --regid="$run_gid" --clear-groups -- env -i \
        PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 XDG_RUNTIME_DIR="$rt" TVAUTH_CONFIG_DIR="$cfg" \
        WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
        cage -d -r -r -- bash -c "$wrapper" "$t0_file" "$bin" --fullscreen \
        >"$work/cage.log" 2>&1 </dev/null &
else
    setsid env -i \
        PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 XDG_RUNTIME_DIR="$rt" TVAUTH_CONFIG_DIR="$cfg" \
        WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
        cage -d -r -r -- bash -c "$wrapper" "$t0_file" "$bin" --fullscreen \
        >"$work/cage.log" 2>&1 </dev/null &
fi
cage_pid=$!
disown "$cage_pid"         # no job-control chatter; cleanup() ends its process group
group_pids+=("$cage_pid")
# setsid must not have forked (it would if it led a process group): cage leads its own session.
# Field 6 of /proc/PID/stat is the session id (no procps needed); after "(comm) " it is the 4th.
# The child calls setsid() a moment after the fork that gave $!: on a busy machine the first
# reading can come before it, so look again for up to 2 s.
for _ in $(seq 40); do
    cage_sid=$(sed 's/.*) //' "/proc/$cage_pid/stat" 2>/dev/null | cut -d' ' -f4)
    [[ $cage_sid = "$cage_pid" ]] && break
    sleep 0.05
done
[[ $cage_sid = "$cage_pid" ]] || fail "cage is not its own session leader"

alive() { kill -0 "$cage_pid" 2>/dev/null; }
deadline=$(($(now_us) + SCREEN_TIMEOUT * 1000000))
while [[ ! -S $rt/wayland-0 ]]; do
    alive || { show_log "$work/cage.log"; fail "cage exited before creating its Wayland socket"; }
    (($(now_us) < deadline)) || { show_log "$work/cage.log"; fail "cage created no Wayland socket in ${SCREEN_TIMEOUT} s"; }
    sleep 0.01
done

grab() { # file [format]: one screenshot of the cage output, as the check user
    as_user XDG_RUNTIME_DIR="$rt" WAYLAND_DISPLAY=wayland-0 -- grim -t "${2:-ppm}" "$1" 2>>"$work/grim.log"
}
frame=$frames/frame.ppm
first_drawn_end=
prev_start=
polls=0
grim_failures=0
activate_us=
while (($(now_us) < deadline)); do
    alive || { show_log "$work/cage.log" 40; fail "cage (or tvauth) exited before the Activate screen"; }
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
t0=$(cat "$t0_file")
[[ -n $t0 ]] || { show_log "$work/cage.log"; fail "tvauth was never started by cage"; }
[[ -n $first_drawn_end ]] || { show_log "$work/cage.log" 40; fail "the cage output stayed black for ${SCREEN_TIMEOUT} s: tvauth drew nothing"; }
[[ -n $activate_us ]] || { show_log "$work/cage.log" 40; fail "no Activate screen (no QR code) within ${SCREEN_TIMEOUT} s"; }

png=$out_dir/activate-cage.png
grab "$frames/activate-cage.png" png || { show_log "$work/grim.log"; fail "grim could not save the screenshot"; }
cp "$frames/activate-cage.png" "$png"
size=$(od -An -tu4 --endian=big -j16 -N8 "$png" | awk '{ printf "%dx%d", $1, $2 }')   # PNG IHDR
echo "    screenshot: $png ($size)"
grep -q 'wl_surface' "$work/cage.log" || echo "    (no WAYLAND_DEBUG lines from tvauth: client-side timing unavailable)"

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
    }' "$work/cage.log")

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
echo "    systemd exposure:          ${exposure:-?}"
echo "    lintian:                   $lintian_summary"
echo "    time: apt-get $((t_apt / 1000)) ms, cargo install cargo-deb $((t_cargo_deb / 1000)) ms, cargo deb $((t_build / 1000)) ms, total $((($(now_us) - t_start) / 1000)) ms"
echo "check.sh: OK"
