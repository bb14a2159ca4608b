"""Commands of this group are added here."""

from __future__ import annotations

from .app import main  # noqa: F401
