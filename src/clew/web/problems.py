"""Errors as RFC 9457 problem details (``application/problem+json``): type, title, status, detail.

Every error the API returns has this shape, with a detail an analyst can act on; a server error
never shows a traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from clew.errors import ClewError, InputError, NotFound, StoreError

MEDIA_TYPE = "application/problem+json"
_log = logging.getLogger("clew.web")

_TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    422: "Invalid parameters",
    500: "Server error",
    501: "Not available",
    503: "Store unavailable",
}


class Problem(BaseModel):
    """An error: what went wrong (title), for this request (detail), and its HTTP status."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str


def problem(status: int, detail: str, title: str | None = None) -> JSONResponse:
    body = Problem(
        type=f"https://clew.invalid/problems/{status}",
        title=title or _TITLES.get(status, "Error"),
        status=status,
        detail=detail,
    )
    return JSONResponse(body.model_dump(), status_code=status, media_type=MEDIA_TYPE)


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:10]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request's parameters are not valid"


def install(app: FastAPI) -> None:
    """Route every error through :func:`problem`."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(422, _validation_detail(exc))

    @app.exception_handler(HTTPException)
    async def _http(_: Request, exc: HTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = "no such API route; see /api/v1/docs for the routes there are"
        response = problem(exc.status_code, detail)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return problem(404, str(exc))

    @app.exception_handler(InputError)
    async def _input(_: Request, exc: InputError) -> JSONResponse:
        return problem(400, str(exc))

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        _log.error("store error: %s", exc)
        return problem(503, "the store cannot be read right now; try again, or ask whoever runs this server")

    @app.exception_handler(ClewError)
    async def _clew(_: Request, exc: ClewError) -> JSONResponse:
        return problem(400, str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        _log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "the server failed on this request; it has been logged")
