"""The scoring stage of ``clew analyze``: indicator hits and scores for ads, then scores for networks.

Incremental: an ad is read again only when its text or the rulebook changed; a network is scored
again only when its members, the rulebook, the active model or its cities' median prices changed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, literal, or_, select

from clew.score import transparent
from clew.score.features import city_medians, network_features
from clew.score.learned import LearnedModel
from clew.score.rulebook import Match, Rulebook, default_rulebook
from clew.store import Store
from clew.store.networks import network_members, networks
from clew.store.schema import ads
from clew.store.scores import ad_scores, indicator_hits, network_scores, score_models

#: ads read and written per transaction
PAGE = 2000
#: hits stored per indicator and ad
HITS_KEPT = 10
#: networks scored per batch
NETWORK_BATCH = 500

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class ScoreSummary:
    ads_scored: int = 0
    hits: int = 0
    networks: int = 0
    networks_scored: int = 0
    networks_removed: int = 0
    model: str = transparent.MODEL
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"ads_scored": self.ads_scored, "indicator_hits": self.hits, "networks": self.networks,
                "networks_scored": self.networks_scored, "networks_removed": self.networks_removed,
                "model": self.model, "seconds": self.seconds}


def active_model(store: Store) -> LearnedModel | None:
    """The learned model in use, or None (the transparent model scores)."""
    with store.connect() as conn:
        row = conn.execute(select(score_models.c.id, score_models.c.parameters)
                           .where(score_models.c.active.is_(True)).order_by(score_models.c.id.desc())).first()
    return LearnedModel.from_parameters(row.id, row.parameters) if row else None


def ad_matches(rulebook: Rulebook, title: str | None, body: str | None) -> list[tuple[str, Match]]:
    """(field, match) of every indicator in an ad, at most ``HITS_KEPT`` per indicator (a word repeated
    a thousand times is evidence once)."""
    kept: list[tuple[str, Match]] = []
    count: dict[str, int] = {}
    for fld, text in (("title", title), ("body", body)):
        for m in rulebook.match(text or ""):
            if count.get(m.indicator_id, 0) < HITS_KEPT:
                count[m.indicator_id] = count.get(m.indicator_id, 0) + 1
                kept.append((fld, m))
    return kept


def _score_ads(store: Store, rulebook: Rulebook, summary: ScoreSummary, note: Progress) -> list[int]:
    """Read every ad whose text or rulebook changed; returns their ids."""
    read: list[int] = []
    tag = rulebook.digest[:16]
    expected = func.substr(ads.c.content_key, 1, 16).op("||")(literal(tag))
    after = 0
    while True:
        with store.connect() as conn:
            rows = conn.execute(
                select(ads.c.id, ads.c.title, ads.c.body, ads.c.content_key)
                .select_from(ads.outerjoin(ad_scores, ad_scores.c.ad_id == ads.c.id))
                .where(ads.c.id > after, or_(ad_scores.c.fingerprint.is_(None), ad_scores.c.fingerprint != expected))
                .order_by(ads.c.id).limit(PAGE)
            ).all()
        if not rows:
            return read
        after = rows[-1].id
        hit_rows: list[dict[str, Any]] = []
        score_rows: list[dict[str, Any]] = []
        for ad_id, title, body, content_key in rows:
            found = ad_matches(rulebook, title, body)
            score, explanation = transparent.score_matches(rulebook, found)
            hit_rows.extend({"ad_id": ad_id, "indicator_id": m.indicator_id, "category": m.category, "field": f,
                             "start": m.start, "end": m.end, "text": m.text} for f, m in found)
            score_rows.append({"ad_id": ad_id, "score": score, "model": transparent.MODEL,
                               "explanation": explanation, "fingerprint": content_key[:16] + tag})
        ids = [r.id for r in rows]
        read.extend(ids)
        with store.transaction() as conn:
            conn.execute(delete(indicator_hits).where(indicator_hits.c.ad_id.in_(ids)))
            conn.execute(delete(ad_scores).where(ad_scores.c.ad_id.in_(ids)))
            if hit_rows:
                conn.execute(indicator_hits.insert(), hit_rows)
            conn.execute(ad_scores.insert(), score_rows)
        summary.ads_scored += len(rows)
        summary.hits += len(hit_rows)
        note("ads", summary.ads_scored, 0)


class _MedianParts:
    """The cities' medians as the network fingerprint writes them, found by city in their sorted order."""

    def __init__(self, medians: dict[tuple[str, str], float]) -> None:
        self.parts: list[str] = []
        self.by_city: dict[str, list[int]] = {}
        for i, ((city, currency), median) in enumerate(sorted(medians.items())):
            self.parts.append(f"|{city}:{currency}:{median:.0f}")
            self.by_city.setdefault(city.casefold(), []).append(i)

    def of(self, cities: Sequence[str]) -> list[str]:
        found = sorted({i for c in {c.casefold() for c in cities} for i in self.by_city.get(c, ())})
        return [self.parts[i] for i in found]


def _fingerprint(network_fp: str, cities: Sequence[str], medians: _MedianParts,
                 rulebook: Rulebook, model: LearnedModel | None) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{network_fp}|{rulebook.digest}|{model.name if model else transparent.MODEL}".encode())
    for part in medians.of(cities):
        h.update(part.encode())
    return h.hexdigest()


def score_networks(store: Store, rulebook: Rulebook, model: LearnedModel | None,
                   ids: Sequence[str] | None = None, *, also: set[str] | None = None, medians: dict[tuple[str, str], float] | None = None,
                   summary: ScoreSummary | None = None, note: Progress | None = None) -> ScoreSummary:
    """Score networks whose fingerprint moved (or exactly ``ids``), and drop scores of networks that are gone."""
    summary = summary or ScoreSummary()
    note = note or (lambda stage, done, total: None)
    medians = city_medians(store) if medians is None else medians
    with store.connect() as conn:
        current = {r.id: (r.fingerprint, list(r.cities)) for r in
                   conn.execute(select(networks.c.id, networks.c.fingerprint, networks.c.cities))}
        stored = dict(conn.execute(select(network_scores.c.network_id, network_scores.c.fingerprint)).all())
    parts = _MedianParts(medians)
    wanted = {nid: _fingerprint(fp, cities, parts, rulebook, model) for nid, (fp, cities) in current.items()}
    also = also or set()
    todo = sorted(ids) if ids is not None else sorted(n for n, fp in wanted.items() if stored.get(n) != fp or n in also)
    gone = [n for n in stored if n not in current]
    summary.networks = len(current)
    summary.model = model.name if model else transparent.MODEL
    now = datetime.now(UTC).replace(tzinfo=None)
    for i in range(0, len(todo), NETWORK_BATCH):
        batch = todo[i : i + NETWORK_BATCH]
        feats = network_features(store, batch, medians)
        rows = []
        for nid in batch:
            f = feats.get(nid)
            if f is None:
                continue
            base, base_expl = transparent.score_network(rulebook, f)
            score, explanation = model.score(rulebook, f) if model else (base, base_expl)
            rows.append({
                "network_id": nid, "score": score, "model": summary.model, "baseline": base,
                "features": {k: v.value for k, v in f.values.items()} | {"size": f.size, "youth_hits": f.youth_hits},
                "explanation": explanation, "fingerprint": wanted.get(nid, ""), "updated_at": now,
            })
        with store.transaction() as conn:
            conn.execute(delete(network_scores).where(network_scores.c.network_id.in_(batch)))
            if rows:
                conn.execute(network_scores.insert(), rows)
        summary.networks_scored += len(rows)
        note("networks", summary.networks_scored, len(todo))
    if gone:
        with store.transaction() as conn:
            for i in range(0, len(gone), 5000):
                conn.execute(delete(network_scores).where(network_scores.c.network_id.in_(gone[i : i + 5000])))
        summary.networks_removed = len(gone)
    return summary


def update_scores(store: Store, *, rulebook: Rulebook | None = None, progress: Progress | None = None) -> ScoreSummary:
    """Run the scoring stage on what changed in ``store``; see the module docstring."""
    began = time.perf_counter()
    rulebook = rulebook or default_rulebook()
    note = progress or (lambda stage, done, total: None)
    summary = ScoreSummary()
    reread = _score_ads(store, rulebook, summary, note)
    # a network whose ads read differently is scored again even if its members stayed the same
    touched: set[str] = set()
    with store.connect() as conn:
        for i in range(0, len(reread), 5000):
            touched.update(conn.scalars(select(network_members.c.network_id)
                                        .where(network_members.c.ad_id.in_(reread[i : i + 5000]))))
    score_networks(store, rulebook, active_model(store), also=touched, summary=summary, note=note)
    summary.seconds = round(time.perf_counter() - began, 3)
    return summary
