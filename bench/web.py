#!/usr/bin/env python3
"""The web app's render benchmark: how long koers takes to make its pages for a plan of 500
milestones (issue 17: "a page with 500 milestones renders within a budget").

It generates a plan of 500 milestones (1,000 dependencies) in a scratch SQLite file, serves it
with `--allow-anonymous`, and asks each page ROUNDS times, one request at a time, after one
warm-up: the Tijdlijn of all 500, the Tijdlijn by phase in quarters, Mijn overzicht, and one
milestone's page. It prints, per page, the median and the 90th percentile in milliseconds, the
page's size, how many milestones it drew, and the median over the page's budget (from
bench/thresholds.json, "web_budget_ms", calibrated for the test build's binary on this 2-core
machine). It fails when a median is over its budget or the Tijdlijn does not draw all 500.

    python3 bench/web.py [--rounds N]    (KOERS_BIN: the binary; default target/debug/koers)
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MILESTONES = 500


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    """The body of `url` and the seconds it took."""
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
    return body, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    binary = os.environ.get("KOERS_BIN", os.path.join(ROOT, "target", "debug", "koers"))
    with open(os.path.join(ROOT, "bench", "thresholds.json")) as f:
        budgets = json.load(f)["web_budget_ms"]
    work = tempfile.mkdtemp(prefix="koers-web-bench-")
    url = f"sqlite://{work}/koers.db?mode=rwc"
    env = {**os.environ, "RUST_LOG": "error"}
    subprocess.run(
        [binary, "generate", "--size", "s", "--milestones", str(MILESTONES), "--database-url", url],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )
    port = free_port()
    server = subprocess.Popen(
        [binary, "serve", "--allow-anonymous", "--database-url", url, "--listen", f"127.0.0.1:{port}",
         "--rate-per-minute", "0"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    failures = []
    try:
        for _ in range(300):
            try:
                get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("koers did not start")
        timeline, _ = get(f"{base}/tijdlijn")
        first = re.search(rb'href="(/mijlpalen/[A-Za-z0-9_-]+)"', timeline)
        pages = {
            "tijdlijn_500": "/tijdlijn",
            "tijdlijn_500_by_phase_in_quarters": "/tijdlijn?groep=fase&zoom=kwartalen",
            "overzicht": "/",
            "mijlpaal": first.group(1).decode() if first else "/mijlpalen/none",
        }
        print(f"web pages of a plan of {MILESTONES} milestones, {args.rounds} rounds each (ms):")
        print(f"{'page':38} {'median':>8} {'p90':>8} {'KiB':>7} {'drawn':>6} {'budget':>7} {'ratio':>6}")
        for name, path in pages.items():
            get(base + path)  # warm-up
            times = []
            body = b""
            for _ in range(args.rounds):
                body, seconds = get(base + path)
                times.append(seconds * 1000)
            median = statistics.median(times)
            p90 = sorted(times)[max(0, int(len(times) * 0.9) - 1)]
            picture = body[body.find(b'class="koers-timeline" width'):]
            drawn = len(re.findall(rb'<a href="/mijlpalen/', picture.split(b"</svg>")[0]))
            budget = budgets[name]
            ratio = median / budget
            print(f"{name:38} {median:8.1f} {p90:8.1f} {len(body) / 1024:7.0f} {drawn:6} {budget:7} {ratio:6.2f}")
            if median > budget:
                failures.append(f"{name}: median {median:.0f} ms over its budget of {budget} ms")
            if name.startswith("tijdlijn") and drawn != MILESTONES:
                failures.append(f"{name}: drew {drawn} milestones, not {MILESTONES}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        subprocess.run(["rm", "-rf", work], check=False)
    if failures:
        print("web benchmark FAILED: " + "; ".join(failures))
        sys.exit(1)
    print("web benchmark ok: every page within its budget")


if __name__ == "__main__":
    main()
