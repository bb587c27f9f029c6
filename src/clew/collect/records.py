"""Turning one input record (a JSON object or a CSV row) into an :class:`~clew.model.Ad`.

Input is hostile: every field is checked for type and size, and a record that fails is rejected
with a reason naming the field, never half-read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from clew.collect.dates import parse_date
from clew.model import Ad

CANONICAL_FIELDS = ("id", "url", "site", "title", "body", "posted_at", "location", "images")

#: names other tools and sites use for Clew's canonical fields, most common first
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "ad_id", "post_id", "source_id", "uid", "_id"),
    "url": ("url", "link", "href", "ad_url", "permalink"),
    "site": ("site", "domain", "website", "site_name"),
    "title": ("title", "headline", "subject", "name_title"),
    "body": ("body", "text", "description", "content", "ad_text", "post_body", "message"),
    "posted_at": ("posted_at", "date", "posted", "post_date", "timestamp", "created_at", "time", "datetime"),
    "location": ("location", "city", "loc", "place", "area", "region"),
    "images": ("images", "image_urls", "image", "pictures", "photos", "image_paths"),
}

#: the largest value each field may hold (characters; images: entries)
LIMITS = {
    "id": 500,
    "url": 4096,
    "site": 255,
    "title": 2_000,
    "body": 200_000,
    "location": 1_000,
    "images": 100,
    "image": 4096,
}

class RecordError(ValueError):
    """A record that cannot become an ad; the message names the field and what is wrong."""


@dataclass(slots=True)
class FieldMap:
    """Which input column feeds each canonical field: the aliases, overridden by ``--map``."""

    overrides: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, specs: list[str] | None) -> FieldMap:
        """Read ``--map`` options such as ``body=description``."""
        overrides: dict[str, str] = {}
        for spec in specs or []:
            canonical, sep, column = spec.partition("=")
            canonical, column = canonical.strip(), column.strip()
            if not sep or not column:
                raise ValueError(f"--map {spec!r}: expected FIELD=COLUMN, e.g. body=description")
            if canonical not in CANONICAL_FIELDS:
                raise ValueError(
                    f"--map {spec!r}: {canonical!r} is not a field; fields: {', '.join(CANONICAL_FIELDS)}"
                )
            overrides[canonical] = column
        return cls(overrides)

    def pick(self, record: Mapping[str, object], canonical: str) -> object:
        if self.overrides and canonical in self.overrides:
            return record.get(self.overrides[canonical])
        value = record.get(canonical)
        if value is not None and value != "":
            return value
        for name in ALIASES[canonical]:
            value = record.get(name)
            if value is not None and value != "":
                return value
        return None


def _text(record: Mapping[str, object], fields: FieldMap, name: str) -> str | None:
    value = fields.pick(record, name)
    if value is None:
        return None
    if type(value) is str:
        text = value
    elif name == "id" and type(value) is int:  # ids are often numbers; text fields never
        text = str(value)
    else:
        raise RecordError(f"{name}: expected text, got {type(value).__name__}")
    if len(text) > LIMITS[name]:
        raise RecordError(f"{name}: {len(text):,} characters, over the {LIMITS[name]:,} limit")
    if "\x00" in text:  # PostgreSQL text cannot hold NUL; the raw copy keeps the exact bytes
        text = text.replace("\x00", "\ufffd")
    return text


def _images(record: Mapping[str, object], fields: FieldMap) -> list[str]:
    value = fields.pick(record, "images")
    if value is None:
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                value = orjson.loads(stripped)
            except orjson.JSONDecodeError:
                raise RecordError("images: text starting with '[' is not a JSON list") from None
        else:
            value = [part for part in re.split(r"[\s,|;]+", stripped) if part]
    if not isinstance(value, list):
        raise RecordError(f"images: expected a list of names or URLs, got {type(value).__name__}")
    if len(value) > LIMITS["images"]:
        raise RecordError(f"images: {len(value):,} entries, over the {LIMITS['images']} limit")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise RecordError(f"images[{i}]: expected text, got {type(item).__name__}")
        if len(item) > LIMITS["image"]:
            raise RecordError(f"images[{i}]: over the {LIMITS['image']:,}-character limit")
        out.append(item)
    return out


def _normalize_url(url: str | None) -> str:
    if not url:
        return ""
    url = url.strip().lower()
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
            break
    if url.startswith("www."):
        url = url[4:]
    return url.rstrip("/")


def content_key(url: str | None, title: str, body: str) -> str:
    """A 128-bit hash of normalized url + title + body: equal for the same ad seen again."""
    norm = "\x1f".join((_normalize_url(url), " ".join(title.split()).casefold(), " ".join(body.split()).casefold()))
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()[:32]


#: what :func:`checked` gives: an ad's checked values, in this order
CHECKED = (
    "source", "source_id", "site", "url", "title", "body", "posted_at", "location", "images",
    "raw_sha256", "content_key",
)


def _texts(record: Mapping[str, object], fields: FieldMap, names: tuple[str, ...]) -> list[str | None]:
    """:func:`_text` of each of ``names``; the common case (a field's own name holds plain text
    within its limit) inlined."""
    if fields.overrides:
        return [_text(record, fields, name) for name in names]
    out = []
    for name in names:
        value = record.get(name)
        if type(value) is not str or not value or len(value) > LIMITS[name] or "\x00" in value:
            value = _text(record, fields, name)
        out.append(value)
    return out


def checked(record: object, raw: bytes, *, fields: FieldMap, source: str | None) -> tuple[Any, ...]:
    """The checked values of one record, in the order of :data:`CHECKED` (the ingest's hot path:
    no :class:`~clew.model.Ad` made); raises RecordError naming what is wrong."""
    if not isinstance(record, Mapping):
        raise RecordError(f"expected an object with ad fields, got {type(record).__name__}")
    title, body = _texts(record, fields, ("title", "body"))
    title = title or ""
    body = body or ""
    if (not title or title.isspace()) and (not body or body.isspace()):
        raise RecordError("no title and no body: an ad needs text")
    source_id, url, site, location = _texts(record, fields, ("id", "url", "site", "location"))
    try:
        posted_at = parse_date(fields.pick(record, "posted_at"))
    except (ValueError, OverflowError, OSError) as exc:
        raise RecordError(f"posted_at: {exc}") from None
    return (
        source or site or "local", source_id.strip() if source_id else None, site, url, title, body, posted_at,
        location, _images(record, fields), hashlib.sha256(raw).hexdigest(), content_key(url, title, body),
    )


def to_ad(
    record: object,
    raw: bytes,
    *,
    fields: FieldMap,
    source: str | None,
    origin: str,
    ingested_at: datetime,
) -> Ad:
    """The ad a parsed record describes; raises RecordError naming what is wrong."""
    values = dict(zip(CHECKED, checked(record, raw, fields=fields, source=source), strict=True))
    return Ad(**values, raw=raw, origin=origin, ingested_at=ingested_at)
