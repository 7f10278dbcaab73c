"""Recognisers: find spans in a sentence, then resolve them to typed ``Mention`` values.

Each module exposes ``find(text, grammar, context) -> Iterator[Mention]`` with offsets
relative to ``text``; ``find_all`` runs them all and resolves overlaps.
"""
