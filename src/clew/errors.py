"""Clew's exception hierarchy: every error says what was wrong, where, and what to do next."""

from __future__ import annotations


class ClewError(Exception):
    """Base of every error Clew raises on purpose."""


class InputError(ClewError):
    """Input that cannot be read at all (a missing file, an unknown format)."""


class StoreError(ClewError):
    """The store cannot be opened, migrated or written."""


class NotFound(ClewError):
    """A record asked for by id does not exist."""


class AccessError(ClewError):
    """A login failed, an account is locked or disabled, or the principal may not do this."""
