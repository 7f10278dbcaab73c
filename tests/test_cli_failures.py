"""Every failure of issue #6 through the real command: the message, the exit code, and that a
previous output file survives. Run as a subprocess so the CLI edge (``main``) is what is tested."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import regex

from tests.conftest import FIXTURES

GOOD = "Russia and China: bilateral trade turnover rose 5% to $2 billion in 2024.\n"
ARTICLE = FIXTURES / "articles" / "003_a100341091a3468f.txt"


def tradefig(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tradefig", *args],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def rows(stdout: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(stdout)))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_each_bad_input_is_one_line_and_the_others_are_processed(folder: Path) -> None:
    (folder / "paper.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\x00\x01")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "nul.txt").write_bytes(b"Exports rose 5%\x00\x00 in 2024")
    (folder / "empty").mkdir()
    args = ["paper.pdf", "image.txt", "nul.txt", "empty", "missing.txt", "good.txt"]
    result = tradefig("extract", *[str(folder / a) for a in args], "-f", "csv")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    messages = lines(result.stderr)
    assert len(messages) == 5, messages
    by_path = {a: next(m for m in messages if f"{folder / a}:" in m) for a in args[:-1]}
    assert "binary file" in by_path["paper.pdf"]
    assert "PDF" in by_path["paper.pdf"]
    assert "pdftotext" in by_path["paper.pdf"]
    assert "image" in by_path["image.txt"]
    assert "binary file" in by_path["nul.txt"]
    assert "no files matching" in by_path["empty"]
    assert "no such file or folder" in by_path["missing.txt"]
    assert all(m.startswith("tradefig: ") for m in messages)
    assert {r["text"] for r in rows(result.stdout)} == {"5%", "$2 billion"}


def test_all_inputs_fine_is_exit_0_and_silent(folder: Path) -> None:
    result = tradefig("extract", str(folder / "good.txt"), "-f", "csv")
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(rows(result.stdout)) == 2


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file")
def test_unreadable_file(folder: Path) -> None:
    locked = folder / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        result = tradefig("extract", str(locked), str(folder / "good.txt"), "-f", "csv")
    finally:
        locked.chmod(0o644)
    assert result.returncode == 1
    assert lines(result.stderr) == [f"tradefig: {locked}: cannot read: Permission denied"]
    assert len(rows(result.stdout)) == 2


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_not_read_forever(folder: Path) -> None:
    result = tradefig("extract", "/dev/zero", str(folder / "good.txt"), "-f", "csv")
    assert result.returncode == 1
    assert lines(result.stderr) == [
        "tradefig: /dev/zero: not a regular file (a device or a socket); use '-' to read a stream"
    ]


def test_a_closed_stdin_is_one_line(folder: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tradefig", "extract", "-", str(folder / "good.txt"), "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=lambda: os.close(0),  # what `<&-` does
    )
    assert result.returncode == 1
    assert lines(result.stderr) == ["tradefig: -: standard input is closed"]
    assert len(rows(result.stdout)) == 2


def test_usage_errors_exit_2() -> None:
    for args in (
        ["extract", str(ARTICLE), "--format", "xml"],
        ["extract", str(ARTICLE), "--date", "June"],
        ["extract", str(ARTICLE), "--format", "parquet"],
        ["extract", str(ARTICLE), "--no-such-option"],
    ):
        result = tradefig(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_strict_writes_nothing_and_keeps_the_previous_file(folder: Path) -> None:
    target = folder / "rows.csv"
    target.write_text("previous\n", encoding="utf-8")
    result = tradefig("extract", str(folder / "good.txt"), str(folder / "missing.txt"), "--strict", "-o", str(target))
    assert result.returncode == 1
    assert "--strict" in result.stderr
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in folder.iterdir()) == ["good.txt", "rows.csv"]  # no temporary file left
    to_stdout = tradefig("extract", str(folder / "good.txt"), str(folder / "missing.txt"), "--strict", "-f", "csv")
    assert to_stdout.returncode == 1
    assert to_stdout.stdout == ""


def test_without_strict_the_output_is_written_for_the_rest(folder: Path) -> None:
    target = folder / "rows.csv"
    target.write_text("previous\n", encoding="utf-8")
    result = tradefig("extract", str(folder / "good.txt"), str(folder / "missing.txt"), "-o", str(target))
    assert result.returncode == 1
    assert len(rows(target.read_text(encoding="utf-8"))) == 2


def test_undecodable_bytes_warn_with_the_file_name_and_figures_are_found(folder: Path) -> None:
    damaged = folder / "damaged.txt"
    damaged.write_bytes("Наш товарооборот: ".encode() + b"\xff\xfe\xc3 " + GOOD.encode() + "café été".encode())
    result = tradefig("extract", str(damaged), "-f", "csv")
    assert result.returncode == 0
    assert len(lines(result.stderr)) == 1
    assert regex.fullmatch(
        rf"tradefig: {regex.escape(str(damaged))}: warning: 3 undecodable .* U\+FFFD\n", result.stderr
    )
    found = rows(result.stdout)
    assert {r["text"] for r in found} == {"5%", "$2 billion"}
    text = damaged.read_bytes().decode("utf-8", "replace")
    assert all(text[int(r["start"]) : int(r["end"])] == r["text"] for r in found)


def test_a_legacy_encoding_is_decoded_with_a_warning(folder: Path) -> None:
    legacy = folder / "legacy.txt"
    legacy.write_bytes(("Le café » " + GOOD + " “quoted” – déjà vu").encode("cp1252"))
    result = tradefig("extract", str(legacy), "-f", "csv")
    assert result.returncode == 0
    assert lines(result.stderr) == [
        f"tradefig: {legacy}: warning: not UTF-8: decoded as cp1252; check the figures, or convert it with iconv"
    ]
    assert {r["text"] for r in rows(result.stdout)} == {"5%", "$2 billion"}


def test_writing_to_an_input_is_refused(folder: Path) -> None:
    source = folder / "good.txt"
    for output in (str(source), str(folder / "." / "good.txt")):
        result = tradefig("extract", str(source), "-o", output, "-f", "csv")
        assert result.returncode == 2
        assert "refusing to overwrite an input" in result.stderr
        assert source.read_text(encoding="utf-8") == GOOD
    link = folder / "link.txt"
    link.symlink_to(source)
    result = tradefig("extract", str(link), "-o", str(source), "-f", "csv")
    assert result.returncode == 2
    assert source.read_text(encoding="utf-8") == GOOD


def test_an_output_a_folder_input_would_read_back_is_refused(folder: Path) -> None:
    result = tradefig("extract", str(folder), "-o", str(folder / "rows.txt"), "-f", "csv")
    assert result.returncode == 2
    assert "refusing to write into the input folder" in result.stderr
    assert not (folder / "rows.txt").exists()
    assert tradefig("extract", str(folder), "-o", str(folder / "rows.csv")).returncode == 0  # *.csv is not read


def test_a_missing_output_folder_is_a_clear_error(folder: Path) -> None:
    result = tradefig("extract", str(folder / "good.txt"), "-o", str(folder / "nowhere" / "rows.csv"))
    assert result.returncode == 2
    assert lines(result.stderr) == [
        f"tradefig: {folder / 'nowhere' / 'rows.csv'}: the folder {folder / 'nowhere'} does not exist; create it first"
    ]


def test_the_new_file_keeps_the_old_permissions(folder: Path) -> None:
    target = folder / "rows.csv"
    target.write_text("previous\n", encoding="utf-8")
    target.chmod(0o640)
    assert tradefig("extract", str(folder / "good.txt"), "-o", str(target)).returncode == 0
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = folder / "fresh.csv"
    assert tradefig("extract", str(folder / "good.txt"), "-o", str(fresh)).returncode == 0
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _interrupt_mid_run(folder: Path, sig: int, *extra: str) -> tuple[subprocess.Popen[bytes], bytes]:
    """Start a run whose second input is a pipe that stays open, wait until the temporary
    output exists (the first input's rows are in it), then send ``sig`` to the process group."""
    target = folder / "rows.csv"
    process = subprocess.Popen(
        [sys.executable, "-m", "tradefig", "extract", str(folder / "good.txt"), "-", "-o", str(target), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not list(folder.glob(".rows.csv.*.part")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert list(folder.glob(".rows.csv.*.part")), "the run never started writing"
    time.sleep(0.2)
    os.killpg(process.pid, sig)
    _, stderr = process.communicate(timeout=60)
    assert process.stdin is not None
    return process, stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_leaves_the_previous_output(folder: Path, sig: int, jobs: str) -> None:
    target = folder / "rows.csv"
    target.write_text("previous\n", encoding="utf-8")
    process, stderr = _interrupt_mid_run(folder, sig, "--jobs", jobs)
    assert process.returncode == 128 + sig
    assert b"Traceback" not in stderr
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert not list(folder.glob(".rows.csv.*"))


def test_head_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 1000, encoding="utf-8")  # ~500 KB of mentions: more than a pipe holds
    process = subprocess.Popen(
        [sys.executable, "-m", "tradefig", "mentions", str(big), "-f", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith(b"doc,")
    process.stdout.close()  # what `| head -1` does
    stderr = process.stderr.read() if process.stderr else b""
    assert process.wait(timeout=120) == 0
    assert stderr == b""


def _boom_program(target: str) -> str:
    """A tradefig whose ``target`` raises an unexpected error (a stand-in for a bug)."""
    module, name = target.rsplit(".", 1)
    return (
        f"import {module} as m\n"
        "def boom(*a, **k):\n"
        "    raise ValueError('boom')\n"
        f"m.{name} = boom\n"
        "from tradefig.cli.app import main\n"
        "main()\n"
    )


def test_an_unexpected_error_in_one_input_names_it_and_the_others_go_on(folder: Path) -> None:
    program = _boom_program("tradefig.api.mention_rows_for")
    args = [sys.executable, "-c", program, "mentions", str(folder / "good.txt"), "--jobs", "1", "-f", "csv"]
    result = subprocess.run(args, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(lines(result.stderr)) == 1
    assert f"{folder / 'good.txt'}:" in result.stderr
    assert "ValueError('boom')" in result.stderr
    debug = subprocess.run([*args, "--debug"], capture_output=True, text=True, check=False, timeout=120)
    assert debug.returncode == 1
    assert f"{folder / 'good.txt'}:" in debug.stderr
    assert "Traceback" in debug.stderr
    assert "ValueError: boom" in debug.stderr


def test_an_unexpected_error_at_the_edge_is_one_line_and_debug_shows_the_traceback(folder: Path) -> None:
    program = _boom_program("tradefig.io.writers.write")
    base = [sys.executable, "-c", program, "extract", str(folder / "good.txt"), "-f", "csv"]
    quiet = subprocess.run(base, capture_output=True, text=True, check=False, timeout=120)
    assert quiet.returncode == 70
    assert "Traceback" not in quiet.stderr
    assert len(lines(quiet.stderr)) == 1
    assert "ValueError('boom')" in quiet.stderr
    assert "--debug" in quiet.stderr
    for debug in (["--debug"], []):
        env = {**os.environ, "TRADEFIG_DEBUG": "1"} if not debug else None
        loud = subprocess.run([*base, *debug], capture_output=True, text=True, check=False, timeout=120, env=env)
        assert loud.returncode != 0
        assert "Traceback" in loud.stderr
        assert "ValueError: boom" in loud.stderr


def test_explain_on_a_missing_file_is_one_line_exit_1() -> None:
    result = tradefig("explain", "missing.txt")
    assert result.returncode == 1
    assert lines(result.stderr) == ["tradefig: missing.txt: no such file or folder"]


def test_excel_safe_neutralises_formulas_in_csv_and_tsv(folder: Path) -> None:
    hostile = folder / "hostile.txt"
    hostile.write_text('=HYPERLINK("http://x") ' + GOOD + "@SUM(A1) -cmd +1 " + GOOD, encoding="utf-8")
    plain = rows(tradefig("extract", str(hostile), "-f", "csv").stdout)
    assert plain[0]["sentence"].startswith("=HYPERLINK")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        result = tradefig("extract", str(hostile), "-f", fmt, "--excel-safe")
        assert result.returncode == 0
        cells = [cell for row in csv.reader(io.StringIO(result.stdout), delimiter=delimiter) for cell in row]
        assert not [c for c in cells if c[:1] in {"=", "+", "@", "\t", "\r"}]
        assert not [c for c in cells if c.startswith("-") and not _number(c)]
        assert any(c.startswith("'=HYPERLINK") for c in cells)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_odd_file_names_and_a_non_utf8_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsencode(folder) + b"/\xff caf\xc3\xa9.txt"
    Path(os.fsdecode(name)).write_text(GOOD.replace("China", "China 😀 “Zhōngguó”"), encoding="utf-8")
    for fmt in ("csv", "tsv", "jsonl", "table"):
        result = tradefig("extract", str(folder), "-f", fmt, env={"PYTHONIOENCODING": "latin-1"})
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    result = tradefig("extract", str(folder), "-f", "jsonl", env={"PYTHONIOENCODING": "latin-1"})
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    assert records[0]["doc"].endswith("\ufffd café.txt")
    assert "😀" in records[0]["sentence"]
    parquet = tmp_path / "rows.parquet"
    assert tradefig("extract", str(folder), "-o", str(parquet)).returncode == 0


def test_the_table_shows_markup_as_text(folder: Path) -> None:
    tricky = folder / "tricky.txt"
    tricky.write_text("Russia and China: bilateral trade turnover rose to 5 [dollars] in 2024.\n", encoding="utf-8")
    result = tradefig("mentions", str(tricky), "-f", "table", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "5 [dollars]" in result.stdout  # rich markup would swallow '[dollars]'


def test_an_unexpected_error_in_check_names_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug met while checking one article is one line that names the article, exit 70."""
    import tradefig.api
    from tradefig.cli.app import main

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("Trade rose 5% to $2 billion.", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise ValueError("boom")

    monkeypatch.setattr(tradefig.api, "extract_rows", broken)
    monkeypatch.setattr("sys.argv", ["tradefig", "check", str(tmp_path)])
    monkeypatch.delenv("TRADEFIG_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 70
    err = capsys.readouterr().err
    assert "a.txt" in err
    assert "Traceback" not in err
