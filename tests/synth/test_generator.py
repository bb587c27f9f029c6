"""The synthetic corpus: deterministic, truthful to its text, mixed in kind and language."""

from __future__ import annotations

import io
import re
from collections import Counter

import orjson
import phonenumbers
import pytest

from clew.synth import generate, iter_ads
from clew.synth.phones import Phone, check_cities, make_phone

N = 3000


@pytest.fixture(scope="module")
def corpus() -> list[tuple[dict, dict]]:
    return list(iter_ads(N, 11))


def test_same_seed_same_corpus() -> None:
    a, b = io.StringIO(), io.StringIO()
    ta, tb = io.StringIO(), io.StringIO()
    generate(400, 5, a, truth=ta)
    generate(400, 5, b, truth=tb)
    assert a.getvalue() == b.getvalue() and ta.getvalue() == tb.getvalue()
    c = io.StringIO()
    generate(400, 6, c)
    assert c.getvalue() != a.getvalue()


def test_writes_json_lines_to_a_path(tmp_path) -> None:
    summary = generate(250, 2, tmp_path / "ads.jsonl", truth=tmp_path / "truth.jsonl")
    ads = [orjson.loads(line) for line in (tmp_path / "ads.jsonl").read_bytes().splitlines()]
    truth = [orjson.loads(line) for line in (tmp_path / "truth.jsonl").read_bytes().splitlines()]
    assert len(ads) == len(truth) == summary.ads == 250
    assert [a["id"] for a in ads] == [t["id"] for t in truth]
    assert set(ads[0]) == {"id", "url", "site", "title", "body", "posted_at", "location", "images"}
    assert summary.as_dict()["ads"] == 250


def test_truth_phones_are_valid_and_us_numbers_fictional(corpus) -> None:
    for _, truth in corpus:
        for e164 in truth["phones"]:
            number = phonenumbers.parse(e164, None)
            assert phonenumbers.is_valid_number(number), (truth["id"], e164)
            if e164.startswith("+1"):
                assert re.fullmatch(r"\+1\d{3}5550[1]\d\d", e164), e164


def test_plainly_written_phones_are_in_the_text(corpus) -> None:
    """Every phone written plainly appears digit for digit; decoy placeholders never validate."""
    plain_seen = 0
    for ad, truth in corpus:
        text = f"{ad['title']}\n{ad['body']}"
        digits = re.sub(r"\D", "", text)
        for e164 in truth["phones"]:
            phone = make_phone(e164)
            if "plain" in truth["phone_styles"] and phone.national in digits:
                plain_seen += 1
        for decoy in truth["decoys"]:
            assert decoy.lower() in text.lower(), (truth["id"], decoy)
    assert plain_seen > N * 0.7


def test_no_phone_is_shared_by_two_operators(corpus) -> None:
    owners: dict[str, set[str]] = {}
    support = {"+18005550199", "+18885550142", "+18445550100", "+18775550123", "+18665550177"}
    for _, truth in corpus:
        for e164 in truth["phones"]:
            owners.setdefault(e164, set()).add(truth["operator"])
    shared = {p: o for p, o in owners.items() if len(o) > 1 and p not in support}
    assert not shared


def test_kinds_languages_and_obfuscation_mix(corpus) -> None:
    kinds = Counter(t["operator_kind"] for _, t in corpus)
    assert 0.5 < kinds["independent"] / N < 0.7
    assert 0.12 < kinds["agency"] / N < 0.28
    assert 0.12 < kinds["trafficking"] / N < 0.28
    spanish = sum(t["language"] == "es" for _, t in corpus) / N
    assert 0.08 < spanish < 0.25
    styles = Counter(s for _, t in corpus for s in t["phone_styles"])
    assert styles["plain"] / styles.total() > 0.7
    assert len(styles) >= 12
    assert all(t["trafficking"] == (t["operator_kind"] == "trafficking") for _, t in corpus)
    assert all(t["template"] for _, t in corpus if t["trafficking"])


def test_emails_handles_urls_written_and_ages_adult(corpus) -> None:
    for ad, truth in corpus:
        text = f"{ad['title']}\n{ad['body']}".lower()
        for age in truth["ages"]:
            assert 18 <= age < 60
        for handle in truth["handles"]:
            assert handle["handle"].lower() in text, (truth["id"], handle)
        for url in truth["urls"]:
            assert url.split("/")[0] in text
        for email in truth["emails"]:
            assert email == email.lower()
            local = email.split("@")[0]
            assert local in text, (truth["id"], email)


def test_networks_rotate_phones_and_move(corpus) -> None:
    phones: dict[str, set[str]] = {}
    cities: dict[str, set[str]] = {}
    for _, truth in corpus:
        if truth["trafficking"]:
            phones.setdefault(truth["operator"], set()).update(truth["phones"])
            cities.setdefault(truth["operator"], set()).add(truth["city"])
    assert any(len(p) >= 2 for p in phones.values())
    assert any(len(c) >= 3 for c in cities.values())


def test_city_area_codes_give_fictional_numbers() -> None:
    assert check_cities() == []
    phone = make_phone("+17025550142")
    assert isinstance(phone, Phone) and "702-555-0142" in phone.plain


def test_images_are_abstract_files_reused_within_an_operator(tmp_path) -> None:
    pytest.importorskip("PIL")
    ads, truth = tmp_path / "ads.jsonl", tmp_path / "truth.jsonl"
    summary = generate(60, 3, ads, truth=truth, images_dir=tmp_path / "pics")
    rows = [orjson.loads(line) for line in truth.read_bytes().splitlines()]
    assert summary.images == sum(len(r["images"]) for r in rows) > 0
    for row in rows:
        for name in row["images"]:
            assert (tmp_path / "pics" / name).stat().st_size > 0
        for source in row["image_sources"]:
            assert source.startswith(f"{row['operator']}/") or source.startswith("stock/")
    without = [orjson.loads(line)["images"] for line in _lines(generate, tmp_path)]
    assert all(images == [] for images in without)


def _lines(gen, tmp_path) -> list[bytes]:
    out = tmp_path / "plain.jsonl"
    gen(20, 3, out)
    return out.read_bytes().splitlines()


def test_kind_shares_hold_across_blocks(monkeypatch) -> None:
    from clew.synth import generator

    monkeypatch.setattr(generator, "BLOCK", 500)
    kinds = Counter(t["operator_kind"] for _, t in iter_ads(4000, 2))
    assert 0.5 < kinds["independent"] / 4000 < 0.7
    assert 0.12 < kinds["agency"] / 4000 < 0.28
