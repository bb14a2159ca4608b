"""Characters that change nothing a reader sees: zero-width spaces and joiners, soft hyphens, bidi marks and
control characters. "Ger\\u200bmany" is Germany, so they are removed before coding; offsets into the
original text stay true through an :class:`OffsetMap`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

# C0 controls but tab, line feed, form feed and carriage return; DEL and C1; soft hyphen; Arabic letter mark;
# zero-width space, joiners, bidi marks, embeddings and overrides; word joiner and invisible operators;
# bidi isolates; the byte-order mark used as a zero-width no-break space.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u2064\u2066-\u2069\ufeff]")


def strip_invisible(text: str) -> tuple[str, list[int]]:
    """The text without invisible characters, and their positions in the original (sorted)."""
    removed = [m.start() for m in INVISIBLE.finditer(text)]
    if not removed:
        return text, removed
    return INVISIBLE.sub("", text), removed


class OffsetMap:
    """Offsets in the stripped text back to offsets in the original, given the removed positions."""

    def __init__(self, removed: Sequence[int]) -> None:
        # the j-th removed character (0-based) sat where the stripped text's offset removed[j] - j now is
        self._at = [r - j for j, r in enumerate(removed)]

    def __bool__(self) -> bool:
        return bool(self._at)

    def start(self, offset: int) -> int:
        """Where the character at ``offset`` of the stripped text is in the original."""
        return offset + bisect_right(self._at, offset)

    def end(self, offset: int) -> int:
        """An exclusive end: just after the original of the character before ``offset``."""
        return self.start(offset - 1) + 1 if offset > 0 else 0
