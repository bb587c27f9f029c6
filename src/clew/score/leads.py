"""Leads: networks ranked by score, each with the reasons for its score; scores of single ads.

No score leaves this module without its explanation: the indicators that fired, their evidence
and their contributions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

import orjson
from sqlalchemy import select

from clew.errors import NotFound
from clew.store import Store
from clew.store.networks import network_members, networks
from clew.store.scores import ad_scores, network_scores


@dataclass(slots=True)
class Lead:
    """A network with its score and the reasons for it."""

    network_id: str
    score: float
    model: str
    transparent_score: float
    size: int
    cities: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    indicators: list[dict[str, Any]]
    ad_ids: list[int] = field(default_factory=list)

    def reasons(self, n: int = 3) -> list[str]:
        """The strongest reasons in words, for a table cell."""
        out = []
        for ind in self.indicators:
            if ind.get("contribution", 0) <= 0:
                continue
            out.append(f"{ind['name']}: {ind.get('detail', '')}".rstrip(": "))
            if len(out) >= n:
                break
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "network_id": self.network_id, "score": self.score, "model": self.model,
            "transparent_score": self.transparent_score, "size": self.size, "cities": self.cities,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "indicators": self.indicators,
        }


def _lead(row: Any) -> Lead:
    return Lead(row.network_id, row.score, row.model, row.baseline, row.size, list(row.cities), row.first_seen,
                row.last_seen, list(row.explanation))


def _query() -> Any:
    return (select(network_scores.c.network_id, network_scores.c.score, network_scores.c.model,
                   network_scores.c.baseline, network_scores.c.explanation, networks.c.size, networks.c.cities,
                   networks.c.first_seen, networks.c.last_seen)
            .join(networks, networks.c.id == network_scores.c.network_id))


def leads(store: Store, top: int | None = 20, *, min_size: int = 2, after: tuple[float, str] | None = None) -> list[Lead]:
    """Networks ranked by score (highest first; ties by id), each with its reasons.

    ``after`` is the (score, network id) of the last lead of the previous page.
    """
    query = _query().where(networks.c.size >= min_size)
    if after is not None:
        score, nid = after
        query = query.where((network_scores.c.score < score)
                            | ((network_scores.c.score == score) & (network_scores.c.network_id > nid)))
    query = query.order_by(network_scores.c.score.desc(), network_scores.c.network_id)
    if top is not None:
        query = query.limit(top)
    with store.connect() as conn:
        return [_lead(r) for r in conn.execute(query)]


def network_lead(store: Store, network_id: str) -> Lead:
    """One network's score and reasons, with its ads."""
    with store.connect() as conn:
        row = conn.execute(_query().where(network_scores.c.network_id == network_id)).first()
        if row is None:
            raise NotFound(f"no score for network {network_id!r}: run `clew analyze`, or list scored networks with `clew leads`")
        lead = _lead(row)
        lead.ad_ids = list(conn.scalars(select(network_members.c.ad_id)
                                        .where(network_members.c.network_id == network_id).order_by(network_members.c.ad_id)))
    return lead


@dataclass(slots=True)
class AdScore:
    ad_id: int
    score: float
    model: str
    indicators: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {"ad_id": self.ad_id, "score": self.score, "model": self.model, "indicators": self.indicators}


def ad_score(store: Store, ad_id: int) -> AdScore:
    """One ad's score with the indicators that fired in it and their words."""
    with store.connect() as conn:
        row = conn.execute(select(ad_scores).where(ad_scores.c.ad_id == ad_id)).first()
    if row is None:
        raise NotFound(f"no score for ad {ad_id}: run `clew analyze` first")
    return AdScore(ad_id, row.score, row.model, list(row.explanation))


def _export_rows(store: Store, min_size: int) -> Iterator[dict[str, Any]]:
    from clew.link import list_networks

    with store.connect() as conn:
        scored = {r.network_id: r for r in conn.execute(select(
            network_scores.c.network_id, network_scores.c.score, network_scores.c.model, network_scores.c.explanation))}
    for n in list_networks(store, min_size=min_size):
        s = scored.get(n.id)
        yield {
            "network_id": n.id, "ad_ids": n.ad_ids, "identifiers": [i.key for i in n.identifiers],
            "cities": n.cities,
            "first_seen": n.first_seen.isoformat() if n.first_seen else None,
            "last_seen": n.last_seen.isoformat() if n.last_seen else None, "size": n.size,
            "score": s.score if s else None, "model": s.model if s else None,
            "indicators": [{"id": i["id"], "contribution": i["contribution"], "evidence": i.get("evidence", []),
                            "detail": i.get("detail", "")} for i in (s.explanation if s else [])],
        }


def export_networks(store: Store, out: TextIO, min_size: int = 2) -> int:
    """One JSON line per network, with its score and the indicators behind it; returns rows written."""
    count = 0
    for row in _export_rows(store, min_size):
        out.write(orjson.dumps(row).decode() + "\n")
        count += 1
    return count
