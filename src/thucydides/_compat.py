"""Old import paths (``thucydides.actors``, ``thucydides.events``, ...) keep working after the move to stage
packages: each old name is an alias of the module that now holds the code."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType

MOVED = {
    "html": "ingest.html", "language": "ingest.language",
    "pipeline": "nlp.pipeline",
    "events": "nlp.events.candidates", "lexicon": "nlp.events.lexicon", "spans": "nlp.events.spans",
    "intent": "nlp.events.intent",
    "actors": "nlp.actors.resolve", "mentions": "nlp.actors.mentions", "inference": "nlp.actors.inference",
    "claims": "nlp.provenance.claims", "quotes": "nlp.provenance.quotes", "modality": "nlp.provenance.modality",
    "quantities": "nlp.provenance.quantities", "verdicts": "nlp.provenance.verdicts",
    "places": "nlp.where_when.places", "gazetteer": "nlp.where_when.gazetteer", "dates": "nlp.where_when.dates",
    "kb": "knowledge.kb", "alliances": "knowledge.alliances", "memberships": "knowledge.memberships",
    "corroboration": "ledger.corroboration",
}


class _Alias(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        return None


class MovedModules(importlib.abc.MetaPathFinder):
    """Finds ``thucydides.<old>`` for the modules that moved, and hands back the module at its new place."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        head, _, name = fullname.partition(".")
        if head != "thucydides" or name not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Alias(f"thucydides.{MOVED[name]}"))


def install() -> None:
    if not any(isinstance(f, MovedModules) for f in sys.meta_path):
        sys.meta_path.append(MovedModules())
