"""Where events happened, in the events table (schema step 3): the resolved place's ADM1,
coordinates, gazetteer id, feature type and full name as columns (so SQL can map them), and
the actors' locations as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from tacitus.model import Event, Place, place_from_dict

GEO_COLUMNS = (
    "place_adm1", "place_lat", "place_lon", "place_geo_id", "place_feature", "place_full_name",
    "source_location", "target_location",
)

GEO_TYPES = {"place_lat": "DOUBLE PRECISION", "place_lon": "DOUBLE PRECISION"}
GEO_STEP = [f"ALTER TABLE events ADD COLUMN {column} {GEO_TYPES.get(column, 'TEXT')}" for column in GEO_COLUMNS]


def _location(place: Place | None) -> str | None:
    return json.dumps(asdict(place), ensure_ascii=False) if place is not None else None


def geo_values(event: Event) -> tuple[Any, ...]:
    place = event.place
    fields = (place.adm1, place.lat, place.lon, place.geo_id, place.feature, place.full_name) if place else (None,) * 6
    return (
        *fields,
        _location(event.source.location if event.source else None),
        _location(event.target.location if event.target else None),
    )


def with_geo(row: dict[str, Any], event: Event) -> Event:
    """Put the stored geography back on an event rebuilt from its row (rows of stores written
    before step 3 have none)."""
    place = event.place
    if place is not None:
        place.adm1, place.lat, place.lon = row.get("place_adm1"), row.get("place_lat"), row.get("place_lon")
        place.geo_id, place.feature, place.full_name = row.get("place_geo_id"), row.get("place_feature"), row.get("place_full_name")
    for side in ("source", "target"):
        ref = getattr(event, side)
        stored = row.get(f"{side}_location")
        if ref is not None and stored:
            ref.location = place_from_dict(json.loads(stored))
    return event
