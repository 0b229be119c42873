#!/usr/bin/env python3
"""TV app figures under Xvfb at 1920x1080, against a baseline built in the same run.

Builds `tvauth` and `examples/baseline_window.rs` — the smallest iced 0.14 app
showing a QR code and a 1 Hz countdown with the same renderer and features — then measures for
both: exec -> first frame and resident memory after 5 s on the Activate screen (medians of five
launches), CPU % of one core over 30 s with the countdown running; and for tvauth: exec -> Home
with a stored session.
Prints a table with ratios to the baseline. Figures, not pass/fail: these machines are shared.

Needs: Xvfb (apt: xvfb), python-xlib (pip: python-xlib). Run: python3 benches/tv_app.py
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZE = (1920, 1080)
FOCUS_RING_BGRX = bytes([0x3B, 0xD4, 0xFF])  # palette::FOCUS as the X server stores it

try:
    from Xlib import X, display as xdisplay
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "python-xlib"], check=True)
    from Xlib import X, display as xdisplay


# Both programs are built with the profile that ships (fat LTO, stripped); BENCH_PROFILE=release
# for a quicker build.
PROFILE = os.environ.get("BENCH_PROFILE", "packaging")


def build():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(
        ["cargo", "build", "--profile", PROFILE, "--bin", "tvauth", "--example", "baseline_window"],
        cwd=ROOT, check=True)
    return (os.path.join(target, PROFILE, "tvauth"),
            os.path.join(target, PROFILE, "examples", "baseline_window"))


def start_xvfb():
    for n in range(90, 120):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}"):
            proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24", "-br"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                    return proc, f":{n}"
                time.sleep(0.05)
    raise SystemExit("no free X display")


def find_window(dpy, title):
    for child in dpy.screen().root.query_tree().children:
        try:
            if child.get_wm_name() == title and child.get_attributes().map_state == X.IsViewable:
                return child
        except Exception:
            pass
    return None


def pixels(window):
    geometry = window.get_geometry()
    return window.get_image(0, 0, geometry.width, geometry.height, X.ZPixmap, 0xFFFFFFFF).data


def painted(data):
    """Anything but the black of an unpainted window."""
    return data.strip(b"\x00") != b""


def wait_for(dpy, title, test, started, timeout=30.0):
    while time.monotonic() - started < timeout:
        window = find_window(dpy, title)
        if window is not None:
            try:
                if test(pixels(window)):
                    return time.monotonic() - started
            except Exception:
                pass
        time.sleep(0.005)
    return None


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def launch(cmd, env, title, dpy, test=painted):
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = wait_for(dpy, title, test, started)
    return proc, first


def median(values):
    values = sorted(v for v in values if v is not None)
    return values[len(values) // 2] if values else None


def first_frame_ms(cmd, env, title, dpy, test=painted, runs=5, rss_at=None):
    """Median over `runs` launches, after one warm-up launch (page cache, font cache); with
    `rss_at` (seconds), also the median resident memory that long after each launch."""
    times, rss = [], []
    for i in range(runs + 1):
        started = time.monotonic()
        proc, first = launch(cmd, env, title, dpy, test)
        if i > 0 and rss_at is not None:
            time.sleep(max(0.0, started + rss_at - time.monotonic()))
            rss.append(rss_kib(proc.pid))
        proc.terminate()
        proc.wait()
        if i > 0 and first is not None:
            times.append(first * 1000)
    return median(times), median(rss)


def measure(cmd, env, title, dpy, cpu_window=30.0):
    first, rss = first_frame_ms(cmd, env, title, dpy, rss_at=5.0)
    proc, _ = launch(cmd, env, title, dpy)
    time.sleep(5)
    before = cpu_seconds(proc.pid)
    time.sleep(cpu_window)
    cpu = 100.0 * (cpu_seconds(proc.pid) - before) / cpu_window
    proc.terminate()
    proc.wait()
    return {"first_frame_ms": first, "rss_kib": rss, "cpu_pct": cpu}


def approve(issuer, user_code):
    page = urllib.request.urlopen(f"{issuer}activate?user_code={user_code}").read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "user_code": user_code, "name": "Bench", "decision": "approve"})
    urllib.request.urlopen(f"{issuer}activate", data=form.encode()).read()


def main():
    tvauth, baseline = build()
    xvfb, display = start_xvfb()
    dpy = xdisplay.Display(display)
    work = tempfile.mkdtemp(prefix="tvauth-bench-")
    server = subprocess.Popen([tvauth, "demo-server", "--data-dir", os.path.join(work, "demo")],
                              stdout=subprocess.PIPE, text=True)
    try:
        issuer = server.stdout.readline().split()[-1]
        config_dir = os.path.join(work, "config")
        os.makedirs(config_dir)
        with open(os.path.join(config_dir, "config.ron"), "w") as f:
            f.write(f'(issuer: "{issuer}", client_id: "tvauth-tv", audience: "urn:tvauth:demo-api", '
                    f'scope: "openid profile email offline_access read:library", '
                    f'api_base_url: "{issuer}api/", home_path: "library")')
        env = dict(os.environ, DISPLAY=display, TVAUTH_CONFIG_DIR=config_dir, LANG="C.UTF-8")
        env.pop("WAYLAND_DISPLAY", None)

        base = measure([baseline], env, "baseline", dpy)
        app = measure([tvauth, "--fullscreen"], env, "tvauth", dpy)

        # A stored session: sign in from the command line, let the app save Home once.
        login = subprocess.Popen([tvauth, "login", "--json"], env=env, stdout=subprocess.PIPE, text=True)
        code = json.loads(login.stdout.readline())
        approve(issuer, code["user_code"])
        login.wait(timeout=60)
        warm, _ = launch([tvauth, "--fullscreen"], env, "tvauth", dpy, lambda d: FOCUS_RING_BGRX in d)
        time.sleep(2)
        warm.terminate()
        warm.wait()
        home_ms, _ = first_frame_ms([tvauth, "--fullscreen"], env, "tvauth", dpy, lambda d: FOCUS_RING_BGRX in d)

        def ratio(a, b):
            return f"{a / b:.2f}x" if a and b else "n/a"

        print(f"TV app under Xvfb {SIZE[0]}x{SIZE[1]}, tiny-skia, profile {PROFILE}; first frames and memory: "
              "median of 5 launches after a warm-up")
        print("| figure | baseline | tvauth | ratio | target |")
        print("| --- | ---: | ---: | ---: | --- |")
        print(f"| exec → first frame | {base['first_frame_ms']:.0f} ms | {app['first_frame_ms']:.0f} ms | "
              f"{ratio(app['first_frame_ms'], base['first_frame_ms'])} | ≤ 1.25x |")
        print(f"| RSS after 5 s on Activate | {base['rss_kib'] / 1024:.1f} MiB | {app['rss_kib'] / 1024:.1f} MiB | "
              f"{ratio(app['rss_kib'], base['rss_kib'])} | ≤ 1.25x |")
        print(f"| CPU over 30 s, countdown running | {base['cpu_pct']:.2f} % | {app['cpu_pct']:.2f} % | "
              f"{ratio(app['cpu_pct'], base['cpu_pct'])} | ≤ 0.5 % |")
        print(f"| exec → Home with a stored session | | {home_ms:.0f} ms | "
              f"{ratio(home_ms, base['first_frame_ms'])} | on the first frame |")
    finally:
        server.terminate()
        dpy.close()
        xvfb.terminate()


if __name__ == "__main__":
    main()
