"""Ingest: idempotent, versions of edited ads, bad records set aside with file and line, crash-safe."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from clew.collect.ingest import ingest
from clew.collect.records import FieldMap
from clew.errors import InputError
from clew.store import Store
from clew.store.ads import ad_history, iter_ads, list_ingests, list_rejects
from clew.store.schema import ads


def _ad(i: int, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": f"ad-{i}",
        "site": "example",
        "url": f"https://example.org/ad/{i}",
        "title": f"Sweet visitor {i}",
        "body": f"New in town, text 702-555-01{i % 100:02d}. Ad number {i}.",
        "posted_at": f"2026-01-{i % 28 + 1:02d}T10:00:00Z",
        "location": "Las Vegas, NV",
        "images": [f"img{i}.jpg"],
    }
    row.update(extra)
    return row


def _write_jsonl(path: Path, rows: list[object]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n")
    return path


def _count(store: Store) -> int:
    with store.connect() as conn:
        return conn.scalar(select(func.count()).select_from(ads)) or 0


def test_ingest_is_idempotent(store: Store, tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "ads.jsonl", [_ad(i) for i in range(50)])
    first = ingest(store, [path], batch_size=7)
    assert (first.read, first.new, first.duplicates, first.rejected) == (50, 50, 0, 0)
    second = ingest(store, [path], batch_size=7)
    assert (second.read, second.new, second.duplicates) == (50, 0, 50)
    assert _count(store) == 50


def test_same_text_without_source_id_is_a_duplicate(store: Store, tmp_path: Path) -> None:
    rows = [{"title": "Hi", "body": "Same   text", "url": "http://Example.org/x/"},
            {"title": "hi", "body": "same text", "url": "https://www.example.org/x"}]
    summary = ingest(store, [_write_jsonl(tmp_path / "a.jsonl", rows)])
    assert (summary.new, summary.duplicates) == (1, 1)


def test_changed_text_becomes_a_new_version(store: Store, tmp_path: Path) -> None:
    ingest(store, [_write_jsonl(tmp_path / "a.jsonl", [_ad(1)])])
    edited = _ad(1, body="Last night here! text 702-555-0101")
    summary = ingest(store, [_write_jsonl(tmp_path / "b.jsonl", [edited])])
    assert (summary.new, summary.versions) == (0, 1)
    assert _count(store) == 1
    ad_id = next(iter_ads(store)).id
    assert ad_id is not None
    history = ad_history(store, ad_id)
    assert [a.version for a in history] == [1, 2]
    assert history[0].body.startswith("New in town") and history[1].body.startswith("Last night")
    # the earlier text seen again is recognised, not a third version
    again = ingest(store, [tmp_path / "a.jsonl"])
    assert (again.new, again.versions, again.duplicates) == (0, 0, 1)


def test_two_texts_of_one_ad_in_one_batch(store: Store, tmp_path: Path) -> None:
    rows = [_ad(1), _ad(1, body="edited text"), _ad(2)]
    summary = ingest(store, [_write_jsonl(tmp_path / "a.jsonl", rows)], batch_size=100)
    assert (summary.new, summary.versions, summary.read) == (2, 1, 3)


def test_one_batch_of_new_duplicate_edited_and_earlier_texts(store: Store, tmp_path: Path) -> None:
    ingest(store, [_write_jsonl(tmp_path / "a.jsonl", [_ad(i) for i in range(1, 4)])])
    ingest(store, [_write_jsonl(tmp_path / "b.jsonl", [_ad(3, body="third, edited")])])
    rows = [
        _ad(10),  # new
        _ad(1),  # the same ad again: a duplicate
        _ad(2, body="second, edited"),  # known id, new text: a version
        _ad(3),  # the earlier text of ad 3: a duplicate, not a version
        _ad(11, title="Sweet visitor 1", body=_ad(1)["body"], url=_ad(1)["url"]),  # another id, same text
        _ad(12),  # new
    ]
    summary = ingest(store, [_write_jsonl(tmp_path / "c.jsonl", rows)], batch_size=100)
    assert (summary.read, summary.new, summary.versions, summary.duplicates) == (6, 2, 1, 3)
    by_source = {a.source_id: a for a in iter_ads(store)}
    assert sorted(by_source) == ["ad-1", "ad-10", "ad-12", "ad-2", "ad-3"]
    assert by_source["ad-2"].body == "second, edited" and by_source["ad-2"].version == 2
    assert by_source["ad-3"].body == "third, edited" and by_source["ad-3"].version == 2
    with store.connect() as conn:
        counted = conn.execute(select(func.count()).select_from(ads)).scalar()
    assert counted == 5


def test_malformed_lines_are_set_aside_with_line_numbers(store: Store, tmp_path: Path) -> None:
    rows: list[object] = [_ad(i) for i in range(10)]
    rows[2] = '{"id": "broken", "body": '
    rows[4] = json.dumps({"id": "no-text", "site": "example"})
    rows[6] = json.dumps({"id": "typed", "body": {"nested": 1}})
    rows[7] = json.dumps(["not", "an", "object"])
    rows[8] = json.dumps(_ad(8, posted_at="not a date at all"))
    rows.append(json.dumps(_ad(11, body="x" * 300_000)))
    path = _write_jsonl(tmp_path / "mixed.jsonl", rows)
    with path.open("ab") as handle:
        handle.write(b'{"id": "bad-utf8", "body": "caf\xe9"}\n')
        handle.write(json.dumps(_ad(12)).encode() + b"\n")
    summary = ingest(store, [path])
    assert summary.new == 6
    found = {(r["line"], r["reason"].split(":")[0]) for r in list_rejects(store)}
    assert found == {
        (3, "broken JSON"),
        (5, "no title and no body"),
        (7, "body"),
        (8, "expected a JSON object, got list"),
        (9, "posted_at"),
        (11, "body"),
        (12, "invalid UTF-8 at byte 32"),
    }
    assert all(r["path"] == str(path) for r in list_rejects(store))
    assert summary.rejected == 7


def test_csv_with_aliases_map_and_bad_rows(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ads.csv"
    path.write_bytes(
        b"ad_id,headline,description,city,date,pics\n"
        b'1,Hello,"multi\nline body",Reno,01/15/2026,a.jpg|b.jpg\n'
        b"2,Only,two,fields\n"
        b"3,Caf\xe9,bad bytes,Reno,,\n"
        b"4,Fine,good body,Reno,1768256400,\n"
    )
    summary = ingest(store, [path], field_map=FieldMap.parse(["images=pics"]))
    assert (summary.new, summary.rejected) == (2, 2)
    assert {(r["line"], r["reason"]) for r in list_rejects(store)} == {
        (4, "expected 6 columns (as in the header), got 4"),
        (5, "invalid UTF-8 at byte 6"),
    }
    first = next(iter_ads(store))
    assert (first.title, first.body, first.location, first.images) == ("Hello", "multi\nline body", "Reno", ["a.jpg", "b.jpg"])
    assert first.raw == b'1,Hello,"multi\nline body",Reno,01/15/2026,a.jpg|b.jpg'


def test_raw_copy_and_hash_are_kept(store: Store, tmp_path: Path) -> None:
    import hashlib

    line = json.dumps(_ad(1, extra_field="kept in raw"))
    ingest(store, [_write_jsonl(tmp_path / "a.jsonl", [line])])
    ad = next(iter_ads(store))
    assert ad.raw == line.encode()
    assert ad.raw_sha256 == hashlib.sha256(line.encode()).hexdigest()
    assert ad.origin == f"{tmp_path / 'a.jsonl'}:1"


def test_gzip_and_folders(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with gzip.open(folder / "a.jsonl.gz", "wt") as handle:
        for i in range(5):
            handle.write(json.dumps(_ad(i)) + "\n")
    _write_jsonl(folder / "b.jsonl", [_ad(i) for i in range(5, 8)])
    (folder / "notes.txt").write_text("ignored")
    summary = ingest(store, [folder])
    assert summary.new == 8


def test_missing_path_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        ingest(store, [tmp_path / "nope.jsonl"])


@pytest.mark.parametrize("commit_records", [10, 30])
def test_interrupted_ingest_loses_nothing_and_rerun_completes(
    store: Store, tmp_path: Path, commit_records: int
) -> None:
    path = _write_jsonl(tmp_path / "ads.jsonl", [_ad(i) for i in range(100)])
    calls = 0

    def kill_during_the_fourth_batch(done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 5:  # progress comes once at the start, then after each batch written
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(store, [path], batch_size=10, commit_records=commit_records, progress=kill_during_the_fourth_batch)
    # one batch per transaction: four batches stay; three per transaction: the fourth, not yet
    # committed, goes
    kept = 40 if commit_records == 10 else 30
    assert _count(store) == kept
    assert list_ingests(store)[0]["status"] == "interrupted"
    assert list_ingests(store)[0]["new"] == kept
    summary = ingest(store, [path], batch_size=10)
    assert (summary.new, summary.duplicates) == (100 - kept, kept)
    assert _count(store) == 100


@pytest.mark.parametrize("with_csv", [False, True])
def test_reading_in_other_processes_gives_the_same_result(tmp_path: Path, with_csv: bool) -> None:
    """Two processes share JSON Lines files chunk by chunk (one reads when a CSV is among them):
    the ads, their versions, the rejects and their lines are those of reading in this process."""
    rows: list[object] = [_ad(i) for i in range(120)]
    rows[7] = "{broken"
    rows[33] = ""  # a blank line, and whole chunks of nothing but blank lines
    rows[50:75] = [""] * 25
    rows.append(_ad(3, body="an edit of ad 3"))
    first = _write_jsonl(tmp_path / "a.jsonl", rows)
    later: list[object] = [_ad(3, body="a second edit of ad 3"), _ad(200), "[1, 2]", _ad(90)]
    paths = [first, _write_jsonl(tmp_path / "b.jsonl", later)]
    if with_csv:
        csv_path = tmp_path / "c.csv"
        csv_path.write_text("id,site,title,text\nad-3,example,Sweet visitor 3,a CSV edit\nz1,example,,\n", encoding="utf-8")
        paths.append(csv_path)
    results = []
    for parallel in (False, True):
        with Store.open(f"sqlite:///{tmp_path / f'{parallel}.db'}") as store:
            summary = ingest(store, paths, batch_size=25, parallel=parallel)
            results.append(
                (summary.as_dict() | {"ingest_id": None}, [(a.source_id, a.body, a.version) for a in iter_ads(store)],
                 [(r["path"], r["line"], r["reason"]) for r in list_rejects(store)],
                 [[a.body for a in ad_history(store, 4)]])
            )
    assert results[0] == results[1]
    assert results[0][0]["new"] == 120 - 27 + 1  # b.jsonl: ad 200 is new, ad 90 a duplicate
    assert results[0][0]["new_versions"] == (3 if with_csv else 2)
    assert [(Path(p).name, line) for p, line, _ in results[0][2]] == [("a.jsonl", 8), ("b.jsonl", 3)] + (
        [("c.csv", 3)] if with_csv else []
    )
