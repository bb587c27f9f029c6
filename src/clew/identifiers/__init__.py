"""Identifier kinds: one module per kind (phone, email, handle, url, payment), each knowing how to
normalize, validate and display its values, so every other stage treats "an identifier" generically.

Each module ``clew.identifiers.<kind>`` defines::

    normalize(raw: str, region: str | None = None) -> str | None   # any surface form -> canonical value, None if not one
    validate(value: str) -> bool                                   # is a canonical value well-formed
    display(value: str) -> str                                     # how a person reads it
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

from clew.model import Identifier, IdentifierKind

_KINDS = frozenset(k.value for k in IdentifierKind)


@cache
def _module(kind: str) -> ModuleType:
    # cached: import_module takes the interpreter's import lock, which a server's threads queue on
    if kind not in _KINDS:
        raise ValueError(f"unknown identifier kind {kind!r}; known: {', '.join(k.value for k in IdentifierKind)}")
    return importlib.import_module(f"{__name__}.{kind}")


def normalize(kind: str, raw: str, region: str | None = None) -> Identifier | None:
    """The identifier a surface form names, or None when it names none of that kind."""
    value = _module(kind).normalize(raw, region)
    return Identifier(kind, value) if value else None


def validate(identifier: Identifier) -> bool:
    return bool(_module(identifier.kind).validate(identifier.value))


def display(identifier: Identifier) -> str:
    return str(_module(identifier.kind).display(identifier.value))
