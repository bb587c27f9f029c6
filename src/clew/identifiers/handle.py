"""Social-media handle identifiers: ``platform:handle``, lower-case, platform names canonical
("sc" and "snap" are ``snapchat``), each handle checked against its platform's username rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: every way an ad names a platform, to the platform's canonical name
PLATFORMS: dict[str, str] = {
    "snapchat": "snapchat", "snap": "snapchat", "sc": "snapchat", "snp": "snapchat",
    "\U0001f47b": "snapchat", "instagram": "instagram", "insta": "instagram", "ig": "instagram",
    "telegram": "telegram", "tele": "telegram", "tg": "telegram", "whatsapp": "whatsapp",
    "watsapp": "whatsapp", "wapp": "whatsapp", "wa": "whatsapp", "kik": "kik", "wechat": "wechat",
    "weixin": "wechat", "\u5fae\u4fe1": "wechat", "twitter": "twitter", "tw": "twitter", "x": "twitter", "onlyfans": "onlyfans",
    "of": "onlyfans", "line": "line", "facebook": "facebook", "fb": "facebook", "tiktok": "tiktok",
    "reddit": "reddit", "discord": "discord", "signal": "signal", "fansly": "fansly",
    "skype": "skype", "threads": "threads", "linktree": "linktree",
}
#: what a username may look like on each platform (lower-case)
_RULES: dict[str, re.Pattern[str]] = {
    "snapchat": re.compile(r"[a-z][a-z0-9._-]{2,29}"),
    "instagram": re.compile(r"[a-z0-9._]{2,30}"),
    "telegram": re.compile(r"[a-z][a-z0-9_.]{3,31}"),  # dots are not valid, but ads write them
    "whatsapp": re.compile(r"[a-z0-9._]{3,30}"),
    "kik": re.compile(r"[a-z0-9._]{2,20}"),
    "wechat": re.compile(r"[a-z][a-z0-9_.-]{4,29}"),
    "twitter": re.compile(r"[a-z0-9_.]{2,30}"),
    "onlyfans": re.compile(r"[a-z0-9._-]{2,30}"),
    "line": re.compile(r"[a-z0-9._-]{3,20}"),
    "facebook": re.compile(r"[a-z0-9.]{3,50}"),
    "tiktok": re.compile(r"[a-z0-9._]{2,24}"),
    "reddit": re.compile(r"[a-z0-9_-]{3,20}"),
    "discord": re.compile(r"[a-z0-9._]{2,32}"),
    "signal": re.compile(r"[a-z0-9._]{3,32}"),
    "fansly": re.compile(r"[a-z0-9_.-]{2,30}"),
    "skype": re.compile(r"[a-z][a-z0-9.,_-]{4,31}"),
    "threads": re.compile(r"[a-z0-9._]{2,30}"),
    "linktree": re.compile(r"[a-z0-9._]{2,30}"),
}
_SPLIT = re.compile(r"\s*[:/]\s*@?|\s+@?|\s*@")


_NAME_JUNK = re.compile(r"[\s.\-]")


@lru_cache(maxsize=4096)  # ads name a platform the same few ways: cached, as a flood of cues is
def platform(name: str) -> str | None:
    """The canonical platform an ad's name for it means ("IG" -> ``instagram``), or None."""
    key = _NAME_JUNK.sub("", name.strip().lower())
    if key.endswith(".com"):
        key = key[:-4]
    return PLATFORMS.get(key) or (key if key in _RULES else None)


@lru_cache(maxsize=4096)
def clean(platform_name: str, handle: str) -> str | None:
    """The lower-case handle if it can be a username on that platform, else None."""
    h = handle.strip().lstrip("@").rstrip(".-").lower()
    rule = _RULES.get(platform_name)
    if rule is None or not rule.fullmatch(h) or not any(c.isalpha() for c in h):
        return None
    if h.startswith(".") or ".." in h:
        return None
    return h


def normalize(raw: str, region: str | None = None) -> str | None:
    """``platform:handle`` from "sc: candyxo", "snapchat:CandyXO", "t.me/candyxo", or None."""
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 200:
        return None
    s = raw.strip()
    for sep in (":", " "):
        name, found, rest = s.partition(sep)
        if found and (p := platform(name)) and (h := clean(p, rest.strip())):
            return f"{p}:{h}"
    from clew.extract.handle import read_handles  # URLs and ad-style mentions

    spans = read_handles(s)
    return spans[0].value if spans else None


def validate(value: str) -> bool:
    """Whether ``value`` is a canonical ``platform:handle``."""
    if not isinstance(value, str):
        return False
    p, sep, h = value.partition(":")
    return bool(sep) and p in _RULES and clean(p, h) == h


def display(value: str) -> str:
    """How a person reads it: ``snapchat @candyxo``."""
    p, _, h = value.partition(":")
    return f"{p} @{h}"
