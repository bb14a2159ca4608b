"""The event filters of the pages and the API, read from a query string into Ledger.events arguments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from thucydides.errors import E, ThucydidesError
from thucydides.ledger.queries import SORTS, check_event_type, date_bounds

TEXT_FILTERS = ("event", "actor", "recipient", "since", "until", "place", "claim_status", "aux_mode", "text",
                "doc_id")
ALL_FILTERS = (*TEXT_FILTERS, "quad", "real", "min_confidence", "candidates")
PAGE_SIZES = (25, 50, 100, 250)


def _int(name: str, value: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise ThucydidesError(E.BAD_PARAMETER.format(name=name, value=value, expected=f"a whole number {low}-{high}"))
    return number


def event_filters(params: Mapping[str, str]) -> dict[str, Any]:
    """Ledger.events keyword arguments from query parameters (blank ones ignored); ThucydidesError when
    one is malformed."""
    out: dict[str, Any] = {}
    for name in TEXT_FILTERS:
        value = (params.get(name) or "").strip()
        if value:
            out[name] = value
    if "event" in out:
        out["event"] = check_event_type(out["event"])
    for name in ("since", "until"):
        if name in out:
            date_bounds(out[name])
    if (params.get("quad") or "").strip():
        out["quad"] = _int("quad", params["quad"].strip(), 1, 4)
    for name, key in (("real", "real_only"), ("candidates", "include_dropped")):
        flag = (params.get(name) or "").strip().lower()
        if flag in ("1", "true", "yes", "on"):
            out[key] = True
        elif flag not in ("", "0", "false", "no", "off", "all"):
            raise ThucydidesError(E.BAD_PARAMETER.format(name=name, value=flag, expected="true or false"))
    if (params.get("min_confidence") or "").strip():
        try:
            conf = float(params["min_confidence"])
        except ValueError:
            conf = -1.0
        if not 0.0 <= conf <= 1.0:
            raise ThucydidesError(E.BAD_PARAMETER.format(name="min_confidence", value=params["min_confidence"],
                                                         expected="a number from 0 to 1"))
        out["min_confidence"] = conf
        if conf == 0:  # everything, the candidates left out of the default output too
            out["include_dropped"] = True
    if out.get("include_dropped") and "min_confidence" not in out:
        out["min_confidence"] = None  # every candidate, however unsure (as --candidates)
    return out


def paging(params: Mapping[str, str], default_limit: int = 50, max_limit: int = 1000) -> dict[str, Any]:
    """``sort``, ``limit`` and ``offset`` from query parameters."""
    sort = (params.get("sort") or "date").strip()
    if sort not in SORTS:
        raise ThucydidesError(E.BAD_SORT.format(value=sort, choices=", ".join(SORTS)))
    limit = _int("limit", params["limit"], 1, max_limit) if params.get("limit") else default_limit
    offset = _int("offset", params["offset"], 0, 10**9) if params.get("offset") else 0
    return {"sort": sort, "limit": limit, "offset": offset}


def query_string(params: Mapping[str, Any], **changes: Any) -> str:
    """The query string of the current filter with some parameters changed (None drops one)."""
    merged = {k: v for k, v in params.items() if v not in (None, "")}
    for k, v in changes.items():
        if v is None:
            merged.pop(k, None)
        else:
            merged[k] = v
    return urlencode(merged)
