"""The JSON API: every route answers with its model or a problem+json, pages, and treats hostile
parameters as data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import HTTPException, Request
from fastapi.testclient import TestClient

from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.store import Store
from clew.web.app import create_app
from clew.web.auth import authorize

ADS = [
    {"id": "a1", "site": "velvet", "url": "https://velvet.example/1", "title": "Candy new in town",
     "body": "call (702) 555-0142 <script>alert(1)</script> candy at gmail dot com",
     "location": "Las Vegas, NV", "posted_at": "2026-01-02T10:00:00Z"},
    {"id": "a2", "site": "velvet", "title": "Candy again", "body": "text seven 0 two 555 oh one four two",
     "location": "Las Vegas, NV", "posted_at": "2026-01-03T10:00:00Z"},
    {"id": "a3", "site": "other", "title": "Someone else", "body": "call 212 555 0142", "location": "New York, NY"},
]



@pytest.fixture
def client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    path = tmp_path / "ads.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ADS))
    ingest(store, [path])
    path.write_text(json.dumps({**ADS[0], "body": ADS[0]["body"] + " now with more"}) + "\n")
    ingest(store, [path])  # a second version of a1
    analyze(store, workers=1)
    with TestClient(create_app(store=store), raise_server_exceptions=False) as c:
        yield c


def _id(client: TestClient, source_id: str) -> int:
    items = client.get("/api/v1/ads", params={"limit": 200}).json()["items"]
    by_title = {"a1": "Candy new in town", "a2": "Candy again", "a3": "Someone else"}
    return next(i["id"] for i in items if i["title"] == by_title[source_id])


def test_ads_list_pages(client: TestClient) -> None:
    seen, cursor = [], None
    while True:
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/ads", params=params).json()
        seen += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 3


def test_ad_has_spans_versions_and_provenance(client: TestClient) -> None:
    response = client.get(f"/api/v1/ads/{_id(client, 'a1')}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    ad = response.json()
    assert "<script>" in ad["body"]  # text is data, returned as is inside JSON
    assert [v["version"] for v in ad["versions"]] == [1, 2]
    assert ad["provenance"]["origin"] and len(ad["provenance"]["raw_sha256"]) == 64
    assert {s["kind"] for s in ad["spans"]} >= {"phone", "email"}


def test_identifier_lookup(client: TestClient) -> None:
    body = client.get("/api/v1/identifiers", params={"q": "702.555.0142"}).json()
    assert [m["key"] for m in body["matches"]] == ["phone:+17025550142"]
    assert {i["title"] for i in body["items"]} == {"Candy new in town", "Candy again"}
    partial = client.get("/api/v1/identifiers", params={"q": "555 0142"}).json()
    assert partial["ads_partial"] is True and all(m["partial"] for m in partial["matches"])
    assert len(partial["items"]) == 3


def test_search_with_facets(client: TestClient) -> None:
    body = client.get("/api/v1/search", params={"q": "candy", "facets": "true", "sort": "newest"}).json()
    assert [i["title"] for i in body["items"]] == ["Candy again", "Candy new in town"]
    assert body["facets"]["total"] == 2
    assert body["facets"]["site"] == [{"value": "velvet", "count": 2}]


def test_similar_networks_leads_stats_answer(client: TestClient) -> None:
    similar = client.get(f"/api/v1/ads/{_id(client, 'a1')}/similar").json()
    assert similar["items"] == [] and similar["notes"]
    assert client.get("/api/v1/networks").status_code == 200
    leads = client.get("/api/v1/leads").json()
    assert leads["available"] is True and leads["items"]
    for lead in leads["items"]:  # never a bare score
        assert lead["network_id"].startswith("net-") and 0 <= lead["score"] <= 100
        assert lead["indicators"] and all({"id", "contribution", "evidence"} <= set(i) for i in lead["indicators"])
    first = client.get("/api/v1/leads", params={"limit": 1}).json()
    assert first["items"][0]["network_id"] == leads["items"][0]["network_id"]
    assert client.get("/api/v1/stats").json()["ads"] == 3


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/ads/999999", 404),
        ("/api/v1/ads/abc", 422),
        ("/api/v1/ads?limit=201", 422),
        ("/api/v1/ads?cursor=garbage", 400),
        ("/api/v1/search?since=2026-02-01&until=2026-01-01", 400),
        ("/api/v1/identifiers", 422),
        ("/api/v1/nowhere", 404),
        ("/api/v1/networks/nope", 404),
        ("/api/v1/leads?cursor=garbage", 400),
        ("/api/v1/search?sort=score&cursor=garbage", 400),
    ],
)
def test_errors_are_problem_details(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]


PAYLOADS = [
    "'; DROP TABLE ads; --", '" OR 1=1 --', "NEAR(a b)", "a:*", "!a | b", "%", "_", "\\", "\x00",
    "<script>alert(1)</script>", "ads_fts MATCH 'x'", "1) UNION SELECT * FROM ads --", "*", '"',
]


def test_injection_payloads_in_every_parameter_are_harmless(client: TestClient) -> None:
    routes = {
        "/api/v1/search": ["q", "city", "region", "country", "site", "cursor", "since", "sort", "has", "limit"],
        "/api/v1/identifiers": ["q", "kind", "region", "cursor", "partial"],
        "/api/v1/ads": ["cursor", "limit"],
        "/api/v1/leads": ["cursor"],
        "/api/v1/networks": ["cursor"],
    }
    for route, names in routes.items():
        for name in names:
            for payload in PAYLOADS:
                params = {"q": "candy"} if route.endswith("identifiers") and name != "q" else {}
                response = client.get(route, params={**params, name: payload})
                assert response.status_code < 500, (route, name, payload, response.text)
    for payload in PAYLOADS:
        if payload.isprintable():
            assert client.get(f"/api/v1/networks/{payload.replace('/', '')}").status_code < 500
    assert client.get("/api/v1/stats").json()["ads"] == 3


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/ads", "/api/v1/ads/{ad_id}", "/api/v1/identifiers", "/api/v1/search", "/api/v1/networks",
            "/api/v1/networks/{network_id}", "/api/v1/leads", "/api/v1/ads/{ad_id}/similar",
            "/api/v1/stats"} <= set(schema["paths"])
    assert client.get("/api/v1/docs").status_code == 200


def test_every_route_goes_through_authorize(store: Store) -> None:
    app = create_app(store=store)

    def deny(request: Request) -> None:
        raise HTTPException(403, "no access in this test")

    app.dependency_overrides[authorize] = deny
    with TestClient(app) as c:
        paths = ["/api/v1/ads", "/api/v1/ads/1", "/api/v1/ads/1/similar", "/api/v1/identifiers?q=x",
                 "/api/v1/search", "/api/v1/networks", "/api/v1/networks/x", "/api/v1/leads", "/api/v1/stats",
                 "/api/v1/openapi.json", "/api/v1/docs"]
        for path in paths:
            response = c.get(path)
            assert response.status_code == 403, path
            assert response.headers["content-type"] == "application/problem+json"
