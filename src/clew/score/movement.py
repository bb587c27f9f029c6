"""Movement: where a network or an identifier was advertised over time, and the circuits it ran.

A timeline is the run of stays (city, first seen, last seen, ads) in time order; a circuit is a
movement through three or more cities in turn, the pattern of persons moved from city to city.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, select

from clew.errors import InputError, NotFound
from clew.model import Identifier
from clew.store import Store
from clew.store.networks import network_members
from clew.store.schema import ads, spans
from clew.store.spans import ads_with_identifier

#: distinct cities, visited in turn, that make a circuit
CIRCUIT_CITIES = 3


@dataclass(slots=True)
class Stay:
    city: str
    first_seen: datetime
    last_seen: datetime
    ads: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"city": self.city, "first_seen": self.first_seen.isoformat(), "last_seen": self.last_seen.isoformat(),
                "ads": len(self.ads), "ad_ids": self.ads}


@dataclass(slots=True)
class Movement:
    """The timeline of one network or identifier, and the circuit it ran (if any), with why."""

    subject: str
    stays: list[Stay]
    circuit: list[str]
    explanation: str
    undated_ads: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"subject": self.subject, "stays": [s.as_dict() for s in self.stays], "circuit": self.circuit,
                "explanation": self.explanation, "undated_ads": self.undated_ads}


def ad_cities(conn: Connection, ad_ids: Sequence[int]) -> dict[int, str]:
    """The city each ad was posted in, as the gazetteer read its location field ("Dallas, TX, US" -> Dallas).

    Ads whose location names no city the gazetteer knows (a region only, a nickname) have none:
    a circuit is never made of spellings of one place.
    """
    out: dict[int, str] = {}
    ids = list(ad_ids)
    for i in range(0, len(ids), 5000):
        for ad_id, value in conn.execute(
            select(spans.c.ad_id, spans.c.value)
            .where(spans.c.ad_id.in_(ids[i : i + 5000]), spans.c.kind == "location", spans.c.field == "location")
            .order_by(spans.c.ad_id, spans.c.id)
        ):
            if ad_id not in out:
                city = city_of(value)
                if city is not None:
                    out[ad_id] = city
    return out


def city_of(place: str) -> str | None:
    """The city of a location span's value ("Dallas, TX, US" -> "Dallas"), or None when it names no city."""
    parts = [p.strip() for p in place.split(",")]
    return parts[0] if len(parts) >= 3 and parts[0] else None


def timeline(points: Sequence[tuple[int, datetime | None, str | None]]) -> tuple[list[Stay], int]:
    """Stays from (ad id, posted at, city) points: consecutive ads in one city make one stay."""
    dated = sorted((t, ad, c) for ad, t, c in points if t is not None and c)
    stays: list[Stay] = []
    for when, ad_id, city in dated:
        if stays and stays[-1].city == city:
            stays[-1].last_seen = when
            stays[-1].ads.append(ad_id)
        else:
            stays.append(Stay(city, when, when, [ad_id]))
    return stays, len(points) - len(dated)


def detect_circuit(stays: Sequence[Stay]) -> list[str]:
    """Cities in the order first reached, when the stays move through at least three cities in turn.

    An ad or two posted in another city and back again (A, B, A) is a trip, not a circuit.
    """
    order: list[str] = []
    for stay in stays:
        if stay.city not in order:
            order.append(stay.city)
    return order if len(order) >= CIRCUIT_CITIES else []


def explain(subject: str, stays: list[Stay], circuit: list[str]) -> str:
    if not stays:
        return f"{subject}: no dated ads with a city"
    if circuit:
        return (f"{subject} moved through {len(circuit)} cities in turn: {' → '.join(circuit)} "
                f"({len(stays)} stays, {stays[0].first_seen:%Y-%m-%d} … {stays[-1].last_seen:%Y-%m-%d})")
    cities = sorted({s.city for s in stays})
    return f"{subject}: no circuit; advertised in {len(cities)} {'city' if len(cities) == 1 else 'cities'} ({', '.join(cities)})"


def movement_of_ads(subject: str, points: Sequence[tuple[int, datetime | None, str | None]]) -> Movement:
    stays, undated = timeline(points)
    circuit = detect_circuit(stays)
    return Movement(subject, stays, circuit, explain(subject, stays, circuit), undated)


def _points(store: Store, ad_ids: list[int]) -> list[tuple[int, datetime | None, str | None]]:
    out: list[tuple[int, datetime | None, str | None]] = []
    with store.connect() as conn:
        cities = ad_cities(conn, ad_ids)
        for i in range(0, len(ad_ids), 5000):
            chunk = ad_ids[i : i + 5000]
            out.extend((a, t, cities.get(a)) for a, t in conn.execute(
                select(ads.c.id, ads.c.posted_at).where(ads.c.id.in_(chunk))))
    return out


def movement(store: Store, subject: str) -> Movement:
    """Timeline and circuit of a network (``net-…``) or an identifier (``phone:+1…``, ``email:…``)."""
    subject = subject.strip()
    if subject.startswith("net-"):
        with store.connect() as conn:
            ad_ids = list(conn.scalars(select(network_members.c.ad_id)
                                       .where(network_members.c.network_id == subject).order_by(network_members.c.ad_id)))
        if not ad_ids:
            raise NotFound(f"no network {subject!r}: list networks with `clew networks` or `clew leads`")
    else:
        try:
            ident = Identifier.parse(subject)
        except ValueError:
            raise InputError(f"{subject!r} is neither a network id (net-…) nor an identifier (KIND:VALUE, "
                             "e.g. phone:+17025550142)") from None
        ad_ids = ads_with_identifier(store, ident)
        if not ad_ids:
            raise NotFound(f"no ad names {subject!r}: look it up with `clew search --phone/--email/--handle`")
    return movement_of_ads(subject, _points(store, ad_ids))
