"""The API's response bodies as pydantic models: what the OpenAPI schema promises clients.

Ad text is carried as plain JSON strings: data, never markup.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field


def utc(value: datetime) -> datetime:
    """A stored time (naive UTC) with its zone stated."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


#: the store keeps naive UTC times; the API states the zone (RFC 3339, ``...Z``)
Timestamp = Annotated[datetime, AfterValidator(utc)]


class AdSummary(BaseModel):
    id: int
    title: str
    site: str | None = None
    url: str | None = None
    location: str | None = None
    posted_at: Timestamp | None = None
    snippet: str = Field("", description="Plain text around the first match (not HTML).")
    rank: float | None = Field(None, description="Relevance key, when sorted by relevance: lower is more relevant.")
    network_id: str | None = Field(None, description="The network the ad belongs to (identifier lookups).")


class Page(BaseModel):
    limit: int
    next_cursor: str | None = Field(None, description="Pass as ?cursor= for the next page; null on the last.")
    notes: list[str] = []


class AdList(Page):
    items: list[AdSummary]


class SpanOut(BaseModel):
    kind: str
    value: str
    text: str
    field: str
    start: int
    end: int
    confidence: float
    extractor: str
    detail: dict[str, Any] | None = None


class Provenance(BaseModel):
    source: str
    source_id: str | None
    site: str | None
    url: str | None
    origin: str | None = Field(None, description="File and line (or crawl) the record was read from.")
    ingested_at: Timestamp | None
    raw_sha256: str = Field(description="SHA-256 of the record exactly as read: the tamper-evident copy.")


class AdVersionOut(BaseModel):
    version: int
    title: str
    body: str
    url: str | None
    posted_at: Timestamp | None
    location: str | None
    origin: str | None
    ingested_at: Timestamp | None
    raw_sha256: str


class AdDetail(BaseModel):
    id: int
    title: str
    body: str
    site: str | None
    url: str | None
    location: str | None
    posted_at: Timestamp | None
    images: list[str]
    version: int
    provenance: Provenance
    spans: list[SpanOut]
    versions: list[AdVersionOut] = Field(description="Every stored text of the ad, oldest first, current last.")


class IdentifierOut(BaseModel):
    kind: str
    value: str
    key: str
    display: str


class IdentifierMatchOut(IdentifierOut):
    ad_count: int
    partial: bool = Field(description="True: only the last 7 digits matched; may be another person's number.")
    how: str


class NetworkShare(BaseModel):
    id: str
    ads: int = Field(description="How many of the network's ads name the identifier.")


class IdentifierLookup(Page):
    query: str
    readings: list[IdentifierOut]
    matches: list[IdentifierMatchOut]
    networks: list[NetworkShare] = Field([], description="Networks holding the listed matches' ads, most first (at most 20).")
    ads_partial: bool = Field(description="True when the ads listed come from partial matches only.")
    items: list[AdSummary]


class FacetCountOut(BaseModel):
    value: str
    count: int


class FacetsOut(BaseModel):
    total: int
    estimated: bool = Field(False, description="total is estimated from the newest ads holding the words (notes say how)")
    city: list[FacetCountOut]
    site: list[FacetCountOut]
    month: list[FacetCountOut]
    indicator: list[FacetCountOut]
    notes: list[str] = []


class SearchResult(Page):
    query: str
    sort: str
    items: list[AdSummary]
    facets: FacetsOut | None = None


class SimilarOut(BaseModel):
    id: int
    title: str
    similarity: float
    reason: str
    evidence: str


class SimilarList(Page):
    ad_id: int
    available: bool = Field(description="False when no similarity index has been built yet.")
    items: list[SimilarOut]


class NetworkSummary(BaseModel):
    id: str
    size: int
    identifiers: list[str] = []
    cities: list[str] = []
    first_seen: Timestamp | None = None
    last_seen: Timestamp | None = None


class NetworkList(Page):
    available: bool
    items: list[NetworkSummary]


class NetworkDetail(NetworkSummary):
    ad_ids: list[int]
    links: list[dict[str, Any]] = []


class LeadIndicatorOut(BaseModel):
    """One reason for a lead's score: what fired, how many points it adds, and the evidence."""

    id: str
    name: str
    contribution: float
    detail: str = ""
    evidence: list[dict[str, Any]] = []


class LeadOut(BaseModel):
    """A network with its score (0-100) and, always, the indicators behind it."""

    network_id: str
    score: float
    model: str
    transparent_score: float
    size: int
    cities: list[str]
    first_seen: Timestamp | None = None
    last_seen: Timestamp | None = None
    indicators: list[LeadIndicatorOut]


class LeadList(Page):
    available: bool
    items: list[LeadOut]


class Stats(BaseModel):
    backend: str
    schema_revision: str | None
    ads: int
    ad_versions: int
    identifiers: int | None = None
    spans: int | None = None
    ads_extracted: int | None = None
    posted_from: str | None = None
    posted_to: str | None = None
    sources: dict[str, int] = {}
