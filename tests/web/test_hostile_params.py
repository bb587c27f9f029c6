"""SQL-injection and XSS payloads in every parameter of every search route (API and pages): never a
server error, never markup echoed into a page, nothing in the store changed or revealed."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from clew.collect.ingest import ingest
from clew.store import Store
from clew.store.schema import ads
from clew.store.team import users
from clew.team import accounts
from clew.web import access, auth
from clew.web.app import create_app

PAYLOADS = (
    "' OR '1'='1' --; DROP TABLE ads; <script>alert(1)</script>",
    '"><img src=x onerror=alert(1)> UNION SELECT password_hash FROM users --',
    'candy*) OR 1=1 -- \\ % _ NEAR( "unterminated',
)
MARKUP = ("<script>alert(1)</script>", "<img src=x onerror")
#: benign values for the parameters a route requires, so each payload reaches the one it is in
REQUIRED = {"q": "candy", "key": "phone:+17025550142"}


@pytest.fixture
def admin_client(store: Store, tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    path = tmp_path / "ads.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "site": "velvet", "title": f"Candy {i}",
                                        "body": "call 702 555 0142 <script>alert(1)</script>",
                                        "location": "Las Vegas, NV"}) + "\n" for i in range(3)))
    ingest(store, [path])
    user, _ = accounts.add_user(store, "boss", "admin", "a long enough password")
    cookie = {"Cookie": f"{auth.SESSION_COOKIE}={accounts.start_session(store, user)}"}
    app = create_app(store=store, settings=auth.ServerSettings(secret_key=b"k" * 32, configured=True))
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        yield client, cookie


def _search_routes(client: TestClient) -> list[tuple[str, list[str]]]:
    found = []
    for entry in access.routes(client.app):  # type: ignore[arg-type]
        if entry.methods and "GET" in entry.methods and ("search" in entry.path or "identifier" in entry.path
                                                         or entry.path == "/api/v1/audit"):
            params = [p for p in inspect.signature(entry.endpoint).parameters if p != "request"]
            found.append((entry.path, params))
    return found


def test_payloads_in_every_search_parameter(store: Store, admin_client: tuple[TestClient, dict[str, str]]) -> None:
    client, cookie = admin_client
    routes = _search_routes(client)
    assert {"/api/v1/search", "/api/v1/identifiers", "/search", "/identifier"} <= {p for p, _ in routes}
    with store.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(ads))
    problems = []
    for path, params in routes:
        for param in params:
            name = {"with_facets": "facets"}.get(param, param)
            for payload in PAYLOADS:
                query = {**{k: v for k, v in REQUIRED.items() if k in params}, name: payload}
                response = client.get(path, params=query, headers=cookie)
                body = response.text
                if response.status_code >= 500:
                    problems.append(f"{path}?{name}=...: {response.status_code}")
                if "text/html" in response.headers.get("content-type", "") and any(m in body for m in MARKUP):
                    problems.append(f"{path}?{name}=...: markup echoed into the page")
                if "$argon2" in body:
                    problems.append(f"{path}?{name}=...: a password hash leaked")
    assert not problems, "\n".join(problems)
    with store.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ads)) == before
        assert conn.scalar(select(func.count()).select_from(users)) == 1
