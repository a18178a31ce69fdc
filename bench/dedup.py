#!/usr/bin/env python3
"""De-duplication quality: how well the server's triage groups reports of the same bug.

Reads bench/data/dedup-corpus.jsonl (reports with their true duplicate group; bench/data/dedup_corpus.py writes
it), starts the real server (`selfheal serve`, a fresh SQLite database per run, loopback), sends every report to
`POST /api/v1/bugs` in the corpus order, and compares the bug each report was stored in with its true group:
pairwise precision (of the report pairs put in one bug, how many are one bug), recall (of the pairs that are one
bug, how many were put together) and F1, and the group counts. The `tune` half, the `heldout` half and the whole
corpus are each run on their own database.

Usage: python3 bench/dedup.py [--cli path/to/SelfHeal.Cli.dll] [--corpus file.jsonl] [--json out.json]
       [--setting Triage__SimilarityThreshold=0.5 ...]
"""
import argparse
import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from localization import ROOT, bench_env, ensure_cli  # noqa: E402

CORPUS = ROOT / "bench" / "data" / "dedup-corpus.jsonl"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method, url, key, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as response:
        return json.loads(response.read() or b"null")


def run(cli, rows, settings):
    """Stores every row's report on a fresh server; returns the bug id of each, in order."""
    with tempfile.TemporaryDirectory(prefix="selfheal-dedup-") as home:
        env = bench_env(home)
        env.update({"Limits__RequestsPerWindow": "1000000"}, **dict(s.split("=", 1) for s in settings))
        db = str(Path(home) / "bugs.db")
        key = subprocess.run(["dotnet", cli, "apikey", "create", "--role", "admin", "--db", db],
                             capture_output=True, text=True, env=env, check=True).stdout.strip()
        port = free_port()
        server = subprocess.Popen(["dotnet", cli, "serve", "--urls", f"http://127.0.0.1:{port}", "--db", db],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(f"{base}/ready", timeout=5)
                    break
                except (urllib.error.URLError, ConnectionError):
                    if server.poll() is not None:
                        sys.exit(f"selfheal serve exited: {server.stdout.read()}")
                    time.sleep(0.1)
            bugs = []
            for row in rows:
                answer = request("POST", f"{base}/api/v1/bugs", key, row["report"])
                bugs.append(answer["bugId"])
            return bugs
        finally:
            server.terminate()
            server.wait(timeout=30)


def has_trace(report):
    return bool(report.get("stackTrace")) or "Traceback" in (report.get("description", "") + report.get("log", "")) or any(
        marker in (report.get("description", "") + report.get("log", "")) for marker in ("   at ", "\tat ", "goroutine ", "    at "))


def score(rows, bugs):
    counts = {"tp": 0, "fp": 0, "fn": 0}
    kinds = {k: {"tp": 0, "fp": 0, "fn": 0} for k in ("trace-trace", "trace-text", "text-text")}
    for (a, bug_a), (b, bug_b) in itertools.combinations(zip(rows, bugs), 2):
        same_true, same_pred = a["group"] == b["group"], bug_a == bug_b
        outcome = "tp" if same_true and same_pred else "fp" if same_pred else "fn" if same_true else None
        if outcome:
            counts[outcome] += 1
            traces = has_trace(a["report"]) + has_trace(b["report"])
            kinds[{2: "trace-trace", 1: "trace-text", 0: "text-text"}[traces]][outcome] += 1

    def prf(c):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, **c}

    groups = {r["group"] for r in rows}
    members = {}
    for row, bug in zip(rows, bugs):
        members.setdefault(bug, set()).add(row["group"])
    exact = sum(1 for g in groups if {b for r, b in zip(rows, bugs) if r["group"] == g} in
                [{b} for b in members if members[b] == {g}])
    return {"reports": len(rows), "true_groups": len(groups), "bugs": len(members), "exact_groups": exact,
            **prf(counts), "by_kind": {k: prf(v) for k, v in kinds.items()}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", default=str(ROOT / "src/SelfHeal.Cli/bin/Release/net10.0/SelfHeal.Cli.dll"))
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--setting", action="append", default=[], help="server setting NAME=VALUE (environment form)")
    parser.add_argument("--json")
    args = parser.parse_args()
    ensure_cli(args.cli)
    rows = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    results = {}
    for part in ("tune", "heldout", "all"):
        subset = [r for r in rows if part == "all" or r["split"] == part]
        results[part] = score(subset, run(args.cli, subset, args.setting))
    print(f"{'part':8} {'reports':>7} {'groups':>6} {'bugs':>5} {'exact':>5} {'precision':>9} {'recall':>6} {'F1':>6}   "
          "recall by pair kind (trace-trace / trace-text / text-text)")
    for part, r in results.items():
        kinds = " / ".join(f"{r['by_kind'][k]['recall']:.3f}" for k in ("trace-trace", "trace-text", "text-text"))
        print(f"{part:8} {r['reports']:7} {r['true_groups']:6} {r['bugs']:5} {r['exact_groups']:5} "
              f"{r['precision']:9.3f} {r['recall']:6.3f} {r['f1']:6.3f}   {kinds}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
