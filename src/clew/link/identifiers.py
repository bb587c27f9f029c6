"""The identifier graph: ads that name the same phone, e-mail, handle, payment account or URL.

Identifiers shared by implausibly many otherwise-unrelated ads (a site's support line, a placeholder
number, a switchboard) are hubs: they are listed for review and do not link, unless an analyst allows them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain
from typing import Any

import numpy as np
from sqlalchemy import func, select

from clew.errors import InputError
from clew.model import Identifier
from clew.store import Store
from clew.store.networks import identifier_rules
from clew.store.schema import identifiers, spans

#: identifier kinds that link ads (image groups are handled the same way by the caller)
LINKING_KINDS = ("phone", "email", "handle", "payment", "url")
#: fields of an ad whose identifiers count (not the ad's own URL)
_TEXT_FIELDS = ("title", "body")
#: an identifier on fewer ads than this is never a hub
HUB_MIN_ADS = 8
#: ... nor when its ads fall into fewer otherwise-separate groups than this
HUB_MIN_GROUPS = 6
#: ... nor when those groups are fewer than this share of its ads
HUB_GROUP_SHARE = 0.3
#: pictures circulate (stock and stolen photos): one on 3 ads of 3 otherwise-separate groups is a hub
IMAGE_HUB_MIN_ADS = 3
IMAGE_HUB_MIN_GROUPS = 3

RULES = ("block", "allow")


@dataclass(slots=True, frozen=True)
class HubIdentifier:
    """An identifier held back from linking, with the figures that made it a hub (or the rule)."""

    identifier: Identifier
    ads: int
    groups: int
    rule: str | None = None
    note: str = ""

    @property
    def reason(self) -> str:
        if self.rule == "block":
            return f"blocked by an analyst: {self.note}" if self.note else "blocked by an analyst"
        if is_placeholder(self.identifier.key):
            return f"a placeholder number (on {self.ads} ads), not anyone's phone"
        return (
            f"on {self.ads} ads that otherwise fall into {self.groups} unrelated groups"
            " (a footer, placeholder or switchboard number links everyone)"
        )


def link_key(kind: str, value: str) -> str | None:
    """The key under which identifier (kind, value) links ads, or None when it does not link.

    Web addresses link whatever the case of their path (``/Book`` and ``/book`` are one site page).
    """
    if kind == "payment" and value.startswith("method:"):
        return None  # "pays by gift card" names a method, not an account
    if kind == "url":
        value = value.lower()
    return f"{kind}:{value}"


@dataclass(slots=True)
class Occurrences:
    """Each linking identifier (``kind:value``, sorted) and the ads naming it (``group`` indexes ``keys``),
    sorted by key then ad; ``identifiers`` rows were read, the last of id ``last``."""

    keys: list[str]
    group: np.ndarray
    ad: np.ndarray
    identifiers: int = 0
    last: int = 0
    #: per key: a placeholder phone (see ``is_placeholder``)
    placeholder: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    #: when extended from kept occurrences: the index each kept key has now
    shift: np.ndarray | None = None

    def arrays(self) -> dict[str, np.ndarray]:
        encoded = [k.encode() for k in self.keys]
        return {"group": self.group, "ad": self.ad, "counts": np.array([self.identifiers, self.last], np.int64),
                "placeholder": self.placeholder,
                "keys": np.frombuffer(b"".join(encoded), np.uint8),
                "lengths": np.array([len(k) for k in encoded], np.int64)}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> Occurrences:
        text, ends = arrays["keys"].tobytes(), np.cumsum(arrays["lengths"]).tolist()
        keys = [text[a:b].decode() for a, b in zip([0, *ends], ends, strict=False)]
        counts = arrays["counts"].tolist()
        return cls(keys, arrays["group"], arrays["ad"], counts[0], counts[1], arrays["placeholder"])

    def within(self, ad_ids: np.ndarray) -> Occurrences:
        """Only the occurrences on ``ad_ids`` (sorted)."""
        pos = np.minimum(np.searchsorted(ad_ids, self.ad), max(len(ad_ids) - 1, 0))
        hit = ad_ids[pos] == self.ad if len(ad_ids) else np.zeros(len(self.ad), bool)
        return Occurrences(self.keys, self.group[hit], self.ad[hit], self.identifiers, self.last, self.placeholder,
                           self.shift)


def _pairs(store: Store, after: int) -> np.ndarray:
    """(identifier id, ad id) of each identifier span in an ad's text, of ads past ``after``."""
    with store.connect() as conn:
        found = conn.execute(
            select(spans.c.identifier_id, spans.c.ad_id)
            .where(spans.c.identifier_id.is_not(None), spans.c.field.in_(_TEXT_FIELDS), spans.c.ad_id > after)
        )
        return np.fromiter(chain.from_iterable(found), dtype=np.int64).reshape(-1, 2)


def _names(store: Store, where: Any) -> dict[int, str]:
    names: dict[int, str] = {}
    with store.connect() as conn:
        for ident_id, kind, value in conn.execute(
            select(identifiers.c.id, identifiers.c.kind, identifiers.c.value)
            .where(identifiers.c.kind.in_(LINKING_KINDS), where)
        ).all():
            key = link_key(kind, value)
            if key is not None:
                names[ident_id] = key
    return names


def _join(keys: list[str], names: dict[int, str], pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(key index, ad id) of each of ``pairs`` whose identifier is named, sorted and distinct."""
    if not names or not len(pairs):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    position = {k: i for i, k in enumerate(keys)} if len(names) > 1000 else None
    ids = np.fromiter(names, dtype=np.int64, count=len(names))
    key_of_id = np.fromiter(((position[names[i]] if position is not None else bisect_left(keys, names[i]))
                             for i in ids.tolist()), dtype=np.int64, count=len(ids))
    order = np.argsort(ids)
    ids, key_of_id = ids[order], key_of_id[order]
    pos = np.minimum(np.searchsorted(ids, pairs[:, 0]), len(ids) - 1)
    hit = ids[pos] == pairs[:, 0]
    both = np.unique((key_of_id[pos[hit]] << 32) | pairs[hit, 1])
    return both >> 32, both & 0xFFFFFFFF


def read_occurrences(store: Store) -> Occurrences:
    """Every linking identifier and the ads naming it in their text."""
    with store.connect() as conn:
        count, last = conn.execute(select(func.count(), func.max(identifiers.c.id))).one()
    names = _names(store, identifiers.c.id <= (last or 0))
    keys = sorted(set(names.values()))
    group, ad = _join(keys, names, _pairs(store, 0))
    return Occurrences(keys, group, ad, int(count), int(last or 0), _placeholders(keys))


def extend_occurrences(kept: Occurrences, store: Store, after: int) -> Occurrences | None:
    """``kept`` with the identifiers added since and the occurrences on ads past ``after`` (the ads up to it
    unchanged); None when identifiers were removed meanwhile."""
    with store.connect() as conn:
        count, last = conn.execute(select(func.count(), func.max(identifiers.c.id))).one()
        added = conn.scalar(select(func.count()).where(identifiers.c.id > kept.last))
    if count != kept.identifiers + added:
        return None
    fresh = sorted(set(_names(store, identifiers.c.id > kept.last).values()).difference(kept.keys))
    keys = sorted([*kept.keys, *fresh])
    # an old key moves up by the new keys sorted before it
    at = np.array([bisect_left(kept.keys, k) for k in fresh], np.int64)
    shift = np.arange(len(kept.keys)) + np.searchsorted(np.sort(at), np.arange(len(kept.keys)), side="right")
    old = shift[kept.group]
    pairs = _pairs(store, after)
    ids = sorted(set(pairs[:, 0].tolist()))
    names: dict[int, str] = {}
    for i in range(0, len(ids), 5000):
        names.update(_names(store, identifiers.c.id.in_(ids[i : i + 5000])))
    group, ad = _join(keys, names, pairs)
    # the new ads' occurrences are merged into the kept ones (sorted by key, then ad), not all sorted again
    known = (old << 32) | kept.ad
    added = (group << 32) | ad
    both = np.insert(known, np.searchsorted(known, added), added)
    placeholder = np.insert(kept.placeholder, np.sort(at), _placeholders(fresh)[np.argsort(at, kind="stable")])
    return Occurrences(keys, both >> 32, both & 0xFFFFFFFF, int(count), int(last or 0), placeholder, shift)


def _placeholders(keys: list[str]) -> np.ndarray:
    return np.array([k.startswith("phone:") and is_placeholder(k) for k in keys], dtype=bool)


_REPEATED = re.compile(r"(\d)\1{6,}$")


def is_placeholder(key: str) -> bool:
    """Whether ``key`` is a placeholder phone: its last seven digits one digit repeated, or counting up or down.

    ``+905555555555``, ``+15555555555`` or ``+441234567890`` are what sites and templates put where a
    number goes; they link nobody.
    """
    kind, _, value = key.partition(":")
    if kind != "phone":
        return False
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) < 7:
        return False
    if _REPEATED.search(digits):
        return True
    tail = [int(d) for d in digits[-7:]]
    steps = {(b - a) % 10 for a, b in zip(tail, tail[1:], strict=False)}
    return steps in ({1}, {9})


def rules(store: Store) -> dict[str, tuple[str, str]]:
    """Analyst rules: identifier key -> (``block`` or ``allow``, note)."""
    with store.connect() as conn:
        return {
            f"{kind}:{value}": (rule, note)
            for kind, value, rule, note in conn.execute(
                select(identifier_rules.c.kind, identifier_rules.c.value, identifier_rules.c.rule,
                       identifier_rules.c.note)
            )
        }


def set_identifier_rule(store: Store, identifier: Identifier | str, rule: str, note: str = "") -> None:
    """Always block (``block``) or always allow (``allow``) ``identifier`` in linking; ``clear`` removes it."""
    ident = identifier if isinstance(identifier, Identifier) else _parse(identifier)
    if rule not in (*RULES, "clear"):
        raise InputError(f"unknown identifier rule {rule!r}: use block, allow or clear")
    where = (identifier_rules.c.kind == ident.kind) & (identifier_rules.c.value == ident.value)
    with store.transaction() as conn:
        conn.execute(identifier_rules.delete().where(where))
        if rule != "clear":
            conn.execute(identifier_rules.insert().values(
                kind=ident.kind, value=ident.value, rule=rule, note=note,
                created_at=datetime.now(UTC).replace(tzinfo=None),
            ))


def _parse(key: str) -> Identifier:
    kind, sep, value = key.partition(":")
    if not sep or not value or kind not in (*LINKING_KINDS, "image"):
        raise InputError(f"not an identifier: {key!r} (expected KIND:VALUE, e.g. phone:+17025550142)")
    return Identifier(kind, value)


def is_candidate(key: str, ads: list[int]) -> bool:
    """Whether identifier ``key`` is on enough ads to be checked as a possible hub."""
    return len(ads) >= (IMAGE_HUB_MIN_ADS if key.startswith("image:") else HUB_MIN_ADS)


def is_hub(key: str, groups: int, ads: int) -> bool:
    """Whether ``key`` on ``ads`` ads that otherwise fall into ``groups`` separate groups is a hub."""
    if key.startswith("image:"):
        return ads >= IMAGE_HUB_MIN_ADS and groups >= IMAGE_HUB_MIN_GROUPS
    return ads >= HUB_MIN_ADS and groups >= HUB_MIN_GROUPS and groups >= HUB_GROUP_SHARE * ads


def hub_list(found: Iterable[tuple[str, int, int]], analyst: dict[str, tuple[str, str]]) -> list[HubIdentifier]:
    """Hubs (key, ads, groups) and analyst-blocked identifiers as records, most ads first."""
    out = []
    for key, n_ads, groups in found:
        rule, note = analyst.get(key, (None, ""))
        out.append(HubIdentifier(_parse(key), n_ads, groups, rule, note))
    return sorted(out, key=lambda h: (-h.ads, h.identifier.key))
