#!/usr/bin/env python3
"""LLM repair benchmark: tokens, cost and SelfHeal's own time around model calls, per recorded transcript.

For each recorded transcript under tests/SelfHeal.Cli.Tests/TestData/Llm/<name>.json (the assistant answers
of an agentless run on tests/fixtures/<fixture>, with the token counts the provider reported) it
  1. starts a local OpenAI-compatible server that replays the transcript and times its own handling,
  2. runs `selfheal fix --model MODEL --base-url ... --engine llm --json` on a fresh copy of the fixture,
  3. reads the run's model calls (`selfheal runs show ID --json`): tokens, cost as priced by SelfHeal, and
     each call's duration as SelfHeal measured it; the time SelfHeal adds around a call is that duration
     minus the server's own handling time (the real SDK, HTTP on loopback, decorators, recording).

Usage: python3 bench/llm.py [--model openai:gpt-4.1] [--json out.json]
"""
import argparse
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from localization import FIXTURES, ROOT, bench_env, ensure_cli, materialize  # noqa: E402

TRANSCRIPTS = ROOT / "tests" / "SelfHeal.Cli.Tests" / "TestData" / "Llm"


class Replay(http.server.BaseHTTPRequestHandler):
    calls = []
    server_ms = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        start = time.perf_counter()
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if not Replay.calls:
            self.send_response(400)
            self.end_headers()
            return
        call = Replay.calls.pop(0)
        reply = json.dumps({
            "id": "chatcmpl-bench", "object": "chat.completion", "created": 1763900000, "model": body.get("model", "?"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": call["answer"]}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": call["input_tokens"], "completion_tokens": call["output_tokens"], "total_tokens": call["input_tokens"] + call["output_tokens"]},
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
        Replay.server_ms.append((time.perf_counter() - start) * 1000)

    def log_message(self, *args):
        pass


def seconds(duration):
    """A .NET TimeSpan as JSON ("00:00:00.1234567") in seconds."""
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="openai:gpt-4.1")
    parser.add_argument("--cli", default=str(ROOT / "src/SelfHeal.Cli/bin/Release/net10.0/SelfHeal.Cli.dll"))
    parser.add_argument("--json")
    args = parser.parse_args()
    ensure_cli(args.cli)
    home = Path(tempfile.mkdtemp(prefix="selfheal-bench-home-"))
    env = bench_env(home) | {"OPENAI_API_KEY": "sk-bench-unused"}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    rows = []
    for transcript_file in sorted(TRANSCRIPTS.glob("*.json")):
        transcript = json.loads(transcript_file.read_text())
        fixture = FIXTURES / transcript["fixture"]
        instance = json.loads((fixture / "instance.json").read_text())
        Replay.calls, Replay.server_ms = list(transcript["calls"]), []
        with tempfile.TemporaryDirectory(prefix="selfheal-bench-") as tmp:
            repo = materialize(fixture, Path(tmp) / "fix")
            start = time.monotonic()
            done = subprocess.run(["dotnet", args.cli, "fix", "--repo", str(repo), "--model", args.model, "--base-url", base_url, "--engine", "llm",
                                   "--json", "--issue", instance["description"]], capture_output=True, text=True, env=env)
            fix_seconds = time.monotonic() - start
        result = json.loads(done.stdout)
        shown = subprocess.run(["dotnet", args.cli, "runs", "show", result["runId"], "--json"], capture_output=True, text=True, env=env, check=True)
        calls = [e["event"] for e in json.loads(shown.stdout)["events"] if e["event"]["type"] == "model.called"]
        overhead = [seconds(c["duration"]) * 1000 - s for c, s in zip(calls, Replay.server_ms)]
        rows.append({
            "transcript": transcript_file.stem, "fixture": transcript["fixture"], "fixed": bool(result.get("delivery")), "calls": len(calls),
            "input_tokens": sum(c["inputTokens"] for c in calls), "output_tokens": sum(c["outputTokens"] for c in calls),
            "cost_usd": round(sum(c["cost"] for c in calls), 5), "median_overhead_ms": round(statistics.median(overhead), 1) if overhead else None,
            "max_overhead_ms": round(max(overhead), 1) if overhead else None, "model_seconds": round(sum(seconds(c["duration"]) for c in calls), 2),
            "fix_seconds": round(fix_seconds, 2),
        })
        print(json.dumps(rows[-1]), flush=True)
    server.shutdown()
    print()
    print(f"| transcript | fixed | calls | tokens in | tokens out | cost ({args.model}) | median / max time added per call | fix wall time |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['transcript']} | {'yes' if r['fixed'] else 'no'} | {r['calls']} | {r['input_tokens']} | {r['output_tokens']} | ${r['cost_usd']:.4f} | "
              f"{r['median_overhead_ms']} / {r['max_overhead_ms']} ms | {r['fix_seconds']} s |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
