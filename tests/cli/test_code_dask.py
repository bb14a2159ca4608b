"""`thucydides code --engine dask` and `thucydides load`: what a user gets wrong is one clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from thucydides.cli import main

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "feed.jsonl")


def test_dask_needs_a_parquet_dataset_output() -> None:
    result = CliRunner().invoke(main, ["code", "--engine", "dask", EXAMPLE])
    assert result.exit_code == 1
    assert "--engine dask writes a Parquet dataset: add --format parquet --output DIR" in result.output


def test_dask_does_not_read_standard_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["code", "--engine", "dask", "-", "--format", "parquet",
                                       "--output", str(tmp_path / "out")])
    assert result.exit_code == 1 and "not standard input" in result.output


def test_dask_reports_a_glob_that_matches_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["code", "--engine", "dask", str(tmp_path / "*.jsonl"), "--format",
                                       "parquet", "--output", str(tmp_path / "out"), "--scheduler",
                                       "tcp://127.0.0.1:1"])
    assert result.exit_code == 1
    assert "no files match; check the path or the glob pattern" in result.output


def test_load_refuses_a_folder_that_is_not_a_dataset(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["load", str(tmp_path), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 1 and "not a thucydides Parquet dataset" in result.output


def test_a_folder_as_output_of_a_local_run_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["code", EXAMPLE, "--no-store", "--format", "csv", "--output", str(tmp_path)])
    assert result.exit_code == 1 and "this is a folder" in result.output


def test_an_interrupted_load_says_what_is_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from thucydides import dataset
    from thucydides.ledger import bulk

    dataset.write_manifest(tmp_path / "ds", {"parts": []})
    (tmp_path / "ds" / dataset.DOCUMENTS).mkdir()

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(bulk, "load_dataset", interrupted)
    result = CliRunner().invoke(main, ["load", str(tmp_path / "ds"), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 130
    assert "load interrupted; the batches stored before are complete" in result.output
