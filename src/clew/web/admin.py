"""What admins see of the audit trail over HTTP: a page of events, a JSON Lines export, a check."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from clew.team import audit

router = APIRouter(prefix="/api/v1/audit", include_in_schema=False)

Actor = Annotated[str | None, Query(max_length=100)]
Action = Annotated[str | None, Query(max_length=50)]


@router.get("")
def list_events(request: Request, after: Annotated[int, Query(ge=0)] = 0,
                limit: Annotated[int, Query(ge=1, le=500)] = 100, actor: Actor = None,
                action: Action = None) -> dict[str, Any]:
    """Events in order after number ``after``; ``next_after`` continues the list."""
    found = [e.as_dict() for e in audit.events(request.app.state.store, after=after, limit=limit,
                                                 actor=actor, action=action)]
    return {"items": found, "next_after": found[-1]["seq"] if len(found) == limit else None}


@router.get("/export")
def export_events(request: Request, actor: Actor = None, action: Action = None) -> StreamingResponse:
    """Every event as JSON Lines, hashes included, so the copy can be checked again elsewhere."""
    store = request.app.state.store

    def rows() -> Any:
        for event in audit.events(store, actor=actor, action=action):
            yield orjson.dumps(event.as_dict()) + b"\n"

    return StreamingResponse(rows(), media_type="application/x-ndjson",
                             headers={"Content-Disposition": 'attachment; filename="clew-audit.jsonl"'})


@router.get("/verify")
def verify_events(request: Request) -> dict[str, Any]:
    """The chain checked from the first event: ok, how many events, the head hash, what broke where."""
    verdict = audit.verify(request.app.state.store)
    return {"ok": verdict.ok, "events": verdict.events, "head_seq": verdict.head_seq,
            "head_hash": verdict.head_hash, "first_bad": verdict.first_bad, "problems": verdict.problems}
