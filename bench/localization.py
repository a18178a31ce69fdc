#!/usr/bin/env python3
"""Localization benchmark: runs `selfheal diagnose` on every fixture and scores where the bug was found.

For each fixture under tests/fixtures/<language>/<name>/ (repo/ + instance.json) it
  1. materializes repo/ as a fresh git repository in a temp folder,
  2. times one plain run of the fixture's own tests (the baseline, same machine, same run),
  3. times `selfheal diagnose --json` on a second fresh copy,
  4. checks whether a true buggy line (instance.json buggy_lines) lies in the top-1 / top-5 suspects.

Usage: python3 bench/localization.py [--filter csharp/] [--cli path/to/selfheal.dll] [--json out.json]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def python_with_pytest():
    for candidate in ("python3", "/usr/bin/python3", "python"):
        if shutil.which(candidate) and subprocess.run([candidate, "-c", "import pytest"], capture_output=True).returncode == 0:
            return candidate
    return "python3"


def default_test_command(language):
    return {
        "csharp": ["dotnet", "test"],
        "python": [python_with_pytest(), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        "javascript": ["node", "--test"],
        "java": ["ant", "test"],
    }[language]


def materialize(fixture, into):
    repo = into / "repo"
    shutil.copytree(fixture / "repo", repo, ignore=shutil.ignore_patterns("bin", "obj", "__pycache__", "node_modules"))
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com"]
    subprocess.run(git + ["init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run(git + ["add", "-A"], cwd=repo, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "fixture"], cwd=repo, check=True)
    return repo


def ensure_cli(cli):
    """Builds the CLI in Release when the given binary is missing."""
    if not Path(cli).exists():
        subprocess.run(["dotnet", "build", str(ROOT / "src/SelfHeal.Cli"), "-c", "Release", "-nologo", "-v", "quiet"], check=True)


def bench_env(home):
    """The environment of every command a benchmark runs: a private SelfHeal data folder, no .NET banners."""
    return dict(os.environ, SELFHEAL_HOME=str(home), DOTNET_NOLOGO="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")


def time_test_run(fixture, instance, into, env):
    """Seconds of one plain run of the fixture's own tests on a fresh copy: the baseline."""
    repo = materialize(fixture, into)
    command = instance.get("test_command")
    start = time.monotonic()
    subprocess.run(command if command else default_test_command(instance["language"]), shell=isinstance(command, str),
                   cwd=repo, capture_output=True, env=env)
    return time.monotonic() - start


def hit(suspect, lines):
    return any(s_file == suspect["file"] and suspect["startLine"] <= line <= suspect["endLine"] for s_file, line in lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--filter", default="", help="only fixtures whose id starts with this")
    parser.add_argument("--cli", default=str(ROOT / "src/SelfHeal.Cli/bin/Release/net10.0/SelfHeal.Cli.dll"))
    parser.add_argument("--json", help="also write the results as JSON to this file")
    args = parser.parse_args()

    ensure_cli(args.cli)
    home = Path(tempfile.mkdtemp(prefix="selfheal-bench-home-"))
    env = bench_env(home)
    rows = []
    for instance_file in sorted(FIXTURES.glob("*/*/instance.json")):
        instance = json.loads(instance_file.read_text())
        if not instance["id"].startswith(args.filter):
            continue
        fixture = instance_file.parent
        lines = [(b["file"], b["line"]) for b in instance["buggy_lines"]]
        with tempfile.TemporaryDirectory(prefix="selfheal-bench-") as tmp:
            tmp = Path(tmp)
            test_seconds = time_test_run(fixture, instance, tmp / "baseline", env)
            command = instance.get("test_command")

            repo = materialize(fixture, tmp / "diagnose")
            cli = ["dotnet", args.cli, "diagnose", "--repo", str(repo), "--json", "--issue", instance["description"]]
            if command:
                cli += ["--test", command]
            start = time.monotonic()
            done = subprocess.run(cli, capture_output=True, text=True, env=env)
            diagnose_seconds = time.monotonic() - start
        try:
            result = json.loads(done.stdout)
            suspects = result.get("suspects", [])
        except json.JSONDecodeError:
            result, suspects = {"status": f"exit {done.returncode}: {done.stderr.strip()[-200:]}"}, []
        rank = next((i + 1 for i, s in enumerate(suspects) if hit(s, lines)), None)
        rows.append({
            "id": instance["id"], "language": instance["language"], "status": result.get("status"),
            "rank": rank, "top1": rank == 1, "top5": rank is not None and rank <= 5,
            "test_seconds": round(test_seconds, 2), "diagnose_seconds": round(diagnose_seconds, 2),
            "ratio": round(diagnose_seconds / test_seconds, 2) if test_seconds > 0 else None,
        })
        r = rows[-1]
        print(f"{r['id']:<45} rank {str(r['rank'] or '-'):>3}  tests {r['test_seconds']:6.2f}s  diagnose {r['diagnose_seconds']:6.2f}s  x{r['ratio']}  {r['status']}", flush=True)

    shutil.rmtree(home, ignore_errors=True)
    if not rows:
        print("no fixtures matched", file=sys.stderr)
        return 2
    print()
    for language in sorted({r["language"] for r in rows}) + ["all"]:
        group = [r for r in rows if language == "all" or r["language"] == language]
        top1 = sum(r["top1"] for r in group) / len(group)
        top5 = sum(r["top5"] for r in group) / len(group)
        ratio = statistics.median(r["ratio"] for r in group if r["ratio"] is not None)
        print(f"{language:<11} n={len(group):<3} top-1 {top1:6.1%}  top-5 {top5:6.1%}  median diagnose/test-run x{ratio:.2f}  "
              f"median diagnose {statistics.median(r['diagnose_seconds'] for r in group):.2f}s")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
