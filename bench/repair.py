#!/usr/bin/env python3
"""Repair benchmark: runs `selfheal fix` on every fixture and scores the fixes.

For each fixture under tests/fixtures/<language>/<name>/ (repo/ + instance.json + fix.patch) it
  1. times one plain run of the fixture's own tests on a fresh copy (the baseline, same machine, same run),
  2. runs `selfheal fix --json` on a second fresh copy,
  3. plausible = a fix was committed (all tests pass with it); correct = the fixed files equal the human fix's.
It also sums the candidates generated, rejected in memory (before any test) and validated with tests.

Usage: python3 bench/repair.py [--filter python/] [--time-budget 10m] [--json out.json]
"""
import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from localization import FIXTURES, ROOT, bench_env, ensure_cli, materialize, time_test_run  # noqa: E402


def correct(fixture, repo, branch):
    """The branch's versions of the files the human fix touches equal the human fix's result."""
    with tempfile.TemporaryDirectory(prefix="selfheal-truth-") as tmp:
        truth = materialize(fixture, Path(tmp))
        subprocess.run(["git", "apply", str(fixture / "fix.patch")], cwd=truth, check=True)
        changed = subprocess.run(["git", "diff", "--name-only"], cwd=truth, capture_output=True, text=True, check=True).stdout.split()
        for path in changed:
            fixed = subprocess.run(["git", "show", f"{branch}:{path}"], cwd=repo, capture_output=True, text=True)
            if fixed.returncode != 0 or fixed.stdout.rstrip() != (truth / path).read_text().rstrip():
                return False
        return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--filter", default="")
    parser.add_argument("--time-budget", default="10m")
    parser.add_argument("--cli", default=str(ROOT / "src/SelfHeal.Cli/bin/Release/net10.0/SelfHeal.Cli.dll"))
    parser.add_argument("--json")
    args = parser.parse_args()
    ensure_cli(args.cli)
    home = Path(tempfile.mkdtemp(prefix="selfheal-bench-home-"))
    env = bench_env(home)
    rows = []
    for instance_file in sorted(FIXTURES.glob("*/*/instance.json")):
        instance = json.loads(instance_file.read_text())
        if not instance["id"].startswith(args.filter) or instance["language"] not in ("csharp", "python", "javascript", "java"):
            continue
        fixture = instance_file.parent
        with tempfile.TemporaryDirectory(prefix="selfheal-bench-") as tmp:
            tmp = Path(tmp)
            test_seconds = time_test_run(fixture, instance, tmp / "baseline", env)

            repo = materialize(fixture, tmp / "fix")
            cli = ["dotnet", args.cli, "fix", "--repo", str(repo), "--json", "--time-budget", args.time_budget, "--issue", instance["description"]]
            start = time.monotonic()
            done = subprocess.run(cli, capture_output=True, text=True, env=env)
            fix_seconds = time.monotonic() - start
            try:
                result = json.loads(done.stdout)
            except json.JSONDecodeError:
                result = {"status": f"exit {done.returncode}"}
            delivery = result.get("delivery")
            is_correct = bool(delivery) and correct(fixture, repo, delivery["branch"])
            run_json = home / "reports" / f"{result.get('runId', 'none')}.json"
            report = json.loads(run_json.read_text()) if run_json.exists() else {}
        candidates = result.get("candidates") or []
        repair_summary = (result.get("stages") or {}).get("repair", "")
        counts = re.search(r"(\d+) generated, (\d+) rejected", repair_summary)
        generated, rejected = (int(counts.group(1)), int(counts.group(2))) if counts else (0, 0)
        rows.append({
            "id": instance["id"], "language": instance["language"], "plausible": bool(delivery), "correct": is_correct,
            "validated": len(candidates), "generated": generated, "rejected_in_memory": rejected, "fix_seconds": round(fix_seconds, 2), "test_seconds": round(test_seconds, 2),
            "ratio": round(fix_seconds / test_seconds, 2) if test_seconds > 0 else None,
            "template": (result.get("patch") or {}).get("template"), "summary": result.get("summary"),
        })
        r = rows[-1]
        print(f"{r['id']:<42} plausible {str(r['plausible']):<5} correct {str(r['correct']):<5} validated {r['validated']:>3}  "
              f"fix {r['fix_seconds']:7.2f}s  tests {r['test_seconds']:6.2f}s  x{r['ratio']}  {r['template'] or ''}", flush=True)

    shutil.rmtree(home, ignore_errors=True)
    if not rows:
        print("no fixtures matched", file=sys.stderr)
        return 2
    print()
    for language in sorted({r["language"] for r in rows}) + ["all"]:
        group = [r for r in rows if language == "all" or r["language"] == language]
        fixed = [r for r in group if r["plausible"]]
        print(f"{language:<11} n={len(group):<3} plausible {len(fixed) / len(group):6.1%}  correct {sum(r['correct'] for r in group) / len(group):6.1%}  "
              f"median time to fix x{statistics.median(r['ratio'] for r in fixed) if fixed else float('nan'):.2f} of a test run  "
              f"candidates validated {sum(r['validated'] for r in group)} in {sum(r['fix_seconds'] for r in group):.0f}s "
              f"({60 * sum(r['validated'] for r in group) / max(1, sum(r['fix_seconds'] for r in group)):.1f}/min)  "
              f"rejected in memory {sum(r['rejected_in_memory'] for r in group)} of {sum(r['generated'] for r in group)} generated")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
