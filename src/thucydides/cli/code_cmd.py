"""The code command."""

from __future__ import annotations

from .app import main  # noqa: F401
