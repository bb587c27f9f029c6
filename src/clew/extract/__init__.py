"""Extractors: small registered components that read spans (identifiers, attributes) from ad text.

An extractor is a callable ``(text, context) -> Iterable[Span]`` registered by name with
:func:`register`. Every module in this package is imported on first use, so adding an extractor
means adding one module (and its tests), nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from clew.model import Span


@dataclass(slots=True, frozen=True)
class Context:
    """What an extractor may know about the ad besides the text it reads.

    ``region`` is the ISO 3166 alpha-2 country used to read national phone numbers; ``location``
    and ``url`` are the ad's own fields, from which the region is inferred when not given.
    """

    region: str | None = None
    location: str | None = None
    url: str | None = None
    title: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


ExtractFn = Callable[[str, Context], Iterable[Span]]


@dataclass(slots=True, frozen=True)
class Extractor:
    name: str
    kinds: tuple[str, ...]
    fn: ExtractFn
    #: which ad fields it reads: most read title and body; the location extractor also reads location
    fields: tuple[str, ...] = ("title", "body")


_REGISTRY: dict[str, Extractor] = {}
#: the functions of every registered extractor that reads a field, by field (made on first use),
#: and the registry they were listed from (tests put a registry of their own in its place)
_BY_FIELD: dict[str, list[ExtractFn]] = {}
_by_field_of: dict[str, Extractor] | None = None
_loaded = False


def register(
    name: str, kinds: Iterable[str], fields: Iterable[str] = ("title", "body")
) -> Callable[[ExtractFn], ExtractFn]:
    """Register ``fn`` as the extractor called ``name`` producing spans of ``kinds``."""

    def decorate(fn: ExtractFn) -> ExtractFn:
        _REGISTRY[name] = Extractor(name, tuple(kinds), fn, tuple(fields))
        _BY_FIELD.clear()
        return fn

    return decorate


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    _loaded = True


def extractors() -> dict[str, Extractor]:
    """Every registered extractor by name."""
    _load_all()
    return dict(_REGISTRY)


def extract_text(
    text: str,
    context: Context | None = None,
    names: Iterable[str] | None = None,
    field_name: str = "body",
) -> list[Span]:
    """Run extractors (all, or those named) over one text; spans sorted by position."""
    context = context or Context()
    if names is not None:
        table = extractors()
        chosen = [table[n].fn for n in names if field_name in table[n].fields]
    else:
        chosen = _BY_FIELD.get(field_name) if _by_field_of is _REGISTRY else None
        if chosen is None:
            chosen = _reading(field_name)
    spans: list[Span] = []
    for fn in chosen:
        for span in fn(text, context):
            if span.field != field_name:  # the constructor: several times faster than replace()
                span = Span(span.kind, span.value, span.text, span.start, span.end, span.confidence,
                            span.extractor, field_name, span.detail)
            spans.append(span)
    spans.sort(key=lambda s: (s.start, s.end, s.kind))
    return spans


def _reading(field_name: str) -> list[ExtractFn]:
    """The functions of every extractor that reads ``field_name``, in registration order."""
    global _by_field_of
    table = extractors()
    if _by_field_of is not _REGISTRY:
        _BY_FIELD.clear()
        _by_field_of = _REGISTRY
    _BY_FIELD[field_name] = [ex.fn for ex in table.values() if field_name in ex.fields]
    return _BY_FIELD[field_name]


#: bump when extractors change what they read: `clew analyze` re-reads ads extracted by an older one
EXTRACTION_VERSION = 2


def context_for(
    *, location: str | None = None, url: str | None = None, title: str | None = None, region: str | None = None
) -> Context:
    """The context of one ad, its phone region inferred once from location, URL and title."""
    context = Context(region=region, location=location, url=url, title=title)
    if region is None:
        try:
            from clew.extract.context import infer_region
        except ImportError:  # region inference not available: extractors use their default
            return context
        context = Context(infer_region(context), location, url, title)
    return context


def extract_ad(
    title: str | None,
    body: str | None,
    *,
    location: str | None = None,
    url: str | None = None,
    region: str | None = None,
) -> list[Span]:
    """Every span of one ad's title, body and location field, each marked with its field."""
    context = context_for(location=location, url=url, title=title, region=region)
    spans: list[Span] = []
    for field_name, text in (("title", title), ("body", body), ("location", location)):
        if text:
            spans.extend(extract_text(text, context, field_name=field_name))
    return spans


def _unique(values: Iterable[object]) -> list[object]:
    seen: dict[str, object] = {}
    for value in values:
        key = repr(value)
        if key not in seen:
            seen[key] = value
    return list(seen.values())


def extraction_row(ad_id: object, spans: list[Span]) -> dict[str, object]:
    """The row `clew extract` writes for one ad: identifiers and attributes, then every span."""
    by_kind: dict[str, list[Span]] = {}
    for span in spans:
        by_kind.setdefault(span.kind, []).append(span)

    def values(kind: str) -> list[object]:
        return _unique(s.value for s in by_kind.get(kind, []))

    def details(kind: str, keys: tuple[str, ...]) -> list[object]:
        return _unique(
            {k: (s.detail or {}).get(k) for k in keys} for s in by_kind.get(kind, [])
        )

    ages: list[object] = []
    for span in by_kind.get("age", []):
        try:
            ages.append(int(span.value))
        except ValueError:
            continue
    return {
        "id": ad_id,
        "phones": values("phone"),
        "emails": values("email"),
        "handles": details("handle", ("platform", "handle")),
        "urls": values("url"),
        "payments": values("payment"),
        "ages": _unique(ages),
        "prices": details("price", ("amount", "currency", "minutes")),
        "names": values("name"),
        "locations": details("location", ("city", "region", "country")),
        "spans": [
            {
                "kind": s.kind,
                "value": s.value,
                "text": s.text,
                "start": s.start,
                "end": s.end,
                "confidence": round(s.confidence, 3),
                "extractor": s.extractor,
                "field": s.field,
                **({"detail": s.detail} if s.detail else {}),
            }
            for s in spans
        ],
    }
