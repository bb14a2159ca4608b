"""Reading articles: formats, metadata, and every kind of bad input reported on its own document."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest

from thucydides.errors import ThucydidesError
from thucydides.ingest.decoding import sniff_format
from thucydides.ingest.language import detect_language, is_english
from thucydides.ingest.readers import read_documents, split_front_matter
from thucydides.model import Document

ENGLISH = ("The foreign minister said on Tuesday that the talks with the visiting delegation would resume "
           "in Geneva next week, and that both sides had agreed to a short agenda.")
ENGLISH_2 = ("Drones struck a fuel depot near the border overnight, the regional governor said, adding that "
             "the fire was put out by morning and that no one was hurt.")
GERMAN = ("Die Regierung hat die Sanktionen um ein weiteres Jahr verlängert und die Botschaft in der "
          "Hauptstadt geschlossen, sagte der Sprecher am Montag nach einer Sitzung des Kabinetts.")
FRENCH = ("Le ministre a déclaré que les négociations reprendraient à Genève après les fêtes et que la "
          "délégation avait reçu un projet de texte pour la trêve.")
RUSSIAN = ("Министр заявил, что переговоры будут продолжены после встречи в Стамбуле и что новые санкции "
           "не помогут, так как они уже были введены.")


def read(paths: list[Path | str], fmt: str | None = None, **kwargs: object) -> list[Document]:
    return list(read_documents([str(p) for p in paths], fmt, **kwargs))  # type: ignore[arg-type]


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --- text and front matter -----------------------------------------------------------------------

def test_text_file_front_matter_gives_metadata_and_is_removed(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\ntitle: \"Talks to resume\"\ndate: 2025-02-11\nsource: Meridian Wire\n"
                                     f"url: https://example.org/a\nauthor: ignored\n---\n{ENGLISH}\n")
    [doc] = read([path])
    assert (doc.title, doc.date, doc.source, doc.url) == ("Talks to resume", "2025-02-11", "Meridian Wire",
                                                          "https://example.org/a")
    assert doc.text == ENGLISH
    assert doc.path == str(path)
    assert doc.status == "new" and doc.error is None and doc.language == "en"


def test_text_without_front_matter_keeps_all_text() -> None:
    body, meta = split_front_matter("--- not a block\n" + ENGLISH)
    assert meta == {} and body.endswith(ENGLISH)


def test_invalid_date_warns_and_is_left_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", f"---\ndate: 2025-02-30\n---\n{ENGLISH}")
    warnings: list[str] = []
    [doc] = read([path], on_warning=warnings.append)
    assert doc.date is None and doc.status == "new"
    assert len(warnings) == 1 and "2025-02-30" in warnings[0] and str(path) in warnings[0]


def test_timestamp_date_keeps_the_day(tmp_path: Path) -> None:
    path = write(tmp_path / "f.jsonl", json.dumps({"text": ENGLISH, "date": "2024-07-09T18:30:00Z"}) + "\n")
    assert read([path])[0].date == "2024-07-09"


def test_markdown_is_read_as_text(tmp_path: Path) -> None:
    [doc] = read([write(tmp_path / "note.md", ENGLISH)])
    assert doc.text == ENGLISH


# --- JSONL ---------------------------------------------------------------------------------------

def test_jsonl_bad_records_are_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a-1", "text": ENGLISH, "date": "2025-03-14", "source": "Kyiv Ledger",
                         "title": "T", "url": "https://example.org/1"}),
             "{not json",
             "[1, 2]",
             json.dumps({"id": "a-4", "title": "no text"}),
             "",
             json.dumps({"text": GERMAN}),
             json.dumps({"text": "   "}),
             json.dumps({"text": ENGLISH_2})]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    docs = read([path])
    assert [d.path for d in docs] == [f"{path}:{n}" for n in (1, 2, 3, 4, 6, 7, 8)]
    assert [d.status for d in docs] == ["new", "failed", "failed", "failed", "skipped", "skipped", "new"]
    first = docs[0]
    assert (first.id, first.date, first.source, first.title, first.url) == (
        "a-1", "2025-03-14", "Kyiv Ledger", "T", "https://example.org/1")
    assert "not a JSON object" in (docs[1].error or "") and f"{path}:2" in (docs[1].error or "")
    assert "a JSON list" in (docs[2].error or "")
    assert 'no "text" field' in (docs[3].error or "") and docs[3].id == "a-4"
    assert "guessed de" in (docs[4].error or "")
    assert "empty" in (docs[5].error or "")
    assert docs[6].id == docs[6].content_hash  # no id given: the content hash
    assert len({d.id for d in docs}) == len(docs)  # failed records do not collide on one id


def test_jsonl_is_streamed_not_read_whole() -> None:
    class Lines(io.RawIOBase):
        """A stream that fails if read past the first two records."""

        def __init__(self) -> None:
            self.data = ((json.dumps({"text": ENGLISH}) + "\n") * 2).encode() + b"X" * 10_000_000
            self.pos = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            assert self.pos < 3_000_000, "read far past the records asked for"
            chunk = self.data[self.pos:self.pos + len(buffer)]
            buffer[:len(chunk)] = chunk
            self.pos += len(chunk)
            return len(chunk)

    docs = read_documents(["-"], "jsonl", stdin=io.BufferedReader(Lines()))
    assert next(docs).status == "new"
    assert next(docs).status == "new"


# --- CSV -----------------------------------------------------------------------------------------

def test_csv_rows_with_multiline_text_and_line_numbers(tmp_path: Path) -> None:
    content = ("id,title,text,date,source\n"
               f"r1,First,\"{ENGLISH[:60]}\n{ENGLISH[60:]}\",2024-07-01,Meridian Wire\n"
               "r2,Empty,,,\n"
               f"r3,Third,\"{ENGLISH_2}\",yesterday,\n")
    path = write(tmp_path / "rows.csv", content)
    docs = read([path])
    assert [d.path for d in docs] == [f"{path}:2", f"{path}:4", f"{path}:5"]
    assert [d.status for d in docs] == ["new", "skipped", "new"]
    assert (docs[0].id, docs[0].title, docs[0].date, docs[0].source) == ("r1", "First", "2024-07-01",
                                                                          "Meridian Wire")
    assert docs[0].text == ENGLISH[:60] + "\n" + ENGLISH[60:]
    assert docs[2].date is None


def test_csv_semicolons_and_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "rows.csv", codecs.BOM_UTF8 + f"Text;Source\n\"{ENGLISH}\";Wire\n".encode())
    [doc] = read([path])
    assert doc.text == ENGLISH and doc.source == "Wire"


def test_csv_without_text_column_fails_once(tmp_path: Path) -> None:
    path = write(tmp_path / "rows.csv", f"body,source\n\"{ENGLISH}\",Wire\n")
    [doc] = read([path])
    assert doc.status == "failed" and '"text" column' in (doc.error or "")


# --- HTML ----------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html><html><head><title>Site | Talks resume</title>
<meta property="og:title" content="Talks resume in Geneva">
<meta property="article:published_time" content="2025-01-20T08:00:00+01:00">
<meta property="og:site_name" content="Meridian Wire">
<script>var tracking = "do not keep me";</script></head><body>
<div class="cookie-banner"><p>We use cookies to personalise adverts. Accept all cookies to continue.</p></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news section</a></li></ul></nav>
<article><h1>Talks resume in Geneva</h1><p>{ENGLISH}</p><p>{ENGLISH_2}</p></article>
<footer><p>Copyright Meridian Wire. All rights reserved. Terms of use.</p></footer></body></html>"""


def test_html_main_text_and_meta_tags(tmp_path: Path) -> None:
    [doc] = read([write(tmp_path / "page.html", PAGE)])
    assert doc.status == "new"
    assert ENGLISH in doc.text and ENGLISH_2 in doc.text
    for boilerplate in ("cookies", "World news section", "All rights reserved", "tracking"):
        assert boilerplate not in doc.text
    assert (doc.title, doc.date, doc.source) == ("Talks resume in Geneva", "2025-01-20", "Meridian Wire")


def test_html_fallback_without_trafilatura(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import thucydides.ingest.html as html

    monkeypatch.setattr(html, "_trafilatura_text", lambda _: ("", None, None))
    [doc] = read([write(tmp_path / "page.htm", PAGE)])
    assert ENGLISH in doc.text and "cookies" not in doc.text and "All rights reserved" not in doc.text


def test_html_without_text_fails(tmp_path: Path) -> None:
    [doc] = read([write(tmp_path / "empty.html", "<html><body><nav>Home</nav></body></html>")])
    assert doc.status == "failed" and "no main text" in (doc.error or "")


# --- bytes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"%PDF-1.7\n%binary", b"\x89PNG\r\n\x1a\n\x00\x00", b"text\x00\x01\x02more"])
def test_binary_files_fail(tmp_path: Path, data: bytes) -> None:
    [doc] = read([write(tmp_path / "x.txt", data)])
    assert doc.status == "failed" and "binary file" in (doc.error or "")


def test_encodings(tmp_path: Path) -> None:
    text = "The envoy said \u201cthe ceasefire is over\u201d after talks in Zürich, and that both sides had left."
    files = [write(tmp_path / "a.txt", text.encode("utf-8")),
             write(tmp_path / "b.txt", codecs.BOM_UTF8 + text.encode("utf-8")),
             write(tmp_path / "c.txt", text.encode("utf-16")),
             write(tmp_path / "d.txt", text.encode("cp1252"))]
    assert [d.text for d in read(files)] == [text] * 4


def test_undecodable_bytes_fail(tmp_path: Path) -> None:
    noise = bytes(range(0x80, 0x100)) * 8 + bytes(range(1, 32)) * 8
    [doc] = read([write(tmp_path / "x.txt", noise)])
    assert doc.status == "failed"
    assert "not text" in (doc.error or "") or "binary" in (doc.error or "")


def test_empty_and_oversized_documents(tmp_path: Path) -> None:
    empty = write(tmp_path / "a.txt", "---\ntitle: Nothing\n---\n  \n")
    big = write(tmp_path / "b.txt", ENGLISH * 10)
    huge = write(tmp_path / "c.txt", "x" * 5000)
    docs = read([empty, big, huge], max_chars=1000)
    assert [d.status for d in docs] == ["skipped", "failed", "failed"]
    assert "empty" in (docs[0].error or "")
    assert "1,000" in (docs[1].error or "") and f"{len(ENGLISH * 10):,}" in (docs[1].error or "")
    assert "5,000 characters" in (docs[2].error or "")


# --- paths, folders, stdin -----------------------------------------------------------------------

def test_folder_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / "b" / "two.txt", ENGLISH_2)
    write(tmp_path / "a.txt", ENGLISH)
    write(tmp_path / ".secret.txt", ENGLISH)
    write(tmp_path / ".hidden" / "x.txt", ENGLISH)
    docs = read([tmp_path])
    assert [d.path for d in docs] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "two.txt")]


def test_missing_path_raises_before_reading(tmp_path: Path) -> None:
    with pytest.raises(ThucydidesError, match="no such file"):
        read_documents([str(tmp_path / "nope.txt")])


def test_unknown_format_raises(tmp_path: Path) -> None:
    with pytest.raises(ThucydidesError, match="unknown input format"):
        read_documents([str(tmp_path)], "docx")


def test_format_option_overrides_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.txt", json.dumps({"text": ENGLISH, "id": "k"}) + "\n")
    assert read([path], "jsonl")[0].id == "k"


@pytest.mark.parametrize(("content", "fmt"), [
    (json.dumps({"text": ENGLISH}) + "\n", "jsonl"),
    (f"<html><body><article><p>{ENGLISH}</p></article></body></html>", "html"),
    (f"id,text\n1,\"{ENGLISH}\"\n", "csv"),
    (f"---\ntitle: X\n---\n{ENGLISH}", "text"),
])
def test_stdin_is_sniffed(content: str, fmt: str) -> None:
    assert sniff_format(content.encode()) == fmt
    [doc] = list(read_documents(["-"], stdin=io.BytesIO(content.encode())))
    assert doc.status == "new" and ENGLISH in doc.text and doc.path.startswith("<stdin>")


# --- language ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [(ENGLISH, "en"), (GERMAN, "de"), (FRENCH, "fr"), (RUSSIAN, "ru"),
                                            ("الرئيس يلتقي وزير الخارجية في القاهرة", "ar")])
def test_detect_language(text: str, lang: str) -> None:
    guessed, score = detect_language(text)
    assert guessed == lang and 0.2 < score <= 1.0


def test_short_headlines_are_kept_as_english() -> None:
    assert is_english("Putin meets Xi in Beijing")[0]
    assert is_english("Drones hit Odesa port")[0]
    assert not is_english("Die Regierung hat die Sanktionen verlängert")[0]


def test_non_english_document_is_skipped(tmp_path: Path) -> None:
    [doc] = read([write(tmp_path / "ru.txt", RUSSIAN)])
    assert doc.status == "skipped" and doc.language == "ru" and "guessed ru" in (doc.error or "")
