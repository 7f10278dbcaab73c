"""The on-disk cache of compiled patterns and built vocabularies (``tradefig.compiled``):
what it gives back must be what ``regex`` or the builder would give, whatever state the
cache folder is in."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex

from tradefig import compiled

PATTERN = r"(?P<cur>US\$|€)\s?(?P<n>\d+(?:\.\d+)?)\s?(?P<scale>billion|million)?"
TEXT = "Exports rose to US$ 5.2 billion, imports to €3 million and 7 units."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder, and a process that has read nothing from it yet."""
    monkeypatch.setenv("TRADEFIG_CACHE", str(tmp_path))
    monkeypatch.setattr(compiled, "_bundles", {})
    return tmp_path


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a later run sees: the bundle this one saved at exit, nothing in memory."""
    for bundle in compiled._bundles.values():
        bundle.save()
    monkeypatch.setattr(compiled, "_bundles", {})


def _found(pattern: regex.Pattern[str]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(TEXT)]


def test_a_pattern_from_the_cache_matches_as_regex_compiles_it(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _found(regex.compile(PATTERN, regex.IGNORECASE))
    first = compiled.compile(PATTERN, regex.IGNORECASE)
    _new_process(monkeypatch)
    second = compiled.compile(PATTERN, regex.IGNORECASE)
    assert _found(first) == _found(second) == expected
    assert second.pattern == PATTERN


def test_a_later_run_reads_the_bundle_not_the_single_files(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled.compile(PATTERN)
    assert compiled.cached("thing", ["source v1"], lambda: {"built": 1}) == {"built": 1}
    _new_process(monkeypatch)
    assert (cache / "bundle-1.pickle").is_file()
    for entry in cache.glob("*-1/*/*.pickle"):
        entry.unlink()
    assert _found(compiled.compile(PATTERN)) == _found(regex.compile(PATTERN))
    assert compiled.cached("thing", ["source v1"], lambda: {"built": 2}) == {"built": 1}


def test_changed_sources_build_anew(cache: Path) -> None:
    assert compiled.cached("thing", ["source v1"], lambda: "old") == "old"
    assert compiled.cached("thing", ["source v2"], lambda: "new") == "new"
    assert compiled.cached("thing", ["source v1"], lambda: "never") == "old"


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(["a list"]), pickle.dumps({"k": 5})])
def test_a_damaged_bundle_and_damaged_entries_are_rebuilt(
    cache: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    compiled.compile(PATTERN)
    compiled.cached("thing", ["s"], lambda: "value")
    _new_process(monkeypatch)
    (cache / "bundle-1.pickle").write_bytes(damage)
    for entry in cache.glob("*-1/*/*.pickle"):  # cut short, as by a full disk
        entry.write_bytes(entry.read_bytes()[:-1])
    assert _found(compiled.compile(PATTERN)) == _found(regex.compile(PATTERN))
    assert compiled.cached("thing", ["s"], lambda: "rebuilt") == "rebuilt"


def test_the_bundle_keeps_only_what_was_used_once_it_is_full(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "_BUNDLE_LIMIT", 3 * len(pickle.dumps(0)))
    for n in range(3):
        compiled.cached("thing", [f"old {n}"], lambda n=n: n)  # type: ignore[misc]
    _new_process(monkeypatch)
    compiled.cached("thing", ["old 0"], lambda: -1)
    compiled.cached("thing", ["new"], lambda: 9)
    _new_process(monkeypatch)
    kept = pickle.loads((cache / "bundle-1.pickle").read_bytes())
    assert len(kept) == 2  # 'old 0' (used) and 'new' (added); 'old 1' and 'old 2' dropped


def test_caching_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEFIG_CACHE", "off")
    monkeypatch.setattr(compiled, "_bundles", {})
    assert compiled.cached("thing", ["s"], lambda: "value") == "value"
    assert _found(compiled.compile(PATTERN)) == _found(regex.compile(PATTERN))
    assert compiled._bundles == {}
