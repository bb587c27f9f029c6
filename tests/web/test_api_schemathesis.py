"""Property-based API test: schemathesis generates requests from the OpenAPI schema; no request,
valid or not, may make the server fail, and every response must match the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi import checks as openapi_checks

from clew.analyze import analyze
from clew.collect.ingest import ingest
from clew.store import Store
from clew.web.app import create_app


@pytest.fixture
def api_schema(store: Store, tmp_path: Path):
    path = tmp_path / "ads.jsonl"
    path.write_text("".join(
        json.dumps({"id": f"s{i}", "site": "velvet", "title": f"Candy {i}", "location": "Las Vegas, NV",
                    "body": f"call (702) 555-01{i:02d} candy at gmail dot com", "posted_at": f"2026-01-{i + 1:02d}T10:00:00Z"})
        + "\n"
        for i in range(12)
    ))
    ingest(store, [path])
    analyze(store, workers=1)
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(store=store))


_CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]


def test_api_never_fails(api_schema) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=_CHECKS)

        run()
