"""Provenance: an event's sentence in, who says so and how real it is out.

``claims`` (claim status, claimant, confirmers, deniers), ``quotes`` and ``speakers`` (quotations and who
speaks them), ``modality`` (future, hypothetical, negated, historical), ``quantities`` (counts with
qualifier, unit, model, origin), ``verdicts`` (document-level confirmations and denials). Cue words: ``data/``.
"""
