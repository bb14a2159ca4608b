"""Writing records: tables that fit the terminal and never pass control characters to it (issue 12)."""

from __future__ import annotations

import io

from thucydides.cli.code_cmd import EVENT_COLUMNS
from thucydides.export import fit_columns, printable, write_table

ROW = {"event": "CONSULT", "mode": "visit", "actor": "FIN", "recipient": "UKR", "date": "2025-04-08",
       "location": {"name": "Kyiv"}, "claim": {"status": "asserted"}, "confidence": 0.95,
       "sentence": {"text": "KYIV, April 8 (Meridian Wire) - Finnish Foreign Minister Elina Valtonen arrived."}}


def table(width: int | None) -> list[str]:
    out = io.StringIO()
    write_table([ROW], EVENT_COLUMNS, out, width)
    return out.getvalue().splitlines()


def test_the_code_table_fits_a_120_column_terminal_and_keeps_dates_whole() -> None:
    assert max(len(line) for line in table(None)) > 190  # the full layout, as written to a file or pipe
    lines = table(120)
    assert max(len(line) for line in lines) <= 120
    assert "2025-04-08" in lines[2] and "KYIV, April" in lines[2]
    assert dict((h, w) for h, _, w in fit_columns(EVENT_COLUMNS, 120))["date"] == 10


def test_a_narrow_terminal_narrows_the_text_first_and_stops_at_readable_widths() -> None:
    narrowed = dict((h, w) for h, _, w in fit_columns(EVENT_COLUMNS, 60))
    assert narrowed["sentence"] == 16 and narrowed["date"] == 10 and narrowed["event"] == 9
    assert narrowed["actor"] == 6 and narrowed["recipient"] == 9 and narrowed["conf"] == 4


def test_control_and_invisible_characters_are_escaped() -> None:
    assert printable("a\x1b[31mb\x07c\u202ed\u200be\u00adf\nline\tcol") == \
        "a\\x1b[31mb\\x07c\\u202ed\\u200be\\xadf line col"
    assert printable("Zürich — «Kyiv»") == "Zürich — «Kyiv»"
