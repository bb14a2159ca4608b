"""The web app and REST API over the ledger: ``thucydides serve`` (see :func:`create_app`)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
