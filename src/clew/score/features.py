"""Network features: figures over all ads of a network, each from 0 (absent) to 1 (strongest), with evidence.

Read from what earlier stages stored: members and templates (Networks), phones, names, ages and
prices (Extraction spans), indicator hits (this stage), posting times and places (ads).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from clew.score.movement import Stay, ad_cities, city_of, detect_circuit, timeline
from clew.store import Store
from clew.store.networks import network_members, template_members
from clew.store.schema import ads, spans
from clew.store.scores import indicator_hits, score_state

#: ad-level categories whose share of a network's ads is a feature
SHARE_CATEGORIES = ("youth", "control", "movement", "agency", "hotel")
#: pseudo-ads that pull a small network's shares toward zero: 2 of 2 ads is weaker evidence than 20 of 20
SHRINK = 3.0
FEATURES: tuple[str, ...] = (
    *(f"network.{c}_share" for c in SHARE_CATEGORIES),
    "network.circuit", "network.persons_per_phone", "network.phone_rotation", "network.ads_per_day",
    "network.price_below_median", "network.template_persons",
)
#: evidence items kept per feature (an analyst reads the rest in the network's ads)
EVIDENCE = 8


@dataclass(slots=True)
class FeatureValue:
    value: float
    detail: str
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class NetworkFeatures:
    network_id: str
    size: int
    values: dict[str, FeatureValue]
    youth_hits: int = 0

    def vector(self, names: Sequence[str] = FEATURES) -> list[float]:
        return [self.values[n].value if n in self.values else 0.0 for n in names]


@dataclass(slots=True)
class _Ad:
    id: int
    posted_at: datetime | None
    city: str | None
    phones: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)
    hourly: list[tuple[str, float]] = field(default_factory=list)
    hits: list[tuple[str, str, str, int, int, str]] = field(default_factory=list)  # category, id, field, start, end, text
    template: str | None = None


def _chunks(items: Sequence[Any], size: int = 2000) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _hourly(detail: Any) -> tuple[str, float] | None:
    if not isinstance(detail, dict):
        return None
    amount, minutes = detail.get("amount"), detail.get("minutes")
    if not isinstance(amount, (int, float)) or not isinstance(minutes, (int, float)) or minutes <= 0 or amount <= 0:
        return None
    return str(detail.get("currency") or "?"), float(amount) * 60.0 / float(minutes)


#: the cities' medians are computed again once the store's spans grew by this share since the last time:
#: a thousand new ads barely move a median over a million, and a moved median rescores its cities' networks
MEDIAN_REFRESH = 0.01
#: priced ads a (city, currency) needs for a median
MEDIAN_MIN_ADS = 5
_MEDIANS = "price_medians"


def city_medians(store: Store, *, refresh: bool = False) -> dict[tuple[str, str], float]:
    """Median hourly price of all ads per (city, currency): what a network's prices are compared with.

    Kept in the store with the highest span id they were computed from, and computed again when
    ``refresh`` is set or the spans grew by ``MEDIAN_REFRESH`` since (re-extracted ads count as grown).
    """
    with store.connect() as conn:
        top = conn.scalar(select(func.max(spans.c.id))) or 0
        kept = conn.execute(select(score_state.c.value, score_state.c.basis)
                            .where(score_state.c.name == _MEDIANS)).first()
        if kept is not None and not refresh and top - kept.basis <= MEDIAN_REFRESH * kept.basis:
            return {(city, currency): float(median) for city, currency, median, _ in kept.value}
        found = _compute_medians(conn)
    value = [[city, currency, median, n] for (city, currency), (median, n) in sorted(found.items())]
    with store.transaction() as conn:
        conn.execute(delete(score_state).where(score_state.c.name == _MEDIANS))
        conn.execute(insert(score_state).values(name=_MEDIANS, value=value, basis=top,
                                                updated_at=datetime.now(UTC).replace(tzinfo=None)))
    return {key: median for key, (median, _) in found.items()}


def _compute_medians(conn: Connection) -> dict[tuple[str, str], tuple[float, int]]:
    """(median, priced ads) per (city, currency), over each ad's first valid price (its headline rate)
    and the city of its location field."""
    first: dict[int, tuple[str, float]] = {}
    detail = spans.c.detail
    prices = (select(spans.c.ad_id, detail["currency"].as_string(), detail["amount"].as_float(),
                     detail["minutes"].as_float())
              .where(spans.c.kind == "price").order_by(spans.c.id))
    for ad_id, currency, amount, minutes in conn.execute(prices):
        if (ad_id in first or not isinstance(amount, (int, float)) or not isinstance(minutes, (int, float))
                or amount <= 0 or minutes <= 0):
            continue
        first[ad_id] = (str(currency or "?"), float(amount) * 60.0 / float(minutes))
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    placed: set[int] = set()
    places = (select(spans.c.ad_id, spans.c.value)
              .where(spans.c.kind == "location", spans.c.field == "location").order_by(spans.c.id))
    for ad_id, place in conn.execute(places):
        if ad_id in placed or ad_id not in first:
            continue
        city = city_of(place)
        if city is not None:
            placed.add(ad_id)
            currency, hourly = first[ad_id]
            values[(city, currency)].append(hourly)
    return {k: (statistics.median(v), len(v)) for k, v in values.items() if len(v) >= MEDIAN_MIN_ADS}


def _load(store: Store, network_ids: Sequence[str]) -> dict[str, list[_Ad]]:
    members: dict[str, list[int]] = defaultdict(list)
    with store.connect() as conn:
        for chunk in _chunks(list(network_ids)):
            for ad_id, nid in conn.execute(select(network_members.c.ad_id, network_members.c.network_id)
                                           .where(network_members.c.network_id.in_(chunk))):
                members[nid].append(ad_id)
        all_ids = sorted(a for ids in members.values() for a in ids)
        cities = ad_cities(conn, all_ids)
        by_id: dict[int, _Ad] = {}
        for chunk in _chunks(all_ids, 5000):
            for ad_id, posted in conn.execute(select(ads.c.id, ads.c.posted_at).where(ads.c.id.in_(chunk))):
                by_id[ad_id] = _Ad(ad_id, posted, cities.get(ad_id))
            for ad_id, kind, value, detail in conn.execute(
                select(spans.c.ad_id, spans.c.kind, spans.c.value, spans.c.detail)
                .where(spans.c.ad_id.in_(chunk), spans.c.kind.in_(("phone", "name", "age", "price")))
                .order_by(spans.c.ad_id, spans.c.id)
            ):
                ad = by_id[ad_id]
                if kind == "phone":
                    ad.phones.add(value)
                elif kind == "name":
                    ad.names.add(value.casefold())
                elif kind == "age":
                    ad.ages.add(value)
                elif (h := _hourly(detail)) is not None:
                    ad.hourly.append(h)
            for row in conn.execute(
                select(indicator_hits.c.ad_id, indicator_hits.c.category, indicator_hits.c.indicator_id,
                       indicator_hits.c.field, indicator_hits.c.start, indicator_hits.c.end, indicator_hits.c.text)
                .where(indicator_hits.c.ad_id.in_(chunk)).order_by(indicator_hits.c.ad_id, indicator_hits.c.id)
            ):
                by_id[row[0]].hits.append(tuple(row[1:]))  # type: ignore[arg-type]
            for ad_id, tid in conn.execute(select(template_members.c.ad_id, template_members.c.template_id)
                                           .where(template_members.c.ad_id.in_(chunk))):
                by_id[ad_id].template = tid
    return {nid: [by_id[a] for a in sorted(ids) if a in by_id] for nid, ids in members.items()}


def _share(ads_: list[_Ad], category: str) -> FeatureValue:
    with_cue = [a for a in ads_ if any(h[0] == category for h in a.hits)]
    value = len(with_cue) / (len(ads_) + SHRINK)
    evidence = []
    for a in with_cue:
        for cat, ind, fld, start, end, text in a.hits:
            if cat == category:
                evidence.append({"ad_id": a.id, "indicator": ind, "field": fld, "start": start, "end": end, "text": text})
                break
        if len(evidence) >= EVIDENCE:
            break
    words = Counter(h[5].casefold() for a in with_cue for h in a.hits if h[0] == category)
    common = ", ".join(f"'{w}'" for w, _ in words.most_common(4))
    return FeatureValue(round(value, 4), f"{len(with_cue)} of {len(ads_)} ads" + (f" ({common})" if common else ""), evidence)


def _persons_per_phone(ads_: list[_Ad]) -> FeatureValue:
    names: dict[str, set[str]] = defaultdict(set)
    ages: dict[str, set[str]] = defaultdict(set)
    for a in ads_:
        for p in a.phones:
            names[p] |= a.names
            ages[p] |= a.ages
    best, best_phone = 0, None
    for p in names:
        n = max(len(names[p]), len(ages[p]))
        if n > best:
            best, best_phone = n, p
    if best_phone is None or best < 2:
        return FeatureValue(0.0, "no phone advertises more than one name or age")
    value = min(1.0, (best - 1) / 3)
    parts = [f"{len(found)} {what} ({', '.join(sorted(found)[:6])}{', ...' if len(found) > 6 else ''})"
             for what, found in (("names", names[best_phone]), ("ages", ages[best_phone])) if len(found) > 1]
    detail = f"phone {best_phone} advertises " + " and ".join(parts)
    ev = [{"identifier": f"phone:{best_phone}", "names": sorted(names[best_phone]), "ages": sorted(ages[best_phone])}]
    return FeatureValue(round(value, 4), detail, ev)


def _rotation(ads_: list[_Ad]) -> FeatureValue:
    first: dict[str, datetime] = {}
    for a in sorted(ads_, key=lambda x: (x.posted_at is None, x.posted_at or datetime.min)):
        for p in sorted(a.phones):
            if a.posted_at is not None:
                first.setdefault(p, a.posted_at)
    phones = sorted(first, key=lambda p: first[p])
    if len(phones) < 2:
        return FeatureValue(0.0, f"{len(phones)} phone number")
    value = min(1.0, (len(phones) - 1) / 3)
    return FeatureValue(round(value, 4), f"{len(phones)} phone numbers in turn: {', '.join(phones[:6])}",
                        [{"identifier": f"phone:{p}", "first_seen": first[p].isoformat()} for p in phones[:EVIDENCE]])


def _ads_per_day(ads_: list[_Ad]) -> FeatureValue:
    times = sorted(a.posted_at for a in ads_ if a.posted_at is not None)
    if len(times) < 2:
        return FeatureValue(0.0, "too few dated ads")
    days = max(1.0, (times[-1] - times[0]).total_seconds() / 86400)
    rate = len(times) / days
    return FeatureValue(round(min(1.0, rate / 4), 4), f"{rate:.1f} ads a day over {days:.0f} days")


def _price(ads_: list[_Ad], medians: dict[tuple[str, str], float]) -> FeatureValue:
    ratios: list[float] = []
    shown: list[dict[str, Any]] = []
    for a in ads_:
        if not a.hourly or a.city is None:
            continue
        currency, hourly = a.hourly[0]
        median = medians.get((a.city, currency))
        if median:
            ratios.append(hourly / median)
            if len(shown) < EVIDENCE:
                shown.append({"ad_id": a.id, "city": a.city, "hourly": round(hourly), "city_median": round(median),
                              "currency": currency})
    if len(ratios) < 2:
        return FeatureValue(0.0, "too few priced ads to compare with their cities")
    ratio = statistics.median(ratios)
    value = max(0.0, min(1.0, (1.0 - ratio) / 0.5))
    return FeatureValue(round(value, 4), f"hourly prices at {ratio:.0%} of their cities' median ({len(ratios)} priced ads)", shown)


def _template_persons(ads_: list[_Ad]) -> FeatureValue:
    names: dict[str, set[str]] = defaultdict(set)
    for a in ads_:
        if a.template:
            names[a.template] |= a.names
    if not names:
        return FeatureValue(0.0, "no reused ad text")
    tid = max(names, key=lambda t: (len(names[t]), t))
    n = len(names[tid])
    if n < 2:
        return FeatureValue(0.0, "reused ad text names at most one person")
    return FeatureValue(round(min(1.0, (n - 1) / 3), 4), f"template {tid} reused for {n} names ({', '.join(sorted(names[tid])[:6])})",
                        [{"template": tid, "names": sorted(names[tid])}])


def _circuit(ads_: list[_Ad]) -> tuple[FeatureValue, list[Stay]]:
    stays, _ = timeline([(a.id, a.posted_at, a.city) for a in ads_])
    circuit = detect_circuit(stays)
    if not circuit:
        cities = sorted({s.city for s in stays})
        return FeatureValue(0.0, f"no circuit ({len(cities)} {'city' if len(cities) == 1 else 'cities'})"), stays
    value = min(1.0, (len(circuit) - 2) / 2)
    ev = [{"city": s.city, "first_seen": s.first_seen.isoformat(), "last_seen": s.last_seen.isoformat(), "ads": len(s.ads)}
          for s in stays[:EVIDENCE]]
    return FeatureValue(round(value, 4), f"moved through {len(circuit)} cities: {' → '.join(circuit)}", ev), stays


def network_features(store: Store, network_ids: Sequence[str],
                     medians: dict[tuple[str, str], float]) -> dict[str, NetworkFeatures]:
    """Features of each network in ``network_ids`` (networks without ads are left out)."""
    out: dict[str, NetworkFeatures] = {}
    for nid, ads_ in _load(store, network_ids).items():
        if not ads_:
            continue
        values = {f"network.{c}_share": _share(ads_, c) for c in SHARE_CATEGORIES}
        values["network.circuit"], _ = _circuit(ads_)
        values["network.persons_per_phone"] = _persons_per_phone(ads_)
        values["network.phone_rotation"] = _rotation(ads_)
        values["network.ads_per_day"] = _ads_per_day(ads_)
        values["network.price_below_median"] = _price(ads_, medians)
        values["network.template_persons"] = _template_persons(ads_)
        youth = sum(1 for a in ads_ for h in a.hits if h[0] == "youth")
        out[nid] = NetworkFeatures(nid, len(ads_), values, youth)
    return out
