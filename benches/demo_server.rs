//! Load figures for the demo server, printed (not asserted: these machines are shared and
//! noisy). Starts the real `tvauth demo-server` binary, then for a few seconds each:
//! - baseline: `GET /.well-known/jwks.json`, a static answer through the same stack;
//! - poll: `POST /oauth/token` with a pending device code (the TV's poll).
//!
//! Prints requests per second, the server's CPU time per request (from /proc, so the load
//! generator's own cost is left out), the ratio to the baseline, and the server's resident
//! memory. Run: `cargo bench --bench demo_server`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 8;
const DURATION: Duration = Duration::from_secs(4);

fn main() {
    let data_dir = tempfile::TempDir::new().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_tvauth"))
        .args(["demo-server", "--interval", "0", "--data-dir"])
        .arg(data_dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = server.id();
    let first_line = BufReader::new(server.stdout.take().unwrap())
        .lines()
        .next()
        .unwrap()
        .unwrap();
    let issuer = first_line.split_whitespace().last().unwrap().to_string();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let http = reqwest::Client::new();
        let code: serde_json::Value = http
            .post(format!("{issuer}oauth/device/code"))
            .form(&[
                ("client_id", "tvauth-tv"),
                ("scope", "openid offline_access"),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let device_code = code["device_code"].as_str().unwrap().to_string();

        let rss_idle = rss_kib(pid);
        let jwks_url = format!("{issuer}.well-known/jwks.json");
        let baseline = load(pid, {
            let http = http.clone();
            move || http.get(jwks_url.clone())
        })
        .await;
        let token_url = format!("{issuer}oauth/token");
        let poll = load(pid, {
            let http = http.clone();
            move || {
                http.post(token_url.clone()).form(&[
                    ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                    ("device_code", device_code.as_str()),
                    ("client_id", "tvauth-tv"),
                ])
            }
        })
        .await;
        assert_eq!(
            poll.last_status, 400,
            "polls must answer authorization_pending"
        );
        let rss_loaded = rss_kib(pid);

        println!(
            "demo server, {CONNECTIONS} keep-alive connections, {} s per run, loopback",
            DURATION.as_secs()
        );
        println!("| request | req/s | server CPU µs/req | ratio to baseline (CPU/req) |");
        println!("| --- | ---: | ---: | ---: |");
        for (name, run) in [
            ("GET jwks.json (baseline)", &baseline),
            ("POST /oauth/token poll (pending)", &poll),
        ] {
            println!(
                "| {name} | {:.0} | {:.1} | {:.2}x |",
                run.per_second(),
                run.cpu_micros_per_request(),
                run.cpu_micros_per_request() / baseline.cpu_micros_per_request()
            );
        }
        println!("server resident memory: {rss_idle} KiB idle, {rss_loaded} KiB after the load");
    });
    let _ = server.kill();
    let _ = server.wait();
}

struct Run {
    requests: u64,
    elapsed: Duration,
    server_cpu: Duration,
    last_status: u16,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }

    fn cpu_micros_per_request(&self) -> f64 {
        self.server_cpu.as_secs_f64() * 1e6 / self.requests as f64
    }
}

/// Sends requests made by `make` on [`CONNECTIONS`] tasks for [`DURATION`].
async fn load(
    pid: u32,
    make: impl Fn() -> reqwest::RequestBuilder + Clone + Send + 'static,
) -> Run {
    let count = Arc::new(AtomicU64::new(0));
    let status = Arc::new(AtomicU64::new(0));
    let cpu_before = cpu_time(pid);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONNECTIONS {
        let (make, count, status) = (make.clone(), count.clone(), status.clone());
        tasks.push(tokio::spawn(async move {
            while start.elapsed() < DURATION {
                let response = make().send().await.unwrap();
                status.store(u64::from(response.status().as_u16()), Ordering::Relaxed);
                response.bytes().await.unwrap();
                count.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    Run {
        requests: count.load(Ordering::Relaxed),
        elapsed: start.elapsed(),
        server_cpu: cpu_time(pid) - cpu_before,
        last_status: status.load(Ordering::Relaxed) as u16,
    }
}

/// User + system CPU time of a process, from /proc/PID/stat (in clock ticks of 1/100 s).
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after_name = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    Duration::from_millis(ticks * 10)
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap()
}
