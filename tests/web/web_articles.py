"""Short articles written for these tests (fictional outlets; real places and states)."""

from __future__ import annotations

ARTICLES = [
    {"id": "web-harbour-strike", "date": "2025-03-14", "source": "Harbour Gazette",
     "title": "Drones strike the port of Novorossiysk",
     "text": ("Ukrainian drones attacked the Russian port of Novorossiysk on Thursday, the Ukrainian navy said. "
              "Russia's defence ministry denied that any ship was damaged. "
              "Russian forces shelled the city of Kharkiv on Wednesday, local officials said.")},
    {"id": "web-coastal-report", "date": "2025-03-15", "source": "Coastal Monitor",
     "title": "Port attack confirmed by regional officials",
     "text": ("Ukraine struck the port of Novorossiysk with naval drones on Thursday. "
              "Poland condemned the shelling of Kharkiv. "
              "The foreign ministers of Finland and Estonia met in Tallinn on Friday to discuss energy security.")},
    {"id": "web-hostile-title", "date": "2025-03-16", "source": "Tinfoil Daily",
     "title": "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">Talks in Geneva",
     "text": ("Armenian and Azerbaijani negotiators met in Geneva on Sunday. "
              "<b>Georgian protesters</b> rallied outside the embassy of Russia in Tbilisi on Saturday "
              "<script>window.__pwned = 3</script>.")},
]

EXTRA = {"id": "web-posted", "date": "2025-03-18", "source": "Harbour Gazette", "title": "Sanctions announced",
         "text": "The European Union imposed new sanctions on Belarus on Tuesday."}
