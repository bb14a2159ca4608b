"""Coding posted articles in the server: the library's code_documents, then the ledger, one writer."""

from __future__ import annotations

from typing import Any

from thucydides.api import code_documents
from thucydides.model import Document


def code_and_store(state: Any, docs: list[Document]) -> list[dict[str, Any]]:
    """Code documents (those already in the ledger are not coded again) and store them; each one's
    status and events."""
    ledger = state.ledger
    out: list[dict[str, Any]] = []
    with state.write_lock:
        fresh = []
        for doc in docs:
            if ledger.is_coded(doc):
                events = ledger.events(doc_id=doc.id)
                out.append({"id": doc.id, "title": doc.title, "status": "known", "error": None,
                            "new_events": 0, "events": [e.to_dict() for e in events]})
            else:
                fresh.append(doc)
        for coded in code_documents(fresh, kb_paths=state.kb_paths):
            doc = coded.document
            if doc.status in ("failed", "skipped"):
                ledger.record_failure(doc)
                out.append({"id": doc.id, "title": doc.title, "status": doc.status, "error": doc.error,
                            "new_events": 0, "events": []})
                continue
            new = ledger.store(doc, coded.events, coded.quotes)
            out.append({"id": doc.id, "title": doc.title, "status": "coded", "error": None, "new_events": new,
                        "events": [e.to_dict() for e in ledger.events(doc_id=doc.id)]})
    return out
