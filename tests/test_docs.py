"""The README documents every command and the two set-up commands (README.md is the lead's to write)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from thucydides.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
COMMANDS = sorted(main.commands)


@cache
def readme() -> str:
    assert README.is_file(), f"{README} is missing: it should show the set-up commands and every command"
    return README.read_text(encoding="utf-8")


def test_the_cli_has_the_documented_core_commands() -> None:
    assert {"code", "events", "incidents", "claims", "resolve-actors"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"thucydides {command}" in readme(), f"README.md never shows `thucydides {command}`"


@pytest.mark.parametrize("setup", ["make demo", "make test"])
def test_readme_shows_the_two_set_up_commands(setup: str) -> None:
    assert setup in readme()
