"""The one rule for text a planner or a file gives: no control characters (C0, DEL, C1)
and no bidi overrides or isolates. Printed in a terminal or a table they move the cursor,
rewrite the line or reorder what follows. Kept apart from the models, so a command that
builds none can check text under the same rule."""

from __future__ import annotations

import re

_BIDI_AND_C1 = r"\x7f-\x9f\u202a-\u202e\u2066-\u2069"
TEXT_PATTERN = rf"^[^\x00-\x1f{_BIDI_AND_C1}]*$"
# a line break, and only that, is allowed in a note
NOTE_PATTERN = rf"^[^\x00-\x09\x0b-\x1f{_BIDI_AND_C1}]*$"
CONTROL_CHAR = re.compile(rf"[\x00-\x1f{_BIDI_AND_C1}]")
_NOTE_CONTROL_CHAR = re.compile(rf"[\x00-\x09\x0b-\x1f{_BIDI_AND_C1}]")


def plain(text: object, note: bool = False) -> bool:
    """True when `text` is a str the models' Text (or Note) takes as it is."""
    return type(text) is str and (_NOTE_CONTROL_CHAR if note else CONTROL_CHAR).search(text) is None
