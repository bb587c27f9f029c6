"""The planted operators behind the ads: independents, agencies and trafficking-like networks.

An operator owns persons, phones (rotating, for networks), accounts, a writing style and a
schedule: when and where each of its ads is posted. The writer in ``clew.synth.ads`` turns one
scheduled ad into text; the truth file records which operator it came from.
"""

from __future__ import annotations

import itertools
import random
import unicodedata
from dataclasses import dataclass, field

from clew.synth import vocabulary as v
from clew.synth.contacts import BTC_ADDRESSES, ETH_ADDRESSES, GIFT_CARDS
from clew.synth.phones import Phone, PhoneBook
from clew.synth.places import CITIES_BY_COUNTRY, CORRIDORS, COUNTRIES, City, spanish_share

INDEPENDENT = "independent"
AGENCY = "agency"
TRAFFICKING = "trafficking"
KINDS = (INDEPENDENT, AGENCY, TRAFFICKING)

#: share of all ads each kind of operator posts
AD_SHARE = {INDEPENDENT: 0.60, AGENCY: 0.20, TRAFFICKING: 0.20}
#: days the corpus spans
SPAN_DAYS = 90
DAY = 86_400
SPAN = SPAN_DAYS * DAY

_MAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "protonmail.com", "aol.com", "proton.me")
_HANDLE_PLATFORMS = ("snapchat", "snapchat", "instagram", "telegram", "kik", "twitter", "onlyfans", "wechat", "line")
_WORDS = ("lux", "vip", "baby", "doll", "xo", "kiss", "love", "sweet", "bae", "honey", "real", "angel", "bunny", "star", "queen", "diva", "kitty", "glam", "fox", "rose")


def fold(text: str) -> str:
    """ASCII, lower-case form of a name, for handles and e-mail addresses."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@dataclass(slots=True)
class Person:
    """One advertised person: the names she is advertised under, her stated age, her look."""

    id: str
    names: list[str]
    age: int
    look: str


@dataclass(slots=True)
class Stint:
    """A phone in use from ``start`` to ``end`` (seconds into the corpus)."""

    phone: Phone
    start: int
    end: int


@dataclass(slots=True)
class Stay:
    city: City
    start: int
    end: int


@dataclass(slots=True)
class Operator:
    """Everything one operator writes with and where it goes; ``kind`` is the truth label."""

    id: str
    kind: str
    spanish: bool
    country: str
    persons: list[Person]
    stays: list[Stay]
    stints: list[Stint]
    sites: list[tuple[str, str]]
    times: list[int] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    handles: list[tuple[str, str]] = field(default_factory=list)
    payments: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, value, written)
    urls: list[str] = field(default_factory=list)
    name: str = ""  # agency name
    heavy: float = 0.05  # share of phone mentions heavily obfuscated
    light: float = 0.12
    emoji: float = 0.3
    caps: float = 0.05
    typo: float = 0.05
    cues: dict[str, float] = field(default_factory=dict)
    price_base: int = 200
    age_style: int = 0
    joiner: str = ". "
    template: list[str] = field(default_factory=list)
    template_title: str = ""
    template_id: str | None = None
    draft: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    states_age: float = 0.8
    states_price: float = 0.7
    image_seeds: list[list[int]] = field(default_factory=list)  # per person, base image seeds
    stock_images: list[int] = field(default_factory=list)
    offices: list[City] = field(default_factory=list)  # an agency's second office, same switchboard
    boilerplate: int | None = None
    stats: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # per person: stats line, its decoys  # an independent that copied a circulating stock ad

    def stay_at(self, t: int) -> Stay:
        for stay in self.stays:
            if t < stay.end:
                return stay
        return self.stays[-1]

    def phones_at(self, t: int) -> list[Phone]:
        live = [s.phone for s in self.stints if s.start <= t < s.end]
        if not live:
            best = min(self.stints, key=lambda s: min(abs(t - s.start), abs(t - s.end)))
            live = [best.phone]
        return live


class Registry:
    """Names already handed out (e-mails, handles, sites), so no two operators share one by chance."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.crypto_left = list(BTC_ADDRESSES + ETH_ADDRESSES)

    def unique(self, make, rng: random.Random) -> str:  # type: ignore[no-untyped-def]
        for i in range(50):
            value = make()
            if i > 5:
                value = f"{value}{rng.randrange(10, 9999)}" if "@" not in value else value.replace("@", f"{rng.randrange(10, 999)}@", 1)
            if value not in self.taken:
                self.taken.add(value)
                return value
        raise RuntimeError("could not find a fresh account name")


def _size(kind: str, rng: random.Random) -> int:
    """Ads an operator posts over the span: heavy-tailed, networks mostly 5-60."""
    if kind == INDEPENDENT:
        if rng.random() < 0.3:
            return rng.randint(1, 2)
        return min(150, max(1, int(rng.lognormvariate(1.55, 0.85))))
    if kind == AGENCY:
        return min(600, max(8, int(rng.lognormvariate(3.4, 0.75))))
    size = int(rng.lognormvariate(2.95, 0.65))
    if rng.random() < 0.05:
        size *= rng.randint(3, 6)
    return min(700, max(5, size))


_COUNTRY_LIST = tuple(COUNTRIES.values())
_COUNTRY_CUM = tuple(itertools.accumulate(c.share for c in _COUNTRY_LIST))
_CITY_CUM = {code: tuple(itertools.accumulate(c.weight for c in cities)) for code, cities in CITIES_BY_COUNTRY.items()}


def _pick_city(rng: random.Random) -> City:
    country = rng.choices(_COUNTRY_LIST, cum_weights=_COUNTRY_CUM)[0]
    return rng.choices(CITIES_BY_COUNTRY[country.code], cum_weights=_CITY_CUM[country.code])[0]


def _person(pid: str, spanish: bool, kind: str, rng: random.Random) -> Person:
    names = v.NAMES_ES if spanish else v.NAMES_EN
    looks = v.LOOKS_ES if spanish else v.LOOKS_EN
    if kind == TRAFFICKING:
        age = rng.choice((18, 18, 19, 19, 19, 20, 20, 21, 21, 22, 23))
        aliases = rng.sample(names, rng.choice((1, 2, 2, 3)))
    elif kind == AGENCY:
        age = rng.randint(19, 34)
        aliases = [rng.choice(names)]
    else:
        age = min(55, 18 + int(rng.expovariate(1 / 9)) + rng.randint(1, 4))
        aliases = [rng.choice(names)]
    return Person(pid, aliases, age, rng.choice(looks))


def _email(base: str, rng: random.Random) -> str:
    sep = rng.choice(("", ".", "_", ""))
    tail = rng.choice(("", str(rng.randint(1, 99)), rng.choice(_WORDS), str(rng.randint(100, 999))))
    return f"{base}{sep}{rng.choice(_WORDS)}{tail}@{rng.choice(_MAIL_DOMAINS)}"


def _handle(base: str, rng: random.Random) -> str:
    form = rng.randrange(6)
    word = rng.choice(_WORDS)
    if form == 0:
        return f"{base}{word}"
    if form == 1:
        return f"{base}.{word}"
    if form == 2:
        return f"{word}_{base}"
    if form == 3:
        return f"the{base}{word}"
    if form == 4:
        return f"{base}_{word}{rng.randint(1, 99)}"
    return f"{base}{word}{rng.choice(('x', 'xx', 'xo', 'ox'))}"


def _accounts(op: Operator, base: str, rng: random.Random, registry: Registry, *, email: float, handle: float, pay: float, url: float) -> None:
    if rng.random() < email:
        op.emails.append(registry.unique(lambda: _email(base, rng), rng))
    if rng.random() < handle:
        for _ in range(1 if rng.random() < 0.7 else 2):
            platform = rng.choice(_HANDLE_PLATFORMS)
            if platform in (p for p, _ in op.handles):
                continue
            op.handles.append((platform, registry.unique(lambda: _handle(base, rng), rng)))
    if rng.random() < pay:
        kind = rng.choice(("cashapp", "cashapp", "venmo", "zelle", "applepay", "giftcard", "paypal", "crypto"))
        if kind == "crypto":
            if registry.crypto_left and op.kind != INDEPENDENT or (registry.crypto_left and rng.random() < 0.3):
                addr = registry.crypto_left.pop(rng.randrange(len(registry.crypto_left)))
                op.payments.append(("btc" if not addr.startswith("0x") else "eth", addr, addr))
        elif kind == "cashapp":
            tag = registry.unique(lambda: "$" + _handle(base, rng).replace(".", "").replace("_", ""), rng)
            written = tag if rng.random() < 0.6 else "$" + tag[1:].capitalize()
            op.payments.append(("cashapp", tag, written))
        elif kind == "venmo":
            user = registry.unique(lambda: "@" + _handle(base, rng).replace(".", "-").replace("_", "-"), rng)
            op.payments.append(("venmo", user, user))
        elif kind in ("zelle", "applepay"):
            # paid to the operator's own phone or e-mail: the value is also a phone/e-mail of the ad
            if kind == "zelle" and op.emails and rng.random() < 0.5:
                op.payments.append(("zelle", op.emails[0], op.emails[0]))
            else:
                op.payments.append((kind, "phone", "phone"))
        elif kind == "paypal":
            mail = op.emails[0] if op.emails else registry.unique(lambda: _email(base, rng), rng)
            op.payments.append(("paypal", mail, mail))
        else:
            brand = rng.choice(GIFT_CARDS)
            op.payments.append(("giftcard", brand, brand))
    if rng.random() < url:
        slug = registry.unique(lambda: f"{base}{rng.choice(_WORDS)}{rng.choice(('', 'vip', 'official', 'xo'))}", rng)
        host = rng.choice(("example.com", "example.net", "example.org"))
        op.urls.append(f"{slug}.{host}" + rng.choice(("", "", "/book", "/gallery", "/rates")))


def _schedule(start: int, duration: int, n: int, rng: random.Random) -> list[int]:
    return sorted(start + int(rng.random() * duration) for _ in range(n))


def _stints(city: City, first: int, last: int, book: PhoneBook, rng: random.Random, *, days: tuple[int, int], overlap: float) -> list[Stint]:
    """Phones used one after another from ``first`` to ``last``, sometimes overlapping."""
    stints: list[Stint] = []
    t = first
    while True:
        length = rng.randint(*days) * DAY
        end = t + length
        if end >= last:
            stints.append(Stint(book.take(city), t, last + 1))
            return stints
        stints.append(Stint(book.take(city), t, end))
        t = end - (rng.randint(1, 3) * DAY if rng.random() < overlap else 0)


def plant(oid: str, kind: str, n_ads: int, rng: random.Random, book: PhoneBook, registry: Registry, pid: list[int], template_no: list[int]) -> Operator:
    """A new operator of ``kind`` posting ``n_ads`` ads."""
    home = _pick_city(rng)
    spanish = rng.random() < spanish_share(home)
    country = COUNTRIES[home.country]
    sites = list(country.sites)
    rng.shuffle(sites)
    sites = sites[: 1 if kind == INDEPENDENT and rng.random() < 0.8 else 2]

    def new_person() -> Person:
        pid[0] += 1
        return _person(f"p-{pid[0]:07d}", spanish, kind, rng)

    if kind == INDEPENDENT:
        persons = [new_person()]
        start = int(rng.random() * SPAN * 0.9)
        duration = min(SPAN - start, int(rng.expovariate(1 / (35 * DAY))) + DAY * max(1, n_ads // 3))
        duration = max(DAY, min(duration, SPAN - start))
        stays = [Stay(home, start, start + duration + 1)]
        if n_ads >= 4 and rng.random() < 0.12:  # a short trip, announced as "visiting"
            away = rng.choice([c for c in CITIES_BY_COUNTRY[home.country] if c is not home] or [home])
            a = start + duration // 3
            b = a + rng.randint(2, 6) * DAY
            stays = [Stay(home, start, a), Stay(away, a, b), Stay(home, b, start + duration + 1)]
        end = start + duration
        stints = [Stint(book.take(home), start, end + 1)]
        if n_ads >= 4 and rng.random() < 0.08:
            switch = start + int(duration * rng.uniform(0.3, 0.8))
            stints = [Stint(stints[0].phone, start, switch + (DAY * 2 if rng.random() < 0.3 else 0)), Stint(book.take(home), switch, end + 1)]
        op = Operator(oid, kind, spanish, home.country, persons, stays, stints, sites)
        op.times = _schedule(start, duration, n_ads, rng)
        base = fold(persons[0].names[0])
        _accounts(op, base, rng, registry, email=0.25, handle=0.3, pay=0.2, url=0.12)
        op.heavy = rng.choice((0.0, 0.0, 0.0, 0.02, 0.05, 0.1, 0.3, 0.7))
        op.light = rng.choice((0.03, 0.08, 0.15, 0.25))
        op.cues = {"youth": 0.04, "control": 0.01, "movement": 0.25, "availability": 0.12, "hotel": 0.06, "special": 0.1}
        op.price_base = rng.choice((150, 200, 200, 250, 300, 300, 400, 500))
        op.states_age = rng.choice((0.0, 0.5, 0.9, 0.95, 1.0, 1.0))
        op.states_price = rng.choice((0.0, 0.4, 0.8, 1.0))
    elif kind == AGENCY:
        persons = [new_person() for _ in range(rng.randint(3, 14))]
        cities = [home]
        if rng.random() < 0.2:
            cities.append(rng.choice(CITIES_BY_COUNTRY[home.country]))
        start = int(rng.random() * SPAN * 0.3)
        stays = [Stay(home, start, SPAN + 1)]
        stints = [Stint(book.take(home, mobile=rng.random() < 0.5), start, SPAN + 1)]
        if rng.random() < 0.2:
            switch = start + int((SPAN - start) * rng.uniform(0.3, 0.8))
            stints = [Stint(stints[0].phone, start, switch + DAY * 3), Stint(book.take(home), switch, SPAN + 1)]
        op = Operator(oid, kind, spanish, home.country, persons, stays, stints, sites)
        op.times = _schedule(start, SPAN - start, n_ads, rng)
        op.offices = cities[1:]
        op.name = registry.unique(lambda: f"{rng.choice(v.AGENCY_WORDS_A)} {rng.choice(v.AGENCY_WORDS_B)} {rng.choice(v.AGENCY_WORDS_C)}", rng)
        base = fold(op.name.split()[0] + op.name.split()[1])
        _accounts(op, base, rng, registry, email=0.7, handle=0.35, pay=0.15, url=0.6)
        op.heavy, op.light = rng.choice((0.0, 0.01, 0.03, 0.1)), rng.choice((0.02, 0.05, 0.1))
        op.cues = {"youth": 0.06, "control": 0.12, "movement": 0.15, "availability": 0.3, "hotel": 0.08, "special": 0.15}
        op.price_base = rng.choice((250, 300, 300, 350, 400, 500, 600))
        op.states_age = rng.choice((0.6, 0.9, 1.0))
        op.states_price = rng.choice((0.5, 0.9, 1.0))
    else:
        corridor = rng.choice([row for row in CORRIDORS if home in row] or CORRIDORS)
        home = corridor[0] if home not in corridor else home
        k = min(len(corridor), rng.randint(3, 6))
        circuit = [home] + rng.sample([c for c in corridor if c is not home], k - 1)
        persons = [new_person() for _ in range(rng.randint(2, 8))]
        rate = rng.uniform(0.8, 4.0) * (1 + n_ads / 120)  # ads a day
        duration = min(SPAN - DAY, int(n_ads / rate * DAY) + 3 * DAY)
        start = int(rng.random() * (SPAN - duration))
        stays, t, i = [], start, 0
        while t < start + duration:
            length = rng.randint(3, 10) * DAY + rng.randrange(DAY)
            stays.append(Stay(circuit[i % len(circuit)], t, t + length))
            t += length
            i += 1
        stays[-1].end = SPAN + 1
        stints = _stints(home, start, start + duration, book, rng, days=(6, 22), overlap=0.7)
        spanish = rng.random() < spanish_share(home)
        op = Operator(oid, kind, spanish, home.country, persons, stays, stints, sites)
        op.times = _schedule(start, duration, n_ads, rng)
        base = fold(rng.choice(v.NAMES_ES if spanish else v.NAMES_EN))
        _accounts(op, base, rng, registry, email=0.3, handle=0.35, pay=0.35, url=0.05)
        op.heavy, op.light = rng.choice((0.05, 0.15, 0.3, 0.5)), rng.choice((0.1, 0.2, 0.3))
        op.cues = {"youth": rng.uniform(0.5, 0.9), "control": rng.uniform(0.3, 0.8), "movement": rng.uniform(0.5, 0.9),
                   "availability": rng.uniform(0.4, 0.9), "hotel": rng.uniform(0.3, 0.8), "special": rng.uniform(0.2, 0.6)}
        op.price_base = rng.choice((80, 100, 120, 150, 150, 200))
        op.states_age = rng.choice((0.7, 0.9, 1.0))
        op.states_price = rng.choice((0.6, 0.9, 1.0))
        template_no[0] += 1
        op.template_id = f"tpl-{template_no[0]:05d}"
    op.emoji = rng.choice((0.0, 0.1, 0.3, 0.6, 0.9)) if kind != TRAFFICKING else rng.choice((0.4, 0.7, 0.95))
    op.caps = rng.choice((0.0, 0.0, 0.02, 0.1, 0.4))
    op.typo = rng.choice((0.0, 0.02, 0.05, 0.15))
    op.age_style = rng.randrange(1000)
    op.joiner = rng.choice((". ", ". ", "! ", "\n", "\n", " ~ ", " 💋 ", " | ", "... ", " * ", "\n\n", " ✨ ", ", "))
    return op
