"""``make bench-peers``: how much faster tradefig finds money and percent mentions than
quantulum3 and Microsoft Recognizers-Text, on the same 20 KB of ``002_….txt``.

The peers live in their own venv (``.venv-peers``, made by the Makefile), so their pins never
touch ours; this script times them there and tradefig here, each warmed up first, and prints
the ratios. tradefig's time is its whole ``mentions`` pipeline (cleaning, sentences, every
recogniser), which does more than find money and percent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = next((ROOT / "fixtures" / "articles").glob("002_*.txt"))
SIZE = 20_000

PEER_SCRIPT = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")
text = open(sys.argv[1], encoding="utf-8").read()
repeats = int(sys.argv[2])
out = {}

def best(call):
    call(text[:2000])  # warm-up: lazy loading and compiled patterns
    times = []
    for _ in range(repeats):
        start = time.perf_counter(); found = call(text); times.append(time.perf_counter() - start)
    return min(times), found

try:
    from quantulum3 import parser
    def q(t):
        return sum(1 for x in parser.parse(t) if x.unit.entity.name in {"currency", "dimensionless"}
                   and (x.unit.entity.name == "currency" or "percent" in x.unit.name))
    seconds, found = best(q)
    out["quantulum3"] = {"seconds": seconds, "found": found}
except Exception as error:
    out["quantulum3"] = {"error": repr(error)}

try:
    try:  # the packages' current names, then the older ones
        from ms_recognizers_text import Culture
        from ms_recognizers_number import recognize_percentage
        from ms_recognizers_number_with_unit import recognize_currency
    except ImportError:
        from recognizers_text import Culture
        from recognizers_number import recognize_percentage
        from recognizers_number_with_unit import recognize_currency
    def ms(t):
        return len(recognize_currency(t, Culture.English)) + len(recognize_percentage(t, Culture.English))
    seconds, found = best(ms)
    out["Recognizers-Text"] = {"seconds": seconds, "found": found}
except Exception as error:
    out["Recognizers-Text"] = {"error": repr(error)}
print(json.dumps(out))
"""


def _sample(path: Path) -> Path:
    """The first 20 KB of the book, cut at a line break."""
    text = BOOK.read_text(encoding="utf-8")
    cut = text.rfind("\n", 0, SIZE)
    path.write_text(text[: cut if cut > 0 else SIZE], encoding="utf-8")
    return path


def _ours(text: str, repeats: int) -> tuple[float, int]:
    from tradefig.api import mention_rows_for

    mention_rows_for(text[:2000])
    times = []
    found = 0
    for _ in range(repeats):
        start = time.perf_counter()
        rows = mention_rows_for(text)
        times.append(time.perf_counter() - start)
        found = sum(1 for r in rows if r["kind"] in {"money", "percent"})
    return min(times), found


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--peers-python", required=True, help="the Python of the peers' venv")
    options.add_argument("--repeats", type=int, default=3)
    args = options.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as temp:
        sample = _sample(Path(temp) / "sample.txt")
        text = sample.read_text(encoding="utf-8")
        print(f"money and percent mentions in the first {len(text.encode('utf-8')):,} bytes of {BOOK.name}")
        ours, found = _ours(text, args.repeats)
        print(f"  tradefig            {ours * 1000:8.1f} ms  ({found} money/percent mentions; whole pipeline)")
        result = subprocess.run(
            [args.peers_python, "-c", PEER_SCRIPT, str(sample), str(args.repeats)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            print(result.stderr[-2000:], file=sys.stderr)
            sys.exit(1)
        peers = json.loads(result.stdout.strip().splitlines()[-1])
    for name, measured in peers.items():
        if "error" in measured:
            print(f"  {name:18s}  failed: {measured['error']}")
            continue
        ratio = measured["seconds"] / ours
        print(
            f"  {name:18s} {measured['seconds'] * 1000:8.1f} ms  ({measured['found']} found)  "
            f"tradefig is {ratio:.1f}x {'faster' if ratio >= 1 else 'slower'}"
        )


if __name__ == "__main__":
    main()
