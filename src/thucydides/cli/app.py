"""The command group; each command lives in its own module and registers itself on ``main``."""

from __future__ import annotations

import click

from thucydides import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thucydides")
def main() -> None:
    """thucydides: code news articles into PLOVER events, with who claims them and who confirms them."""
