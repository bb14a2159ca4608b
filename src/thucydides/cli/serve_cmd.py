"""`thucydides serve` (the web app and API) and `thucydides token` (write tokens for it)."""

from __future__ import annotations

import click

from thucydides.cli.app import main
from thucydides.cli.options import db_option, kb_option
from thucydides.errors import ThucydidesError


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--read-only", is_flag=True, help="Serve no write routes at all (no coding, no corrections).")
@click.option("--max-upload", type=click.IntRange(min=1), default=2_000_000, show_default=True,
              help="Largest request body (bytes) when posting articles.")
@kb_option
def serve_command(db_url: str, host: str, port: int, read_only: bool, max_upload: int,
                  kb_paths: tuple[str, ...]) -> None:
    """Browse, check and correct the ledger in a browser, and a REST API (/api, docs at /docs).

    Reading is open; writing needs a token from `thucydides token create NAME`."""
    try:
        import uvicorn

        from thucydides.web import create_app
    except ImportError as exc:
        raise click.ClickException(f"the web app needs its extra: pip install 'thucydides[web]' ({exc})") from exc
    try:
        app = create_app(db_url, read_only=read_only, max_upload=max_upload, kb_paths=kb_paths)
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"thucydides: serving {db_url} on http://{host}:{port}/"
               f"{' (read-only)' if read_only else ''}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@main.group("token")
def token_group() -> None:
    """Write tokens for the web app and API (`thucydides token create NAME`, `thucydides token revoke NAME`)."""


@token_group.command("create")
@click.argument("name")
@db_option
def token_create(name: str, db_url: str) -> None:
    """Create a write token for NAME and print it; only its hash is stored, so keep it."""
    from thucydides.ledger import Ledger

    try:
        with Ledger(db_url) as ledger:
            token = ledger.create_token(name)
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"thucydides: token {name!r} created; send it as 'Authorization: Bearer TOKEN'. "
               "It is shown once:", err=True)
    click.echo(token)


@token_group.command("revoke")
@click.argument("name")
@db_option
def token_revoke(name: str, db_url: str) -> None:
    """Revoke the token NAME: requests carrying it get 401 from then on."""
    from thucydides.ledger import Ledger

    try:
        with Ledger(db_url) as ledger:
            ledger.revoke_token(name)
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"thucydides: token {name!r} revoked", err=True)
