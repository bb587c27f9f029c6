"""Who a request acts for: a session cookie, a bearer token, the local analyst, or nobody; and the
CSRF tokens that every state-changing request carries.

Local mode: a store without accounts served on this machine's loopback needs no login; every
request from this machine acts as "local". Once one account exists the server is in team mode and
everyone signs in. Which routes a principal may use is decided in ``clew.web.access``.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from starlette.datastructures import Headers

from clew.errors import AccessError, InputError
from clew.store import Store
from clew.team import accounts
from clew.team.accounts import ANONYMOUS, LOCAL, Principal

__all__ = ["ANONYMOUS", "LOCAL", "Principal", "ServerSettings", "authorize", "csrf_token", "principal_of"]

SESSION_COOKIE = "clew_session"
CSRF_COOKIE = "clew_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
MIN_SECRET = 32
# loopback names, and the names Starlette's test client gives itself and the server (a browser never
# sends these: a DNS-rebinding page can only send its own domain as Host)
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "testserver", "testclient"})


@dataclass(slots=True)
class ServerSettings:
    """How the server authenticates: its secret key and the limits of sessions and logins.

    ``configured`` is True when the key came from the operator (CLEW_SECRET_KEY or
    CLEW_SECRET_KEY_FILE); otherwise a random key lives only as long as the process.
    """

    secret_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    configured: bool = False
    session_hours: float = accounts.SESSION_HOURS
    #: minutes a session may go unused before it ends
    session_idle_minutes: float = accounts.SESSION_IDLE_MINUTES
    #: login attempts allowed per client address (a limits-style rate: "10/minute")
    login_rate: str = "10/minute"
    #: seconds the "does this store have accounts?" answer is kept before asking again
    mode_ttl: float = 2.0

    @classmethod
    def from_env(cls) -> ServerSettings:
        key = os.environ.get("CLEW_SECRET_KEY")
        path = os.environ.get("CLEW_SECRET_KEY_FILE")
        if path and not key:
            try:
                key = Path(path).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise InputError(f"CLEW_SECRET_KEY_FILE {path!r}: {exc.strerror}") from None
        limits = {
            "session_hours": _positive("CLEW_SESSION_HOURS", accounts.SESSION_HOURS),
            "session_idle_minutes": _positive("CLEW_SESSION_IDLE_MINUTES", accounts.SESSION_IDLE_MINUTES),
            "login_rate": os.environ.get("CLEW_LOGIN_RATE", "10/minute"),
        }
        if key is None:
            return cls(**limits)
        if len(key) < MIN_SECRET:
            raise InputError(f"the secret key is too short: use at least {MIN_SECRET} random characters "
                             "(python -c 'import secrets; print(secrets.token_urlsafe(48))')")
        return cls(secret_key=key.encode("utf-8"), configured=True, **limits)


def _positive(name: str, default: float) -> float:
    """A positive number from the environment variable ``name``, else ``default``."""
    text = os.environ.get(name)
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise InputError(f"{name} must be a positive number, not {text!r}")
    return value


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Modes:
    """Team mode (accounts exist) or local mode, asked of the store at most every ``ttl`` seconds."""

    def __init__(self, ttl: float) -> None:
        self._ttl = ttl
        self._checked = -1e9
        self._team = False

    def known(self) -> bool | None:
        """The mode without asking the store: None when it is time to ask again (see :meth:`team`)."""
        if self._team:
            return True  # accounts are never all deleted by Clew: once team, stay team
        return None if time.monotonic() - self._checked > self._ttl else False

    def team(self, store: Store) -> bool:
        """The mode, asking the store when the last answer is older than ``ttl`` (blocking)."""
        known = self.known()
        if known is not None:
            return known
        self._team = accounts.has_users(store)
        self._checked = time.monotonic()
        return self._team


def _host_of(headers: Headers) -> str:
    host = headers.get("host", "")
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def authenticate(store: Store, headers: Headers, cookies: dict[str, str], client: str,
                 team: bool, settings: ServerSettings) -> Principal:
    """The principal of one request (blocking in team mode: call it from a worker thread then).

    Team mode: a valid session cookie, else a valid ``Authorization: Bearer`` token, else anonymous.
    Local mode: "local" for requests from and to this machine's loopback, else anonymous (a page on
    another site that reaches 127.0.0.1 through DNS rebinding names another host, and is refused).
    """
    if not team:
        if is_loopback(client) and is_loopback(_host_of(headers)):
            return LOCAL
        return ANONYMOUS
    session = cookies.get(SESSION_COOKIE)
    if session:
        found = accounts.session_principal(store, session, hours=settings.session_hours,
                                           idle_minutes=settings.session_idle_minutes)
        if found is not None:
            return found
    scheme, _, value = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value:
        found = accounts.token_principal(store, value.strip())
        if found is not None:
            return found
    return ANONYMOUS


# -- CSRF -------------------------------------------------------------------------------------


def _sign(secret: bytes, message: str) -> str:
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def new_csrf_cookie(secret: bytes) -> str:
    """A pre-login CSRF value: a nonce and its signature (double-submit, signed)."""
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_sign(secret, 'csrf-nonce:' + nonce)}"


def valid_csrf_cookie(secret: bytes, value: str) -> bool:
    nonce, _, signature = value.partition(".")
    return bool(nonce) and hmac.compare_digest(signature, _sign(secret, "csrf-nonce:" + nonce))


def expected_csrf(secret: bytes, principal: Principal, cookie: str | None) -> str | None:
    """The CSRF token a state-changing request of ``principal`` must carry (None: none can pass).

    Bound to the session when there is one; otherwise to the signed CSRF cookie of this browser.
    """
    if principal.session:
        return _sign(secret, "csrf-session:" + principal.session)
    if cookie and valid_csrf_cookie(secret, cookie):
        return cookie
    return None


def csrf_token(request: Request) -> str:
    """The token a page puts in its forms (field ``csrf_token``) or htmx sends as X-CSRF-Token."""
    return str(getattr(request.state, "csrf_token", ""))


def principal_of(request: Request) -> Principal:
    """The principal the access layer (``clew.web.access``) decided this request acts for."""
    principal = getattr(request.state, "principal", None)
    if not isinstance(principal, Principal):
        raise AccessError("this request did not pass the access layer")
    return principal


async def authorize(request: Request) -> Principal:
    """The app-wide dependency: :func:`principal_of`, async so that FastAPI calls it on the event
    loop instead of handing every request to a worker thread and back only to read an attribute."""
    return principal_of(request)
