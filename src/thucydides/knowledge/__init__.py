"""Knowledge: versioned data files in, cached lookup tables out; used by every NLP stage.

``kb`` reads the actor knowledge base (``data/kb/``: states, organisations, officials and their terms,
sectors, groups, outlets, equipment, seats, word lists) and the user's own files; ``memberships`` and
``alliances`` read organisations, membership dates and treaty obligations (``data/alliances/``).
"""
