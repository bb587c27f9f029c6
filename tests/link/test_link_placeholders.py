"""Placeholder numbers and web-address case: what sites put where a number goes links nobody."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clew.extract import EXTRACTION_VERSION
from clew.link import hub_identifiers, list_networks, update_networks
from clew.link.identifiers import is_placeholder, link_key
from clew.model import Span
from clew.store import Store
from clew.store.spans import save_extractions


def test_placeholder_numbers_are_recognized() -> None:
    for key in ("phone:+905555555555", "phone:+15555555555", "phone:+441234567890", "phone:+10000000000",
                "phone:+12129876543"):
        assert is_placeholder(key), key
    for key in ("phone:+17025550142", "phone:+905321234588", "email:5555555@example.com", "phone:+1555"):
        assert not is_placeholder(key), key


@given(st.text(max_size=40))
def test_placeholder_check_takes_any_text(value: str) -> None:
    assert isinstance(is_placeholder(f"phone:{value}"), bool)


def test_url_keys_ignore_case_and_payment_methods_do_not_link() -> None:
    assert link_key("url", "Mia.example.com/Book") == link_key("url", "mia.example.com/book")
    assert link_key("payment", "method:giftcard") is None


def test_a_placeholder_on_two_ads_is_listed_and_does_not_link(store: Store, add_ads) -> None:
    body = "amber velvet quiet harbor, whatsapp +90 555 555 5555"
    add_ads(store, [
        {"id": "a", "title": "Mia", "body": body},
        {"id": "b", "title": "Zoe", "body": body.replace("amber velvet quiet harbor", "silver meadow bright candle")},
        {"id": "c", "title": "Ana", "body": "golden river, see https://mia.example.com/Book"},
        {"id": "d", "title": "Eva", "body": "tender orchid, see https://MIA.example.com/book"},
    ])
    # Clew's extraction already skips placeholder numbers; an older or outside reading may not
    start = body.index("+90")
    placeholder = Span("phone", "+905555555555", body[start:], start, len(body), 0.9, "outside")
    save_extractions(store, [(1, [placeholder]), (2, [placeholder])], EXTRACTION_VERSION)
    update_networks(store)
    [hub] = hub_identifiers(store)
    assert hub.identifier.key == "phone:+905555555555" and "placeholder" in hub.reason
    [net] = list_networks(store)
    assert net.ad_ids == [3, 4] and [i.key for i in net.identifiers] == ["url:mia.example.com/book"]


def test_a_placeholder_first_seen_on_new_ads_is_held_when_linking_incrementally(store: Store, add_ads) -> None:
    body = "amber velvet quiet harbor, whatsapp +90 555 555 5555"
    add_ads(store, [
        {"id": "c", "title": "Ana", "body": "golden river, see https://mia.example.com/Book"},
        {"id": "d", "title": "Eva", "body": "tender orchid, see https://MIA.example.com/book"},
    ])
    update_networks(store)
    add_ads(store, [
        {"id": "a", "title": "Mia", "body": body},
        {"id": "b", "title": "Zoe", "body": body.replace("amber velvet quiet harbor", "silver meadow bright candle")},
    ])
    start = body.index("+90")
    placeholder = Span("phone", "+905555555555", body[start:], start, len(body), 0.9, "outside")
    save_extractions(store, [(3, [placeholder]), (4, [placeholder])], EXTRACTION_VERSION)
    update_networks(store)
    [hub] = hub_identifiers(store)
    assert hub.identifier.key == "phone:+905555555555" and "placeholder" in hub.reason
    assert [n.ad_ids for n in list_networks(store)] == [[1, 2]]
