"""``make bench``: the speed and memory targets of issue #7, each measured side by side in one
run (these machines are noisy, so every figure is a ratio to something timed alongside it).

    python -m bench.bench            # everything
    python -m bench.bench start      # one section: start, throughput, jobs, memory, growth

BENCH_BUDGET (seconds, default 100) caps each memory run: the peak is reached within the first
pieces of a large input, and a run still going at the cap is stopped and reported as such.
BENCH_GROWTH_BUDGET (default 60) caps each adversarial run (reported as 'inf').
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TRADEFIG = [PYTHON, "-m", "tradefig"]
ARTICLES = ROOT / "fixtures" / "articles"
BOOK = next(ARTICLES.glob("002_*.txt"))
SMALL = next(ARTICLES.glob("000_*.txt"))
CORPORA = [ARTICLES, ROOT.parent / "shared" / "corpus" / "articles", ROOT.parent / "fresh" / "articles"]
BUDGET = float(os.environ.get("BENCH_BUDGET", "100"))
GROWTH_BUDGET = float(os.environ.get("BENCH_GROWTH_BUDGET", "60"))  # per adversarial run

BARE_APP = """
import sys
import typer

app = typer.Typer()


@app.command()
def main(path: str) -> None:
    sys.stdout.write(open(path, encoding="utf-8").read())


app()
"""


def say(line: str = "") -> None:
    print(line, flush=True)


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def timed(command: list[str], **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - start


# --- cold start -----------------------------------------------------------------------------------


def bench_start(work: Path) -> None:
    say("== cold start: `tradefig extract 000_….txt --format csv` vs a bare typer app printing the file")
    bare = work / "bare_typer.py"
    bare.write_text(BARE_APP, encoding="utf-8")
    # both sides from bytecode, as an installed package is (pip compiles typer's on install)
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "tradefig"), str(bare)], check=True)
    ours = [*TRADEFIG, "extract", str(SMALL), "--format", "csv"]
    theirs = [PYTHON, str(bare), str(SMALL)]
    timed(ours, cwd=ROOT)  # fills the pattern cache once, like any first run after an install
    timed(theirs)
    a: list[float] = []
    b: list[float] = []
    for _ in range(15):  # alternating, so both see the same machine
        a.append(timed(ours, cwd=ROOT))
        b.append(timed(theirs))
    ratio = statistics.median(a) / statistics.median(b)
    say(f"  tradefig   median {statistics.median(a) * 1000:7.1f} ms  (min {min(a) * 1000:.1f})")
    say(f"  bare typer median {statistics.median(b) * 1000:7.1f} ms  (min {min(b) * 1000:.1f})")
    say(f"  ratio {ratio:.2f}x   target <= 1.5x: {verdict(ratio <= 1.5)}")


# --- throughput -----------------------------------------------------------------------------------


def bench_throughput(work: Path) -> None:
    say("== throughput: extraction vs one re.findall(r'\\d[\\d,.]*', text) pass, same interpreter")
    code = r"""
import re, sys, time
from tradefig.api import extract_rows
text = open(sys.argv[1], encoding="utf-8").read() * int(sys.argv[2])
extract_rows("Warm-up: exports rose 5% to $2 billion in 2024.")
regex_times = []
for _ in range(5):
    t = time.perf_counter(); re.findall(r'\d[\d,.]*', text); regex_times.append(time.perf_counter() - t)
t = time.perf_counter(); rows = extract_rows(text, doc="book"); ours = time.perf_counter() - t
for _ in range(5):
    t = time.perf_counter(); re.findall(r'\d[\d,.]*', text); regex_times.append(time.perf_counter() - t)
print(len(text.encode("utf-8")), ours, min(regex_times), len(rows))
"""
    for copies in (1, 6):
        out = subprocess.run(
            [PYTHON, "-c", code, str(BOOK), str(copies)], check=True, capture_output=True, text=True, cwd=ROOT
        ).stdout.split()
        size, ours, base, rows = int(out[0]), float(out[1]), float(out[2]), int(out[3])
        ratio = ours / base
        label = "the book" if copies == 1 else "six copies"
        say(
            f"  {label:10s} {size / 1e6:5.2f} MB: {ours:7.2f} s = {size / 1e6 / ours:6.3f} MB/s; "
            f"regex pass {base * 1000:6.1f} ms; ratio {ratio:7.0f}x ({rows} rows)   "
            f"target <= 25x: {verdict(ratio <= 25)}"
        )


# --- all cores ------------------------------------------------------------------------------------


def _folder_of_articles(work: Path, count: int = 150) -> Path:
    texts = [p for corpus in CORPORA if corpus.is_dir() for p in sorted(corpus.glob("*.txt"))]
    texts = [p for p in texts if p.stat().st_size < 200_000]  # the book alone would dominate
    folder = work / "articles"
    folder.mkdir(exist_ok=True)
    for i in range(count):
        source = texts[i % len(texts)]
        shutil.copyfile(source, folder / f"{i:04d}_{source.name}")
    return folder


def bench_jobs(work: Path) -> None:
    folder = _folder_of_articles(work)
    files = len(list(folder.glob("*.txt")))
    size = sum(p.stat().st_size for p in folder.glob("*.txt"))
    say(f"== all cores: {files} articles ({size / 1e6:.1f} MB), --jobs 1 vs --jobs 2 ({os.cpu_count()} cores)")
    base = [*TRADEFIG, "extract", str(folder), "--format", "csv", "--quiet"]
    one: list[float] = []
    two: list[float] = []
    outputs: dict[str, bytes] = {}
    cores: dict[str, float] = {}
    for _ in range(2):  # alternating
        for jobs, times in (("1", one), ("2", two)):
            out = work / f"jobs{jobs}.csv"
            wall, cpu = _wall_and_cpu([*base, "--jobs", jobs, "-o", str(out)])
            outputs[jobs] = out.read_bytes()
            times.append(wall)
            cores[jobs] = cpu / wall
    a, b = outputs["1"], outputs["2"]
    speedup = min(one) / min(two)
    say(f"  --jobs 1 {min(one):6.2f} s   --jobs 2 {min(two):6.2f} s   speed-up {speedup:.2f}x   same output: {a == b}")
    say(
        f"  cores busy on average (CPU s / wall s of the process tree): --jobs 1 {cores['1']:.2f}, "
        f"--jobs 2 {cores['2']:.2f}; load average now {os.getloadavg()[0]:.2f} (other work shares the cores)"
    )
    say(f"  target >= 1.6x: {verdict(speedup >= 1.6 and a == b)}")


def _wall_and_cpu(command: list[str]) -> tuple[float, float]:
    """Wall seconds of a command and CPU seconds of it and every process under it."""
    import psutil

    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT)
    cpu: dict[int, float] = {}
    while process.poll() is None:
        try:
            for child in [process, *process.children(recursive=True)]:
                times = child.cpu_times()
                cpu[child.pid] = times.user + times.system
        except psutil.Error:
            pass
        time.sleep(0.05)
    return time.perf_counter() - start, sum(cpu.values())


# --- memory ---------------------------------------------------------------------------------------


def _peak_rss(command: list[str], budget: float) -> tuple[float, float, bool, int]:
    """Peak resident memory (MB) of a command and all its children, sampled every 50 ms; its
    wall time; whether it finished within ``budget``; its exit code (or -1 when stopped)."""
    import psutil

    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    watched = psutil.Process(process.pid)
    peak = 0.0
    finished = True
    while process.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()) / 1e6)
        except psutil.Error:
            pass
        if time.perf_counter() - start > budget:
            finished = False
            for child in watched.children(recursive=True):
                child.kill()
            process.kill()
            break
        time.sleep(0.05)
    process.wait()
    return peak, time.perf_counter() - start, finished, process.returncode if finished else -1


def _big_input(path: Path, megabytes: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt")) if p != BOOK]
    block = "\n\n".join(texts)
    with path.open("w", encoding="utf-8") as stream:
        written = 0
        while written < megabytes * 1_000_000:
            stream.write(block)
            stream.write("\n\n")
            written += len(block.encode("utf-8")) + 2


def bench_memory(work: Path) -> None:
    say(f"== bounded memory: peak RSS of the whole process tree (runs capped at {BUDGET:.0f} s)")
    big = work / "big.txt"
    _big_input(big, 200)
    for jobs in ("1", "2"):
        out = work / f"big-{jobs}.csv"
        command = [*TRADEFIG, "extract", str(big), "-o", str(out), "--quiet", "--jobs", jobs]
        peak, wall, finished, code = _peak_rss(command, BUDGET)
        state = f"finished in {wall:.0f} s (exit {code})" if finished else f"stopped at the {BUDGET:.0f} s cap"
        say(f"  200 MB input, --jobs {jobs}: peak {peak:6.0f} MB; {state}   target < 500 MB: {verdict(peak < 500)}")
    folder = work / "many"
    folder.mkdir(exist_ok=True)
    sample = SMALL.read_text(encoding="utf-8")[:600]
    for i in range(100_000):
        sub = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(exist_ok=True)
        (sub / f"{i:06d}.txt").write_text(sample, encoding="utf-8")
    command = [*TRADEFIG, "extract", str(folder), "-o", str(work / "many.csv"), "--quiet"]
    peak, wall, finished, code = _peak_rss(command, BUDGET)
    state = f"finished in {wall:.0f} s (exit {code})" if finished else f"stopped at the {BUDGET:.0f} s cap"
    say(f"  100 000 small files (default jobs): peak {peak:6.0f} MB; {state}   target < 500 MB: {verdict(peak < 500)}")


# --- growth on adversarial inputs -------------------------------------------------------------------


def _adversarial(scale: float) -> dict[str, str]:
    """The robustness issue's inputs (bench/adversarial.py's INPUTS when it is there, else the
    issue's list: 1 MB of digits, '1,' x 1e5, '$' x 1e5, 'million ' x 1e5, '(' x 1e5, one 5 MB
    line) at ``scale`` of their full size."""
    try:
        from bench import adversarial  # type: ignore[attr-defined]

        return {item.name: item.make(max(1, int(item.size * scale))) for item in adversarial.INPUTS}
    except (ImportError, AttributeError):
        pass
    count = int(100_000 * scale)
    line = " ".join(SMALL.read_text(encoding="utf-8").split())  # an article with no line break
    return {
        "digits": "1234567890" * count,
        "one_commas": "1," * count,
        "dollars": "$" * count,
        "millions": "million " * count,
        "parens": "(" * count,
        "one_line": (line + " ") * (int(5_000_000 * scale) // (len(line) + 1)),
    }


def bench_growth(work: Path) -> None:
    say("== growth from n to 2n on the adversarial inputs (CPU time(2n) / time(n); linear is about 2)")
    code = r"""
import sys, time
from tradefig.api import extract_rows
text = open(sys.argv[1], encoding="utf-8").read()
extract_rows("Warm-up: exports rose 5% to $2 billion in 2024.")
t = time.process_time(); extract_rows(text); print(time.process_time() - t)
"""
    scale = float(os.environ.get("BENCH_GROWTH_SCALE", "1"))
    small, large = _adversarial(scale / 2), _adversarial(scale)
    for name in small:
        times = []
        for text in (small[name], large[name]):
            path = work / "adversarial.txt"
            path.write_text(text, encoding="utf-8")
            try:
                out = subprocess.run(
                    [PYTHON, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT, timeout=GROWTH_BUDGET
                )
                times.append(float(out.stdout.split()[-1]) if out.returncode == 0 else float("nan"))
            except subprocess.TimeoutExpired:
                times.append(float("inf"))
        finite = all(t == t and t != float("inf") for t in times)
        growth = times[1] / times[0] if finite and times[0] > 0 else float("nan")
        ok = finite and growth <= 2.6  # a run that hit the cap or failed is not met
        say(
            f"  {name:18s} n={len(small[name]):>9,d} chars: {times[0]:7.2f} s  2n: {times[1]:7.2f} s  "
            f"growth {growth:5.2f}   near-linear (<= 2.6): {verdict(ok)}"
        )


SECTIONS: dict[str, Callable[[Path], None]] = {
    "start": bench_start,
    "throughput": bench_throughput,
    "jobs": bench_jobs,
    "memory": bench_memory,
    "growth": bench_growth,
}


def main() -> None:
    chosen = [s for s in sys.argv[1:] if s in SECTIONS] or list(SECTIONS)
    say(f"tradefig bench — {time.strftime('%Y-%m-%d %H:%M')}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    say(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="tradefig-bench-") as temp:
        for name in chosen:
            started = time.perf_counter()
            SECTIONS[name](Path(temp))
            say(f"  ({name}: {time.perf_counter() - started:.0f} s)")
            say()


if __name__ == "__main__":
    main()
