"""The command group; each command lives in its own module and registers itself on ``main``."""

from __future__ import annotations

from typing import Any

import click

from thucydides import __version__
from thucydides.errors import ThucydidesError


class Main(click.Group):
    """The command group; a user error any command lets through is still one line, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ThucydidesError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thucydides")
def main() -> None:
    """thucydides: code news articles into PLOVER events, with who claims them and who confirms them."""
