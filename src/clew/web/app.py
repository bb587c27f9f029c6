"""The web application: ``create_app(store_url)`` gives the FastAPI app `clew serve` runs.

One authorization dependency guards every route; errors are problem details; the OpenAPI schema
is served at /api/v1/openapi.json with interactive docs at /api/v1/docs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from clew import __version__ as _version
from clew.store import Store
from clew.web import problems
from clew.web.api import router
from clew.web.auth import authorize


def create_app(store_url: str | None = None, *, store: Store | None = None) -> FastAPI:
    """The API over the store at ``store_url`` (default: $CLEW_DB), or over an open ``store``."""
    own = store is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = store if store is not None else Store.open(store_url)
        try:
            yield
        finally:
            if own:
                app.state.store.close()

    app = FastAPI(
        title="Clew API",
        version=str(_version),
        description="Ads, identifiers, networks and leads of a Clew store. Ad text is data, never markup.",
        # served below as ordinary routes, so they too pass the authorization dependency
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(authorize)],
        lifespan=lifespan,
    )
    if store is not None:
        app.state.store = store
    problems.install(app)
    app.include_router(router)

    @app.get("/api/v1/openapi.json", include_in_schema=False)
    def _openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/api/v1/docs", include_in_schema=False)
    def _docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/api/v1/openapi.json", title="Clew API")

    @app.middleware("http")
    async def _headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not request.url.path.startswith("/api/v1/docs"):
            response.headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        return response

    return app


def serve(store_url: str | None = None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API with uvicorn (``clew serve``); local only unless ``host`` says otherwise."""
    import uvicorn

    uvicorn.run(create_app(store_url), host=host, port=port, log_level="info")
