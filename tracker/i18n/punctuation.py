"""Punctuation that differs between the languages: Chinese takes full-width marks."""

from __future__ import annotations

from tracker.i18n import Catalog

PUNCTUATION = Catalog({
    "colon": (": ", "："),
    "comma": (", ", "，"),
    "semicolon": ("; ", "；"),
    # between two sentences, and between the two halves of one
    "sentence_gap": (" ", ""),
    "clause_gap": (" ", "；"),
    "full_stop": (".", "。"),
})


def colon(lang: str) -> str:
    return PUNCTUATION.text("colon", lang)


def comma(lang: str) -> str:
    return PUNCTUATION.text("comma", lang)


def semicolon(lang: str) -> str:
    return PUNCTUATION.text("semicolon", lang)


def reasons(messages: list[str], lang: str) -> str:
    """Flags' reasons in one line: each without its own full stop, joined by semicolons
    (so no "。；" where two meet)."""
    return semicolon(lang).join(m.rstrip().rstrip("。.") for m in messages)
