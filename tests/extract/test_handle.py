"""Handle extractor: platform mentions, handles written after or before them, profile URLs."""

from __future__ import annotations

import pytest

from clew.extract import extract_text
from clew.extract.handle import read_handles


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sc: candyxo", "snapchat:candyxo"),
        ("snap @candyxo", "snapchat:candyxo"),
        ("👻 candyxo", "snapchat:candyxo"),
        ("👻candy_xo", "snapchat:candy_xo"),
        ("sc candyxo", "snapchat:candyxo"),
        ("snapchat candyxo", "snapchat:candyxo"),
        ("IG: candy.xo", "instagram:candy.xo"),
        ("insta candyxo22", "instagram:candyxo22"),
        ("tg @candy_xo_x", "telegram:candy_xo_x"),
        ("t.me/candyxo", "telegram:candyxo"),
        ("https://www.instagram.com/candy.xo/", "instagram:candy.xo"),
        ("whatsapp candyxo", "whatsapp:candyxo"),
        ("kik me: candyxo", "kik:candyxo"),
        ("Kik: CandyXO", "kik:candyxo"),
        ("wechat: candyxo9", "wechat:candyxo9"),
        ("OF: candyxo", "onlyfans:candyxo"),
        ("my OF \U0001f449 candy_sweet84 \U0001f98b", "onlyfans:candy_sweet84"),
        ("onlyfans.com/candyxo", "onlyfans:candyxo"),
        ("line id: candyxo", "line:candyxo"),
        ("LINE ID: candy.queen \U0001f970", "line:candy.queen"),
        ("Snap Me: candyxo", "snapchat:candyxo"),
        ("ADD MY SNAP CANDYSTARXO", "snapchat:candystarxo"),
        ("wechat id candy.queen", "wechat:candy.queen"),
        ("\U0001f4f8 IG candystarox", "instagram:candystarox"),
        ("\u5fae\u4fe1: candyangelxo. call", "wechat:candyangelxo"),
        ("@candyxo on snap", "snapchat:candyxo"),
        ("add candyxo on ig", "instagram:candyxo"),
        ("Twitter: @candy_xo", "twitter:candy_xo"),
        ("X: @candyxo", "twitter:candyxo"),
        ("reddit.com/u/candyxo", "reddit:candyxo"),
        ("tiktok.com/@candyxo", "tiktok:candyxo"),
        ("fb: candy.xo.9", "facebook:candy.xo.9"),
        ("Discord: candyxo", "discord:candyxo"),
    ],
)
def test_reads_handles(text: str, value: str) -> None:
    spans = read_handles(text)
    assert [s.value for s in spans] == [value]
    s = spans[0]
    assert text[s.start : s.end] == s.text
    platform, handle = value.split(":")
    assert s.detail == {"platform": platform, "handle": handle}


@pytest.mark.parametrize(
    "text",
    [
        "add me on snapchat for pics",
        "Instagram model",
        "snap me later",
        "Snapchat Premium",
        "Columbia, SC 29201",
        "Charleston SC area",
        "Seattle, WA tonight",
        "of course I am",
        "THE TALK OF DALLAS TONIGHT",
        "JEALOUS OF ~ EVERY SESSION",
        "JEALOUS OF | 180CM | 45KG",
        "solo whatsapp | wsp +526645721891",
        "WhatsApp: B32.SSS.0l66",
        "x marks the spot",
        "snapchat: ask",
        "WhatsApp: 7025550142",
        "WhatsApp cinco seis 6035 9975",
        "WhatsApp: seven0two five5five",
        "snap pics",
        "stand in line for me",
        "instagram.com/p/",
        "IG Live tonight",
        "",
    ],
)
def test_words_after_a_platform_are_not_handles(text: str) -> None:
    assert read_handles(text) == []


def test_several_platforms_in_one_ad() -> None:
    spans = read_handles("sc: candyxo | ig: candy.xo | OF: candyxo_vip")
    assert [s.value for s in spans] == ["snapchat:candyxo", "instagram:candy.xo", "onlyfans:candyxo_vip"]


def test_registered() -> None:
    assert [s.value for s in extract_text("kik: candyxo", names=["handle"])] == ["kik:candyxo"]
