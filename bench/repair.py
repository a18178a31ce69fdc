#!/usr/bin/env python3
"""Repair benchmark: `selfheal bench` over the fixtures, summarized per language.

`selfheal bench tests/fixtures --baseline` does the work: for each fixture under
tests/fixtures/<language>/<name>/ (repo/ + instance.json + fix.patch) it times one plain run of the
fixture's own tests on a fresh copy (the baseline, same machine, same run), runs `fix` on a second
copy, and scores it: plausible = a fix passed every validation layer and was committed; correct =
the fixed files mean the same code as the human fix. This script groups its rows by language.

Usage: python3 bench/repair.py [--filter python/] [--time-budget 10m] [--json out.json]
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from localization import FIXTURES, ROOT, bench_env, ensure_cli  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--filter", default="", help="only fixtures whose id contains this")
    parser.add_argument("--time-budget", default="10m")
    parser.add_argument("--cli", default=str(ROOT / "src/SelfHeal.Cli/bin/Release/net10.0/SelfHeal.Cli.dll"))
    parser.add_argument("--json", help="also write the rows as JSON to this file")
    args = parser.parse_args()
    ensure_cli(args.cli)
    with tempfile.TemporaryDirectory(prefix="selfheal-bench-home-") as home:
        command = ["dotnet", args.cli, "bench", str(FIXTURES), "--baseline", "--json", "--time-budget", args.time_budget]
        if args.filter:
            command += ["--filter", args.filter]
        # Progress (one line per instance) goes to stderr, straight to the terminal.
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=bench_env(Path(home)))
    if done.returncode != 0:
        return done.returncode
    rows = json.loads(done.stdout)["instances"]
    languages = {}
    for instance_file in FIXTURES.glob("*/*/instance.json"):
        instance = json.loads(instance_file.read_text())
        languages[instance["id"]] = instance["language"]
    print()
    for language in sorted({languages[r["id"]] for r in rows}) + ["all"]:
        group = [r for r in rows if language == "all" or languages[r["id"]] == language]
        fixed = [r for r in group if r["plausible"]]
        seconds = sum(r["seconds"] for r in group)
        validated = sum(r["validated"] for r in group)
        ratios = [r["seconds"] / r["baselineSeconds"] for r in fixed if r.get("baselineSeconds")]
        print(f"{language:<11} n={len(group):<3} plausible {len(fixed) / len(group):6.1%}  correct {sum(bool(r['correct']) for r in group) / len(group):6.1%}  "
              f"median time to fix x{statistics.median(ratios) if ratios else float('nan'):.2f} of a test run  "
              f"candidates validated {validated} in {seconds:.0f}s ({60 * validated / max(1.0, seconds):.1f}/min)  "
              f"rejected in memory {sum(r['rejectedInMemory'] for r in group)} of {sum(r['generated'] for r in group)} generated")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
