"""The investigator's pages served over a real store (SQLite and PostgreSQL): every page answers,
ad text is escaped everywhere, spans are marked, the CSP forbids inline scripts, labels are stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.store import Store
from clew.web.app import create_app

HOSTILE = ('<script>alert("pwned")</script> <img src=x onerror=alert(1)> '
           '<a href="javascript:alert(2)">click</a> <style>body{display:none}</style> '
           'cash\u202egnp.exe call (702) 555-0142')
ADS = [
    {"id": "h1", "site": "velvet", "url": "javascript:alert(3)", "title": "<b onmouseover=alert(4)>Candy</b>",
     "body": HOSTILE, "location": "Las Vegas, NV", "posted_at": "2026-01-02T10:00:00Z"},
    {"id": "h2", "site": "velvet", "title": "Candy again", "body": "text seven 0 two 555 oh one four two, 21yo",
     "location": "Las Vegas, NV", "posted_at": "2026-01-09T10:00:00Z"},
    {"id": "h3", "site": "other", "title": "Someone else", "body": "call 212 555 0199 new in town",
     "location": "New York, NY", "posted_at": "2026-02-01T10:00:00Z"},
]


def _score(store: Store) -> None:
    try:
        from clew.score import update_scores
    except ImportError:
        return
    update_scores(store)


@pytest.fixture
def client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    path = tmp_path / "ads.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ADS))
    ingest(store, [path])
    analyze(store, workers=1)
    _score(store)
    with TestClient(create_app(store=store), raise_server_exceptions=True) as c:
        yield c


def _ad_id(client: TestClient, title: str) -> int:
    items = client.get("/api/v1/ads", params={"limit": 200}).json()["items"]
    return next(i["id"] for i in items if i["title"] == title)


def _network_of(client: TestClient, ad_id: int) -> str:
    for n in client.get("/api/v1/networks").json()["items"]:
        detail = client.get(f"/api/v1/networks/{n['id']}").json()
        if ad_id in detail["ad_ids"]:
            return str(n["id"])
    raise AssertionError(f"ad {ad_id} is in no network")


class _Elements(HTMLParser):
    """Every element and attribute of a page as a browser's parser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _assert_inert(html: str) -> None:
    """No markup from ad text survives as markup: no handlers, no javascript: links, no styles, and
    every script is Clew's own file or JSON data."""
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert tag not in ("style", "iframe", "object", "embed", "b", "i"), (tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "http:", "https:", "//")), (tag, attrs)
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/") or attrs.get("type") == "application/json"
        if tag == "img":
            assert (attrs.get("src") or "").startswith(("/static/", "/media/")), attrs
    assert "\u202e" not in html  # a direction override is written out, not obeyed


def test_every_page_answers_with_escaped_text_and_a_strict_csp(client: TestClient) -> None:
    hostile = _ad_id(client, ADS[0]["title"])
    network = _network_of(client, hostile)
    pages = ["/", "/search?q=candy", "/search?q=seven0two+555+o1four2", f"/ads/{hostile}",
             "/identifier?key=phone%3A%2B17025550142", f"/networks/{network}", f"/networks/{network}/templates",
             "/leads"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:500])
        assert response.headers["content-type"].startswith("text/html")
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        _assert_inert(response.text)
    ad = client.get(f"/ads/{hostile}").text
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in ad
    assert "⟨U+202E⟩" in ad


def test_ad_page_marks_every_span_with_kind_value_and_confidence(client: TestClient) -> None:
    ad_id = _ad_id(client, "Candy again")
    html = client.get(f"/ads/{ad_id}").text
    spans = client.get(f"/api/v1/ads/{ad_id}").json()["spans"]
    marks = re.findall(r'<mark class="span kind-[a-z_]+"[^>]*data-tip="([^"]*)"[^>]*>', html)
    phone = next(s for s in spans if s["kind"] == "phone")
    assert phone["value"] == "+17025550142"
    assert any(f"phone: +17025550142 (confidence {phone['confidence']:.2f})" in m for m in marks)
    assert len(marks) >= len({(s["field"], s["start"]) for s in spans if s["field"] != "title"}) - 1


def test_search_reads_an_obfuscated_phone_as_the_identifier(client: TestClient) -> None:
    html = client.get("/search", params={"q": "seven0two 555 o1four2"}).text
    assert "/identifier?key=phone%3A%2B17025550142" in html
    assert html.count('class="hit"') == 2


def test_search_with_words_shows_facets_and_snippets(client: TestClient) -> None:
    html = client.get("/search", params={"q": "town"}).text
    assert 'class="facets"' in html and "New York" in html
    assert 'class="snippet"' in html


def test_identifier_page_lists_its_ads_networks_and_map_points(client: TestClient) -> None:
    html = client.get("/identifier", params={"key": "phone:+17025550142"}).text
    data = json.loads(re.search(r'<script type="application/json" id="ident-data">(.*?)</script>', html, re.S)[1])
    assert [p["city"] for p in data["map"]["points"]] == ["Las Vegas"]
    assert sum(sum(s["values"]) for s in data["timeline"]["series"]) == 2
    assert "/networks/" in html


def test_network_page_has_graph_nodes_for_ads_and_identifiers(client: TestClient) -> None:
    network = _network_of(client, _ad_id(client, "Candy again"))
    html = client.get(f"/networks/{network}").text
    data = json.loads(re.search(r'<script type="application/json" id="net-data">(.*?)</script>', html, re.S)[1])
    kinds = {e["data"]["kind"] for e in data["graph"] if e["group"] == "nodes"}
    assert {"ad", "phone"} <= kinds
    edges = [e["data"] for e in data["graph"] if e["group"] == "edges"]
    assert edges and all(e["label"] for e in edges)


def test_unknown_records_answer_404_pages(client: TestClient) -> None:
    for url in ["/ads/999999", "/networks/net-nope", "/identifier?key=nonsense"]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")


def test_label_buttons_store_the_label(client: TestClient) -> None:
    pytest.importorskip("clew.score", reason="labels are stored by the Indicators stage")
    from clew.score import network_labels

    network = _network_of(client, _ad_id(client, "Candy again"))
    page = client.get(f"/networks/{network}").text
    token = re.search(r'name="csrf_token" value="([^"]*)"', page)[1]
    bad = client.post(f"/networks/{network}/label", data={"label": "maybe", "csrf_token": token})
    assert bad.status_code == 400
    response = client.post(f"/networks/{network}/label",
                           data={"label": "unsure", "note": "<i>check</i> again", "csrf_token": token})
    assert response.status_code == 200
    assert 'data-label="unsure"' in response.text and "&lt;i&gt;check&lt;/i&gt;" in response.text
    store = client.app.state.store  # type: ignore[attr-defined]
    assert [(x.label, x.note) for x in network_labels(store, network)] == [("unsure", "<i>check</i> again")]
    assert 'data-label="unsure"' in client.get(f"/networks/{network}").text
