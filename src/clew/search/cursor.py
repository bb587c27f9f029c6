"""Opaque page cursors: the sort key and id of the last ad shown, bound to the query they page.

A cursor is base64url JSON; it is not a secret, only checked, so a cursor from another query or a
mangled one is refused with a clear message rather than giving a wrong page.
"""

from __future__ import annotations

import base64
import hashlib
import math
from typing import Any

import orjson

from clew.errors import InputError


def fingerprint(*parts: object) -> str:
    """A short hash of what a cursor belongs to (query, filters, sort)."""
    return hashlib.blake2b(orjson.dumps(parts, default=str), digest_size=6).hexdigest()


def encode(scope: str, key: Any, last_id: int) -> str:
    raw = orjson.dumps([scope, key, last_id])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, scope: str) -> tuple[Any, int]:
    """(sort key, last id) of ``cursor``; InputError if it is not a cursor of this query.

    The key is a string, a number, None, or a list of at most four of those.
    """
    try:
        if len(cursor) > 400:
            raise ValueError("too long")
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_scope, key, last_id = orjson.loads(raw)
        if not isinstance(last_id, int) or isinstance(last_id, bool):
            raise ValueError("bad id")
        parts = key if isinstance(key, list) and len(key) <= 4 else [key]
        for part in parts:  # a sort key: a value, or a few numbers (relevance: its block and rank)
            if part is not None and not isinstance(part, (str, int, float)) or isinstance(part, bool):
                raise ValueError("bad key")
            if isinstance(part, float) and not math.isfinite(part):
                raise ValueError("bad key")
    except (ValueError, TypeError, orjson.JSONDecodeError):
        raise InputError(
            "the page cursor is not one this server gave out; start again without a cursor"
        ) from None
    if got_scope != scope:
        raise InputError(
            "the page cursor belongs to another search (query, filters or sort changed);"
            " start again without a cursor"
        )
    return key, last_id
