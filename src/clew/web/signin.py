"""Signing in and out: the login form, its POST (rate-limited per address, accounts lock after
repeated failures), logout, and ``/api/v1/me`` (who am I, and my CSRF token for scripts).
"""

from __future__ import annotations

from html import escape
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from clew.errors import AccessError
from clew.team import accounts
from clew.web import access, auth

router = APIRouter(include_in_schema=False)


def _limiter(request: Request) -> MovingWindowRateLimiter:
    """The app's own login limiter (per app, so each server process counts its own attempts)."""
    found = getattr(request.app.state, "login_limiter", None)
    if found is None:
        found = request.app.state.login_limiter = MovingWindowRateLimiter(MemoryStorage())
    return found


def _safe_next(target: str | None) -> str:
    """Only a path on this server: never another site (an open redirect), never a scheme."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _page(request: Request, message: str = "", next_url: str = "/", status: int = 200) -> HTMLResponse:
    token = escape(auth.csrf_token(request))
    note = f'<p class="error" role="alert">{escape(message)}</p>' if message else ""
    body = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · Clew</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
<h1>Sign in to Clew</h1>{note}
<form method="post" action="/login">
<input type="hidden" name="csrf_token" value="{token}">
<input type="hidden" name="next" value="{escape(_safe_next(next_url))}">
<p><label for="username">User name</label><br><input id="username" name="username" autocomplete="username" required maxlength="100"></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1000"></p>
<p><button type="submit">Sign in</button></p>
</form></main></body></html>"""
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _page(request, next_url=next)


def _metric(request: Request, outcome: str) -> None:
    counter = getattr(request.app.state, "logins", None)
    if counter is not None:
        counter.labels(outcome=outcome).inc()


@router.post("/login", response_model=None)
async def login(
    request: Request,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> HTMLResponse | RedirectResponse:
    store = request.app.state.store
    settings: auth.ServerSettings = request.app.state.settings
    address = request.client.host if request.client else ""

    def note(outcome: str, reason: str = "") -> None:
        access.recorder(request.app).record(username, "login", "/login", address=address, outcome=outcome,
                                            detail={"reason": reason} if reason else None)

    if not _limiter(request).hit(parse(settings.login_rate), "login", address):
        note("denied", "too many attempts from this address")
        _metric(request, "rate_limited")
        return _page(request, "Too many attempts from this address: wait a minute and try again.", next, 429)
    try:
        user = await anyio.to_thread.run_sync(accounts.authenticate, store, username, password)
    except AccessError as exc:
        note("failed", str(exc))
        _metric(request, "failed")
        return _page(request, str(exc), next, 401)
    value = await anyio.to_thread.run_sync(
        lambda: accounts.start_session(store, user, address, settings.session_hours,
                                      settings.session_idle_minutes))
    note("ok")
    _metric(request, "ok")
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(auth.SESSION_COOKIE, value, max_age=int(settings.session_hours * 3600),
                        httponly=True, secure=True, samesite="lax", path="/")
    response.delete_cookie(auth.CSRF_COOKIE, path="/")
    return response


@router.post("/logout", response_model=None)
def logout(request: Request) -> RedirectResponse:
    principal = auth.principal_of(request)
    if principal.session:
        accounts.end_session(request.app.state.store, principal.session)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="lax")
    return response


@router.get("/api/v1/me")
def me(request: Request) -> dict[str, Any]:
    """Who this request acts for, with what role, and the CSRF token its state-changing requests carry."""
    principal = auth.principal_of(request)
    return {"name": principal.name, "role": principal.role, "via": principal.via, "scope": principal.scope,
            "team_mode": bool(getattr(request.state, "team_mode", False)), "csrf_token": auth.csrf_token(request)}
