"""Main text, title and date of a news web page, with the site's boilerplate dropped.

The text comes from ``trafilatura`` (navigation, scripts, footers, cookie banners, related-article
lists and comments are dropped); when it finds nothing, a plain lxml pass keeps the paragraphs and
headings of ``<article>`` / ``<main>`` (or ``<body>``) after removing boilerplate elements. Title and
date come from the page's meta tags when present (Open Graph, ``article:published_time``,
Dublin Core, ``<time datetime>``), else from trafilatura's metadata.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

log = logging.getLogger(__name__)

_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publish-date", "publication_date", "dc.date", "dc.date.issued", "dcterms.created",
              "sailthru.date", "parsely-pub-date")
_TITLE_META = ("og:title", "twitter:title", "dc.title", "headline")
_SOURCE_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
_URL_META = ("og:url",)
_BOILERPLATE_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe",
                     "svg", "button", "template")
_BOILERPLATE_HINT = re.compile(r"cookie|consent|banner|nav|menu|footer|subscribe|newsletter|share|social|"
                               r"related|promo|advert|breadcrumb|sidebar|comment", re.I)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
SHORT_WORDS = 20
_TEXT_TAGS = ("p", "h1", "h2", "h3", "blockquote", "li")


@dataclass
class Page:
    """What a web page yields: its main text and whatever metadata it states."""

    text: str
    title: str | None = None
    date: str | None = None  # as the page gives it; the caller validates it
    source: str | None = None
    url: str | None = None


def extract_page(html: str) -> Page:
    """The main text and metadata of one HTML page (text is "" when no main text is found)."""
    tree = _parse(html)
    meta = _meta_tags(tree) if tree is not None else {}
    title = _first(meta, _TITLE_META)
    date = _first(meta, _DATE_META)
    source = _first(meta, _SOURCE_META)
    url = _first(meta, _URL_META)
    if tree is not None:
        if title is None:
            title = _clean(tree.findtext(".//title") or "") or None
        if date is None:
            stamp = tree.xpath("string(.//time[@datetime][1]/@datetime)")
            date = str(stamp) or None
    text, extra_title, extra_date = _trafilatura_text(html)
    if tree is not None and len(text.split()) < SHORT_WORDS:
        # nothing, or a scrap that may be navigation: keep only what survives boilerplate removal
        text = _lxml_text(tree)
    date = _iso_day(date) or _iso_day(extra_date)
    title = title or extra_title
    if title and text.startswith(title):  # the headline repeated as the first paragraph
        text = text[len(title):].lstrip()
    return Page(text=text, title=title, date=date, source=source, url=url)


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        value = (node.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key]
    return None


def _iso_day(value: str | None) -> str | None:
    """The YYYY-MM-DD at the start of a meta date ("2024-05-03T10:00:00Z" -> "2024-05-03")."""
    if not value:
        return None
    match = _ISO_DATE.match(value.strip())
    return match.group(0) if match else value.strip()


def _trafilatura_text(html: str) -> tuple[str, str | None, str | None]:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a dependency; lxml is the fallback
        return "", None, None
    try:
        doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                          with_metadata=True, deduplicate=False,
                                          date_extraction_params={"extensive_search": False,
                                                                  "original_date": True})
    except Exception as exc:  # a third-party parser on arbitrary input: fall back to lxml
        log.debug("trafilatura failed: %s", exc)
        return "", None, None
    if doc is None:
        return "", None, None
    text = getattr(doc, "text", None) or ""
    return _normalise_paragraphs(text), getattr(doc, "title", None), getattr(doc, "date", None)


def _lxml_text(tree: lxml.html.HtmlElement) -> str:
    for node in list(tree.iter(*_BOILERPLATE_TAGS)):
        _drop(node)
    for node in list(tree.iter()):
        if not isinstance(node.tag, str):
            continue
        hint = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('role') or ''}"
        if hint.strip() and _BOILERPLATE_HINT.search(hint):
            _drop(node)
    roots = tree.xpath(".//article") or tree.xpath(".//main") or tree.xpath(".//body") or [tree]
    parts = [_clean(node.text_content()) for node in roots[0].iter(*_TEXT_TAGS)]
    return "\n\n".join(p for p in parts if p)


def _drop(node: lxml.html.HtmlElement) -> None:
    parent = node.getparent()
    if parent is not None:
        node.drop_tree()


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _normalise_paragraphs(text: str) -> str:
    lines = [_clean(line) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)
