"""thucydides: offline political event coding with claims, sources and corroboration."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from thucydides import _compat

__version__ = "0.1.0"

_compat.install()  # old module paths (thucydides.actors, ...) keep working

if TYPE_CHECKING:
    from thucydides.model import Event

__all__ = ["__version__", "code", "Ledger", "resolve_actor"]


def code(text: str, date: str | None = None, source: str | None = None, title: str | None = None,
         **kwargs: Any) -> list[Event]:
    """Code one article: a list of PLOVER events. See :func:`thucydides.api.code`."""
    from thucydides.api import code as _code

    return _code(text, date=date, source=source, title=title, **kwargs)


def __getattr__(name: str) -> Any:
    if name == "Ledger":
        from thucydides.ledger import Ledger

        return Ledger
    if name == "resolve_actor":
        from thucydides.nlp.actors.resolve import resolve_actor

        return resolve_actor
    raise AttributeError(name)
