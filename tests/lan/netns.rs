//! Two network namespaces joined by a veth pair, made for one test and deleted when it ends,
//! failed or not: "tv" (the box: `lan0` 10.77.0.1/24, loopback up, a default route through the
//! phone unless asked otherwise) and "phone" (`lan0` 10.77.0.2/24). Needs root, or `sudo -n`.

use std::os::unix::fs::MetadataExt;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The box's address on the test network.
pub const TV_IP: &str = "10.77.0.1";
/// The phone's.
pub const PHONE_IP: &str = "10.77.0.2";
const PREFIX: &str = "tvauth-lan-";

/// A namespace pair; dropping it deletes both (and with them the veth pair).
#[derive(Debug)]
pub struct NetnsPair {
    pub tv: String,
    pub phone: String,
    /// `sudo -n -E` when the tests do not run as root, else nothing.
    as_root: Vec<String>,
}

impl NetnsPair {
    /// A fresh pair; `default_route`: the box's default route goes through the phone.
    pub fn new(default_route: bool) -> NetnsPair {
        let as_root = root_prefix();
        for (program, package) in [("ip", "iproute2"), ("curl", "curl")] {
            assert!(
                on_path(program),
                "tests/lan needs `{program}`: apt-get install {package} (tests/run.sh does)"
            );
        }
        remove_stale(&as_root);
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let id = format!("{PREFIX}{}-{n}", std::process::id());
        let pair = NetnsPair {
            tv: format!("{id}-tv"),
            phone: format!("{id}-phone"),
            as_root,
        };
        // From here on, dropping `pair` deletes whatever was made, should a step fail.
        let (tv, phone) = (pair.tv.as_str(), pair.phone.as_str());
        pair.ip(&["netns", "add", tv]);
        pair.ip(&["netns", "add", phone]);
        pair.ip(&[
            "link", "add", "lan0", "netns", tv, "type", "veth", "peer", "name", "lan0", "netns",
            phone,
        ]);
        for (ns, address) in [(tv, TV_IP), (phone, PHONE_IP)] {
            pair.ip(&[
                "-n",
                ns,
                "addr",
                "add",
                &format!("{address}/24"),
                "dev",
                "lan0",
            ]);
            pair.ip(&["-n", ns, "link", "set", "lan0", "up"]);
            pair.ip(&["-n", ns, "link", "set", "lo", "up"]);
        }
        if default_route {
            pair.ip(&["-n", tv, "route", "add", "default", "via", PHONE_IP]);
        }
        pair
    }

    /// Runs `ip ARGS` as root; panics with its stderr when it fails.
    pub fn ip(&self, args: &[&str]) {
        let output = self
            .root_command("ip")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "ip {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// The wrapper that runs a program in namespace `ns`, as root: `ip netns exec NS`.
    pub fn exec_in(&self, ns: &str) -> Vec<String> {
        let mut wrapper = self.as_root.clone();
        wrapper.extend(["ip", "netns", "exec", ns].map(String::from));
        wrapper
    }

    fn root_command(&self, program: &str) -> Command {
        root_command(&self.as_root, program)
    }
}

/// `program`, through `as_root` when that is `sudo`.
fn root_command(as_root: &[String], program: &str) -> Command {
    match as_root.split_first() {
        None => Command::new(program),
        Some((sudo, options)) => {
            let mut command = Command::new(sudo);
            command.args(options).arg(program);
            command
        }
    }
}

impl Drop for NetnsPair {
    fn drop(&mut self) {
        for ns in [&self.tv, &self.phone] {
            let _ = self
                .root_command("ip")
                .args(["netns", "del", ns])
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// Nothing as root, else `sudo -n -E` (keeping the environment the binary is run with); a
/// clear failure when neither is possible: these tests must run, not skip.
fn root_prefix() -> Vec<String> {
    let euid = std::fs::metadata("/proc/self")
        .map(|m| m.uid())
        .unwrap_or(u32::MAX);
    if euid == 0 {
        return Vec::new();
    }
    let sudo = Command::new("sudo")
        .args(["-n", "true"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        sudo,
        "tests/lan makes network namespaces: run it as root, or with passwordless sudo"
    );
    ["sudo", "-n", "-E"].map(String::from).to_vec()
}

/// Whether `program` is on `PATH`, or in the sbin directories root's `PATH` (and sudo's) has.
fn on_path(program: &str) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin"].map(std::path::PathBuf::from))
        .any(|dir| dir.join(program).is_file())
}

/// Deletes the namespaces of earlier runs that were killed before they could clean up (their
/// process is gone); those of runs still going are left alone.
fn remove_stale(as_root: &[String]) {
    let Ok(list) = Command::new("ip").args(["netns", "list"]).output() else {
        return;
    };
    for line in String::from_utf8_lossy(&list.stdout).lines() {
        let Some(name) = line.split_whitespace().next() else {
            continue;
        };
        let Some(pid) = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('-').next())
        else {
            continue;
        };
        if !std::path::Path::new("/proc").join(pid).exists() {
            let _ = root_command(as_root, "ip")
                .args(["netns", "del", name])
                .status();
        }
    }
}
