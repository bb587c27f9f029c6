"""Identifier search: any typed form of a number finds exactly the ads naming it in any form."""

from __future__ import annotations

import pytest

from clew.errors import InputError
from clew.model import Identifier
from clew.search.identifiers import ad_ids, lookup, readings
from clew.store import Store

NUMBER = "+17025550142"
# how ads write the number (the extractor must read each of them)
AD_FORMS = [
    "(702) 555-0142",
    "702.555.0142",
    "seven 0 two 555 oh one four two",
    "+1 702 555 0142",
    "7025550142",
    "702-555-O142",
]
# how an analyst may type it
TYPED_FORMS = [
    "(702) 555-0142",
    "7025550142",
    "702-555-0142",
    "702.555.0142",
    "702 555 0142",
    "+1 702 555 0142",
    "+17025550142",
    "1-702-555-0142",
    "1 (702) 555-0142",
    "seven 0 two 555 oh one four two",
    "seven zero two five five five zero one four two",
    "702/555/0142",
    "(702)5550142",
    "702 five five five 0142",
    "+1 (702) 555-0142",
    "001 702 555 0142",
    "7 0 2 5 5 5 0 1 4 2",
]
DECOYS = [
    ("call 702-555-0143 now", "+17025550143"),  # one digit off
    ("call 212-555-0142 now", "+12125550142"),  # same last 7 digits, other area code
]


@pytest.fixture
def phone_store(store: Store, load_ads) -> Store:
    records = [
        {"id": f"p{i}", "site": "s", "title": "Sweet", "body": f"hi gentlemen, text me {form} tonight",
         "location": "Las Vegas, NV", "posted_at": "2026-01-02T10:00:00Z"}
        for i, form in enumerate(AD_FORMS)
    ]
    records += [
        {"id": f"d{i}", "site": "s", "title": "Other", "body": body, "location": "Las Vegas, NV"}
        for i, (body, _) in enumerate(DECOYS)
    ]
    records.append({"id": "e", "site": "s", "title": "Mail", "body": "write to candy at gmail dot com or $candyx"})
    load_ads(store, records)
    return store


def _source_ids(store: Store, ids: list[int]) -> set[str]:
    from clew.store.ads import get_ad

    return {get_ad(store, i).source_id for i in ids}


def test_every_ad_form_was_extracted(phone_store: Store) -> None:
    found = ad_ids(phone_store, Identifier("phone", NUMBER))
    assert _source_ids(phone_store, found) == {f"p{i}" for i in range(len(AD_FORMS))}


def test_any_typed_form_finds_exactly_the_ads(phone_store: Store) -> None:
    assert len(TYPED_FORMS) >= 15
    for typed in TYPED_FORMS:
        result = lookup(phone_store, typed, limit=200)
        assert [m.identifier.key for m in result.matches if not m.partial] == [f"phone:{NUMBER}"], typed
        assert not result.ads_partial, typed
        found = _source_ids(phone_store, [h.id for h in result.ads])
        assert found == {f"p{i}" for i in range(len(AD_FORMS))}, typed


def test_kind_given_reads_only_that_kind(phone_store: Store) -> None:
    assert lookup(phone_store, "(702) 555-0142", kind="phone").matches[0].identifier.value == NUMBER
    assert lookup(phone_store, "(702) 555-0142", kind="email").matches == []


def test_partial_phone_is_labelled(phone_store: Store) -> None:
    result = lookup(phone_store, "555-0142")
    assert result.ads_partial
    assert {m.identifier.value for m in result.matches} == {NUMBER, "+12125550142"}
    assert all(m.partial and m.how == "last 7 digits" for m in result.matches)
    assert any("partial" in note for note in result.notes)
    assert _source_ids(phone_store, [h.id for h in result.ads]) == {f"p{i}" for i in range(len(AD_FORMS))} | {"d1"}


def test_partial_can_be_asked_beside_a_full_match(phone_store: Store) -> None:
    result = lookup(phone_store, "702 555 0142", partial=True)
    exact = [m for m in result.matches if not m.partial]
    partial = [m for m in result.matches if m.partial]
    assert [m.identifier.value for m in exact] == [NUMBER]
    assert [m.identifier.value for m in partial] == ["+12125550142"]
    assert not result.ads_partial  # ads listed are the exact number's only


def test_email_and_payment_forms(phone_store: Store) -> None:
    for typed in ("candy at gmail dot com", "CANDY@GMAIL.COM", "candy [at] gmail [dot] com"):
        result = lookup(phone_store, typed)
        assert [m.identifier.key for m in result.matches] == ["email:candy@gmail.com"], typed
        assert _source_ids(phone_store, [h.id for h in result.ads]) == {"e"}
    assert [m.identifier.key for m in lookup(phone_store, "$candyx").matches] == ["payment:cashapp:$candyx"]


def test_unknown_and_hostile_values_are_answered(phone_store: Store) -> None:
    for raw in ("'; DROP TABLE ads; --", "\" OR 1=1", "%", "_", "a\x00b", "🙂" * 50, "NEAR(a b)", "*"):
        result = lookup(phone_store, raw)
        assert result.ads == [] or result.ads_partial is False
    with pytest.raises(InputError):
        lookup(phone_store, "   ")
    with pytest.raises(InputError):
        lookup(phone_store, "x", kind="shoe")


def test_pages_never_repeat_or_skip(phone_store: Store) -> None:
    seen: list[int] = []
    cursor = None
    while True:
        result = lookup(phone_store, "7025550142", limit=2, cursor=cursor)
        seen += [h.id for h in result.ads]
        cursor = result.next_cursor
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == len(AD_FORMS)


def test_readings_use_extraction_normalizers() -> None:
    assert readings("(702) 555-0142") == [Identifier("phone", NUMBER)]
    assert readings("candy at gmail dot com") == [Identifier("email", "candy@gmail.com")]


def test_each_ad_shows_where_it_names_the_number_and_its_network(phone_store: Store) -> None:
    result = lookup(phone_store, "7025550142", limit=200)
    for hit in result.ads:
        assert any(form in hit.snippet for form in AD_FORMS), hit.snippet
    in_networks = {h.network_id for h in result.ads}
    # every network listed holds some of the ads, and counts exactly the listed ads it holds
    assert {n for n, _ in result.networks} == in_networks - {None}
    for network_id, count in result.networks:
        assert count == sum(h.network_id == network_id for h in result.ads)
