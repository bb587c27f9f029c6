"""Operations: one structured (JSON) log line per request, Prometheus metrics, security headers,
``/health`` and ``/metrics``.

Request logs name the route template, status, time, principal and client address, never query
strings or bodies: what was searched for is in the audit trail, where only admins read it.
"""

from __future__ import annotations

import logging
import time
import uuid

import anyio.to_thread
import orjson
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from sqlalchemy import text
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clew.web import access

log = logging.getLogger("clew.requests")
router = APIRouter(include_in_schema=False)

API_CSP = "default-src 'none'; frame-ancestors 'none'"
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"no-referrer",
    b"cross-origin-opener-policy": b"same-origin",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
}


class Metrics:
    """The app's own Prometheus registry (one per app, so tests can build many apps)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("clew_http_requests_total", "HTTP requests answered",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("clew_http_request_duration_seconds", "Time to answer a request",
                                 ["route"], registry=self.registry,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
        self.logins = Counter("clew_logins_total", "Login attempts by outcome", ["outcome"],
                              registry=self.registry)


class Operations:
    """ASGI middleware, outermost: request id, security headers, timing, metrics, the log line."""

    def __init__(self, app: ASGIApp, *, fastapi: FastAPI, metrics: Metrics) -> None:
        self.app = app
        self.fastapi = fastapi
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = uuid.uuid4().hex[:16]
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        route, _, _ = access.resolve(self.fastapi, scope)
        route = route or "(unmatched)"
        path = scope.get("path", "")
        status_box: list[int] = []

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_box.append(int(message["status"]))
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in _HEADERS.items() if k not in present]
                headers.append((b"x-request-id", request_id.encode()))
                if b"content-security-policy" not in present and not path.startswith("/api/v1/docs"):
                    csp = API_CSP if path.startswith("/api/") or path in ("/health", "/metrics") else PAGE_CSP
                    headers.append((b"content-security-policy", csp.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            status = status_box[0] if status_box else 500
            seconds = time.perf_counter() - started
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(route).observe(seconds)
            principal = state.get("principal")
            client = scope.get("client")
            log.info(orjson.dumps({
                "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "request_id": request_id,
                "method": scope["method"], "route": route, "status": status,
                "ms": round(seconds * 1000, 2), "principal": getattr(principal, "name", None),
                "address": client[0] if client else None,
            }).decode())


@router.get("/health")
async def health(request: Request) -> JSONResponse:
    """200 when the store answers, 503 when it does not; says nothing else about the store."""
    def ping() -> None:
        with request.app.state.store.connect() as conn:
            conn.execute(text("SELECT 1"))

    try:
        await anyio.to_thread.run_sync(ping)
    except Exception:  # noqa: BLE001 - any failure to reach the store is "unavailable"
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


@router.get("/metrics")
def metrics(request: Request) -> Response:
    """Prometheus text format: request counts and latencies by route, logins by outcome."""
    registry: CollectorRegistry = request.app.state.metrics.registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


def install(app: FastAPI) -> Metrics:
    """Outermost middleware and the /health and /metrics routes."""
    found = Metrics()
    app.state.metrics = found
    app.state.logins = found.logins
    app.include_router(router)
    app.add_middleware(Operations, fastapi=app, metrics=found)
    return found


def configure_logging(level: int = logging.INFO) -> None:
    """Send request log lines to stderr as they are (each one a JSON object)."""
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False


