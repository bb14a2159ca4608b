"""Actors: a phrase (or a mention in its sentence) in, a coded :class:`~thucydides.model.Actor` out.

``resolve`` codes phrases against the knowledge base (country, sector, organisation, as of a date);
``mentions`` resolves mentions in context (surnames, "the ministry", pronouns); ``inference`` fills in
owners of equipment from the article's conflict dyad.
"""
