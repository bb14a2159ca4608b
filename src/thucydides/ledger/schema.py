"""The ledger's tables (SQLAlchemy Core) at the latest schema version (see ``migrations.py``)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()

# Migration 10: on PostgreSQL, identifiers (content hashes) and lookup keys compare byte by byte (collation
# "C"), not by the database's language rules: their indexes are written on every row a load stores.
BYTES = "C"
ID = String(64).with_variant(String(64, collation=BYTES), "postgresql")
CODE = String(32)
KEY = Text().with_variant(Text(collation=BYTES), "postgresql")
BUCKET = String(16).with_variant(String(16, collation=BYTES), "postgresql")

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(32), nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", ID, primary_key=True),  # content hash
    Column("path", Text),
    Column("source", Text),
    Column("title", Text),
    Column("date", String(32)),
    Column("url", Text),
    Column("language", String(16)),
    Column("status", String(16), nullable=False),  # coded, failed, skipped
    Column("error", Text),
    Column("coded_at", String(32)),
    Column("n_events", Integer, nullable=False, default=0),
    Column("content_hash", ID),  # hash of text, date, source, title: the same id with other content is a clash
    Index("ix_documents_status", "status"),
    Index("ix_documents_source", "source"),
)

sentences = Table(
    "sentences", metadata,  # migration 9: keyed by document and index (was by a hash of the two, see NATURAL_KEYS)
    Column("doc_id", ID, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("index", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("start", Integer),
    Column("end", Integer),
)

AUX_MODE_SET = "aux_mode IS NOT NULL"  # what ix_events_aux_mode holds (a query for one mode implies it)

events = Table(
    "events", metadata,
    Column("id", ID, primary_key=True),  # Event.id content hash
    Column("doc_id", ID, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("event", String(16), nullable=False),
    Column("mode", String(32)),
    Column("quad", Integer),
    Column("date", String(32)),
    Column("date_end", String(32)),
    Column("date_precision", String(16)),
    Column("aux_mode", String(16)),
    Column("claim_status", String(16)),
    Column("claimant_code", CODE),
    Column("location_name", Text),
    Column("location_country", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("confidence", Float),
    Column("trigger", Text),
    Column("sentence_index", Integer),
    Column("record", Text, nullable=False),  # the whole Event as JSON: nothing is lost
    Column("dropped", String(32)),  # migration 4: why a candidate is not in the default output (NULL: it is)
    Index("ix_events_event_date", "event", "date"),
    Index("ix_events_date", "date"),
    Index("ix_events_doc", "doc_id", "sentence_index"),
    # migration 8: only the events with a mode (no index on quad or dropped: see migrations.EVENT_INDEXES)
    Index("ix_events_aux_mode", "aux_mode", sqlite_where=text(AUX_MODE_SET), postgresql_where=text(AUX_MODE_SET)),
)

actors = Table(
    "actors", metadata,  # migration 9: keyed by event, role and position (was by a serial number)
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), primary_key=True),  # actor, recipient
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("text", Text),
    Column("code", CODE),
    Column("org", CODE),
    Column("sector", CODE),
    Column("name", Text),
    Column("kind", String(16)),
)

claim_parties = Table(
    "claim_parties", metadata,  # migration 9: keyed as actors
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), primary_key=True),  # claimant, confirmed_by, denied_by
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("code", CODE),
    Column("name", Text),
    Column("text", Text),
)

quotes = Table(
    "quotes", metadata,
    Column("id", ID, primary_key=True),
    Column("doc_id", ID, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("speaker", Text),
    Column("speaker_code", CODE),
    Column("speaker_name", Text),
    Column("text", Text, nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("record", Text, nullable=False),
    Index("ix_quotes_doc", "doc_id"),
)

incidents = Table(
    "incidents", metadata,
    Column("id", ID, primary_key=True),  # content hash of the founding event's group key
    Column("event", String(16), nullable=False),
    Column("family", String(64), nullable=False),
    Column("actor", Text, nullable=False),  # JSON list of codes
    Column("recipient", Text, nullable=False),
    Column("location", Text),
    Column("country", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("anchor_date", String(32)),  # the founding report's date: later reports must fall near it
    Column("anchor_end", String(32)),
    Column("date", String(32)),
    Column("date_end", String(32)),
    Column("sources", Integer, nullable=False, default=0),
    Column("n_reports", Integer, nullable=False, default=0),
    Column("status", String(32), nullable=False),
    Column("updated_at", String(32)),
    Index("ix_incidents_status", "status"),
    Index("ix_incidents_date", "date", "date_end"),
)

# Migration 2: the small facts of each report, so that an incident's summary (codes, place, dates,
# sources, status) is recomputed from these columns, never from the events' JSON records. Code lists
# are ";"-joined (NULL for none; "" stands for an actor without a code).
REPORT_FACTS = (
    Column("event", String(16)),  # the report's own event type
    Column("date", String(32)),  # the event's date, or its document's when it has none
    Column("date_end", String(32)),
    Column("actor_codes", Text),
    Column("recipient_codes", Text),
    Column("location", Text),  # the place's name (NULL: no place)
    Column("named", Boolean),  # the place names somewhere specific (not only a country or region)
    Column("country", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("source_key", Text),  # the independent source (corroboration.report_source)
    Column("claim_status", String(16)),
    Column("claimant_code", CODE),
    Column("confirmer_codes", Text),
    Column("denier_codes", Text),
    Column("is_real", Boolean),  # not hypothetical, negated or future (only real events are filed today)
)

incident_reports = Table(
    "incident_reports", metadata,
    Column("incident_id", ID, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("doc_id", ID, nullable=False),
    Column("outlet", Text),
    *REPORT_FACTS,
    UniqueConstraint("event_id", name="uq_incident_reports_event"),  # an event reports one incident
)

# Migration 2: where to look for the incidents a new event may report. An incident is filed under
# "family|token" for each code on each side ("a:RUS", "r:UKR"), each pair of them ("RUS>UKR") and its
# named place ("p:kharkiv") (facts.tokens), times each date bucket its founding date range touches ("*"
# when undated). Rows are only added, so the keys are a superset of what matches;
# corroboration.same_happening decides.
incident_keys = Table(
    "incident_keys", metadata,
    Column("token_key", KEY, primary_key=True),
    Column("bucket", BUCKET, primary_key=True),
    Column("incident_id", ID, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("first_day", Integer),  # the founding date range as day ordinals (NULL when undated), so that
    Column("last_day", Integer),  # a lookup skips incidents out of its window without reading them
    sqlite_with_rowid=False,  # small rows, looked up by their key only
)

# Migration 5: every mention of an event's happening in its document (Event.mentions), in text order; the
# sentences they sit in are in ``sentences``.
mentions = Table(
    "mentions", metadata,
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("doc_id", ID, nullable=False),
    Column("sentence_index", Integer),
    Column("trigger", Text),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    # (no index on doc_id: no query reads a document's mentions but through its events; migration 11)
)

TABLES = (documents, sentences, events, actors, claim_parties, quotes, incidents, incident_reports,
          incident_keys, mentions)

# Migration 3: the review audit log. A correction never touches the coded event: it records who changed
# which fields of which event, when, the fields before and after, and a note; queries lay the active
# corrections (not undone) over the stored record, oldest first.
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", ID, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("who", Text, nullable=False),
    Column("at", String(32), nullable=False),
    Column("before", Text, nullable=False),  # JSON object: the corrected fields as they were
    Column("after", Text, nullable=False),  # JSON object: the same fields as corrected
    Column("note", Text),
    Column("incident_id", ID),  # the incident the event was filed under when it was corrected
    Column("undone_at", String(32)),
    Column("undone_by", Text),
    Index("ix_corrections_event", "event_id"),
)

# Migration 3: write tokens for the web app and API; only a SHA-256 hash of each token is stored.
tokens = Table(
    "tokens", metadata,
    Column("name", String(64), primary_key=True),
    Column("hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)
