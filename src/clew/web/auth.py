"""Who may call the API: one dependency every route goes through, so accounts and roles are
enforced in one place. For now it lets local use through as the "local" analyst.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request


@dataclass(slots=True, frozen=True)
class Principal:
    """The person (or process) a request acts for, and what they may do."""

    name: str
    roles: frozenset[str]


LOCAL = Principal("local", frozenset({"analyst"}))


def authorize(request: Request) -> Principal:
    """Attached app-wide: decide who ``request`` acts for (raise 401/403 here once accounts exist)."""
    request.state.principal = LOCAL
    return LOCAL
