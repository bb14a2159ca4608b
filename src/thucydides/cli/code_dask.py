"""`thucydides code --engine dask`: the same coding on a Dask cluster, into a Parquet dataset.

Called by :mod:`thucydides.cli.code_cmd` when ``--engine dask`` is given; the work is done by
:mod:`thucydides.distributed`.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from thucydides.errors import E, ThucydidesError


def run_dask(paths: tuple[str, ...], *, input_format: str | None, fmt: str, output: str | None,
             kb_paths: tuple[str, ...], max_chars: int, batch_size: int, scheduler: str | None,
             workers: int | None, per_part: int, progress: bool | None) -> None:
    """Code the inputs on a Dask cluster (``scheduler``, or a local one of ``workers`` processes) into the
    Parquet dataset ``output``; a summary line at the end, exit status 1 when anything failed."""
    if fmt != "parquet" or not output:
        raise click.ClickException(E.DASK_OUTPUT)
    if "-" in paths:
        raise click.ClickException(E.DASK_STDIN)
    from thucydides.distributed import PartResult, RunSummary, Settings, dask_client, run
    from thucydides.ingest.parts import expand_inputs

    show = sys.stderr.isatty() if progress is None else progress
    bar: Any = None

    def on_progress(result: PartResult | None, summary: RunSummary) -> None:
        nonlocal bar
        if result is None:  # planned: parts finished by an earlier run are counted already
            if show:
                from tqdm import tqdm
                bar = tqdm(total=summary.expected, unit="doc", file=sys.stderr, desc="coding",
                           initial=summary.documents)
            return
        for problem in result.problems:
            click.echo(f"thucydides: {problem}", err=True)
        if bar is not None:
            bar.update(result.documents)
            bar.set_postfix(failed=summary.failed + summary.skipped)

    settings = Settings(kb_paths=tuple(kb_paths), max_chars=max_chars, batch_size=batch_size,
                        input_format=input_format)
    try:
        expand_inputs(paths)  # a path or pattern that names nothing is reported before any cluster starts
        with dask_client(scheduler, workers) as client:
            summary = run(list(paths), output, client, settings, per_part=per_part, on_progress=on_progress)
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if bar is not None:
            bar.close()
    for problem in summary.part_errors:
        click.echo(f"thucydides: {problem}", err=True)
    click.echo(summary.line(), err=True)
    if not summary.ok:
        sys.exit(1)
