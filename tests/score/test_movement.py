"""Movement: a network moved through four cities shows a circuit; one in a single city does not."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

import pytest

from clew.errors import InputError, NotFound
from clew.score import leads, movement
from clew.score.movement import detect_circuit, timeline
from clew.store import Store

AddAds = Callable[[Store, Sequence[dict[str, object]]], None]
Ads = list[dict[str, object]]

T0 = datetime(2026, 1, 1)


def _points(cities: list[str]) -> list[tuple[int, datetime | None, str | None]]:
    return [(i, T0 + timedelta(days=i), c) for i, c in enumerate(cities)]


def test_stays_and_circuits_from_points() -> None:
    stays, left_out = timeline([*_points(["A", "A", "B", "B", "C", "D", "D"]), (99, None, "A"), (98, T0, None)])
    assert [(s.city, len(s.ads)) for s in stays] == [("A", 2), ("B", 2), ("C", 1), ("D", 2)]
    assert left_out == 2
    assert detect_circuit(stays) == ["A", "B", "C", "D"]
    assert detect_circuit(timeline(_points(["A"] * 6))[0]) == []
    assert detect_circuit(timeline(_points(["A", "B", "A", "B"]))[0]) == []  # a trip and back is no circuit


def test_network_and_identifier_movement(store: Store, add_ads: AddAds, circuit_ads: Ads, local_ads: Ads) -> None:
    add_ads(store, circuit_ads + local_ads)
    by_size = {lead.size: lead for lead in leads(store)}
    moved = movement(store, by_size[8].network_id)
    assert moved.circuit == ["Las Vegas", "Phoenix", "Denver", "Salt Lake City"]
    assert [(s.city, len(s.ads)) for s in moved.stays] == [(c, 2) for c in moved.circuit]
    assert "4 cities in turn" in moved.explanation
    by_phone = movement(store, "phone:+17025550142")
    assert by_phone.circuit == moved.circuit
    still = movement(store, by_size[4].network_id)
    assert still.circuit == [] and [s.city for s in still.stays] == ["Los Angeles"]
    assert "no circuit" in still.explanation
    with pytest.raises(NotFound):
        movement(store, "net-999999")
    with pytest.raises(InputError, match="neither a network id"):
        movement(store, "Las Vegas")
