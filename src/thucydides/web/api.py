"""The REST API (JSON) under /api: the same filters as the command line, over the library."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from thucydides.errors import E, ThucydidesError
from thucydides.model import Document, Event

from .errors import HTTPProblem
from .filters import event_filters, paging
from .limits import read_body
from .security import api_writer

read = APIRouter(prefix="/api", tags=["read"])
write = APIRouter(prefix="/api", tags=["write"])
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def event_json(event: Event, corrected: bool = False, wrong: bool = False) -> dict[str, Any]:
    return dict(event.to_dict(), corrected=corrected, wrong=wrong)


def events_page(request: Request, params: dict[str, str], default_limit: int = 50) -> dict[str, Any]:
    """One page of events for the current filter, with the total; shared by the API and the pages."""
    ledger = request.app.state.ledger
    filters = event_filters(params)
    page = paging(params, default_limit)
    found = ledger.events(**filters, **page)
    corrected = ledger.corrected_ids([e.id for e in found])
    return {"total": ledger.count_events(**filters), **page, "filters": filters,
            "events": found, "corrected": corrected}


@read.get("/events", summary="Events, filtered as `thucydides events`, with limit and offset")
def list_events(request: Request,
                event: str | None = Query(None, description="PLOVER event type (ASSAULT, PROTEST, ...)"),
                quad: int | None = Query(None, ge=1, le=4), actor: str | None = None,
                recipient: str | None = None, since: str | None = Query(None, description="YYYY[-MM[-DD]]"),
                until: str | None = None, place: str | None = Query(None, description="place name or ISO3"),
                claim_status: str | None = None, aux_mode: str | None = None,
                real: bool | None = Query(None, description="leave out hypothetical, negated and future events"),
                min_confidence: float | None = Query(None, ge=0, le=1, description="0: every candidate too"),
                candidates: bool | None = Query(None, description="also the candidates left out of the default "
                                                "output, with the reason in `dropped`"),
                text: str | None = Query(None, description="words in the sentence"),
                sort: str = Query("date", description="date, -date, confidence, -confidence, event, quad"),
                limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
    page = events_page(request, {k: str(v) for k, v in request.query_params.items()})
    return {"total": page["total"], "limit": page["limit"], "offset": page["offset"], "sort": page["sort"],
            "events": [event_json(e, e.id in page["corrected"]) for e in page["events"]]}


@read.get("/events/{event_id}", summary="One event as corrected, with its review log and original coding")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    ledger = request.app.state.ledger
    event = ledger.event(event_id)
    if event is None:
        raise HTTPProblem(404, E.NO_EVENT.format(id=event_id))
    review = ledger.review(event_id)
    active = [c for c in review["corrections"] if c["undone_at"] is None]
    return dict(event_json(event, bool(active), review["wrong"]), incident_id=review["incident_id"],
                corrections=review["corrections"], original=review["original"].to_dict())


@read.get("/events/{event_id}/corrections", summary="An event's corrections, undone ones too")
def event_corrections(request: Request, event_id: str) -> list[dict[str, Any]]:
    ledger = request.app.state.ledger
    if ledger.event(event_id) is None:
        raise HTTPProblem(404, E.NO_EVENT.format(id=event_id))
    return list(ledger.corrections(event_id))


@read.get("/corrections", summary="The audit log of corrections, oldest first")
def list_corrections(request: Request, undone: bool = True) -> list[dict[str, Any]]:
    return list(request.app.state.ledger.corrections(include_undone=undone))


def _incident_json(incident: Any) -> dict[str, Any]:
    return dict(incident.to_dict(), n_reports=len(incident.reports))


@read.get("/incidents", summary="Incidents, filtered as `thucydides incidents`")
def list_incidents(request: Request, corroborated: bool | None = None, disputed: bool | None = None,
                   actor: str | None = None, since: str | None = None, until: str | None = None,
                   place: str | None = None, event: str | None = None, status: str | None = None,
                   limit: int = Query(100, ge=1, le=5000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
    found = request.app.state.ledger.incidents(corroborated=corroborated, disputed=disputed, actor=actor,
                                               since=since, until=until, place=place, event=event)
    if status:
        found = [i for i in found if i.status == status]
    return {"total": len(found), "limit": limit, "offset": offset,
            "incidents": [_incident_json(i) for i in found[offset:offset + limit]]}


@read.get("/incidents/{incident_id}", summary="One incident with its reports")
def get_incident(request: Request, incident_id: str) -> dict[str, Any]:
    incident = request.app.state.ledger.incident(incident_id)
    if incident is None:
        raise HTTPProblem(404, E.NO_INCIDENT.format(id=incident_id))
    return _incident_json(incident)


@read.get("/claims", summary="Claimed events: who claims, confirms and denies them")
def list_claims(request: Request, by: str | None = None) -> list[dict[str, Any]]:
    return list(request.app.state.ledger.claims(by=by))


def document_json(doc: Document) -> dict[str, Any]:
    row = doc.to_dict()
    row.pop("text", None)
    row.pop("content_hash", None)
    return row


@read.get("/documents", summary="Documents and how their coding went")
def list_documents(request: Request, status: str | None = Query(None, pattern="^(coded|failed|skipped)$")
                   ) -> list[dict[str, Any]]:
    return [document_json(d) for d in request.app.state.ledger.documents(status=status)]


# -- writing ---------------------------------------------------------------------------------------------

class ArticleIn(BaseModel):
    """An article to code, as a JSONL input record."""

    model_config = ConfigDict(extra="ignore")
    text: str = Field(description="the article's text")
    id: str | None = None
    date: str | None = Field(None, description="publication date, YYYY-MM-DD")
    source: str | None = Field(None, description="the outlet")
    title: str | None = None
    url: str | None = None


class CorrectionIn(BaseModel):
    """New values for some fields of an event, or wrong: true; with a note."""

    model_config = ConfigDict(extra="allow")
    event: str | None = Field(None, description="PLOVER event type")
    mode: str | None = None
    actor: list[Any] | str | None = Field(None, description='codes, e.g. ["RUS"], or actor objects')
    recipient: list[Any] | str | None = None
    date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    location: dict[str, Any] | str | None = Field(None, description='a place name or {"name", "country", "lat", "lon"}')
    wrong: bool | None = None
    note: str | None = None


def to_documents(body: Any) -> list[Document]:
    """Documents from a JSON object or a list of them; ThucydidesError for anything else."""
    items = body if isinstance(body, list) else [body]
    if not items:
        raise ThucydidesError(E.BAD_BODY.format(detail="the list is empty"))
    out = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ThucydidesError(E.BAD_BODY.format(detail=f"item {n} is not a JSON object"))
        if not isinstance(item.get("text"), str):
            raise ThucydidesError(E.NO_TEXT_FIELD.format(where=f"item {n}"))
        date = item.get("date")
        if date is not None and (not isinstance(date, str) or not _DAY.match(date)):
            raise ThucydidesError(E.BAD_BODY.format(detail=f"item {n}: date {date!r} is not YYYY-MM-DD"))
        fields = {k: str(item[k]) for k in ("id", "source", "title", "url") if item.get(k) not in (None, "")}
        out.append(Document(text=item["text"], date=date, path=f"api:{n}", **fields))
    return out


@write.post("/documents", status_code=201, summary="Code articles and store them",
            openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                "oneOf": [{"$ref": "#/components/schemas/ArticleIn"},
                          {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}]}}}}})
async def post_documents(request: Request, who: str = Depends(api_writer)) -> JSONResponse:
    limit = request.app.state.max_upload
    body = await read_body(request, limit)
    try:
        data = json.loads(body or b"null")
    except ValueError as exc:
        raise HTTPProblem(400, E.BAD_BODY.format(detail=f"not JSON ({exc})")) from exc
    docs = to_documents(data)
    from starlette.concurrency import run_in_threadpool

    from .coding import code_and_store

    results = await run_in_threadpool(code_and_store, request.app.state, docs)
    return JSONResponse({"documents": results}, status_code=201)


@write.post("/events/{event_id}/corrections", status_code=201, summary="Correct an event or mark it wrong")
def post_correction(request: Request, event_id: str, correction: CorrectionIn,
                    who: str = Depends(api_writer)) -> dict[str, Any]:
    changes = correction.model_dump(exclude_unset=True)
    note = changes.pop("note", None)
    with request.app.state.write_lock:
        return dict(request.app.state.ledger.correct(event_id, changes, who=who, note=note))


@write.post("/corrections/{correction_id}/undo", summary="Undo a correction (it stays in the log)")
def undo_correction(request: Request, correction_id: int, who: str = Depends(api_writer)) -> dict[str, Any]:
    with request.app.state.write_lock:
        return dict(request.app.state.ledger.undo_correction(correction_id, who=who))
