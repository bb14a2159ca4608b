"""Every command of `thucydides --help`, given bad arguments: a clear message and a non-zero exit status,
never a traceback (issue 12). Commands are found by walking the click group, so a new command is covered
without touching this file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thucydides.cli import main

NASTY = ["", " ", "-1", "0", "99999999999999999999", "1e309", "nan", "\x1b[31m", "x\u202ey", "../../out.txt",
         "postgresql://u:p@127.0.0.1:1/x", "2025-13-45", "{\"a\": 1}"]


def commands(group: click.Group = main, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from commands(cmd, (*prefix, name))
        else:
            yield (*prefix, name), cmd


COMMANDS = dict(commands())


def run(args: list[str], stdin: str = "") -> Result:
    return CliRunner().invoke(main, args, input=stdin)


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_help_lists_the_commands_walked_here() -> None:
    listed = run(["--help"]).output
    assert {path[0] for path in COMMANDS} <= {line.split()[0] for line in listed.splitlines()[1:] if line.startswith("  ")}
    assert len(COMMANDS) >= 13


@pytest.fixture(autouse=True)
def in_a_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative --output values land here, two levels down in a scratch folder, never in the checkout."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")


@pytest.fixture(scope="module")
def missing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bad") / "no-such-folder" / "nothing.db"


def bad_calls(path: tuple[str, ...], cmd: click.Command, missing: Path) -> list[list[str]]:
    """Argument lists that are wrong whatever else holds: an unknown option, a missing ledger or file, a
    value of the wrong type for each typed option."""
    calls = [[*path, "--no-such-option"]]
    args = [p for p in cmd.params if isinstance(p, click.Argument)]
    filler = [str(missing) for a in args if a.required]
    if any(p.name == "db_url" for p in cmd.params):
        calls.append([*path, *filler, "--db", str(missing)])
    elif args:
        calls.append([*path, str(missing)])
    for p in cmd.params:
        if isinstance(p, click.Option) and not p.is_flag and p.opts[0].startswith("--"):
            bad = "not-a-number" if isinstance(p.type, (click.types.IntParamType, click.types.FloatParamType)) \
                else ("no-such-choice" if isinstance(p.type, click.Choice) else None)
            if bad is not None:
                calls.append([*path, *filler, p.opts[0], bad])
    return calls


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_bad_arguments_give_a_message_and_a_non_zero_exit(path: tuple[str, ...], missing: Path) -> None:
    for args in bad_calls(path, COMMANDS[path], missing):
        result = run(args)
        no_traceback(result)
        assert result.exit_code != 0, (args, result.output)
        assert result.output.strip(), args  # says what was wrong


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_nasty_option_values_never_give_a_traceback(path: tuple[str, ...], missing: Path) -> None:
    """Each option that takes a value, given each nasty value; the ledger is missing, so nothing runs long
    (no coding, no server): each call ends with a message."""
    cmd = COMMANDS[path]
    args = [p for p in cmd.params if isinstance(p, click.Argument)]
    filler = [str(missing) for a in args if a.required]
    db = ["--db", str(missing)] if any(p.name == "db_url" for p in cmd.params) else []
    for p in cmd.params:
        if not isinstance(p, click.Option) or p.is_flag or p.name == "db_url" or not p.opts[0].startswith("--"):
            continue
        for value in NASTY:
            result = run([*path, *filler, *db, p.opts[0], value])
            no_traceback(result)
            assert result.exit_code != 0 or not (filler or db), ([*path, p.opts[0], value], result.output)


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(options=st.lists(st.tuples(st.sampled_from(["--event", "--quad", "--actor", "--recipient", "--since",
                                                    "--until", "--text", "--aux-mode", "--limit", "--min-confidence",
                                                    "--format"]), st.text(max_size=12)), max_size=4))
def test_random_values_for_events_options(tmp_path_factory: pytest.TempPathFactory,
                                          options: list[tuple[str, str]]) -> None:
    from thucydides.ledger import Ledger

    db = tmp_path_factory.getbasetemp() / "fuzz.db"
    if not db.exists():
        Ledger(str(db)).close()
    result = run(["events", "--db", str(db), *[x for pair in options for x in pair]])
    no_traceback(result)
    assert result.exit_code in (0, 1, 2)
    if result.exit_code:
        assert "Error" in result.output
