"""Fictional phone numbers for planted operators, and the plain ways each one is written.

North America uses only NXX-555-0100..0199 (reserved for fiction); Australia and the UK use their
regulators' drama ranges; Spain, Mexico and Colombia numbers are drawn at random and kept only when
``phonenumbers`` accepts them. Every number is handed out once, so no two operators share a phone
until a pool runs dry (then numbers are recycled and counted).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from clew.synth.places import CITIES, City

_PNF = phonenumbers.PhoneNumberFormat


@dataclass(frozen=True, slots=True)
class Phone:
    """One number: its E.164 value, the national digits and the plain forms posters write it in."""

    e164: str
    country: str
    national: str  # national significant number with trunk prefix as dialled at home ("0491570006")
    plain: tuple[str, ...]  # plain written forms, most common first


def _valid(e164: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return False


def _nanp_forms(digits: str) -> tuple[str, ...]:
    a, b, c = digits[:3], digits[3:6], digits[6:]
    return (
        f"{a}-{b}-{c}", f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"{a}{b}{c}", f"({a}) {b} {c}", f"{a} {b} {c}",
        f"+1 {a} {b} {c}", f"1-{a}-{b}-{c}", f"+1{a}{b}{c}", f"({a}){b}-{c}", f"+1 ({a}) {b}-{c}",
        f"1{a}{b}{c}", f"{a}/{b}-{c}", f"{a} {b}-{c}", f"+1-{a}-{b}-{c}",
    )


def _dedupe(forms: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(forms))


def _plain_forms(country: str, nsn: str) -> tuple[str, tuple[str, ...]]:
    """The number as dialled at home, and its plain written forms, built from its digits."""
    if country in ("US", "CA"):
        return nsn, _nanp_forms(nsn)
    if country == "AU":
        d = "0" + nsn
        if nsn.startswith("4"):
            return d, _dedupe([f"{d[:4]} {d[4:7]} {d[7:]}", d, f"+61 {nsn[:3]} {nsn[3:6]} {nsn[6:]}", f"+61{nsn}",
                               f"{d[:2]} {d[2:6]} {d[6:]}", f"+61-{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}", f"0061 {nsn}", f"{d[:4]}-{d[4:7]}-{d[7:]}"])
        return d, _dedupe([f"({d[:2]}) {d[2:6]} {d[6:]}", f"{d[:2]} {d[2:6]} {d[6:]}", d, f"+61 {nsn[0]} {nsn[1:5]} {nsn[5:]}",
                           f"+61{nsn}", f"+61-{nsn[0]}-{nsn[1:5]}-{nsn[5:]}", f"0061 {nsn}"])
    if country == "GB":
        d = "0" + nsn
        if nsn.startswith("20"):
            return d, _dedupe([f"{d[:3]} {d[3:7]} {d[7:]}", d, f"+44 {nsn[:2]} {nsn[2:6]} {nsn[6:]}", f"+44{nsn}",
                               f"({d[:3]}) {d[3:7]} {d[7:]}", f"+44 (0){nsn[:2]} {nsn[2:6]} {nsn[6:]}", f"0044 {nsn}", f"{d[:3]}-{d[3:7]}-{d[7:]}"])
        return d, _dedupe([f"{d[:4]} {d[4:7]} {d[7:]}", d, f"+44 {nsn[:3]} {nsn[3:6]} {nsn[6:]}", f"+44{nsn}",
                           f"({d[:4]}) {d[4:]}", f"+44 (0){nsn[:3]} {nsn[3:6]} {nsn[6:]}", f"0044 {nsn}", f"{d[:4]}-{d[4:7]}-{d[7:]}"])
    if country == "ES":
        return nsn, _dedupe([f"{nsn[:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:]}", nsn, f"{nsn[:3]} {nsn[3:6]} {nsn[6:]}",
                             f"+34 {nsn[:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:]}", f"+34{nsn}", f"+34 {nsn[:3]} {nsn[3:6]} {nsn[6:]}",
                             f"{nsn[:3]}.{nsn[3:6]}.{nsn[6:]}", f"{nsn[:3]}-{nsn[3:5]}-{nsn[5:7]}-{nsn[7:]}", f"0034 {nsn}"])
    if country == "MX":
        area = 2 if nsn[:2] in ("55", "56", "33", "81") else 3
        a, rest = nsn[:area], nsn[area:]
        mid = 4 if area == 2 else 3
        return nsn, _dedupe([f"{a} {rest[:mid]} {rest[mid:]}", nsn, f"+52 {a} {rest[:mid]} {rest[mid:]}", f"+52{nsn}",
                             f"({a}) {rest[:mid]} {rest[mid:]}", f"{a}-{rest[:mid]}-{rest[mid:]}", f"+52 {nsn}", f"{nsn[:3]} {nsn[3:6]} {nsn[6:]}"])
    # CO
    return nsn, _dedupe([f"{nsn[:3]} {nsn[3:]}", nsn, f"+57 {nsn[:3]} {nsn[3:]}", f"+57{nsn}", f"{nsn[:3]} {nsn[3:6]} {nsn[6:]}",
                         f"+57 {nsn[:3]} {nsn[3:6]} {nsn[6:]}", f"{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}", f"+57-{nsn[:3]}-{nsn[3:]}"])


_CC = {"1": ("US",), "61": ("AU",), "44": ("GB",), "34": ("ES",), "52": ("MX",), "57": ("CO",)}


def make_phone(e164: str, country: str | None = None) -> Phone:
    """The :class:`Phone` for an E.164 value; checked with ``phonenumbers`` unless ``country`` is given."""
    if country is None:
        number = phonenumbers.parse(e164, None)
        if not phonenumbers.is_valid_number(number):
            raise ValueError(f"not a valid phone number: {e164}")
        country = phonenumbers.region_code_for_number(number) or "US"
        if country not in ("US", "CA", "AU", "GB", "ES", "MX", "CO"):
            country = "US"
    for cc in ("1", "61", "44", "34", "52", "57"):
        if e164.startswith("+" + cc):
            nsn = e164[1 + len(cc):]
            break
    else:
        raise ValueError(f"not a number of a corpus country: {e164}")
    national, plain = _plain_forms(country, nsn)
    return Phone(e164, country, national, plain)


@lru_cache(maxsize=1)
def _nanp_codes() -> dict[str, tuple[str, ...]]:
    """Area codes of each NANP country whose 555-01XX numbers ``phonenumbers`` accepts."""
    codes: dict[str, list[str]] = {"US": [], "CA": []}
    for npa in range(200, 1000):
        number = phonenumbers.parse(f"+1{npa}5550142", None)
        if not phonenumbers.is_valid_number(number):
            continue
        region = phonenumbers.region_code_for_number(number)
        kind = phonenumbers.number_type(number)
        if region in codes and kind != phonenumbers.PhoneNumberType.TOLL_FREE:
            codes[region].append(str(npa))
    return {k: tuple(v) for k, v in codes.items()}


#: UK drama ranges (Ofcom) by geographic code: 4960000..4960999 after the code (London 7946 0xxx)
_GB_DRAMA = {"20": "79460", "161": "4960", "121": "4960", "113": "4960", "141": "4960", "131": "4960", "117": "4960"}
#: Australian fictional mobile ranges (ACMA)
_AU_MOBILE = ((491570006, 491570159), (491571266, 491571491), (491572549, 491572665))


class PhoneBook:
    """Hands out fictional numbers, local to a city when it can, each to one operator only."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._local: dict[tuple[str, str], list[str]] = {}
        self._spare: dict[str, list[str]] = {}
        self._used: set[str] = set()
        self._issued: dict[str, list[str]] = {}
        self.recycled = 0
        self._prefix_ok: dict[str, bool] = {}

    def _candidates(self, country: str, code: str) -> list[str]:
        """Every unused fictional number under one area code (NANP, AU, GB), shuffled."""
        rng = self._rng
        if country in ("US", "CA"):
            out = [f"+1{code}5550{i:03d}" for i in range(100, 200)]
        elif country == "AU":
            out = [f"+61{code}5550{i:04d}" for i in range(10000)]
            if code == "4":
                out = [f"+61{n}" for lo, hi in _AU_MOBILE for n in range(lo, hi + 1)]
        elif country == "GB":
            prefix = _GB_DRAMA.get(code, "4960")
            width = 10 - len(code) - len(prefix)
            out = [f"+44{code}{prefix}{i:0{width}d}" for i in range(10**width)]
        else:
            return []
        rng.shuffle(out)
        return out

    def _draw_random(self, country: str, code: str) -> str:
        """A random number of ES/MX/CO that phonenumbers accepts and nobody holds yet."""
        rng = self._rng
        cc = {"ES": "34", "MX": "52", "CO": "57"}[country]
        for _ in range(200):
            if country == "ES":
                nsn = code + "".join(rng.choice("0123456789") for _ in range(8))
            elif country == "MX":
                nsn = code + "".join(rng.choice("0123456789") for _ in range(10 - len(code)))
            else:
                nsn = code + "".join(rng.choice("0123456789") for _ in range(10 - len(code)))
            e164 = f"+{cc}{nsn}"
            if e164 in self._used:
                continue
            # validity at a fixed length follows the leading digits: check each prefix once
            key = e164[:8]
            ok = self._prefix_ok.get(key)
            if ok is None:
                ok = self._prefix_ok[key] = _valid(e164)
            if ok:
                return e164
        raise RuntimeError(f"no valid number found for {country} {code}")

    def _pool(self, country: str, code: str) -> list[str]:
        key = (country, code)
        pool = self._local.get(key)
        if pool is None:
            pool = self._local[key] = self._candidates(country, code)
        return pool

    def take(self, city: City, *, mobile: bool = True) -> Phone:
        """A fresh number for an operator in ``city``: local first, then anywhere in the country."""
        country, rng = city.country, self._rng
        if country in ("ES", "MX", "CO"):
            e164 = self._draw_random(country, rng.choice(city.codes))
        else:
            codes = list(city.codes)
            if country == "AU" and mobile and rng.random() < 0.8:
                codes = ["4"]
            rng.shuffle(codes)
            e164 = ""
            for code in codes:
                pool = self._pool(country, code)
                while pool and pool[-1] in self._used:
                    pool.pop()
                if pool:
                    e164 = pool.pop()
                    break
            if not e164:
                e164 = self._elsewhere(country)
        if e164 in self._used:
            self.recycled += 1
        self._used.add(e164)
        return make_phone(e164, "US" if country == "CA" and e164[2:5] in _TOLL_FREE else country)

    def _elsewhere(self, country: str) -> str:
        """An unused number under any area code of the country; recycles one when all are gone."""
        spare = self._spare.get(country)
        if spare is None:
            if country in ("US", "CA"):
                codes = list(_nanp_codes()[country])
            elif country == "AU":
                codes = ["2", "3", "7", "8", "4"]
            else:
                codes = list(_GB_DRAMA)
            self._rng.shuffle(codes)
            spare = self._spare[country] = codes
        while spare:
            pool = self._pool(country, spare[-1])
            while pool and pool[-1] in self._used:
                pool.pop()
            if pool:
                return pool.pop()
            spare.pop()
        # every fictional number of the country is taken: recycle one, as carriers do
        recycled = self._issued.setdefault(country, sorted(self._used_in(country)))
        return recycled[self._rng.randrange(len(recycled))]

    def _used_in(self, country: str) -> list[str]:
        prefix = {"US": "+1", "CA": "+1", "AU": "+61", "GB": "+44"}[country]
        return [p for p in self._used if p.startswith(prefix)]


def nanp_area_codes(country: str = "US") -> tuple[str, ...]:
    """Area codes whose 555-01XX numbers validate (US or CA)."""
    return _nanp_codes()[country]


def check_cities() -> list[str]:
    """Cities whose area codes do not give valid fictional numbers (should be empty)."""
    bad = []
    for city in CITIES:
        if city.country in ("US", "CA"):
            for code in city.codes:
                if not _valid(f"+1{code}5550142"):
                    bad.append(f"{city.name} {code}")
    return bad


_TOLL_FREE = ("800", "888", "877", "866", "855", "844", "833")

#: toll-free support lines of sites (hub numbers printed in many unrelated ads)
SUPPORT_LINES = ("+18005550199", "+18885550142", "+18445550100", "+18775550123", "+18665550177")
