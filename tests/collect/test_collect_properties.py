"""Property tests: the readers of untrusted input never crash and never lose a line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clew.collect.dates import parse_date
from clew.collect.files import RecordFile
from clew.collect.records import FieldMap, RecordError, _text, _texts, checked, to_ad
from clew.store.ads import ad_row, ad_row_time, checked_row, utcnow

_settings = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
@_settings
def test_parse_date_returns_a_date_or_says_why(value: object) -> None:
    try:
        result = parse_date(value)
    except ValueError as exc:
        assert str(exc)
        return
    assert result is None or (isinstance(result, datetime) and result.tzinfo is None)


@given(st.datetimes(min_value=datetime(1990, 1, 2), max_value=datetime(2099, 12, 30)))
@_settings
def test_iso_dates_round_trip(value: datetime) -> None:
    assert parse_date(value.isoformat()) == value


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)


@given(st.dictionaries(st.sampled_from(["id", "title", "body", "text", "date", "city", "images", "url", "x"]), json_values))
@_settings
def test_to_ad_accepts_or_rejects_with_a_reason(record: dict[str, object]) -> None:
    try:
        ad = to_ad(record, b"raw", fields=FieldMap(), source=None, origin="f:1", ingested_at=utcnow())
    except RecordError as exc:
        assert str(exc)
        return
    assert ad.title.strip() or ad.body.strip()
    assert len(ad.content_key) == 32 and len(ad.raw_sha256) == 64


_FIELD_TEXTS = st.one_of(
    st.text(max_size=30), st.sampled_from(["", " ", "\x00", "a\x00b", "x" * 501, "y" * 256]), st.integers(), st.none(),
    st.booleans(), st.lists(st.text(max_size=3), max_size=2),
)


@given(st.dictionaries(st.sampled_from(["id", "ad_id", "title", "headline", "body", "text", "url", "link", "site",
                                         "domain", "location", "city"]), _FIELD_TEXTS),
       st.sampled_from([(), ("body=text",), ("id=ad_id", "site=domain")]))
@_settings
def test_inlined_texts_are_the_general_ones(record: dict[str, object], maps: tuple[str, ...]) -> None:
    fields = FieldMap.parse(list(maps))
    names = ("title", "body", "id", "url", "site", "location")
    expected: list[object] = []
    for name in names:
        try:
            expected.append(_text(record, fields, name))
        except RecordError as exc:
            expected.append(str(exc))
            break
    got: list[object] = []
    for name in names:  # _texts raises the first field's error, as _text does field by field
        try:
            got.extend(_texts(record, fields, (name,)))
        except RecordError as exc:
            got.append(str(exc))
            break
    assert got == expected
    try:
        whole = _texts(record, fields, names)
    except RecordError as exc:
        assert str(exc) == expected[-1]
    else:
        assert whole == expected


@given(st.dictionaries(st.sampled_from(["id", "title", "body", "text", "date", "city", "images", "url", "site"]),
                       json_values))
@_settings
def test_checked_row_is_the_row_of_the_ad(record: dict[str, object]) -> None:
    now = utcnow()
    try:
        values = checked(record, b"raw", fields=FieldMap(), source=None)
    except RecordError as exc:
        try:
            to_ad(record, b"raw", fields=FieldMap(), source=None, origin="f:1", ingested_at=now)
        except RecordError as again:
            assert str(again) == str(exc)
            return
        raise AssertionError("to_ad accepted a record checked() rejects") from None
    ad = to_ad(record, b"raw", fields=FieldMap(), source=None, origin="f:1", ingested_at=now)
    assert checked_row(values, b"raw", "f:1", ad_row_time(now)) == ad_row(ad)


@given(st.lists(st.binary(max_size=80).filter(lambda b: b"\n" not in b and b"\r" not in b), max_size=20))
@_settings
def test_jsonl_reader_accounts_for_every_line(tmp_path: Path, lines: list[bytes]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    with RecordFile(path, "jsonl") as records:
        items = list(records)
    # every line with content is either read or rejected, in order; blank lines are skipped
    content = [i + 1 for i, line in enumerate(lines) if (line[3:] if i == 0 and line.startswith(b"\xef\xbb\xbf") else line).strip()]
    assert [item.line for item in items] == content
    for item in items:
        assert (item.record is None) != (item.error is None)


@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=4), max_size=12))
@_settings
def test_csv_reader_never_crashes(tmp_path: Path, rows: list[list[str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "title", "body", "extra"])
    for row in rows:
        writer.writerow(row)
    path = tmp_path / "fuzz.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
    with RecordFile(path, "csv") as records:
        for item in records:
            assert (item.record is None) != (item.error is None)
            if item.record is not None:
                assert list(item.record) == ["id", "title", "body", "extra"]
