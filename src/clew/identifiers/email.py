"""E-mail identifiers: any surface form ("candy at gmail dot com", "candy[at]gmail(dot)com") to one
lower-case address, read by the same code the e-mail extractor uses.
"""

from __future__ import annotations

import re

from clew.identifiers.url import TLDS

_ADDRESS = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}){0,8}"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,6}[a-z]{2,24}"
)


def normalize(raw: str, region: str | None = None) -> str | None:
    """The lower-case address ``raw`` names, plain or obfuscated, or None when it names none."""
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 1024:
        return None
    plain = raw.strip().strip("<>\"'()[]").lower()
    if plain.startswith("mailto:"):
        plain = plain[7:]
    if validate(plain):
        return plain
    from clew.extract.email import read_emails  # the extractor reads obfuscated forms

    spans = read_emails(raw)
    return max(spans, key=lambda s: s.end - s.start).value if spans else None


def validate(value: str) -> bool:
    """Whether ``value`` is a lower-case address with a known top-level domain."""
    if not isinstance(value, str) or len(value) > 254 or not _ADDRESS.fullmatch(value):
        return False
    local, domain = value.rsplit("@", 1)
    return len(local) <= 64 and ".." not in local and domain.rsplit(".", 1)[1] in TLDS


def display(value: str) -> str:
    """The address as a person reads it."""
    return value


def domain(value: str) -> str:
    """The domain of an address: which provider holds it."""
    return value.rsplit("@", 1)[-1]
