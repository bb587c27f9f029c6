"""The JSON API under /api/v1: ads, identifiers, search, similar ads, networks, leads and stats.

Each route is a thin shell over the same service functions the CLI calls; every list is a keyset
page (``limit`` at most 200, ``cursor`` for the next page).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel
from sqlalchemy import select

from clew.errors import InputError, NotFound
from clew.search import cursor as _cursor
from clew.search.identifiers import lookup
from clew.search.similar import similar_ads
from clew.search.text import MAX_LIMIT, AdHit, SearchFilters, facets, search
from clew.store import Store
from clew.store.ads import ad_history
from clew.store.schema import ads
from clew.store.spans import spans_of
from clew.web import responses as r
from clew.web.problems import Problem


def _problem(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"model": Problem, "description": description,
            "content": {"application/problem+json": {"schema": schema}}}


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _problem("The request cannot be answered as asked (the detail says why)."),
    422: _problem("A parameter is missing or has the wrong form."),
    500: _problem("The server failed; the detail never holds internals."),
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _problem("No such record.")}

router = APIRouter(prefix="/api/v1", responses=_ERRORS)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1-{MAX_LIMIT}).")]
Cursor = Annotated[str | None, Query(max_length=400, description="The next_cursor of the previous page.")]
AdId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Clew's id of the ad.")]
Text = Annotated[str | None, Query(max_length=200)]


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _json(body: BaseModel) -> Response:
    """``body`` as the JSON answer, serialized once: the route's response model (which documents it)
    would have FastAPI dump, validate and dump again what was built as that very model. For the
    routes analysts hammer (identifier lookup, search)."""
    return Response(body.model_dump_json(), media_type="application/json")


def _summary(hit: AdHit) -> r.AdSummary:
    # built from the store's own typed row, so not validated again (50 of them a page); the one
    # conversion validation would make, naive UTC to stated UTC, is made here
    return r.AdSummary.model_construct(
        id=hit.id, title=hit.title, site=hit.site, url=hit.url, location=hit.location,
        posted_at=r.utc(hit.posted_at) if hit.posted_at is not None else None, snippet=hit.snippet,
        rank=hit.rank, network_id=hit.network_id,
    )


@router.get("/ads", response_model=r.AdList, summary="List ads, newest id first")
def list_ads(request: Request, limit: Limit = 50, cursor: Cursor = None) -> r.AdList:
    scope = _cursor.fingerprint("ads")
    stmt = select(ads.c.id, ads.c.title, ads.c.site, ads.c.url, ads.c.location, ads.c.posted_at)
    if cursor:
        _, last_id = _cursor.decode(cursor, scope)
        stmt = stmt.where(ads.c.id < last_id)
    with _store(request).connect() as conn:
        rows = conn.execute(stmt.order_by(ads.c.id.desc()).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [
        r.AdSummary(id=x.id, title=x.title, site=x.site, url=x.url, location=x.location, posted_at=x.posted_at)
        for x in rows
    ]
    return r.AdList(limit=limit, items=items,
                    next_cursor=_cursor.encode(scope, None, rows[-1].id) if more and rows else None)


@router.get("/ads/{ad_id}", response_model=r.AdDetail, responses=_NOT_FOUND,
            summary="One ad: text, spans, every version, provenance")
def get_ad(request: Request, ad_id: AdId) -> r.AdDetail:
    store = _store(request)
    history = ad_history(store, ad_id)
    ad = history[-1]
    return r.AdDetail(
        id=ad_id, title=ad.title, body=ad.body, site=ad.site, url=ad.url, location=ad.location,
        posted_at=ad.posted_at, images=list(ad.images), version=ad.version,
        provenance=r.Provenance(
            source=ad.source, source_id=ad.source_id, site=ad.site, url=ad.url, origin=ad.origin,
            ingested_at=ad.ingested_at, raw_sha256=ad.raw_sha256,
        ),
        spans=[
            r.SpanOut(kind=s.kind, value=s.value, text=s.text, field=s.field, start=s.start, end=s.end,
                      confidence=s.confidence, extractor=s.extractor, detail=s.detail)
            for s in spans_of(store, ad_id)
        ],
        versions=[
            r.AdVersionOut(version=v.version, title=v.title, body=v.body, url=v.url, posted_at=v.posted_at,
                           location=v.location, origin=v.origin, ingested_at=v.ingested_at,
                           raw_sha256=v.raw_sha256)
            for v in history
        ],
    )


@router.get("/ads/{ad_id}/similar", response_model=r.SimilarList, responses=_NOT_FOUND,
            summary="Near-duplicates of an ad, most similar first")
def get_similar(request: Request, ad_id: AdId, limit: Limit = 20, cursor: Cursor = None) -> r.SimilarList:
    result = similar_ads(_store(request), ad_id, limit=limit, cursor=cursor)
    return r.SimilarList(
        ad_id=ad_id, available=result.available, limit=limit, next_cursor=result.next_cursor,
        notes=result.notes,
        items=[r.SimilarOut(id=s.id, title=s.title, similarity=s.similarity, reason=s.reason,
                            evidence=s.evidence) for s in result.items],
    )


@router.get("/identifiers", response_model=r.IdentifierLookup,
            summary="Look up a phone, e-mail, handle or payment account in any written form")
def get_identifier(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=300, description="As typed: (702) 555-0142, candy at gmail dot com, ...")],
    kind: Annotated[Literal["phone", "email", "handle", "payment", "url"] | None, Query()] = None,
    region: Annotated[str | None, Query(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$",
                                        description="Country of a national phone number (default US).")] = None,
    partial: Annotated[bool | None, Query(description="Phones by their last 7 digits: default only when no full number matched.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    from clew import identifiers as kinds

    result = lookup(_store(request), q, kind, region, partial=partial, limit=limit, cursor=cursor)
    return _json(r.IdentifierLookup(
        query=result.query,
        readings=[r.IdentifierOut(kind=i.kind, value=i.value, key=i.key, display=kinds.display(i))
                  for i in result.readings],
        matches=[
            r.IdentifierMatchOut(kind=m.identifier.kind, value=m.identifier.value, key=m.identifier.key,
                                 display=m.display, ad_count=m.ad_count, partial=m.partial, how=m.how)
            for m in result.matches
        ],
        networks=[r.NetworkShare(id=n, ads=c) for n, c in result.networks],
        ads_partial=result.ads_partial, items=[_summary(h) for h in result.ads], limit=limit,
        next_cursor=result.next_cursor, notes=result.notes,
    ))


@router.get("/search", response_model=r.SearchResult, summary="Full-text search with filters and facets")
def get_search(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description='Words, "quoted phrases", prefix*.')] = None,
    since: Annotated[date | None, Query(description="Posted on or after this day.")] = None,
    until: Annotated[date | None, Query(description="Posted on or before this day.")] = None,
    city: Text = None,
    region: Text = None,
    country: Text = None,
    site: Text = None,
    has: Annotated[list[Literal["phone", "email", "handle", "payment", "url", "image"]] | None,
                   Query(description="Only ads naming an identifier of each kind given.")] = None,
    min_score: Annotated[float | None, Query(ge=0, le=100)] = None,
    max_score: Annotated[float | None, Query(ge=0, le=100)] = None,
    min_network_size: Annotated[int | None, Query(ge=1, le=10**9)] = None,
    max_network_size: Annotated[int | None, Query(ge=1, le=10**9)] = None,
    sort: Literal["relevance", "newest", "oldest", "score"] = "relevance",
    with_facets: Annotated[bool, Query(alias="facets", description="Also count matches by city, site, month.")] = False,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    filters = SearchFilters(
        since=since, until=until, city=city, region=region, country=country, site=site,
        has=tuple(has or ()), min_score=min_score, max_score=max_score,
        min_network_size=min_network_size, max_network_size=max_network_size,
    )
    store = _store(request)
    page = search(store, q, filters, sort=sort, limit=limit, cursor=cursor)
    out = r.SearchResult(query=page.query, sort=page.sort, items=[_summary(h) for h in page.hits],
                         limit=limit, next_cursor=page.next_cursor, notes=page.notes)
    if with_facets:
        f = facets(store, q, filters)
        out.facets = r.FacetsOut(
            total=f.total, estimated=f.estimated, notes=f.notes,
            **{name: [r.FacetCountOut(value=c.value, count=c.count) for c in getattr(f, name)]
               for name in ("city", "site", "month", "indicator")},
        )
    return _json(out)


def _networks_module() -> Any:
    """The Networks stage (clew.link), which lists and explains stored networks."""
    import clew.link

    return clew.link


@router.get("/networks", response_model=r.NetworkList, summary="Networks of linked ads, largest first")
def get_networks(request: Request, limit: Limit = 50, cursor: Cursor = None) -> r.NetworkList:
    module = _networks_module()
    if module is None:
        return r.NetworkList(available=False, items=[], limit=limit,
                             notes=["no networks in this store yet: run the Networks stage (clew link)"])
    scope = _cursor.fingerprint("networks")
    offset = _cursor.decode(cursor, scope)[1] if cursor else 0
    found = list(module.list_networks(_store(request)))
    chunk = found[offset : offset + limit]
    items = [
        r.NetworkSummary(id=str(n.id), size=len(n.ad_ids), identifiers=[str(i) for i in n.identifiers],
                         cities=list(n.cities), first_seen=n.first_seen, last_seen=n.last_seen)
        for n in chunk
    ]
    more = offset + limit < len(found)
    return r.NetworkList(available=True, items=items, limit=limit,
                         next_cursor=_cursor.encode(scope, None, offset + limit) if more else None)


@router.get("/networks/{network_id}", response_model=r.NetworkDetail, responses=_NOT_FOUND,
            summary="One network: its ads and the evidence linking them")
def get_network(request: Request, network_id: Annotated[str, Path(max_length=100)]) -> r.NetworkDetail:
    module = _networks_module()
    if module is None:
        raise NotFound(f"no network {network_id!r}: this store has no networks yet (run clew link)")
    n = module.explain_network(_store(request), network_id)
    return r.NetworkDetail(
        id=str(n.id), size=len(n.ad_ids), ad_ids=list(n.ad_ids), identifiers=[str(i) for i in n.identifiers],
        cities=list(n.cities), first_seen=n.first_seen, last_seen=n.last_seen,
        links=[{"ad_a": link.ad_a, "ad_b": link.ad_b, "reason": link.reason, "evidence": link.evidence,
                "weight": link.weight} for link in n.links],
    )


@router.get("/leads", response_model=r.LeadList, summary="Networks ranked by lead score, each with its reasons")
def get_leads(request: Request, limit: Limit = 50, cursor: Cursor = None,
              min_size: Annotated[int, Query(ge=1, le=10**9, description="Only networks of at least this many ads.")] = 2,
              ) -> r.LeadList:
    from clew.score import leads

    scope = _cursor.fingerprint("leads", min_size)
    after = None
    if cursor:
        key, _ = _cursor.decode(cursor, scope)
        score, sep, nid = str(key).partition("|")
        try:
            after = (float(score), nid)
        except ValueError:
            raise InputError("the page cursor is not one this server gave out; start again without a cursor") from None
    found = leads(_store(request), limit + 1, min_size=min_size, after=after)
    more = len(found) > limit
    found = found[:limit]
    items = [
        r.LeadOut(network_id=x.network_id, score=x.score, model=x.model, transparent_score=x.transparent_score,
                  size=x.size, cities=x.cities, first_seen=x.first_seen, last_seen=x.last_seen,
                  indicators=[r.LeadIndicatorOut(id=i["id"], name=i.get("name", i["id"]), contribution=i["contribution"],
                                                 detail=i.get("detail", ""), evidence=i.get("evidence", []))
                              for i in x.indicators])
        for x in found
    ]
    notes = [] if items or cursor else ["no lead scores in this store yet: run clew analyze"]
    next_cursor = _cursor.encode(scope, f"{found[-1].score!r}|{found[-1].network_id}", 0) if more and found else None
    return r.LeadList(available=bool(items) or bool(cursor), items=items, limit=limit, next_cursor=next_cursor,
                      notes=notes)


@router.get("/stats", response_model=r.Stats, summary="What the store holds")
def get_stats(request: Request) -> r.Stats:
    data = _store(request).stats()
    return r.Stats(**{k: v for k, v in data.items() if k in r.Stats.model_fields})
