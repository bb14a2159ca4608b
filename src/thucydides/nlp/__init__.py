"""Stage 2, NLP: a ``Document``'s text in, typed :class:`~thucydides.model.Event` records out.

``pipeline`` builds the spaCy pipeline from config: spaCy's tagger, parser and NER, then our components,
one sub-package each, in the order they run:

- ``events``: trigger lexicon, candidate events, their arguments (spans and mentions), announced intent;
- ``actors``: actor resolution against the knowledge base, mentions in context, inferred owners;
- ``provenance``: claims, quotes and speakers, modality (real, future, hypothetical), quantities, verdicts;
- ``where_when``: places (gazetteer) and dates.

Knowledge comes from :mod:`thucydides.knowledge` and each component's own ``data/`` folder.
"""
