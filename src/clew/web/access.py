"""The one authorization layer: every request to every route (API, pages, static files) passes
here, is matched to its route's rule, and is refused unless the rule lets its principal through.

DEFAULT DENY: a route with no entry in :data:`RULES` is refused to everyone, admins included, in
local and team mode alike. State-changing requests also need a CSRF token unless they come with a
bearer token. The events a rule names are written to the audit trail.
"""

from __future__ import annotations

import hmac
import logging
import re
import threading
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, quote

import anyio.to_thread
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clew.team import audit
from clew.team.accounts import ROLES, Principal
from clew.web import auth
from clew.web.problems import problem

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: how long a change waits for its audit event to be written before it answers anyway
DURABLE_AUDIT_SECONDS = 30.0
_log = logging.getLogger(__name__)
MAX_FORM_BYTES = 1 << 20


@dataclass(slots=True, frozen=True)
class Rule:
    """Who may use a route: ``roles`` (None: anyone, signed in or not), whether a token needs the
    write scope, and the audit action recorded for each use (None: not recorded)."""

    name: str
    roles: frozenset[str] | None
    write: bool = False
    action: str | None = None

    def audited(self, action: str) -> Rule:
        return replace(self, action=action)


PUBLIC = Rule("public", None)
SIGNED_IN = Rule("signed-in", frozenset(ROLES))
READ = Rule("read", frozenset(ROLES))
EXPORT = Rule("export", frozenset({"analyst", "admin"}))
WRITE = Rule("write", frozenset({"analyst", "admin"}), write=True)
ADMIN = Rule("admin", frozenset({"admin"}))
ADMIN_WRITE = Rule("admin-write", frozenset({"admin"}), write=True)

#: every route the app serves, by method and path template. A route missing here is refused.
RULES: dict[tuple[str, str], Rule] = {
    # operations and signing in
    ("GET", "/health"): PUBLIC,
    ("GET", "/metrics"): ADMIN,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,  # records its own audit events (login, login failure)
    ("POST", "/logout"): SIGNED_IN.audited("logout"),
    ("GET", "/api/v1/me"): SIGNED_IN,
    # the JSON API
    ("GET", "/api/v1/openapi.json"): READ,
    ("GET", "/api/v1/docs"): READ,
    ("GET", "/api/v1/ads"): READ.audited("list_ads"),
    ("GET", "/api/v1/ads/{ad_id}"): READ.audited("view_ad"),
    ("GET", "/api/v1/ads/{ad_id}/similar"): READ.audited("view_similar"),
    ("GET", "/api/v1/identifiers"): READ.audited("lookup_identifier"),
    ("GET", "/api/v1/search"): READ.audited("search"),
    ("GET", "/api/v1/networks"): READ.audited("list_networks"),
    ("GET", "/api/v1/networks/{network_id}"): READ.audited("view_network"),
    ("GET", "/api/v1/leads"): READ.audited("list_leads"),
    ("GET", "/api/v1/stats"): READ,
    ("GET", "/api/v1/audit"): ADMIN.audited("view_audit"),
    ("GET", "/api/v1/audit/export"): ADMIN.audited("export_audit"),
    ("GET", "/api/v1/audit/verify"): ADMIN.audited("verify_audit"),
    # the investigator's pages
    ("GET", "/"): READ.audited("view_dashboard"),
    ("GET", "/search"): READ.audited("search"),
    ("GET", "/ads/{ad_id}"): READ.audited("view_ad"),
    ("GET", "/media/{name}"): READ,
    ("GET", "/identifier"): READ.audited("view_identifier"),
    ("GET", "/networks/{network_id}"): READ.audited("view_network"),
    ("GET", "/networks/{network_id}/templates"): READ,
    ("POST", "/networks/{network_id}/label"): WRITE.audited("label"),
    ("GET", "/leads"): READ.audited("list_leads"),
    # mounts: the rule covers every path below them
    ("GET", "/static"): PUBLIC,
}


@dataclass(slots=True, frozen=True)
class Entry:
    """One route the app serves, flattened: its path template, methods (None: a mount), pattern."""

    path: str
    methods: frozenset[str] | None
    pattern: re.Pattern[str]
    endpoint: Any = None


def _walk(routes: list[BaseRoute], prefix: str) -> list[Entry]:
    found: list[Entry] = []
    for route in routes:
        inner = getattr(route, "original_router", None)  # FastAPI's included routers
        if inner is not None:
            context = getattr(route, "include_context", None)
            found += _walk(list(inner.routes), prefix + (getattr(context, "prefix", "") or ""))
        elif isinstance(route, Mount):
            path = prefix + route.path.rstrip("/")
            found.append(Entry(path, None, compile_path(path + "/{path:path}")[0]))
        elif isinstance(route, Route | APIRoute):
            path = prefix + route.path
            methods = frozenset(route.methods or ())
            found.append(Entry(path, methods, compile_path(path)[0], route.endpoint))
        else:
            found.append(Entry(prefix + str(getattr(route, "path", "?")), frozenset(), re.compile(r"(?!)")))
    return found


_cache: dict[int, tuple[tuple[int, ...], list[Entry]]] = {}


def routes(app: FastAPI) -> list[Entry]:
    """Every route of ``app`` in the order the router tries them (included routers flattened)."""
    top = list(app.router.routes)
    key = tuple(id(r) for r in top) + tuple(
        len(r.original_router.routes) for r in top if getattr(r, "original_router", None) is not None)
    cached = _cache.get(id(app))
    if cached is None or cached[0] != key:
        cached = (key, _walk(top, ""))
        _cache[id(app)] = cached
    return cached[1]


def resolve(app: FastAPI, scope: Scope) -> tuple[str | None, Rule | None, bool]:
    """The path template of the route that will answer, its rule, and whether one matched at all.

    A path no route matches, or a method the route lacks, gets no rule: the router answers 404 or
    405 with no data. Worked out once per request (kept in its scope's state).
    """
    state = scope.setdefault("state", {})
    found = state.get("clew_route")
    if found is None:
        found = state["clew_route"] = _resolve(app, scope)
    return found  # type: ignore[no-any-return]


def _resolve(app: FastAPI, scope: Scope) -> tuple[str | None, Rule | None, bool]:
    method = "GET" if scope["method"] == "HEAD" else scope["method"]
    path, root = scope.get("path", ""), scope.get("root_path", "")
    if root and path.startswith(root + "/"):
        path = path[len(root):]
    for entry in routes(app):
        if not entry.pattern.match(path):
            continue
        if entry.methods is None:
            return entry.path, RULES.get((method, entry.path)), True
        if scope["method"] in entry.methods or method in entry.methods:
            return entry.path, RULES.get((method, entry.path)), True
    return None, None, False


def decide(rule: Rule | None, principal: Principal) -> tuple[int, str] | None:
    """None when ``principal`` may use a route with ``rule``; else (status, reason)."""
    if rule is None:
        return 403, "this route has no access rule, so it is refused to everyone (default deny)"
    if rule.roles is None:
        return None
    if not principal.signed_in:
        return 401, "sign in first (a session cookie, or an API token as Authorization: Bearer)"
    if principal.role not in rule.roles:
        return 403, f"the {principal.role} role may not do this; it needs one of: {', '.join(sorted(rule.roles))}"
    if rule.write and principal.via == "token" and principal.scope != "write":
        return 403, "this API token is read-only; this request needs a token with the write scope"
    return None


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else ""


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return b"", False
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), True


class AccessControl:
    """ASGI middleware: authenticate, match the route, apply its rule and CSRF, audit, then serve."""

    def __init__(self, app: ASGIApp, *, fastapi: FastAPI, settings: auth.ServerSettings) -> None:
        self.app = app
        self.fastapi = fastapi
        self.settings = settings
        self.modes = auth.Modes(settings.mode_ttl)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1008})
            return
        store = self.fastapi.state.store
        template, rule, matched = resolve(self.fastapi, scope)
        request = Request(scope)
        team = self.modes.known()
        if team is None:
            team = await anyio.to_thread.run_sync(self.modes.team, store)
        args = (store, request.headers, dict(request.cookies), _client(scope), team, self.settings)
        # local mode reads no store: answered here, without a trip to a worker thread and back
        principal = await anyio.to_thread.run_sync(auth.authenticate, *args) if team else auth.authenticate(*args)
        state = scope.setdefault("state", {})
        state["principal"] = principal
        state["team_mode"] = team

        secret = self.settings.secret_key
        sent_cookie = request.cookies.get(auth.CSRF_COOKIE)
        new_cookie = None
        if principal.session is None and principal.via != "token" and not (
                sent_cookie and auth.valid_csrf_cookie(secret, sent_cookie)):
            new_cookie = auth.new_csrf_cookie(secret)
        state["csrf_token"] = auth.expected_csrf(secret, principal, new_cookie or sent_cookie) or ""

        if not matched:
            await self.app(scope, receive, send)
            return

        refusal = decide(rule, principal)
        if refusal is None and scope["method"] not in SAFE_METHODS and principal.via != "token":
            body, complete = await _read_body(receive)
            if not complete:
                refusal = (413, "the request body is too large or was cut off")
            else:
                receive = _replay(body, receive)
                submitted = request.headers.get(auth.CSRF_HEADER) or await _form_token(scope, body)
                expected = auth.expected_csrf(secret, principal, sent_cookie)
                if not (submitted and expected and hmac.compare_digest(submitted, expected)):
                    refusal = (403, "the CSRF token is missing or wrong: reload the page and try again")
        if refusal is not None:
            status, reason = refusal
            await self._audit(principal, scope, "denied", template, status, reason)
            response = self._refusal(scope, request, principal, status, reason)
            if new_cookie:
                self._set_csrf(response, new_cookie, team, scope)
            await response(scope, receive, send)
            return

        status_box: list[int] = []
        # a change is in the audit trail before its answer leaves: a server killed in between cannot
        # have made a change the trail does not show (reads are recorded as they finish)
        durable = rule is not None and bool(rule.action) and scope["method"] not in SAFE_METHODS

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_box.append(int(message["status"]))
                if durable:
                    written = await self._audit(principal, scope, rule.action, template, status_box[0])
                    if not await anyio.to_thread.run_sync(written.wait, DURABLE_AUDIT_SECONDS):
                        _log.warning("the audit event of %s %s is not written yet; answering anyway",
                                     scope["method"], scope.get("path", ""))
                if new_cookie:
                    holder = Response()
                    self._set_csrf(holder, new_cookie, team, scope)
                    message = {**message, "headers": [*message.get("headers", []),
                                                      *[(k, v) for k, v in holder.raw_headers if k == b"set-cookie"]]}
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            if rule is not None and rule.action and not (durable and status_box):
                await self._audit(principal, scope, rule.action, template, status_box[0] if status_box else 500)

    async def _audit(self, principal: Principal, scope: Scope, action: str, template: str | None,
                     status: int, reason: str | None = None) -> threading.Event:
        detail: dict[str, Any] = {"status": status, "method": scope["method"]}
        if template:
            detail["route"] = template
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if query:
            detail["query"] = [[k, v] for k, v in query[:50]]
        if reason:
            detail["reason"] = reason
        outcome = "ok" if status < 400 else ("denied" if status in (401, 403) else "error")
        return recorder(self.fastapi).record(principal.name, action, scope.get("path", ""), address=_client(scope),
                                             outcome=outcome, detail=detail)

    @staticmethod
    def _refusal(scope: Scope, request: Request, principal: Principal, status: int, reason: str) -> Response:
        path = scope.get("path", "")
        wants_page = not path.startswith("/api/") and "text/html" in request.headers.get("accept", "")
        if status == 401 and wants_page and scope["method"] in SAFE_METHODS:
            target = path + (f"?{scope['query_string'].decode('latin-1')}" if scope.get("query_string") else "")
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        response = problem(status, reason)
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="clew"'
        return response

    @staticmethod
    def _set_csrf(response: Response, value: str, team: bool, scope: Scope) -> None:
        response.set_cookie(auth.CSRF_COOKIE, value, httponly=True, samesite="strict", path="/",
                            secure=team or scope.get("scheme") == "https")


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _form_token(scope: Scope, body: bytes) -> str | None:
    content_type = Request(scope).headers.get("content-type", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    sent = False

    async def once() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    form = await Request(scope, once).form()
    try:
        value = form.get(auth.CSRF_FIELD)
        return value if isinstance(value, str) else None
    finally:
        await form.close()


def recorder(app: FastAPI) -> audit.Recorder:
    """The app's audit recorder (one writer thread per store the app serves)."""
    found: audit.Recorder | None = getattr(app.state, "audit", None)
    if found is None or found.store is not app.state.store:
        found = app.state.audit = audit.Recorder(app.state.store)
    return found


def install(app: FastAPI, settings: auth.ServerSettings) -> None:
    """Put the access layer in front of every route of ``app``."""
    app.state.settings = settings
    app.add_middleware(AccessControl, fastapi=app, settings=settings)
