"""Parts of inputs read on their own give what reading the whole input gives; Parquet inputs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from thucydides.errors import ThucydidesError
from thucydides.ingest.parts import plan_parts, read_part
from thucydides.ingest.readers import read_documents

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def make_inputs(folder: Path) -> Path:
    feed = [json.loads(line) for line in (EXAMPLES / "feed.jsonl").read_text(encoding="utf-8").splitlines()]
    (folder / "sub").mkdir(parents=True)
    with (folder / "a.jsonl").open("w", encoding="utf-8") as f:
        for i in range(10):
            f.write(json.dumps(dict(feed[i % 3], id=f"j{i}")) + "\n")
            if i == 4:
                f.write("{broken\n\n")
    with (folder / "b.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text", "date"])
        for i in range(7):
            writer.writerow([f"c{i}", feed[i % 3]["text"] + '\n"quoted" words\non lines', f"2025-03-0{i + 1}"])
    pq.write_table(pa.table({"text": [r["text"] for r in feed] * 3, "id": [f"p{i}" for i in range(9)],
                             "date": pa.array([None] * 8 + [None], pa.date32())}), folder / "c.parquet")
    for src in sorted(EXAMPLES.glob("diplomacy-*.txt")):
        (folder / "sub" / src.name).write_bytes(src.read_bytes())
    (folder / "sub" / "bad.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (folder / "d.parquet").write_bytes(b"not parquet at all")
    return folder


@pytest.mark.parametrize("per_part", [1, 2, 3, 64])
def test_parts_read_what_the_whole_input_reads(tmp_path: Path, per_part: int) -> None:
    folder = make_inputs(tmp_path / "in")
    whole = [d.to_dict() for d in read_documents([str(folder)])]
    parts = plan_parts([str(folder)], per_part=per_part)
    assert [d.to_dict() for p in parts for d in read_part(p)] == whole
    assert sum(p.documents for p in parts) == len(whole) == 32
    assert plan_parts([str(folder)], per_part=per_part) == parts  # the same input plans the same parts
    if per_part == 1:
        assert len({p.id for p in parts}) == len(parts) == 32


def test_parquet_rows_are_documents_and_bad_parquet_is_reported(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path / "in")
    docs = {d.path: d for d in read_documents([str(folder)])}
    row = docs[f"{folder}/c.parquet:9"]
    assert row.status == "new" and row.id == "p8" and row.text.startswith("Turkish President")
    assert docs[f"{folder}/d.parquet"].status == "failed"
    assert "cannot read Parquet" in (docs[f"{folder}/d.parquet"].error or "")
    assert docs[f"{folder}/b.csv:5"].id == "c1" and docs[f"{folder}/b.csv:5"].date == "2025-03-02"
    pq.write_table(pa.table({"body": ["no text column"]}), folder / "e.parquet")
    (only,) = read_documents([str(folder / "e.parquet")])
    assert only.status == "failed" and 'no "text" column' in (only.error or "")


def test_globs_expand_and_a_glob_matching_nothing_is_an_error(tmp_path: Path) -> None:
    folder = make_inputs(tmp_path / "in")
    parts = plan_parts([str(folder / "**" / "*.txt")])
    assert [Path(p).name for p in parts[0].paths] == sorted(p.name for p in EXAMPLES.glob("diplomacy-*.txt"))
    with pytest.raises(ThucydidesError, match="no files match"):
        plan_parts([str(folder / "*.xml")])
