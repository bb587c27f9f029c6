"""Redaction of exports: phone digits, names, handles, e-mails and payment accounts masked."""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from clew.team.redact import MASK, RedactingWriter, redact_key, redact_text, redact_value


def test_identifier_keys() -> None:
    assert redact_key("phone:+17025550142") == f"phone:+1{MASK * 8}42"
    assert redact_key("email:candy@example.com") == f"email:c{MASK * 4}@example.com"
    assert redact_key("handle:instagram:candy_rose") == f"handle:instagram:c{MASK * 9}"
    assert redact_key("payment:cashapp:$candy") == f"payment:cashapp:${MASK * 5}"
    assert redact_key("url:https://velvet.example/1") == "url:https://velvet.example/1"


def test_export_rows_and_text() -> None:
    out = io.StringIO()
    writer = RedactingWriter(out)
    row = {"network_id": "net-1", "identifiers": ["phone:+17025550142", "handle:snap:rose"], "size": 2,
           "names": ["Candy"]}
    writer.write(json.dumps(row) + "\n" + json.dumps(row)[:10])
    writer.write(json.dumps(row)[10:])
    writer.flush()
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert len(lines) == 2 and lines[0]["identifiers"] == [f"phone:+1{MASK * 8}42", f"handle:snap:r{MASK * 3}"]
    assert lines[1]["names"] == [MASK * 5] and lines[1]["size"] == 2
    assert redact_text("call 702-555-0142 ask for Candy", [(5, 17, "phone"), (26, 31, "name"), (0, 4, "price")]) \
        == f"call {MASK * 12} ask for {MASK * 5}"


@given(st.text(max_size=60))
def test_a_redacted_phone_keeps_at_most_three_digits(value: str) -> None:
    redacted = redact_value("phone", value)
    assert len(redacted) == len(value)
    assert sum(c.isdigit() for c in redacted) <= 3


@given(st.text(max_size=80), st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90),
                                                st.sampled_from(["phone", "name", "handle", "price"])), max_size=5))
def test_redacted_text_masks_every_sensitive_span(text: str, found: list[tuple[int, int, str]]) -> None:
    out = redact_text(text, found)
    assert len(out) == len(text)
    for start, end, kind in found:
        for i in range(max(start, 0), min(end, len(text))):
            if kind != "price" and not text[i].isspace():
                assert out[i] == MASK
