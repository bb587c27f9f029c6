"""The investigator's pages: dashboard, search, ad, identifier, network and leads, rendered on the
server (Jinja2, autoescaped) from the same service functions the API and the CLI call.

Every page route is on ``router`` so the authorization layer attaches to them all at once. Data a
page's scripts draw (graph, charts, map) travels as JSON in a ``<script type="application/json">``
block, never as code; the Content-Security-Policy forbids inline scripts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select

from clew import identifiers as kinds
from clew.errors import ClewError, InputError, NotFound
from clew.model import IDENTIFIER_SPAN_KINDS, Identifier, Span
from clew.search.identifiers import ad_ids as identifier_ad_ids
from clew.search.identifiers import lookup, readings
from clew.search.similar import similar_ads
from clew.search.text import SearchFilters, facets, search
from clew.store import Store
from clew.store.ads import ad_history
from clew.store.schema import ads, ingests, spans
from clew.store.spans import spans_of
from clew.web import graph as _graph
from clew.web.highlight import pieces
from clew.web.places import locate

router = APIRouter(include_in_schema=False)

templates = Jinja2Templates(directory=str(resources.files("clew.web") / "templates"))
templates.env.autoescape = True  # every template, whatever its name: ad text is hostile

#: how the labels an analyst gives a network (kept by clew.score, fed to its learned model) read
LABEL_NAMES = {"trafficking": "Trafficking", "not": "Not trafficking", "unsure": "Unsure"}
#: cities drawn as their own line in a timeline; the rest are summed as "other"
TOP_CITIES = 6


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("principal", getattr(request.state, "principal", None))
    # the access layer's CSRF token, carried by every form that changes something
    context.setdefault("csrf_token", str(getattr(request.state, "csrf_token", "") or ""))
    return templates.TemplateResponse(request, name, context, status_code=status)


def _error(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", status=status, title="Not found" if status == 404 else "Cannot do that",
                   message=message)


def identifier_href(key: str) -> str:
    return "/identifier?key=" + quote(key, safe="")


#: characters that reorder or hide text (a right-to-left override can disguise a file name or a
#: number); shown as a visible code instead of being obeyed
_HIDDEN = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SLOT = re.compile(r"\{([a-z_]{1,30}|…)\}")


def visible(text: object) -> str:
    """Text with direction overrides and invisible characters written out as ⟨U+XXXX⟩."""
    return _HIDDEN.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", "" if text is None else str(text))


@dataclass(slots=True, frozen=True)
class _Part:
    text: str
    slot: bool


def slot_parts(template_text: str) -> list[_Part]:
    """A template's wording cut into fixed words and ``{slot}`` names."""
    out, at = [], 0
    for m in _SLOT.finditer(template_text):
        if m.start() > at:
            out.append(_Part(template_text[at:m.start()], False))
        out.append(_Part(m.group(1), True))
        at = m.end()
    if at < len(template_text):
        out.append(_Part(template_text[at:], False))
    return out


templates.env.globals.update(identifier_href=identifier_href, label_names=LABEL_NAMES)
templates.env.filters["visible"] = visible
templates.env.filters["slot_parts"] = slot_parts
templates.env.filters["when"] = lambda d: d.strftime("%Y-%m-%d %H:%M") if d else "—"
templates.env.filters["day"] = lambda d: d.strftime("%Y-%m-%d") if d else "—"


def _display(key: str) -> str:
    try:
        return kinds.display(Identifier.parse(key))
    except (ValueError, KeyError):
        return key


# ---------------------------------------------------------------- scores (the Indicators stage)

def _score_module() -> Any:
    """clew.score, the Indicators stage; None in a Clew without it (pages then say "not scored")."""
    try:
        import clew.score as module
    except ImportError:
        return None
    return module


@dataclass(slots=True)
class ScoreView:
    """A network's score as the page shows it: the number and the reasons, never a bare verdict."""

    score: float
    model: str
    reasons: list[dict[str, Any]]


def _network_score(store: Store, network_id: str) -> ScoreView | None:
    module = _score_module()
    if module is None:
        return None
    try:
        lead = module.network_lead(store, network_id)
    except NotFound:
        return None
    reasons = sorted(lead.indicators, key=lambda i: -float(i.get("contribution", 0) or 0))
    return ScoreView(float(lead.score), str(lead.model), reasons)


def _network_label(store: Store, network_id: str) -> tuple[str | None, str | None, str | None]:
    """The newest label of a network: (label, note, by)."""
    module = _score_module()
    if module is None:
        return None, None, None
    found = module.network_labels(store, network_id)
    if not found:
        return None, None, None
    return found[0].label, found[0].note or None, found[0].by


def _labels() -> tuple[str, ...]:
    module = _score_module()
    return tuple(module.LABELS) if module is not None else ()


@dataclass(slots=True)
class Lead:
    network_id: str
    size: int
    score: float | None
    reasons: list[str]
    cities: list[str]
    last_seen: datetime | None


def _leads(store: Store, limit: int) -> tuple[list[Lead], bool]:
    """Networks ranked by score with their top reasons; by size (and says so) before scoring ran."""
    import clew.link

    module = _score_module()
    if module is not None:
        found = module.leads(store, top=limit)
        if found:
            return [Lead(x.network_id, x.size, float(x.score), x.reasons(3), list(x.cities)[:5], x.last_seen)
                    for x in found], True
    nets = clew.link.list_networks(store, min_size=2, limit=limit)
    return [Lead(str(n.id), len(n.ad_ids), None, [], list(n.cities)[:5], n.last_seen) for n in nets], False


# ---------------------------------------------------------------- ads as rows of a page

@dataclass(slots=True)
class AdRow:
    id: int
    title: str
    site: str | None
    posted_at: datetime | None
    location: str | None
    city: str | None = None
    country: str | None = None
    network_id: str | None = None
    identifiers: set[str] = field(default_factory=set)


def _chunks(items: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _ad_rows(store: Store, ids: Sequence[int], *, with_identifiers: bool = False) -> dict[int, AdRow]:
    """Title, date, city and (optionally) identifiers of each ad in ``ids``."""
    from clew.store.networks import network_members

    rows: dict[int, AdRow] = {}
    wanted = ["location", *sorted(IDENTIFIER_SPAN_KINDS)] if with_identifiers else ["location"]
    with store.connect() as conn:
        for chunk in _chunks(list(ids)):
            for r in conn.execute(select(ads.c.id, ads.c.title, ads.c.site, ads.c.posted_at, ads.c.location)
                                  .where(ads.c.id.in_(chunk))):
                rows[r.id] = AdRow(r.id, r.title, r.site, r.posted_at, r.location)
            for ad_id, kind, value, detail in conn.execute(
                select(spans.c.ad_id, spans.c.kind, spans.c.value, spans.c.detail)
                .where(spans.c.ad_id.in_(chunk), spans.c.kind.in_(wanted))
                .order_by(spans.c.ad_id, spans.c.id)
            ):
                row = rows.get(ad_id)
                if row is None:
                    continue
                if kind == "location":
                    if row.city is None and detail and detail.get("city"):
                        row.city, row.country = detail.get("city"), detail.get("country")
                else:
                    row.identifiers.add(f"{kind}:{value}")
            for ad_id, nid in conn.execute(select(network_members.c.ad_id, network_members.c.network_id)
                                           .where(network_members.c.ad_id.in_(chunk))):
                if ad_id in rows:
                    rows[ad_id].network_id = nid
    return rows


def _city_label(row: AdRow) -> str:
    return row.city or (row.location or "unknown place")


def _timeline(rows: Iterable[AdRow]) -> dict[str, Any]:
    """Ads per day (per week past 120 days) by city: x in epoch seconds, one series per top city."""
    dated = [r for r in rows if r.posted_at]
    if not dated:
        return {"x": [], "series": []}
    first = min(r.posted_at for r in dated).date()  # type: ignore[union-attr]
    last = max(r.posted_at for r in dated).date()  # type: ignore[union-attr]
    step = 7 if (last - first).days > 120 else 1
    buckets = (last - first).days // step + 1
    cities = Counter(_city_label(r) for r in dated)
    top = [c for c, _ in cities.most_common(TOP_CITIES)]
    counts: dict[str, list[int]] = {c: [0] * buckets for c in top}
    if len(cities) > len(top):
        counts["other places"] = [0] * buckets
    for r in dated:
        i = (r.posted_at.date() - first).days // step  # type: ignore[union-attr]
        name = _city_label(r)
        counts[name if name in counts else "other places"][i] += 1
    start = datetime(first.year, first.month, first.day).timestamp()
    x = [int(start + i * step * 86400) for i in range(buckets)]
    return {"x": x, "step_days": step, "series": [{"label": k, "values": v} for k, v in counts.items()]}


def _map(rows: Iterable[AdRow]) -> dict[str, Any]:
    """Cities with coordinates, ad counts and first/last day, and the moves between them in time order."""
    per: dict[tuple[str, str], list[AdRow]] = defaultdict(list)
    unplaced = 0
    for r in rows:
        if r.city and r.country:
            per[(r.city, r.country)].append(r)
        else:
            unplaced += 1
    points = []
    for (city, country), members in per.items():
        place = locate(city, country)
        if place is None:
            unplaced += len(members)
            continue
        dates = [m.posted_at for m in members if m.posted_at]
        points.append({"city": city, "country": country, "lat": place.lat, "lon": place.lon,
                       "ads": len(members), "first": min(dates).strftime("%Y-%m-%d") if dates else None,
                       "last": max(dates).strftime("%Y-%m-%d") if dates else None})
    points.sort(key=lambda p: (p["first"] or "9999", p["city"]))
    # movement: the city of each ad in posting order, consecutive repeats dropped
    placed = {(p["city"], p["country"]) for p in points}
    path: list[list[str]] = []
    for r in sorted((r for rs in per.values() for r in rs if r.posted_at), key=lambda r: r.posted_at):  # type: ignore[arg-type,return-value]
        key = [r.city or "", r.country or ""]
        if (key[0], key[1]) in placed and (not path or path[-1] != key):
            path.append(key)
    moves = Counter((tuple(a), tuple(b)) for a, b in zip(path, path[1:], strict=False))
    return {"points": points, "unplaced": unplaced,
            "moves": [{"from": list(a), "to": list(b), "times": n} for (a, b), n in moves.items()]}


# ---------------------------------------------------------------- pages

def _weekly(rows: Iterable[tuple[Any, str, int]], top: list[str]) -> dict[str, Any]:
    """(day, series name, count) rows summed into weeks: x in epoch seconds, one series per name."""
    per: dict[str, Counter[date]] = defaultdict(Counter)
    days: set[date] = set()
    for day, name, count in rows:
        if day is None:
            continue
        d = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
        per[name][d] += int(count)
        days.add(d)
    if not days:
        return {"x": [], "series": []}
    first = min(days)
    first = first.fromordinal(first.toordinal() - first.weekday())  # a Monday
    weeks = (max(days) - first).days // 7 + 1
    series = []
    for name in top:
        values = [0] * weeks
        for d, n in per.get(name, Counter()).items():
            values[(d - first).days // 7] += n
        series.append({"label": name, "values": values})
    start = datetime(first.year, first.month, first.day).timestamp()
    return {"x": [int(start + i * 7 * 86400) for i in range(weeks)], "step_days": 7, "series": series}


def _dashboard_charts(store: Store, cities: list[str]) -> dict[str, Any]:
    """Ads per week in the busiest cities, and per week by the indicators that fire most."""
    from sqlalchemy import distinct, func

    day = func.date(ads.c.posted_at)
    with store.connect() as conn:
        rows = conn.execute(
            select(day, spans.c.value, func.count(distinct(ads.c.id)))
            .select_from(spans.join(ads, ads.c.id == spans.c.ad_id))
            .where(spans.c.kind == "location", spans.c.value.in_(cities))
            .group_by(day, spans.c.value)
        ).all()
        by_city = _weekly(rows, cities)
        by_indicator: dict[str, Any] = {"x": [], "series": []}
        module = _score_module()
        if module is not None:
            from clew.store.scores import indicator_hits

            n = func.count(distinct(indicator_hits.c.ad_id)).label("n")
            top = [r[0] for r in conn.execute(select(indicator_hits.c.indicator_id, n)
                                              .group_by(indicator_hits.c.indicator_id)
                                              .order_by(n.desc(), indicator_hits.c.indicator_id).limit(TOP_CITIES))]
            if top:
                rows = conn.execute(
                    select(day, indicator_hits.c.indicator_id, func.count(distinct(ads.c.id)))
                    .select_from(indicator_hits.join(ads, ads.c.id == indicator_hits.c.ad_id))
                    .where(indicator_hits.c.indicator_id.in_(top))
                    .group_by(day, indicator_hits.c.indicator_id)
                ).all()
                names = {k: v.name for k, v in module.default_rulebook().indicators.items()}
                by_indicator = _weekly(((d, names.get(i, i), c) for d, i, c in rows),
                                       [names.get(i, i) for i in top])
    return {"by_city": by_city, "by_indicator": by_indicator}


@router.get("/", response_class=HTMLResponse, name="dashboard")
def dashboard(request: Request) -> HTMLResponse:
    store = _store(request)
    stats = store.stats()
    overall = facets(store, None, None, size=TOP_CITIES, sample=None)  # the whole store's cities
    charts = _dashboard_charts(store, [c.value for c in overall.city])
    leads, scored = _leads(store, 8)
    with store.connect() as conn:
        recent = conn.execute(select(ingests).order_by(ingests.c.id.desc()).limit(5)).all()
    return _render(request, "dashboard.html", title="Dashboard", stats=stats, leads=leads, scored=scored,
                   ingests=recent, charts=charts)


@router.get("/search", response_class=HTMLResponse, name="search")
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    city: Annotated[str, Query(max_length=200)] = "",
    site: Annotated[str, Query(max_length=200)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    has: Annotated[list[str] | None, Query()] = None,
    sort: Annotated[str, Query(max_length=20)] = "relevance",
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> HTMLResponse:
    store = _store(request)
    q = q.strip()
    form = {"q": q, "city": city, "site": site, "since": since, "until": until, "has": has or [], "sort": sort}
    matches: list[Any] = []
    hits: list[Any] = []
    notes: list[str] = []
    found_facets = None
    next_cursor = None
    mode = "words"
    try:
        filters = SearchFilters(since=date.fromisoformat(since) if since else None,
                                until=date.fromisoformat(until) if until else None,
                                city=city or None, site=site or None,
                                has=tuple(h for h in (has or []) if h in {*IDENTIFIER_SPAN_KINDS, "image"}))
        # one box: a value that reads as a phone, e-mail, handle or account is looked up as one
        identifier_result = None
        if q and len(q) <= 300 and readings(q) and not cursor:
            identifier_result = lookup(store, q, limit=50)
            if identifier_result.matches:
                mode = "identifier"
        if identifier_result is not None and mode == "identifier":
            matches = identifier_result.matches
            hits = identifier_result.ads
            notes = identifier_result.notes
        else:
            page = search(store, q or None, filters, sort=sort, limit=50, cursor=cursor)
            hits, next_cursor, notes = page.hits, page.next_cursor, list(page.notes)
            if identifier_result is not None:
                notes = [*identifier_result.notes, *notes]
            found_facets = facets(store, q or None, filters)
    except (InputError, ValueError) as exc:
        notes.append(str(exc))
    rows = _ad_rows(store, [h.id for h in hits]) if hits else {}
    return _render(request, "search.html", title="Search", form=form, mode=mode, matches=matches, hits=hits,
                   rows=rows, notes=notes, facets=found_facets, next_cursor=next_cursor,
                   kinds_list=["phone", "email", "handle", "payment", "url", "image"])


@router.get("/ads/{ad_id}", response_class=HTMLResponse, name="ad")
def ad_page(request: Request, ad_id: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> HTMLResponse:
    store = _store(request)
    try:
        history = ad_history(store, ad_id)
    except NotFound as exc:
        return _error(request, 404, str(exc))
    ad = history[-1]
    found = spans_of(store, ad_id)
    indicators = _ad_indicators(store, ad_id)
    words = [Span("indicator", str(i.get("name", "")), str(e.get("text", "")), int(e["start"]), int(e["end"]),
                  1.0, "rulebook", str(e.get("field", "")))
             for i in indicators or [] for e in i.get("evidence", []) if "start" in e and "end" in e]
    fields = {name: pieces(getattr(ad, name) or "", [*found, *words], name) for name in ("title", "body", "location")}
    similar = similar_ads(store, ad_id, limit=10)
    row = _ad_rows(store, [ad_id]).get(ad_id)
    network = None
    if row and row.network_id:
        import clew.link

        try:
            network = clew.link.explain_network(store, row.network_id)
        except NotFound:
            network = None
    identifiers = sorted({(s.kind, s.value) for s in found if s.kind in IDENTIFIER_SPAN_KINDS})
    return _render(request, "ad.html", title=f"Ad {ad_id}", ad=ad, ad_id=ad_id, fields=fields, spans=found,
                   history=history, similar=similar, network=network, indicators=indicators,
                   identifiers=[(f"{k}:{v}", _display(f"{k}:{v}")) for k, v in identifiers],
                   images=[_image_view(request, name) for name in ad.images])


def _ad_indicators(store: Store, ad_id: int) -> list[Any] | None:
    """Indicators fired on one ad with their words, once the Indicators stage has scored it."""
    module = _score_module()
    if module is None:
        return None
    try:
        return list(module.ad_score(store, ad_id).indicators)
    except NotFound:
        return None


@dataclass(slots=True)
class ImageView:
    name: str
    src: str | None


def _image_view(request: Request, name: str) -> ImageView:
    """An ad image: served only from the images folder Clew was given; never fetched from the internet."""
    folder = getattr(request.app.state, "images_dir", None)
    if folder is None or "/" in name or "\\" in name or name.startswith(".") or not (folder / name).is_file():
        return ImageView(name, None)
    return ImageView(name, "/media/" + quote(name, safe=""))


@router.get("/media/{name}", name="media")
def media(request: Request, name: Annotated[str, Path(max_length=200)]) -> Response:
    from fastapi.responses import FileResponse

    view = _image_view(request, name)
    if view.src is None:
        return _error(request, 404, "no such image in this store's images folder")
    return FileResponse(request.app.state.images_dir / name)


@router.get("/identifier", response_class=HTMLResponse, name="identifier")
def identifier_page(request: Request, key: Annotated[str, Query(min_length=3, max_length=600)]) -> HTMLResponse:
    store = _store(request)
    try:
        identifier = Identifier.parse(key)
    except ValueError:
        return _error(request, 404, "not an identifier: open one from an ad, a network or a search")
    ids = identifier_ad_ids(store, identifier)
    rows = _ad_rows(store, ids)
    ordered = sorted(rows.values(), key=lambda r: (r.posted_at or datetime.min, r.id), reverse=True)
    nets = Counter(r.network_id for r in rows.values() if r.network_id)
    data = {"timeline": _timeline(rows.values()), "map": _map(rows.values())}
    return _render(request, "identifier.html", title=_display(key), key=key, identifier=identifier,
                   display=_display(key), rows=ordered, networks=nets.most_common(), data=data)


@dataclass(slots=True)
class NetworkPage:
    explanation: Any
    rows: list[AdRow]
    graph: _graph.Graph
    data: dict[str, Any]
    score: ScoreView | None
    label: str | None
    label_note: str | None
    label_by: str | None
    identifiers: list[tuple[str, str, int]]


def _network_core(store: Store, network_id: str) -> Any:
    """A network's members and evidence edges as stored by the Networks stage, without its templates
    (``clew.link.explain_network`` rebuilds those from the ads' text: the page loads them apart)."""
    from clew.link import NetworkExplanation
    from clew.model import Link
    from clew.store.networks import links, network_members, networks

    with store.connect() as conn:
        row = conn.execute(select(networks).where(networks.c.id == network_id)).first()
        if row is None:
            raise NotFound(f"no network {network_id!r}: list networks with `clew networks` to find an id")
        ad_list = list(conn.scalars(select(network_members.c.ad_id).where(network_members.c.network_id == network_id)
                                    .order_by(network_members.c.ad_id)))
        edges = [Link(r.ad_a, r.ad_b, r.reason, r.evidence, r.weight) for r in conn.execute(
            select(links).where(links.c.network_id == network_id).order_by(links.c.ad_a, links.c.ad_b, links.c.id))]
    return NetworkExplanation(row.id, ad_list, [Identifier.parse(k) for k in row.identifiers], list(row.cities),
                              row.first_seen, row.last_seen, edges, [])


def network_view(store: Store, network_id: str) -> NetworkPage:
    """Everything the network page shows but its templates; raises NotFound for an unknown id."""
    n = _network_core(store, network_id)
    rows = _ad_rows(store, n.ad_ids, with_identifiers=True)
    shared = {i.key for i in n.identifiers}
    held = {a: r.identifiers & shared for a, r in rows.items()}
    labels = {a: f"#{a} {r.city or ''}".strip() for a, r in rows.items()}
    g = _graph.network_graph(n.ad_ids, held, n.links, labels)
    counts = Counter(k for keys in held.values() for k in keys)
    idents = [(i.key, _display(i.key), counts.get(i.key, 0)) for i in n.identifiers]
    idents.sort(key=lambda t: (-t[2], t[0]))
    ordered = sorted(rows.values(), key=lambda r: (r.posted_at or datetime.min, r.id))
    data = {"graph": g.elements, "timeline": _timeline(ordered), "map": _map(ordered)}
    label, note, by = _network_label(store, network_id)
    return NetworkPage(n, ordered, g, data, _network_score(store, network_id), label, note, by, idents)


@router.get("/networks/{network_id}", response_class=HTMLResponse, name="network")
def network_page(request: Request, network_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    try:
        view = network_view(_store(request), network_id)
    except NotFound as exc:
        return _error(request, 404, str(exc))
    return _render(request, "network.html", title=f"Network {network_id}", view=view, n=view.explanation,
                   labels=_labels())


@router.get("/networks/{network_id}/templates", response_class=HTMLResponse, name="network_templates")
def network_templates(request: Request, network_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    """The network's templates with their slots: a fragment the network page loads after it is shown."""
    import clew.link

    try:
        n = clew.link.explain_network(_store(request), network_id)
    except NotFound as exc:
        return _error(request, 404, str(exc))
    return _render(request, "_templates.html", n=n)


@router.post("/networks/{network_id}/label", response_class=HTMLResponse, name="label_network")
def label_network(
    request: Request,
    network_id: Annotated[str, Path(max_length=100)],
    label: Annotated[str, Form(max_length=40)],
    note: Annotated[str, Form(max_length=2000)] = "",
) -> HTMLResponse:
    """Store the analyst's label (trafficking / not / unsure) through the Indicators stage."""
    module = _score_module()
    if module is None:
        return _error(request, 409, "labels are stored by the Indicators stage, which this Clew does not have yet")
    if label not in module.LABELS:
        return _error(request, 400, f"unknown label {label!r}: one of " + ", ".join(module.LABELS))
    principal = getattr(request.state, "principal", None)
    by = getattr(principal, "name", None) or "local"
    try:
        module.label_network(_store(request), network_id, label, note=note or None, by=by)
    except NotFound as exc:
        return _error(request, 404, str(exc))
    except ClewError as exc:
        return _error(request, 400, str(exc))
    stored, stored_note, stored_by = _network_label(_store(request), network_id)
    return _render(request, "_label.html", network_id=network_id, label=stored, label_note=stored_note,
                   label_by=stored_by, labels=_labels(), just_saved=True)


@router.get("/leads", response_class=HTMLResponse, name="leads")
def leads_page(request: Request) -> HTMLResponse:
    leads, scored = _leads(_store(request), 100)
    return _render(request, "leads.html", title="Leads", leads=leads, scored=scored)
