"""The server's limits come from the environment and bad values are refused by name."""

from __future__ import annotations

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
