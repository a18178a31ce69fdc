#!/usr/bin/env python3
"""Intake load benchmark: POST /api/v1/bugs and the GitHub webhook under load, beside bare Kestrel as the ceiling.

Starts `selfheal serve` (Release, embedded SQLite, a fresh data folder) and a bare Kestrel app
(bench/kestrel-ceiling: reads the body, answers 201) on loopback, then drives each from this second process with
`hey` (Debian package `hey`): first at a fixed rate (default 500 requests/s: 50 workers at 10/s each), then
unthrottled. Every request is timed by hey; p50/p99 and requests/s are computed from hey's per-request CSV.

- ceiling: POST /bugs on bare Kestrel.
- api: POST /api/v1/bugs with a reporter key; the same report each time, so each request is a real write (an
  occurrence of the bug: key check, validation, triage, SQLite insert).
- github: POST /channels/github with a valid X-Hub-Signature-256; hey cannot vary headers per request, so after
  the first delivery every request is a replay (signature check on the raw bytes + the delivery-id lookup).

Usage: python3 bench/intake.py [--seconds 15] [--rate 500] [--workers 50] [--json out.json]
"""
import argparse
import csv
import hashlib
import hmac
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "src/SelfHeal.Cli/bin/Release/net10.0/SelfHeal.Cli.dll"
CEILING = ROOT / "bench/kestrel-ceiling/bin/Release/net10.0/KestrelCeiling.dll"
GITHUB_PAYLOAD = ROOT / "tests/SelfHeal.Server.Tests/TestData/github/issues-opened.json"
SECRET = "bench-webhook-secret"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url, process, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{url} exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{url} was not ready within {seconds} s")


def hey(url, seconds, workers, rate, headers, body_file, content_type="application/json"):
    command = ["hey", "-z", f"{seconds}s", "-c", str(workers), "-m", "POST", "-T", content_type, "-D", str(body_file), "-o", "csv"]
    if rate:
        command += ["-q", str(max(1, rate // workers))]
    for header in headers:
        command += ["-H", header]
    done = subprocess.run(command + [url], capture_output=True, text=True, check=True)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    if not rows:
        sys.exit(f"hey sent nothing to {url}: {done.stderr.strip()[-300:]}")
    times = sorted(float(r["response-time"]) * 1000 for r in rows)
    statuses = {}
    for r in rows:
        statuses[r["status-code"]] = statuses.get(r["status-code"], 0) + 1
    elapsed = max(float(r["offset"]) + float(r["response-time"]) for r in rows)
    return {
        "requests": len(rows),
        "rps": round(len(rows) / elapsed, 1),
        "p50_ms": round(percentile(times, 50), 2),
        "p99_ms": round(percentile(times, 99), 2),
        "max_ms": round(times[-1], 2),
        "statuses": statuses,
    }


def percentile(sorted_values, p):
    k = (len(sorted_values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rate", type=int, default=500, help="total requests/s of the fixed-rate runs")
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--json")
    args = parser.parse_args()
    if not shutil.which("hey"):
        sys.exit("hey is not installed: apt-get install hey")
    subprocess.run(["dotnet", "build", str(ROOT / "src/SelfHeal.Cli"), "-c", "Release", "-nologo", "-v", "quiet"], check=True)
    subprocess.run(["dotnet", "build", str(ROOT / "bench/kestrel-ceiling"), "-c", "Release", "-nologo", "-v", "quiet"], check=True)

    home = Path(tempfile.mkdtemp(prefix="selfheal-intake-"))
    env = dict(os.environ, SELFHEAL_HOME=str(home), DOTNET_NOLOGO="1", Limits__RequestsPerWindow="1000000",
               Channels__GitHub__Secret=SECRET, Logging__LogLevel__Default="Warning")
    processes = []
    try:
        key = subprocess.run(["dotnet", str(CLI), "apikey", "create", "--role", "reporter"], env=env, capture_output=True, text=True, check=True).stdout.strip()
        viewer = subprocess.run(["dotnet", str(CLI), "apikey", "create", "--role", "viewer"], env=env, capture_output=True, text=True, check=True).stdout.strip()
        serve_port, ceiling_port = free_port(), free_port()
        serve = subprocess.Popen(["dotnet", str(CLI), "serve", "--urls", f"http://127.0.0.1:{serve_port}"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ceiling = subprocess.Popen(["dotnet", str(CEILING), "--urls", f"http://127.0.0.1:{ceiling_port}"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes += [serve, ceiling]
        wait_ready(f"http://127.0.0.1:{serve_port}/health", serve)
        time.sleep(1)

        report = home / "report.json"
        report.write_text(json.dumps({
            "title": "NullReferenceException in Checkout.Total",
            "stackTrace": "System.NullReferenceException: Object reference not set to an instance of an object.\n"
                          "   at Shop.Checkout.Total(Cart cart) in /src/Shop/Checkout.cs:line 42\n"
                          "   at Shop.Api.CheckoutEndpoint.Post(Order order) in /src/Shop/Api/CheckoutEndpoint.cs:line 17",
            "repository": "octo-org/shop",
        }))
        github = home / "github.json"
        payload = GITHUB_PAYLOAD.read_bytes()
        github.write_bytes(payload)
        signature = "sha256=" + hmac.new(SECRET.encode(), payload, hashlib.sha256).hexdigest()

        targets = {
            "ceiling": (f"http://127.0.0.1:{ceiling_port}/bugs", [], report),
            "api": (f"http://127.0.0.1:{serve_port}/api/v1/bugs", [f"Authorization: Bearer {key}"], report),
            "github": (f"http://127.0.0.1:{serve_port}/channels/github", ["X-GitHub-Event: issues", "X-GitHub-Delivery: bench-1", f"X-Hub-Signature-256: {signature}"], github),
        }
        for name, (url, headers, body) in targets.items():  # warm up JIT, connection pools, SQLite
            hey(url, 3, 10, 0, headers, body)
        results = {}
        for mode, rate in (("fixed", args.rate), ("max", 0)):
            for name, (url, headers, body) in targets.items():
                results[f"{name}@{mode}"] = hey(url, args.seconds, args.workers, rate, headers, body)
                print(f"{name:8} {('%d/s' % rate) if rate else 'max':>6}: {results[f'{name}@{mode}']}", file=sys.stderr)
        with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{serve_port}/api/v1/bugs?limit=1", headers={"Authorization": f"Bearer {viewer}"})) as r:
            stored = json.load(r)

        print(f"\n| target | load | requests | req/s | p50 ms | p99 ms | max ms | statuses |")
        print("|---|---|---|---|---|---|---|---|")
        for name, r in results.items():
            target, mode = name.split("@")
            load = f"{args.rate}/s" if mode == "fixed" else f"max ({args.workers} workers)"
            print(f"| {target} | {load} | {r['requests']} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} | {r['max_ms']} | {r['statuses']} |")
        print(f"\nmachine: {os.cpu_count()} cores; the api bug had {stored['bugs'][0]['occurrenceCount'] if stored['bugs'] else 0} occurrences at the end")
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2))
    finally:
        for p in processes:
            p.kill()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
