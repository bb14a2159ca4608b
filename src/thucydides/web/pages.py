"""The HTML pages: each view reads through the library and renders a template (autoescaped)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from thucydides.errors import E, ThucydidesError
from thucydides.export import dumps_csv, write_parquet
from thucydides.ledger.corrections import FIELDS
from thucydides.model import CLAIM_STATUSES, EVENT_TYPES, Document

from . import charts
from .api import document_json, events_page
from .errors import HTTPProblem
from .filters import PAGE_SIZES, event_filters, query_string
from .security import CSRF_FIELD, check_form, csrf_token, writer
from .worldmap import HEIGHT, WIDTH, country_paths

read = APIRouter(include_in_schema=False)
write = APIRouter(include_in_schema=False)
MAX_ROWS = 100_000  # events read for a download, a chart or the map


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    params = {k: v for k, v in request.query_params.items()}
    context.update(params=params, csrf=csrf_token(request), event_types=EVENT_TYPES,
                   claim_statuses=CLAIM_STATUSES, qs=lambda **kw: query_string(params, **kw),
                   path=request.url.path)
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _params(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in request.query_params.items()}


def _all_events(request: Request) -> tuple[list[Any], dict[str, Any]]:
    filters = event_filters(_params(request))
    return request.app.state.ledger.events(**filters, limit=MAX_ROWS), filters


@read.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/events", status_code=302)


@read.get("/events")
def events(request: Request) -> Response:
    page = events_page(request, _params(request))
    return render(request, "events.html", page=page, page_sizes=PAGE_SIZES)


@read.get("/events.{fmt}")
def download(request: Request, fmt: str) -> Response:
    found, _ = _all_events(request)
    records = [e.to_dict() for e in found]
    headers = {"Content-Disposition": f'attachment; filename="events.{fmt}"'}
    if fmt == "csv":
        return Response(dumps_csv(records), media_type="text/csv; charset=utf-8", headers=headers)
    if fmt == "jsonl":
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        return Response(body, media_type="application/x-ndjson; charset=utf-8", headers=headers)
    if fmt == "parquet":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "events.parquet"
            write_parquet(records, path)
            data = path.read_bytes()
        return Response(data, media_type="application/vnd.apache.parquet", headers=headers)
    raise HTTPProblem(404, f"no download format {fmt!r}; use csv, jsonl or parquet")


@read.get("/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    ledger = request.app.state.ledger
    event = ledger.event(event_id)
    if event is None:
        raise HTTPProblem(404, E.NO_EVENT.format(id=event_id))
    review = ledger.review(event_id)
    document = ledger.document(event.doc_id)
    return render(request, "event.html", event=event, review=review, document=document,
                  pieces=charts.highlight(event), fields=FIELDS,
                  codes=lambda group: ";".join(a.code or a.text for a in group),
                  error=request.query_params.get("error"))


@read.get("/incidents")
def incidents(request: Request) -> Response:
    params = _params(request)
    status = params.get("status") or None
    found = request.app.state.ledger.incidents(actor=params.get("actor") or None,
                                               since=params.get("since") or None,
                                               until=params.get("until") or None,
                                               place=params.get("place") or None,
                                               event=params.get("event") or None)
    counts: dict[str, int] = {}
    for i in found:
        counts[i.status] = counts.get(i.status, 0) + 1
    if status:
        found = [i for i in found if i.status == status]
    return render(request, "incidents.html", incidents=found, counts=counts)


@read.get("/incidents/{incident_id}")
def incident_page(request: Request, incident_id: str) -> Response:
    incident = request.app.state.ledger.incident(incident_id)
    if incident is None:
        raise HTTPProblem(404, E.NO_INCIDENT.format(id=incident_id))
    outlets: dict[str, list[Any]] = {}
    for report in incident.reports:
        outlets.setdefault(report.outlet or "(no outlet)", []).append(report)
    return render(request, "incident.html", incident=incident, outlets=outlets)


@read.get("/timeline")
def timeline(request: Request) -> Response:
    found, _ = _all_events(request)
    by = "week" if request.query_params.get("by") == "week" else "day"
    group = "quad" if request.query_params.get("group") == "quad" else "event"
    return render(request, "timeline.html", timeline=charts.timeline(found, by, group), by=by, group=group,
                  quad_names=charts.QUAD_NAMES, total=len(found))


@read.get("/map")
def world_map(request: Request) -> Response:
    found, _ = _all_events(request)
    return render(request, "map.html", countries=country_paths(), points=charts.map_points(found),
                  width=WIDTH, height=HEIGHT, total=len(found))


@read.get("/actors")
def actors(request: Request) -> Response:
    found, _ = _all_events(request)
    return render(request, "actors.html", actors=charts.top_actors(found), dyads=charts.top_dyads(found),
                  total=len(found))


@read.get("/documents")
def documents(request: Request) -> Response:
    status = request.query_params.get("status") or None
    if status not in (None, "coded", "failed", "skipped"):
        raise ThucydidesError(E.BAD_PARAMETER.format(name="status", value=status,
                                                     expected="coded, failed or skipped"))
    docs = request.app.state.ledger.documents(status=status)
    return render(request, "documents.html", documents=[document_json(d) for d in reversed(docs)],
                  results=None, max_upload=request.app.state.max_upload)


# -- forms -----------------------------------------------------------------------------------------------

async def _form(request: Request) -> tuple[Any, str]:
    form = await request.form(max_part_size=request.app.state.max_upload)
    check_form(request, str(form.get(CSRF_FIELD) or ""))
    who = writer(request, str(form.get("token") or "").strip() or None)
    return form, who


def _changes(form: Any, current: dict[str, Any]) -> dict[str, Any]:
    """The fields of the correction form that differ from the event as it stands."""
    changes: dict[str, Any] = {}
    if form.get("wrong") == "on" and not current["wrong"]:
        changes["wrong"] = True
    if form.get("wrong") != "on" and current["wrong"]:
        changes["wrong"] = False
    for field in ("event", "mode", "date"):
        value = str(form.get(field) or "").strip()
        if value != (current.get(field) or ""):
            changes[field] = value or None
    for field in ("actor", "recipient"):
        value = str(form.get(field) or "").strip()
        codes = [c.strip() for c in value.replace(",", ";").split(";") if c.strip()]
        if codes != current[field]:
            changes[field] = codes
    place = str(form.get("location") or "").strip()
    if place != (current.get("location") or ""):
        changes["location"] = {"name": place, "country": form.get("country") or None,
                               "lat": form.get("lat") or None, "lon": form.get("lon") or None} if place else None
    return changes


@write.post("/events/{event_id}/corrections")
async def correct(request: Request, event_id: str) -> Response:
    form, who = await _form(request)
    ledger = request.app.state.ledger
    event = ledger.event(event_id)
    if event is None:
        raise HTTPProblem(404, E.NO_EVENT.format(id=event_id))
    current = {"wrong": ledger.review(event_id)["wrong"], "event": event.event, "mode": event.mode,
               "date": event.date, "actor": [a.code or a.text for a in event.actor],
               "recipient": [a.code or a.text for a in event.recipient],
               "location": event.location.name if event.location else None}
    changes = _changes(form, current)
    with request.app.state.write_lock:
        ledger.correct(event_id, changes, who=who, note=str(form.get("note") or ""))
    return RedirectResponse(f"/events/{event_id}#review", status_code=303)


@write.post("/corrections/{correction_id}/undo")
async def undo(request: Request, correction_id: int) -> Response:
    _, who = await _form(request)
    with request.app.state.write_lock:
        done = request.app.state.ledger.undo_correction(correction_id, who=who)
    return RedirectResponse(f"/events/{done['event_id']}#review", status_code=303)


@write.post("/documents")
async def code_form(request: Request) -> Response:
    form, _ = await _form(request)
    limit = request.app.state.max_upload
    docs: list[Document] = []
    text = str(form.get("text") or "")
    fields = {k: str(form.get(k) or "").strip() or None for k in ("title", "date", "source", "url")}
    if text.strip():
        docs.append(Document(text=text, path="form", **fields))  # type: ignore[arg-type]
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise HTTPProblem(413, E.UPLOAD_TOO_LARGE.format(size=len(data), limit=limit))
        docs.extend(_uploaded(upload.filename, data, fields))
    if not docs:
        raise HTTPProblem(400, E.EMPTY_DOCUMENT.format(where="the form"))
    from starlette.concurrency import run_in_threadpool

    from .coding import code_and_store

    results = await run_in_threadpool(code_and_store, request.app.state, docs)
    listed = [document_json(d) for d in reversed(request.app.state.ledger.documents())]
    return render(request, "documents.html", documents=listed, results=results, max_upload=limit)


def _uploaded(name: str, data: bytes, fields: dict[str, str | None]) -> list[Document]:
    """An uploaded file as documents: JSONL (one article a line) or plain text (one article)."""
    from .api import to_documents

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HTTPProblem(400, E.UNDECODABLE.format(where=name)) from exc
    if name.lower().endswith(".jsonl"):
        items = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except ValueError as exc:
                    raise HTTPProblem(400, E.BAD_JSONL.format(where=f"{name}:{n}", detail=exc)) from exc
        return to_documents(items)
    return [Document(text=text, path=name, **fields)]  # type: ignore[arg-type]


@read.get("/robots.txt")
def robots() -> PlainTextResponse:
    return PlainTextResponse("User-agent: *\nDisallow: /\n")
