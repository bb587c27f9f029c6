"""The server's limits come from the environment and bad values are refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from clew.errors import InputError
from clew.team import accounts
from clew.web.auth import ServerSettings


def test_session_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEW_SECRET_KEY", raising=False)
    monkeypatch.delenv("CLEW_SECRET_KEY_FILE", raising=False)
    settings = ServerSettings.from_env()
    assert (settings.session_hours, settings.session_idle_minutes) == (
        accounts.SESSION_HOURS, accounts.SESSION_IDLE_MINUTES)
    monkeypatch.setenv("CLEW_SESSION_IDLE_MINUTES", "15")
    monkeypatch.setenv("CLEW_SESSION_HOURS", "2.5")
    settings = ServerSettings.from_env()
    assert (settings.session_hours, settings.session_idle_minutes) == (2.5, 15.0)


@pytest.mark.parametrize("value", ["0", "-5", "soon", "nan"])
def test_bad_session_limits_are_refused_by_name(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CLEW_SESSION_IDLE_MINUTES", value)
    with pytest.raises(InputError, match="CLEW_SESSION_IDLE_MINUTES"):
        ServerSettings.from_env()


def test_missing_front_end_files_are_named(tmp_path: Path) -> None:
    from clew.web.app import missing_vendor_files

    (tmp_path / "templates").mkdir()
    (tmp_path / "static" / "vendor").mkdir(parents=True)
    (tmp_path / "templates" / "a.html").write_text(
        '<script src="/static/vendor/cytoscape.min.js"></script><link href="/static/vendor/uPlot.min.css">'
        '<script src="/static/js/graph.js"></script>', encoding="utf-8")
    (tmp_path / "static" / "vendor" / "uPlot.min.css").write_text("", encoding="utf-8")
    assert missing_vendor_files(tmp_path) == ["cytoscape.min.js"]
    (tmp_path / "static" / "vendor" / "cytoscape.min.js").write_text("", encoding="utf-8")
    assert missing_vendor_files(tmp_path) == []


def test_the_installed_app_has_every_front_end_file_its_pages_load() -> None:
    from clew.web.app import missing_vendor_files

    assert missing_vendor_files() == []  # `make test` installs them (npm ci) before the suite runs


def test_a_server_process_settles_its_start_up_objects_out_of_the_collector(tmp_path: Path) -> None:
    """An app that opens its own store (a server worker) freezes what start-up loaded, so full
    garbage collections do not walk it; an app given a store (tests, embedding) leaves gc alone."""
    import gc

    from fastapi.testclient import TestClient

    from clew.store import Store
    from clew.web.app import create_app

    url = f"sqlite:///{tmp_path / 'clew.db'}"
    gc.unfreeze()
    try:
        with Store.open(url) as store, TestClient(create_app(store=store)) as client:
            assert client.get("/health").status_code == 200
            assert gc.get_freeze_count() == 0
        with TestClient(create_app(url)) as client:
            assert client.get("/health").status_code == 200
            assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
