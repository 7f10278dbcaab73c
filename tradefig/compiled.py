"""Compiled patterns and vocabularies that survive the process, so the CLI starts fast.

The recognisers' patterns are long alternations (every currency, party and cue word);
compiling them with ``regex`` takes about a second, far longer than extracting a news
article. ``compile`` keeps the compiler's output on disk, keyed on the pattern text, its
flags and the ``regex`` version, and rebuilds the pattern object from it in microseconds.
A changed vocabulary changes the pattern text and so its key: nothing stale is ever used.

``cached`` does the same for any picklable value keyed on the files it was built from
(the lexicon, keyed on the data files' bytes).

The cache lives in ``$TRADEFIG_CACHE`` or ``$XDG_CACHE_HOME/tradefig`` (``~/.cache/tradefig``);
``TRADEFIG_CACHE=off`` disables it. Each entry is a file of its own, and a *bundle* holds a
copy of every entry the runs have used, so that a start reads one file instead of ~150
(opening them cost more than unpickling them). Every failure (unwritable folder, a damaged entry, a
``regex`` release with another internal layout) falls back to compiling in process.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import pickle
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import regex

T = TypeVar("T")

_FORMAT = 1  # bump when the layout of an entry changes
_lock = threading.RLock()
_ORIGINAL: dict[str, Any] = {}  # regex's own compile function, while ``cache_every_pattern`` is on


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    env = os.environ
    return _cache_dir(env.get("TRADEFIG_CACHE"), env.get("XDG_CACHE_HOME"), env.get("HOME"))


@functools.lru_cache(maxsize=8)
def _cache_dir(setting: str | None, xdg: str | None, home: str | None) -> Path | None:
    """Keyed on the variables it reads: a start loads ~150 entries, and building the path
    each time cost more than reading them."""
    if setting is not None:
        return None if setting.lower() in {"", "0", "off", "no", "false"} else Path(setting)
    base = xdg or str(Path.home() / ".cache")
    return Path(base) / "tradefig"


def _entry(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"{kind}-{_FORMAT}" / key[:2] / f"{key}.pickle"


_BUNDLE_LIMIT = 2_000_000  # bytes; past it the bundle is rebuilt from what the last run used


class _Bundle:
    """The pickled bytes of every entry the runs have used, in one file of the cache folder.

    A run reads it once and unpickles only the entries it asks for. What it had to read from
    single files or build anew is added when the process exits, so the next start finds it
    there. Old entries (patterns of vocabularies since edited, a test run's own patterns) are
    dropped when the bundle passes ``_BUNDLE_LIMIT`` bytes: a start reads all of it, and an
    extraction uses about 0.8 MB. Entries stay in their own files too: the bundle is only
    a faster way to them, and a damaged bundle is ignored.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / f"bundle-{_FORMAT}.pickle"
        self.entries: dict[str, bytes] = _read_bundle(self.path)
        self.used: set[str] = set()
        self.added: dict[str, bytes] = {}

    def get(self, name: str) -> Any:
        data = self.entries.get(name)
        if data is None:
            return None
        try:
            value = pickle.loads(data)
        except Exception:
            return None
        self.used.add(name)
        return value

    def add(self, name: str, value: object) -> None:
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return
        if not self.added:
            atexit.register(self.save)
        self.added[name] = data

    def save(self) -> None:
        """Merge what this process added into the bundle on disk (another process may have
        written it since this one read it) and replace it atomically."""
        if not self.added:
            return
        merged = {**_read_bundle(self.path), **self.added}
        if sum(map(len, merged.values())) > _BUNDLE_LIMIT:
            merged = {name: self.entries[name] for name in self.used} | self.added
        self.added = {}
        _store(self.path, merged)


def _read_bundle(path: Path) -> dict[str, bytes]:
    found = _load(path)
    if isinstance(found, dict) and all(isinstance(v, bytes) for v in found.values()):
        return found
    return {}


_bundles: dict[Path, _Bundle] = {}


def _bundle(folder: Path) -> _Bundle:
    with _lock:
        bundle = _bundles.get(folder)
        if bundle is None:
            bundle = _bundles[folder] = _Bundle(folder)
        return bundle


def _fetch(kind: str, key: str) -> Any:
    """The entry ``kind``/``key``: from the bundle, else from its own file; None when missing."""
    folder = cache_dir()
    if folder is None:
        return None
    bundle = _bundle(folder)
    name = f"{kind}/{key}"
    value = bundle.get(name)
    if value is None:
        value = _load(_entry(kind, key))
        if value is not None:
            bundle.add(name, value)
    return value


def _keep(kind: str, key: str, value: object) -> None:
    """Store a newly built entry in its own file and, at exit, in the bundle."""
    folder = cache_dir()
    if folder is None:
        return
    _store(_entry(kind, key), value)
    _bundle(folder).add(f"{kind}/{key}", value)


def _load(path: Path | None) -> Any:
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, damaged or from another Python: rebuild it
        return None


def _store(path: Path | None, value: object) -> None:
    if path is None:
        return
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".part", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temp).replace(path)  # atomic: parallel workers never read half an entry
    except OSError:
        pass


def _digest(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, with the compiler's work kept on disk."""
    version = f"{regex.__version__}|{regex.DEFAULT_VERSION}|{sys.version_info[:2]}"
    key = _digest(version, pattern, str(int(flags)))
    args = _fetch("regex", key)
    if args is not None:
        try:
            compiled = _core().compile(*args)
            if compiled.pattern == pattern:
                return compiled
        except Exception:
            pass
    compiled, args = _compile_recording(pattern, flags)
    if args is not None:
        _keep("regex", key, args)
    return compiled


def _core() -> Any:
    """The C half of ``regex``, which turns compiled code into a pattern object."""
    import regex._main as main

    return main._regex


class _Recorder:
    """Stands in for ``regex``'s C module while one pattern compiles, to keep what it is given."""

    def __init__(self, core: Any) -> None:
        self.core = core
        self.args: tuple[Any, ...] | None = None

    def compile(self, *args: Any) -> Any:
        self.args = args
        return self.core.compile(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.core, name)


def _compile_recording(pattern: str, flags: int) -> tuple[regex.Pattern[str], tuple[Any, ...] | None]:
    """Compile with ``regex``'s own compiler, keeping the arguments of its final C call.
    A bad pattern raises ``regex.error`` exactly as ``regex.compile`` does."""
    import regex._main as main

    original = _ORIGINAL.get("compile", main._compile)
    if not hasattr(main, "_regex"):  # a regex release laid out differently: no cache
        return original(pattern, flags, False, {}, False), None
    with _lock:
        recorder = _Recorder(main._regex)
        main._regex = recorder
        try:
            compiled = original(pattern, flags, False, {}, False)
        finally:
            main._regex = recorder.core
    return compiled, recorder.args


def cached(kind: str, sources: list[str | bytes], build: Callable[[], T]) -> T:
    """``build()``, or its result from an earlier process built from the same ``sources``."""
    key = _digest(f"{sys.version_info[:2]}", *sources)
    value = _fetch(kind, key)
    if value is not None:
        return value  # type: ignore[no-any-return]
    value = build()
    _keep(kind, key, value)
    return value


def cache_every_pattern() -> None:
    """Send every ``regex`` compile of this process through ``compile`` (the CLI and its
    workers call this; a program using the library keeps ``regex`` untouched).

    The assembler and the text steps compile dozens of small patterns at import and call
    ``regex.search(pattern, …)`` with pattern strings; each costs a millisecond or two to
    compile, which is much of a short article's run time. Patterns with named lists, bytes
    patterns, and LOCALE or DEBUG patterns go straight to ``regex``.
    """
    try:
        import regex._main as main
    except ImportError:
        return
    with _lock:
        if "compile" in _ORIGINAL:
            return
        original = main._compile
        _ORIGINAL["compile"] = original
    memo: dict[tuple[str, int], regex.Pattern[str]] = {}
    special = int(regex.LOCALE | regex.DEBUG)

    def cached_compile(pattern: Any, flags: Any, ignore_unused: Any, kwargs: Any, cache_it: Any) -> Any:
        if kwargs or type(pattern) is not str or int(flags) & special:
            return original(pattern, flags, ignore_unused, kwargs, cache_it)
        key = (pattern, int(flags))
        found = memo.get(key)
        if found is None:
            found = memo[key] = compile(pattern, int(flags))
        return found

    main._compile = cached_compile
