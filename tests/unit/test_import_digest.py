"""The import dialog's digest of a preview, taken a line at a time, is the digest of the
whole text it stands for: Apply compares it with the one the planner saw."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from tracker.ui.dialogs.import_file import _digest

# a preview's text: any characters but lone surrogates, which no text of it can hold
LINES = st.lists(st.text(st.characters(exclude_categories=("Cs",))))


@given(LINES)
def test_digest_of_lines_is_the_digest_of_the_joined_text(lines: list[str]) -> None:
    expected = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    assert _digest(iter(lines)) == expected
