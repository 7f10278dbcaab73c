"""tradefig: bilateral trade observations from raw text.

    >>> import tradefig
    >>> tradefig.extract("In 2023 trade between Azerbaijan and Belarus exceeded $400 mln.")

The public API is small on purpose; the CLI mirrors it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Mention", "Observation", "__version__", "extract", "extract_files", "mentions"]

if TYPE_CHECKING:
    from tradefig.api import extract, extract_files, mentions
    from tradefig.types import Mention, Observation


def __getattr__(name: str) -> Any:
    """Import the pipeline lazily, so ``import tradefig`` (and the CLI) starts fast."""
    if name in {"extract", "extract_files", "mentions"}:
        from tradefig import api

        return getattr(api, name)
    if name in {"Mention", "Observation"}:
        from tradefig import types

        return getattr(types, name)
    raise AttributeError(name)
