#!/usr/bin/env python3
"""Sandbox overhead benchmark: one fixture test run inside bubblewrap and outside, in the same run.

For a C# and a Python fixture it materializes the repository as a fresh git repository with the human fix
applied (so every test passes and `selfheal diagnose` stops right after its first test run), then runs
`selfheal diagnose --json` on fresh copies, alternating `--sandbox bubblewrap` and `--sandbox none`, and reads the
duration of that test run (build included) from the run's JSON. Both go through the same code path
(SandboxedCommandRunner, same environment and package caches); only the sandbox differs. A plain run of the
fixture's own test command, outside SelfHeal, is timed alongside for reference.

Usage: python3 bench/sandbox.py [--repetitions 5] [--filter csharp/] [--cli path/to/selfheal.dll] [--json out.json]
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from localization import FIXTURES, ROOT, bench_env, ensure_cli, materialize, time_test_run  # noqa: E402

DEFAULT_FIXTURES = ["csharp/invoice-service", "python/invoice-volume-discount"]


def seconds(timespan):
    """A .NET TimeSpan as System.Text.Json writes it ("00:00:12.3456789", or "1.00:00:00") in seconds."""
    match = re.fullmatch(r"(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)", timespan)
    days, hours, minutes, secs = match.groups()
    return int(days or 0) * 86400 + int(hours) * 3600 + int(minutes) * 60 + float(secs)


def fixed_copy(fixture, into):
    repo = materialize(fixture, into)
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com"]
    subprocess.run(["git", "apply", str(fixture / "fix.patch")], cwd=repo, check=True)
    subprocess.run(git + ["commit", "-q", "-am", "human fix"], cwd=repo, check=True)
    return repo


def sandboxed_test_run(cli, fixture, instance, into, env, sandbox):
    """Seconds of the test run of `selfheal diagnose --sandbox SANDBOX` on a fresh, fixed copy."""
    repo = fixed_copy(fixture, into)
    command = ["dotnet", cli, "diagnose", "--repo", str(repo), "--json", "--sandbox", sandbox]
    if instance.get("test_command"):
        command += ["--test", instance["test_command"]]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    try:
        runs = json.loads(done.stdout)["testRuns"]
    except (json.JSONDecodeError, KeyError):
        sys.exit(f"selfheal diagnose failed (exit {done.returncode}): {done.stderr.strip()[-400:]}")
    if not runs or runs[0].get("problem") or runs[0]["failed"] != 0:
        sys.exit(f"the fixed copy of {instance['id']} did not pass its tests under --sandbox {sandbox}: {runs}")
    return seconds(runs[0]["duration"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repetitions", type=int, default=5, help="runs per fixture and sandbox")
    parser.add_argument("--filter", default="", help="only fixtures whose id starts with this")
    parser.add_argument("--cli", default=str(ROOT / "src/SelfHeal.Cli/bin/Release/net10.0/SelfHeal.Cli.dll"))
    parser.add_argument("--json", help="also write the results as JSON to this file")
    args = parser.parse_args()

    ensure_cli(args.cli)
    home = Path(tempfile.mkdtemp(prefix="selfheal-bench-home-"))
    env = bench_env(home)
    rows = []
    for fixture_id in DEFAULT_FIXTURES:
        if not fixture_id.startswith(args.filter):
            continue
        fixture = FIXTURES / fixture_id
        instance = json.loads((fixture / "instance.json").read_text())
        times = {"plain": [], "none": [], "bubblewrap": []}
        with tempfile.TemporaryDirectory(prefix="selfheal-bench-") as tmp:
            # One warm-up of each, not counted: the first run fills SelfHeal's package cache and the OS's file cache.
            for sandbox in ("bubblewrap", "none"):
                sandboxed_test_run(args.cli, fixture, instance, Path(tmp) / f"warm-{sandbox}", env, sandbox)
            for i in range(args.repetitions):
                # Alternate so that drift in the machine's load hits both sides alike.
                order = ("bubblewrap", "none") if i % 2 == 0 else ("none", "bubblewrap")
                for sandbox in order:
                    times[sandbox].append(sandboxed_test_run(args.cli, fixture, instance, Path(tmp) / f"{sandbox}-{i}", env, sandbox))
                times["plain"].append(time_test_run(fixture, instance, Path(tmp) / f"plain-{i}", env))
                print(f"{fixture_id:<34} #{i + 1}  bubblewrap {times['bubblewrap'][-1]:6.2f}s  none {times['none'][-1]:6.2f}s  plain {times['plain'][-1]:6.2f}s", flush=True)
        medians = {k: statistics.median(v) for k, v in times.items()}
        overhead = (medians["bubblewrap"] / medians["none"] - 1) * 100
        rows.append({"id": fixture_id, "repetitions": args.repetitions, "runs": times, "medians": medians, "overhead_percent": round(overhead, 1)})

    print()
    print(f"{'fixture':<34} {'runs':>4} {'median bubblewrap':>18} {'median none':>12} {'overhead':>9} {'plain (reference)':>18}")
    for r in rows:
        m = r["medians"]
        print(f"{r['id']:<34} {r['repetitions']:>4} {m['bubblewrap']:>17.2f}s {m['none']:>11.2f}s {r['overhead_percent']:>+8.1f}% {m['plain']:>17.2f}s")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
