"""The web application: ``create_app(store_url)`` gives the FastAPI app `clew serve` runs.

One access layer (``clew.web.access``) guards every route, default deny; errors are problem details;
the OpenAPI schema is served at /api/v1/openapi.json with interactive docs at /api/v1/docs.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from clew import __version__ as _version
from clew.errors import AccessError
from clew.store import Store
from clew.web import access, admin, ops, problems, signin
from clew.web.api import router
from clew.web.auth import ServerSettings, authorize, is_loopback
from clew.web.pages import router as pages_router


def create_app(store_url: str | None = None, *, store: Store | None = None,
               images_dir: Path | str | None = None, settings: ServerSettings | None = None) -> FastAPI:
    """The API over the store at ``store_url`` (default: $CLEW_DB), or over an open ``store``.

    ``settings`` (default: from the environment, see :meth:`ServerSettings.from_env`) hold the
    secret key that signs CSRF tokens and the session lifetime.
    """
    own = store is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = store if store is not None else Store.open(store_url)
        if own:  # a server process of its own (clew serve, uvicorn --factory), not an app in a test
            _settle()
        try:
            yield
        finally:
            recorder = getattr(app.state, "audit", None)
            if recorder is not None:
                recorder.close()  # the audit events still queued are written before the store closes
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
    app.include_router(signin.router)
    app.include_router(admin.router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=str(resources.files("clew.web") / "static")), name="static")
    app.state.images_dir = Path(images_dir).resolve() if images_dir else None

    @app.get("/api/v1/openapi.json", include_in_schema=False)
    def _openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/api/v1/docs", include_in_schema=False)
    def _docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/api/v1/openapi.json", title="Clew API")

    access.install(app, settings or ServerSettings.from_env())
    ops.install(app)
    return app


def _settle() -> None:
    """Load what the first requests would (phone metadata, extractors' tables), then move every
    object alive now out of the garbage collector's sight: otherwise each full collection walks them
    all and stops the worker for ~50 ms, which every request queued behind it waits out."""
    import gc

    from clew.search.identifiers import readings

    readings("(702) 555-0142")
    readings("candy at gmail dot com")
    gc.collect()
    gc.freeze()


def check_binding(store: Store, host: str, settings: ServerSettings) -> None:
    """Refuse to listen beyond this machine unless a secret key is configured and an admin exists."""
    from clew.team.accounts import count_admins

    if is_loopback(host):
        return
    if not settings.configured:
        raise AccessError(f"refusing to listen on {host}: set CLEW_SECRET_KEY (or CLEW_SECRET_KEY_FILE) to a "
                          "random secret of 32+ characters first, or serve on 127.0.0.1")
    if count_admins(store) == 0:
        raise AccessError(f"refusing to listen on {host}: this store has no active admin; "
                          "create one with clew users add NAME --role admin")


_VENDOR_REF = re.compile(r"/static/vendor/([A-Za-z0-9._-]+)")


def missing_vendor_files(web: Path | None = None) -> list[str]:
    """The front-end library files the page templates load from /static/vendor/ that are not there
    (a checkout where `make` has not run `npm ci`): pages would render without graph, charts or map."""
    web = web or Path(str(resources.files("clew.web")))
    wanted = {m.group(1) for t in sorted((web / "templates").glob("*.html"))
              for m in _VENDOR_REF.finditer(t.read_text(encoding="utf-8"))}
    return sorted(name for name in wanted if not (web / "static" / "vendor" / name).is_file())


def serve(store_url: str | None = None, host: str = "127.0.0.1", port: int = 8000,
          images_dir: Path | str | None = None, workers: int = 1) -> None:
    """Run the app with uvicorn (``clew serve``): local only unless ``host`` says otherwise, and then
    only with a secret key and an admin. Client addresses come from X-Forwarded-For only when the
    proxy's address is in $CLEW_FORWARDED_ALLOW_IPS (default 127.0.0.1).

    ``workers`` > 1 runs that many server processes, each listening on the port through a socket of
    its own (SO_REUSEPORT), so the kernel spreads connections over them evenly (processes sharing one
    socket took connections in bursts: 15 of 20 clients on one process, 5 on the other). They share
    one secret key: the operator's, else one made for this run.
    """
    settings = ServerSettings.from_env()
    with Store.open(store_url) as store:  # migrations are applied here, once, before any worker opens it
        check_binding(store, host, settings)
    if workers <= 1:
        _run_worker(store_url, host, port, images_dir, settings, None)
        return
    import multiprocessing
    import os
    import signal
    import socket

    if not hasattr(socket, "SO_REUSEPORT"):
        raise AccessError("several workers need SO_REUSEPORT, which this system lacks: serve with one worker")

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)  # the finally below stops the workers

    signal.signal(signal.SIGTERM, stop)
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_run_worker, args=(store_url, host, port, images_dir, settings, os.getpid()),
                                 name=f"clew-serve-{i + 1}") for i in range(workers)]
    for process in processes:
        process.start()
    try:
        for process in processes:
            process.join()
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(30)


def _run_worker(store_url: str | None, host: str, port: int, images_dir: Path | str | None,
                settings: ServerSettings, parent: int | None) -> None:
    """One server process. With ``parent`` (the pid of `clew serve --workers`), it listens on a
    SO_REUSEPORT socket of its own and stops when that process is gone, however it ended."""
    import os
    import signal
    import socket
    import threading
    import time

    import uvicorn

    ops.configure_logging()
    config = uvicorn.Config(create_app(store_url, images_dir=images_dir, settings=settings), host=host, port=port,
                            log_level="info", access_log=False, proxy_headers=True,
                            forwarded_allow_ips=os.environ.get("CLEW_FORWARDED_ALLOW_IPS", "127.0.0.1"))
    server = uvicorn.Server(config)
    if parent is None:
        server.run()
        return

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)  # uvicorn's own graceful stop

    threading.Thread(target=orphaned, name="clew-parent-watch", daemon=True).start()
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(config.backlog)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # Ctrl+C reaches every process of the group: the parent stops them all
        pass
