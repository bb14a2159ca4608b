"""Command-line interface: a thin shell over the library."""

from __future__ import annotations

from thucydides.cli import alliance_cmd, code_cmd, corrections_cmd, kb_cmd, load_cmd, query_cmd, serve_cmd  # noqa: F401  (each registers its commands)
from thucydides.cli.app import main

__all__ = ["main"]
