"""Where and when: an event's clause in, a :class:`~thucydides.model.Place` and a resolved date out.

``gazetteer`` builds the place index (GeoNames data from installed packages, plus ``data/``);
``places`` chooses the place an event's own clause names; ``dates`` resolves dates and ranges against
the publication date.
"""
