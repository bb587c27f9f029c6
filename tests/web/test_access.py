"""The access layer: every route the app exposes, checked for every kind of principal against the
expected matrix; default deny for a route without a rule; CSRF, sessions, lockout, token scopes."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select

from clew.store import Store
from clew.store.ads import utcnow
from clew.store.team import audit_events, users
from clew.team import accounts, audit
from clew.web import access, auth
from clew.web.app import check_binding, create_app

SECRET = b"s" * 32
KINDS = ("anonymous", "viewer", "analyst", "admin", "analyst-read-token", "analyst-write-token",
         "admin-read-token")
ANYONE = frozenset(KINDS)
SIGNED = ANYONE - {"anonymous"}
WRITERS = frozenset({"analyst", "admin", "analyst-write-token"})
ADMINS = frozenset({"admin", "admin-read-token"})

#: who may use each route: written out here, not read from clew.web.access, so a rule that changes
#: or a route that appears without an entry here fails this test
EXPECTED: dict[tuple[str, str], frozenset[str]] = {
    ("GET", "/health"): ANYONE,
    ("GET", "/metrics"): ADMINS,
    ("GET", "/login"): ANYONE,
    ("POST", "/login"): ANYONE,
    ("POST", "/logout"): SIGNED,
    ("GET", "/api/v1/me"): SIGNED,
    ("GET", "/api/v1/openapi.json"): SIGNED,
    ("GET", "/api/v1/docs"): SIGNED,
    ("GET", "/api/v1/ads"): SIGNED,
    ("GET", "/api/v1/ads/{ad_id}"): SIGNED,
    ("GET", "/api/v1/ads/{ad_id}/similar"): SIGNED,
    ("GET", "/api/v1/identifiers"): SIGNED,
    ("GET", "/api/v1/search"): SIGNED,
    ("GET", "/api/v1/networks"): SIGNED,
    ("GET", "/api/v1/networks/{network_id}"): SIGNED,
    ("GET", "/api/v1/leads"): SIGNED,
    ("GET", "/api/v1/stats"): SIGNED,
    ("GET", "/api/v1/audit"): ADMINS,
    ("GET", "/api/v1/audit/export"): ADMINS,
    ("GET", "/api/v1/audit/verify"): ADMINS,
    ("GET", "/"): SIGNED,
    ("GET", "/search"): SIGNED,
    ("GET", "/ads/{ad_id}"): SIGNED,
    ("GET", "/media/{name}"): SIGNED,
    ("GET", "/identifier"): SIGNED,
    ("GET", "/networks/{network_id}"): SIGNED,
    ("GET", "/networks/{network_id}/templates"): SIGNED,
    ("POST", "/networks/{network_id}/label"): WRITERS,
    ("GET", "/leads"): SIGNED,
    ("GET", "/static"): ANYONE,
}
SAMPLE = {"{ad_id}": "1", "{network_id}": "net-1", "{name}": "x.jpg"}
QUERY = {"/api/v1/identifiers": "?q=candy", "/identifier": "?key=phone:%2B17025550142", "/static": "/clew.css"}


@dataclass(slots=True)
class Team:
    app: FastAPI
    client: TestClient
    store: Store
    cookies: dict[str, str]
    tokens: dict[str, str]

    def headers(self, kind: str, method: str = "GET") -> dict[str, str]:
        """Credentials of ``kind``, with a valid CSRF token for a state-changing request."""
        if kind == "anonymous":
            cookie = auth.new_csrf_cookie(SECRET)
            return {"Cookie": f"{auth.CSRF_COOKIE}={cookie}", "X-CSRF-Token": cookie} if method != "GET" else {}
        if kind.endswith("-token"):
            return {"Authorization": f"Bearer {self.tokens[kind]}"}
        value = self.cookies[kind]
        principal = accounts.Principal(kind, kind, "session", session=accounts.digest(value))
        return {"Cookie": f"{auth.SESSION_COOKIE}={value}",
                "X-CSRF-Token": auth.expected_csrf(SECRET, principal, None) or ""}


@functools.cache
def _password_hash() -> str:
    return PasswordHasher().hash("a long enough password")


def _add_users(store: Store) -> None:
    """viewer1, analyst1, admin1 with one argon2id hash made once (hashing is slow on purpose)."""
    with store.transaction() as conn:
        for role in ("viewer", "analyst", "admin"):
            conn.execute(insert(users).values(name=f"{role}1", role=role, password_hash=_password_hash(),
                                              active=True, created_at=utcnow(), failed_logins=0))


def _team(store: Store, **settings: object) -> Iterator[Team]:
    cookies, tokens = {}, {}
    _add_users(store)
    for role in ("viewer", "analyst", "admin"):
        cookies[role] = accounts.start_session(store, accounts.get_user(store, f"{role}1"))
    tokens["analyst-read-token"] = accounts.add_token(store, "analyst1", "r", "read")[1]
    tokens["analyst-write-token"] = accounts.add_token(store, "analyst1", "w", "write")[1]
    tokens["admin-read-token"] = accounts.add_token(store, "admin1", "ar", "read")[1]
    app = create_app(store=store, settings=auth.ServerSettings(secret_key=SECRET, configured=True, **settings))
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False,
                    follow_redirects=False) as client:
        yield Team(app, client, store, cookies, tokens)


@pytest.fixture
def team(store: Store) -> Iterator[Team]:
    yield from _team(store)


def _denied(response: object) -> bool:
    r = response  # an httpx.Response
    if r.status_code == 303:  # type: ignore[attr-defined]
        return r.headers["location"].startswith("/login?")  # type: ignore[attr-defined]
    return (r.status_code in (401, 403)  # type: ignore[attr-defined]
            and r.headers.get("content-type", "").startswith("application/problem+json"))  # type: ignore[attr-defined]


def _url(path: str) -> str:
    for key, value in SAMPLE.items():
        path = path.replace(key, value)
    return path


def test_every_route_has_its_expected_rule_for_every_principal(team: Team) -> None:
    served = {("GET" if e.methods is None else m, e.path)
              for e in access.routes(team.app) for m in (e.methods or {"GET"}) if m != "HEAD"}
    assert served == set(EXPECTED), (
        f"routes without an expected row: {sorted(served - set(EXPECTED))}; "
        f"rows for routes that are gone: {sorted(set(EXPECTED) - served)}")
    wrong = []
    for (method, path), allowed in sorted(EXPECTED.items(), key=lambda item: item[0][1] == "/logout"):
        url = _url(path) + QUERY.get(path, "")
        for kind in KINDS:
            data = {"username": "nobody", "password": "x"} if path == "/login" else {"label": "x"}
            response = team.client.request(method, url, headers=team.headers(kind, method),
                                           data=data if method == "POST" else None)
            if _denied(response) == (kind in allowed):
                wrong.append(f"{method} {path} as {kind}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_a_route_without_a_rule_is_refused_to_everyone(team: Team, store: Store) -> None:
    @team.app.get("/api/v1/added-in-this-test")
    def _added() -> dict[str, str]:
        return {"secret": "no one may read this"}

    for kind in KINDS:
        response = team.client.get("/api/v1/added-in-this-test", headers=team.headers(kind))
        assert response.status_code in (401, 403) and "secret" not in response.text, kind
    admin = team.client.get("/api/v1/added-in-this-test", headers=team.headers("admin"))
    assert admin.status_code == 403 and "default deny" in admin.json()["detail"]
    assert access.recorder(team.app).flush()
    with store.connect() as conn:
        denied = conn.execute(select(audit_events).where(audit_events.c.action == "denied")).all()
    assert any(e.target == "/api/v1/added-in-this-test" and e.actor == "admin1" for e in denied)


def test_local_mode_needs_no_login_on_loopback_only(store: Store) -> None:
    app = create_app(store=store, settings=auth.ServerSettings(secret_key=SECRET))

    @app.get("/api/v1/added-in-this-test")
    def _added() -> dict[str, str]:
        return {}

    with TestClient(app, follow_redirects=False) as client:
        assert client.get("/api/v1/me").json()["name"] == "local"
        assert client.get("/api/v1/stats").status_code == 200
        assert client.get("/api/v1/added-in-this-test").status_code == 403  # default deny holds here too
        # a page elsewhere reaching 127.0.0.1 through DNS rebinding names its own host
        assert client.get("/api/v1/stats", headers={"Host": "evil.example"}).status_code == 401
        assert client.post("/logout").status_code == 403  # CSRF even without accounts
    accounts.add_user(store, "first", "admin", "a long enough password")
    app = create_app(store=store, settings=auth.ServerSettings(secret_key=SECRET))
    with TestClient(app, follow_redirects=False) as client:
        assert client.get("/api/v1/stats").status_code == 401  # accounts exist: team mode


def _login(client: TestClient, name: str, password: str, next_url: str = "/leads") -> object:
    client.cookies.clear()
    form = client.get("/login")
    token = form.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    assert form.cookies[auth.CSRF_COOKIE] == token  # before a session: the signed double-submit cookie
    return client.post("/login", data={"username": name, "password": password, "csrf_token": token,
                                       "next": next_url})


def test_login_session_logout_and_csrf(team: Team, store: Store) -> None:
    client = team.client
    assert client.post("/login", data={"username": "admin1", "password": "a long enough password"}).status_code == 403
    response = _login(client, "admin1", "a long enough password", next_url="https://evil.example/")
    assert response.status_code == 303 and response.headers["location"] == "/"  # no open redirect
    set_cookie = response.headers["set-cookie"].lower()
    assert all(flag in set_cookie for flag in ("httponly", "secure", "samesite=lax", "max-age="))
    session = response.cookies[auth.SESSION_COOKIE]
    assert accounts.digest(session) != session
    cookie = {"Cookie": f"{auth.SESSION_COOKIE}={session}"}
    me = client.get("/api/v1/me", headers=cookie).json()
    assert me["name"] == "admin1" and me["role"] == "admin"
    assert client.post("/logout", headers=cookie).status_code == 403  # no CSRF token
    assert client.post("/logout", headers={**cookie, "X-CSRF-Token": "0" * 64}).status_code == 403
    assert client.post("/logout", headers={**cookie, "X-CSRF-Token": me["csrf_token"]}).status_code == 303
    assert client.get("/api/v1/me", headers=cookie).status_code == 401  # the session is gone
    assert access.recorder(team.app).flush()
    with store.connect() as conn:
        logins = conn.execute(select(audit_events).where(audit_events.c.action == "login")).all()
    assert [e.outcome for e in logins] == ["ok"] and logins[0].actor == "admin1"


def test_expired_session_is_refused(team: Team, store: Store) -> None:
    user = accounts.get_user(store, "viewer1")
    expired = accounts.start_session(store, user, hours=-0.01)
    response = team.client.get("/api/v1/stats", headers={"Cookie": f"{auth.SESSION_COOKIE}={expired}"})
    assert response.status_code == 401
    page = team.client.get("/leads", headers={"Cookie": f"{auth.SESSION_COOKIE}={expired}", "Accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fleads"


def test_lockout_after_repeated_failures(team: Team, store: Store) -> None:
    for _ in range(accounts.MAX_FAILURES):
        assert _login(team.client, "analyst1", "wrong password!").status_code == 401
    response = _login(team.client, "analyst1", "a long enough password")
    assert response.status_code == 401 and "locked" in response.text
    assert accounts.get_user(store, "analyst1").locked_until is not None
    assert access.recorder(team.app).flush()
    with store.connect() as conn:
        failed = conn.execute(select(audit_events).where(audit_events.c.action == "login",
                                                         audit_events.c.outcome == "failed")).all()
    assert len(failed) == accounts.MAX_FAILURES + 1 and all("password" not in str(e.detail).lower().split("wrong")[0]
                                                             for e in failed)


def test_login_rate_limit_per_address(store: Store) -> None:
    for t in _team(store, login_rate="3/minute"):
        codes = [_login(t.client, "nobody", "x").status_code for _ in range(4)]
        assert codes == [401, 401, 401, 429]


def test_token_scopes_and_revocation(team: Team, store: Store) -> None:
    read, write = (team.headers(k, "POST") for k in ("analyst-read-token", "analyst-write-token"))
    refused = team.client.post("/networks/net-1/label", headers=read, data={"label": "x"})
    assert refused.status_code == 403 and "read-only" in refused.json()["detail"]
    assert not _denied(team.client.post("/networks/net-1/label", headers=write, data={"label": "x"}))
    assert team.client.get("/api/v1/stats", headers=read).status_code == 200
    for token in accounts.list_tokens(store):
        accounts.revoke_token(store, token.id)
    assert team.client.get("/api/v1/stats", headers=read).status_code == 401
    accounts.set_active(store, "viewer1", False)
    assert team.client.get("/api/v1/stats", headers=team.headers("viewer")).status_code == 401


def test_security_headers_health_and_metrics(team: Team) -> None:
    page = team.client.get("/login")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer" and page.headers["x-request-id"]
    assert team.client.get("/health").json() == {"status": "ok"}
    metrics = team.client.get("/metrics", headers=team.headers("admin-read-token"))
    assert 'clew_http_requests_total{method="GET",route="/health",status="200"}' in metrics.text


def test_serve_refuses_other_addresses_without_key_and_admin(store: Store) -> None:
    check_binding(store, "127.0.0.1", auth.ServerSettings())
    with pytest.raises(Exception, match="CLEW_SECRET_KEY"):
        check_binding(store, "0.0.0.0", auth.ServerSettings())
    with pytest.raises(Exception, match="no active admin"):
        check_binding(store, "0.0.0.0", auth.ServerSettings(secret_key=SECRET, configured=True))
    accounts.add_user(store, "boss", "admin", "a long enough password")
    check_binding(store, "0.0.0.0", auth.ServerSettings(secret_key=SECRET, configured=True))


def test_a_change_is_in_the_audit_trail_before_its_answer(team: Team, store: Store,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    slow_write = audit.Recorder._write

    def _write(self: audit.Recorder, pending: list[dict[str, object]]) -> None:
        time.sleep(0.3)  # a busy store: the answer must still wait for the event
        slow_write(self, pending)

    monkeypatch.setattr(audit.Recorder, "_write", _write)
    write = team.headers("analyst-write-token", "POST")
    answer = team.client.post("/networks/net-1/label", headers=write, data={"label": "x"})
    assert not _denied(answer)
    with store.connect() as conn:  # no flush: the event is already written
        events = conn.execute(select(audit_events.c.actor, audit_events.c.action, audit_events.c.target)
                              .where(audit_events.c.action == "label")).all()
    assert [tuple(e) for e in events] == [("analyst1", "label", "/networks/net-1/label")]
    assert access.recorder(team.app).flush()
    with store.connect() as conn:  # and it was written once, not again when the request ended
        assert conn.scalar(select(func.count()).select_from(audit_events).where(audit_events.c.action == "label")) == 1
