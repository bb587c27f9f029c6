"""The records every stage shares: an ad, the spans read from it, identifiers, links, networks, indicators.

Stages pass these plain, typed records to each other; the store maps them to tables.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class IdentifierKind(enum.StrEnum):
    """Kinds of value that can tie ads to one person or operation."""

    PHONE = "phone"
    EMAIL = "email"
    HANDLE = "handle"
    URL = "url"
    PAYMENT = "payment"
    IMAGE = "image"


class SpanKind(enum.StrEnum):
    """Everything an extractor can read from ad text: identifiers and attributes."""

    PHONE = "phone"
    EMAIL = "email"
    HANDLE = "handle"
    URL = "url"
    PAYMENT = "payment"
    AGE = "age"
    PRICE = "price"
    STATS = "stats"
    NAME = "name"
    ETHNICITY = "ethnicity"
    LOCATION = "location"
    SERVICE_MODE = "service_mode"


#: Span kinds whose normalized value is an identifier (links ads together).
IDENTIFIER_SPAN_KINDS: frozenset[str] = frozenset(k.value for k in IdentifierKind)


@dataclass(slots=True)
class Ad:
    """One ad as collected: its text, where it came from and a tamper-evident copy of the raw record.

    ``id`` is Clew's own number for the ad (assigned by the store); ``source_id`` is the id the
    source gave it, when it gave one.
    """

    source: str
    title: str
    body: str
    id: int | None = None
    source_id: str | None = None
    site: str | None = None
    url: str | None = None
    posted_at: datetime | None = None
    location: str | None = None
    images: list[str] = field(default_factory=list)
    raw: bytes = b""
    raw_sha256: str = ""
    content_key: str = ""
    origin: str | None = None
    ingested_at: datetime | None = None
    version: int = 1

    @property
    def text(self) -> str:
        """Title and body as one text, the form full-text search and people read."""
        if self.title and self.body:
            return f"{self.title}\n{self.body}"
        return self.title or self.body


@dataclass(slots=True, frozen=True)
class Span:
    """A piece of an ad's text an extractor read, with where it stands and how sure the reading is.

    ``text`` is exactly ``source[start:end]`` of the field it was read from; ``value`` is the
    normalized reading (E.164 for a phone, lower-case address for an e-mail, an integer for an
    age, ...). ``detail`` carries kind-specific parts (a handle's platform, a price's minutes).
    """

    kind: str
    value: str
    text: str
    start: int
    end: int
    confidence: float
    extractor: str
    field: str = "body"
    detail: dict[str, object] | None = None

    @property
    def identifier(self) -> Identifier | None:
        """The identifier this span names, if its kind is one that links ads."""
        if self.kind in IDENTIFIER_SPAN_KINDS:
            return Identifier(self.kind, self.value)
        return None


@dataclass(slots=True, frozen=True, order=True)
class Identifier:
    """A normalized value of one kind (``phone:+17025550142``) that several ads can share."""

    kind: str
    value: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}"

    @classmethod
    def parse(cls, key: str) -> Identifier:
        kind, sep, value = key.partition(":")
        if not sep or kind not in IDENTIFIER_SPAN_KINDS or not value:
            raise ValueError(f"not an identifier key: {key!r} (expected KIND:VALUE)")
        return cls(kind, value)

    def __str__(self) -> str:
        return self.key


class LinkReason(enum.StrEnum):
    """Why two ads are linked."""

    SHARED_IDENTIFIER = "shared_identifier"
    TEMPLATE = "template"
    IMAGE = "image"


@dataclass(slots=True, frozen=True)
class Link:
    """An evidence edge between two ads, with the reason an analyst can read and check."""

    ad_a: int
    ad_b: int
    reason: str
    evidence: str
    weight: float = 1.0


@dataclass(slots=True)
class Network:
    """Ads tied together by evidence edges: the unit an investigator follows as one operation."""

    id: str
    ad_ids: list[int]
    identifiers: list[Identifier] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    links: list[Link] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.ad_ids)


@dataclass(slots=True, frozen=True)
class Evidence:
    """What made an indicator fire: an ad and, where words did it, the span of those words."""

    ad_id: int | None
    text: str
    field: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class IndicatorHit:
    """One indicator of trafficking that fired, its contribution to a score and its evidence."""

    indicator_id: str
    name: str
    category: str
    contribution: float
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Score:
    """A 0-100 lead score that is never shown without the indicators that make it up."""

    value: float
    model: str
    hits: list[IndicatorHit] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Reject:
    """An input record that was set aside, with where it was and why."""

    origin: str
    line: int
    reason: str
    excerpt: str = ""


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did: counts an analyst checks before trusting the store."""

    read: int = 0
    new: int = 0
    versions: int = 0
    duplicates: int = 0
    rejected: int = 0
    ingest_id: int | None = None
    rejects: list[Reject] = field(default_factory=list)

    def as_dict(self) -> dict[str, int | None]:
        return {
            "ingest_id": self.ingest_id,
            "read": self.read,
            "new": self.new,
            "new_versions": self.versions,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
        }
