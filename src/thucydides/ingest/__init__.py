"""Stage 1, ingest: files, folders, feeds and standard input in; :class:`~thucydides.model.Document` records out.

``readers`` reads plain text (with front matter), HTML, JSONL and CSV; ``html`` extracts an article's main
text; ``language`` tells English from other languages and binary data. A bad record becomes a failed or
skipped ``Document`` with its reason; it never stops the batch. Knowledge used here: ``ingest/data/``.
"""

from thucydides.ingest.readers import (
    guess_format,
    iter_files,
    make_document,
    read_documents,
    read_file,
    read_stream,
)

__all__ = ["guess_format", "iter_files", "make_document", "read_documents", "read_file", "read_stream"]
