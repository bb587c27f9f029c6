"""Analysts' labels on networks, and the learned model trained and evaluated on them.

A label keeps the ads its network held when it was given: networks grow and merge, and their ids
move with them, so training reads each label on the network that now holds most of those ads.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from clew.errors import InputError, NotFound
from clew.score import learned, transparent
from clew.score.features import city_medians, network_features
from clew.score.rulebook import Rulebook, default_rulebook
from clew.score.stage import ScoreSummary, score_networks
from clew.store import Store
from clew.store.networks import network_members, networks
from clew.store.scores import labels, score_models

LABELS = ("trafficking", "not", "unsure")


@dataclass(slots=True, frozen=True)
class Label:
    id: int
    network_id: str
    label: str
    note: str
    by: str
    created_at: datetime
    ads: int

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "network_id": self.network_id, "label": self.label, "note": self.note,
                "by": self.by, "created_at": self.created_at.isoformat(), "ads": self.ads}


def label_network(store: Store, network_id: str, label: str, note: str | None = None, by: str = "local") -> Label:
    """Record an analyst's judgement of a network: ``trafficking``, ``not`` or ``unsure``."""
    if label not in LABELS:
        raise InputError(f"label {label!r} is not one of {', '.join(LABELS)}")
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.transaction() as conn:
        if conn.execute(select(networks.c.id).where(networks.c.id == network_id)).first() is None:
            raise NotFound(f"no network {network_id!r}: list networks with `clew leads` or `clew networks`")
        ad_ids = list(conn.scalars(select(network_members.c.ad_id)
                                   .where(network_members.c.network_id == network_id).order_by(network_members.c.ad_id)))
        new_id = conn.execute(labels.insert().values(
            network_id=network_id, label=label, note=note or "", by=by, ad_ids=ad_ids, created_at=now,
        )).inserted_primary_key[0]  # type: ignore[index]
    return Label(int(new_id), network_id, label, note or "", by, now, len(ad_ids))


def network_labels(store: Store, network_id: str | None = None) -> list[Label]:
    """Labels given, newest first (of one network when ``network_id`` is given)."""
    query = select(labels).order_by(labels.c.id.desc())
    if network_id is not None:
        query = query.where(labels.c.network_id == network_id)
    with store.connect() as conn:
        return [Label(r.id, r.network_id, r.label, r.note, r.by, r.created_at, len(r.ad_ids))
                for r in conn.execute(query)]


def _labelled(store: Store) -> dict[str, int]:
    """Current network id -> 1 (trafficking) or 0 (not), from the newest decisive label of each network."""
    with store.connect() as conn:
        rows = conn.execute(select(labels.c.network_id, labels.c.label, labels.c.ad_ids).order_by(labels.c.id)).all()
        owner = {}
        wanted = sorted({a for r in rows for a in r.ad_ids})
        for i in range(0, len(wanted), 5000):
            owner.update(dict(conn.execute(select(network_members.c.ad_id, network_members.c.network_id)
                                           .where(network_members.c.ad_id.in_(wanted[i : i + 5000]))).all()))
    out: dict[str, int] = {}
    for r in rows:  # oldest first: a newer label of the same network wins
        held = Counter(owner[a] for a in r.ad_ids if a in owner)
        nid = held.most_common(1)[0][0] if held else r.network_id
        if r.label == "unsure":
            out.pop(nid, None)
        else:
            out[nid] = 1 if r.label == "trafficking" else 0
    return out


def _training_set(store: Store, rulebook: Rulebook) -> tuple[list[str], list[list[float]], list[int], list[float]]:
    target = _labelled(store)
    feats = network_features(store, sorted(target), city_medians(store))
    ids = sorted(n for n in target if n in feats)
    x = [feats[n].vector() for n in ids]
    y = [target[n] for n in ids]
    base = [transparent.score_network(rulebook, feats[n])[0] for n in ids]
    return ids, x, y, base


def evaluate_model(store: Store, *, rulebook: Rulebook | None = None) -> dict[str, Any]:
    """Cross-validated AP and calibration of a model trained on the current labels (nothing is stored)."""
    rulebook = rulebook or default_rulebook()
    _, x, y, base = _training_set(store, rulebook)
    return learned.evaluate(x, y, base)


@dataclass(slots=True)
class TrainResult:
    model: str
    metrics: dict[str, Any]
    coefficients: dict[str, float]
    rescored: ScoreSummary

    def as_dict(self) -> dict[str, Any]:
        return {"model": self.model, "metrics": self.metrics, "coefficients": self.coefficients,
                "networks_rescored": self.rescored.networks_scored}


def train_model(store: Store, *, rulebook: Rulebook | None = None) -> TrainResult:
    """Fit the learned model to the current labels, make it the active one, and rescore every network."""
    rulebook = rulebook or default_rulebook()
    _, x, y, base = _training_set(store, rulebook)
    metrics = learned.evaluate(x, y, base)
    fitted = learned.fit(x, y)
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.transaction() as conn:
        conn.execute(update(score_models).values(active=False))
        model_id = conn.execute(score_models.insert().values(
            kind=learned.KIND, created_at=now, labels=len(y), parameters=fitted.parameters(), metrics=metrics,
            active=True,
        )).inserted_primary_key[0]  # type: ignore[index]
    model = learned.LearnedModel.from_parameters(int(model_id), fitted.parameters())
    rescored = score_networks(store, rulebook, model)
    return TrainResult(model.name, metrics, dict(zip(model.features, (round(c, 3) for c in model.coef), strict=True)),
                       rescored)


def use_transparent(store: Store, *, rulebook: Rulebook | None = None) -> ScoreSummary:
    """Stop using any learned model: the transparent model scores every network again."""
    with store.transaction() as conn:
        conn.execute(update(score_models).values(active=False))
    return score_networks(store, rulebook or default_rulebook(), None)
