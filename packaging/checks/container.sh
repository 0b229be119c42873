# Sourced by packaging/check.sh (root only): a throwaway systemd machine to run the package in.
#
# The check runs where systemd is not PID 1 (a CI VM, a build container), yet the kiosk unit's
# sandbox is systemd's to apply. So this boots the host's own Debian under systemd in a
# container (systemd-nspawn): its root is an overlay of the host's / whose changes go to a
# tmpfs, so dpkg, sysusers, units and files written in there never reach the host, and all of
# it goes with container_stop. No network but loopback (--private-network).
#
#   container_start DIR NAME   boot; DIR (empty, on any file system) holds the overlay
#   container_exec CMD...      run CMD in the machine (its namespaces; as root)
#   container_path PATH        the host's path to PATH inside the machine (for reading logs)
#   container_stop             power off, unmount; idempotent, for cleanup()
#
# Sets container_root (the overlay's merged dir: the machine's / as seen from the host; the
# machine's own /run, /dev, /proc are not in it) and container_leader (its PID 1, host pid).

container_dir=
container_root=
container_leader=
container_nspawn_pid=

container_start() { # dir name
    container_dir=$1
    local name=$2 log=$1/nspawn.log
    mkdir -p "$container_dir/layers"
    mount -t tmpfs -o mode=0755 tvauth-check "$container_dir/layers"
    mkdir -p "$container_dir/layers/upper" "$container_dir/layers/work" "$container_dir/root"
    # lowerdir=/ is the root file system alone: /proc, /dev and other mounts are not in it (a
    # host with /usr on a file system of its own cannot boot this way: the boot check says so).
    mount -t overlay -o "lowerdir=/,upperdir=$container_dir/layers/upper,workdir=$container_dir/layers/work" \
        tvauth-check "$container_dir/root"
    container_root=$container_dir/root
    # Another machine id than the host's (journald refuses to mix them).
    local uuid
    uuid=$(tr -d '-' </proc/sys/kernel/random/uuid)
    # --register=no --keep-unit: no systemd-machined/host systemd to talk to (PID 1 may be
    # anything here). SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1: the machine's systemd gets a pure
    # cgroup v2 tree, as Debian 12 boots by default, even on a host that mounts the v1 hierarchies.
    # --capability=all and bpf(): what systemd as PID 1 uses to apply units' sandboxes (device
    # cgroup programs, namespaces, seccomp); nspawn withholds them from containers by default.
    SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 setsid systemd-nspawn --quiet --boot \
        --directory="$container_root" --machine="$name" --uuid="$uuid" \
        --register=no --keep-unit --link-journal=no --console=pipe --private-network \
        --capability=all --system-call-filter=bpf \
        </dev/null >"$log" 2>&1 &
    container_nspawn_pid=$!
    disown "$container_nspawn_pid"
    # The machine's PID 1: nspawn's child running systemd (a short-lived helper child comes first).
    local _ child
    for _ in $(seq 200); do
        for child in $(cat "/proc/$container_nspawn_pid/task/$container_nspawn_pid/children" 2>/dev/null); do
            [[ $(cat "/proc/$child/comm" 2>/dev/null) = systemd ]] && container_leader=$child
        done
        [[ -n $container_leader ]] && break
        kill -0 "$container_nspawn_pid" 2>/dev/null || break
        sleep 0.05
    done
    [[ -n $container_leader ]] || { show_log "$log"; fail "systemd-nspawn did not start the machine"; }
    # `is-system-running --wait` waits for the boot to end, once the machine's bus answers:
    # until then it says "offline" at once, so ask again, for up to a minute.
    local state deadline=$((SECONDS + 60))
    while ((SECONDS < deadline)); do
        state=$(timeout 60 nsenter -t "$container_leader" -a -- systemctl is-system-running --wait 2>>"$log") && break
        [[ $state = degraded ]] && break
        kill -0 "$container_nspawn_pid" 2>/dev/null || break
        sleep 0.1
    done
    [[ $state = running || $state = degraded ]] \
        || { show_log "$log"; fail "the machine did not boot (state '${state:-?}')"; }
    container_state=$state
}

container_exec() {
    nsenter -t "$container_leader" -a -- "$@"
}

container_path() {
    printf '/proc/%s/root%s' "$container_leader" "$1"
}

container_stop() {
    [[ -n $container_dir ]] || return 0
    local _
    if [[ -n $container_nspawn_pid ]] && kill -0 "$container_nspawn_pid" 2>/dev/null; then
        # SIGTERM to nspawn powers the booted machine off cleanly.
        kill -TERM "$container_nspawn_pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$container_nspawn_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$container_nspawn_pid" 2>/dev/null || true
        [[ -n $container_leader ]] && kill -KILL "$container_leader" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$container_nspawn_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    container_nspawn_pid=
    if [[ -n $container_root ]] && mountpoint -q "$container_root"; then
        umount "$container_root" 2>/dev/null || umount -l "$container_root"
    fi
    if mountpoint -q "$container_dir/layers"; then
        umount "$container_dir/layers" 2>/dev/null || umount -l "$container_dir/layers"
    fi
    container_dir=
}
