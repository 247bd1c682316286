"""Command line for the listening coach.

    python -m nearer.coach classify   < pairs.jsonl   # one JSON line out per line in
    python -m nearer.coach evaluate [--record] [--baseline] [--json]
    python -m nearer.coach train

Needs no Django settings, database or environment. ``classify`` writes only
result lines to standard output; anything else goes to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import IO, Any

EXIT_MISSING_DATA = 2


def _parse(line: bytes) -> tuple[str, str] | str:
    """(message, reply), or an error message for a line that cannot be read."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return "line is not valid UTF-8"
    if not text.strip():
        return "blank line: expected a JSON object"
    try:
        record = json.loads(text)
    except ValueError as error:
        return f"invalid JSON: {error}"
    if not isinstance(record, dict):
        return "expected a JSON object with string fields 'message' and 'reply'"
    message = record.get("message")
    reply = record.get("reply")
    if not isinstance(message, str):
        return "'message' must be a string (use \"\" when there is none)"
    if not isinstance(reply, str):
        return "'reply' must be a string"
    return message, reply


def classify(lines: Iterable[bytes], out: IO[str]) -> int:
    from nearer.coach.model import load_model

    model = load_model()
    for line in lines:
        parsed = _parse(line.rstrip(b"\r\n"))
        payload: dict[str, Any]
        if isinstance(parsed, str):
            payload = {"error": parsed}
        else:
            try:
                payload = model.score(*parsed).as_json()
            except Exception as error:  # one bad line never stops the rest
                payload = {"error": f"could not score this line: {type(error).__name__}"}
        out.write(json.dumps(payload) + "\n")
        out.flush()
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from nearer.coach.training.data import MissingDataError

    try:
        from nearer.coach.training import evaluate
    except ImportError as error:
        print(f"evaluate needs the development dependencies ({error}).", file=sys.stderr)
        return 1
    try:
        report = evaluate.evaluate(include_latency=not args.no_latency)
        baseline = evaluate.baseline_cv() if args.baseline else None
    except MissingDataError as error:
        print(f"Cannot evaluate: {error}", file=sys.stderr)
        return EXIT_MISSING_DATA
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(evaluate.format_report(report, baseline))
    if args.record:
        evaluate.write_recorded(evaluate.recordable(report) | {"latency": report.get("latency")})
        print(f"Recorded in {evaluate.RECORDED}", file=sys.stderr)
    return 0


def _train() -> int:
    from nearer.coach.training.data import MissingDataError
    from nearer.coach.training.train import train

    try:
        path, meta = train()
    except MissingDataError as error:
        print(f"Cannot train: {error}", file=sys.stderr)
        return EXIT_MISSING_DATA
    size = path.stat().st_size
    print(f"Wrote {path} ({size / 1e6:.2f} MB) from {meta['examples']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nearer.coach", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("classify", help="score JSON lines from stdin")
    evaluate = commands.add_parser("evaluate", help="cross-validation, test split, latency")
    evaluate.add_argument("--record", action="store_true", help="write recorded_metrics.json")
    evaluate.add_argument("--baseline", action="store_true", help="also run the TF-IDF baseline")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of tables")
    evaluate.add_argument("--no-latency", action="store_true", help="skip part (c)")
    commands.add_parser("train", help="retrain and overwrite the committed model")
    args = parser.parse_args(argv)
    if args.command == "classify":
        out = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        return classify(sys.stdin.buffer, out)
    if args.command == "evaluate":
        return _evaluate(args)
    return _train()


if __name__ == "__main__":
    sys.exit(main())
