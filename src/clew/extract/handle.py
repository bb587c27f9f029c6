"""Social-media handles with their platform ("sc: candyxo", "snap @candyxo", "👻 candyxo",
"t.me/candyxo", "@candyxo on ig"); ordinary words after a platform name are not taken for handles.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort

from clew.extract import Context, register
from clew.extract._scan import hint_text, hinted, matches_at, word_starts
from clew.identifiers.handle import clean, platform
from clew.model import Span

_CUE = re.compile(
    r"(?<![A-Za-z0-9_@./#$])(?:snap[ \t]?chat|snap|sc|snp|insta(?:gram)?|ig|telegram|tele|tg|"
    r"whats[ \t]?app|watsapp|wapp|wa|kik|we[ \t]?chat|weixin|twitter|tw|tik[ \t]?tok|onlyfans|"
    r"only[ \t]?fans|of|line|facebook|fb|reddit|discord|signal|fansly|skype|x)(?![A-Za-z0-9_])"
    r"|\U0001f47b|\u5fae\u4fe1",
    re.I,
)
_AFTER = re.compile(
    r"[ \t]{0,3}(?:\.com)?[ \t]{0,2}(?P<filler>(?:(?:user[ \t]?name|id|name|handle|me|is|at|on|add)"
    r"(?![A-Za-z0-9])[ \t]{0,2}){0,3})(?P<sep>[:=\-\u2013\u2014>\u2192\u27a1\U0001f449]{1,3}\ufe0f?)?"
    r"[ \t]{0,3}(?P<at>@)?(?P<h>[A-Za-z0-9_][A-Za-z0-9_.\-]{0,39})",
    re.I,
)
#: a handle written before the platform: "@candyxo on snap", "add candyxo on ig"
_BEFORE = re.compile(
    r"(?:(?<![A-Za-z0-9_@])@(?P<h1>[A-Za-z0-9_][A-Za-z0-9_.]{1,39})|(?:add|follow|find)[ \t]{1,2}"
    r"(?:me[ \t]{1,2})?(?:at[ \t]{1,2})?(?P<h2>[A-Za-z0-9_][A-Za-z0-9_.]{1,39}))"
    r"[ \t]{0,3}(?:on|via|at|\(|-|\u2013|\u2014|\|)[ \t]{0,3}(?:the[ \t])?(?P<p>snap[ \t]?chat|snap|sc|"
    r"insta(?:gram)?|ig|telegram|tg|kik|twitter|tik[ \t]?tok|onlyfans|of|facebook|fb|reddit|"
    r"discord|fansly|wechat|signal)(?![A-Za-z0-9_])",
    re.I,
)
_URL = re.compile(
    r"(?<![A-Za-z0-9_.-])(?:https?://)?(?:www\.|m\.)?(?P<site>snapchat\.com/add|instagram\.com|"
    r"instagr\.am|t\.me|telegram\.me|kik\.me|twitter\.com|x\.com|onlyfans\.com|fansly\.com|"
    r"facebook\.com|fb\.com|tiktok\.com/@|reddit\.com/u(?:ser)?|linktr\.ee|threads\.net/@)"
    r"/?(?P<h>[A-Za-z0-9_][A-Za-z0-9_.\-]{0,39})",
    re.I,
)
_URL_PLATFORM = {
    "snapchat.com/add": "snapchat", "instagram.com": "instagram", "instagr.am": "instagram",
    "t.me": "telegram", "telegram.me": "telegram", "kik.me": "kik", "twitter.com": "twitter",
    "x.com": "twitter", "onlyfans.com": "onlyfans", "fansly.com": "fansly",
    "facebook.com": "facebook", "fb.com": "facebook", "tiktok.com/@": "tiktok",
    "reddit.com/u": "reddit", "reddit.com/user": "reddit", "linktr.ee": "linktree",
    "threads.net/@": "threads",
}
#: URL paths that are pages of the site, not accounts
_SITE_PAGES = frozenset(
    "p reel reels explore stories share joinchat addstickers s home login signup about help "
    "privacy terms search hashtag i intent watch groups pages events profile.php".split()
)
#: cues that are also ordinary words or codes: they need ':' or '@' or a handle-like token
_WEAK = frozenset({"sc", "snp", "ig", "tele", "tg", "tw", "wa", "wapp", "of", "line", "fb", "x", "snap", "signal"})
#: words that follow a platform name in ads without being a handle
_NOT_HANDLE = frozenset(
    """me my mine you your u ur us we i it is am are be was at on in to for of the a an and or but
    not no yes only just me. here there now today tonight later soon first 1st please pls plz
    add follow dm msg message text call contact hit hmu find check see view ask send sent get
    pics pic photos photo videos video vids vid content premium private free vip sub subs
    subscribe link links bio account acct page profile story stories posts live chat snap
    snapchat instagram insta ig telegram whatsapp kik wechat twitter onlyfans facebook fb
    tiktok reddit discord signal line fansly skype app apps available avail anytime also too
    as well with without via by from more info details info. fun sexy hot real verified
    welcome new open accepted ok okay same username user name handle id number num phone
    cell email mail sms dms inbox upon request req info@ screenshot screenshots nudes
    deals deal special specials promo sale rates rate price prices donation donations
    girl girls boy model models daily updates update pm am hr hrs min mins hh qv and/or
    cash cashapp venmo zelle paypal applepay chime gift card cards btc bitcoin crypto wsp wa""".split()
)


#: where each pattern's matches can start, found on lower-cased text (see clew.extract._scan.hinted)
#: the word every cue starts with ("snap chat", "whats app", "only fans"), and the cues that are no words
_CUE_WORDS = frozenset(
    "snap snapchat sc snp insta instagram ig telegram tele tg whats whatsapp watsapp wapp wa kik we "
    "wechat weixin twitter tw tik tiktok onlyfans only of line facebook fb reddit discord signal "
    "fansly skype x".split()
)
_CUE_SYMBOLS = re.compile("\U0001f47b|\u5fae\u4fe1")
_BEFORE_HINTS = re.compile("@|add|follow|find")
_URL_HINTS = re.compile(
    r"http|www\.|m\.|snapchat\.com|instagr|t\.me|telegram\.me|kik\.me|twitter\.com|x\.com|onlyfans\.com|"
    r"fansly\.com|facebook\.com|fb\.com|tiktok\.com|reddit\.com|linktr\.ee|threads\.net"
)

#: every cue holds one of these: a text without any (a flood of digits or emoji) has no handle
_POSSIBLE = re.compile("[A-Za-z\U0001f47b\u5fae]")
_NUMBER_WORD = re.compile(
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|cero|uno|dos|tres|cuatro|cinco|seis|"
    r"siete|ocho|nueve)(?![a-z])|\d"
)


_BLANKS = re.compile(r"[ \t]")


def read_handles(text: str) -> list[Span]:
    """Every social handle in ``text`` with its platform, as spans."""
    if not text or _POSSIBLE.search(text) is None:
        return []
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    low_text = hint_text(text)

    def add(p: str, raw: str, start: int, end: int, conf: float) -> None:
        h = clean(p, raw)
        if h is None or _overlaps(taken, start, end):
            return
        if p == "whatsapp" and (sum(c.isdigit() for c in h) >= 3 or _NUMBER_WORD.match(h)):
            return  # a phone number, maybe spelled out: the phone extractor reads it
        insort(taken, (start, end))
        spans.append(
            Span("handle", f"{p}:{h}", text[start:end], start, end, conf, "handle",
                 detail={"platform": p, "handle": h})
        )

    if "/" in text:
        for m in hinted(_URL, _URL_HINTS, text, low_text):
            p = _URL_PLATFORM[m.group("site").lower()]
            raw = m.group("h").rstrip(".-")
            if raw.lower() in _SITE_PAGES:
                continue
            add(p, raw, m.start(), m.start("h") + len(raw), 0.95)
    starts = word_starts(text, _CUE_WORDS)
    if starts is not None and ("\U0001f47b" in text or "\u5fae\u4fe1" in text):
        starts = sorted(starts + [m.start() for m in _CUE_SYMBOLS.finditer(text)])
    for m in matches_at(_CUE, starts, text):
        cue = m.group()
        p = platform(cue)
        if p is None:
            continue
        a = _AFTER.match(text, m.end())
        if a is None:
            continue
        raw = a.group("h").rstrip(".-_") if not a.group("at") else a.group("h").rstrip(".-")
        low = raw.lower()
        if not raw or (low in _NOT_HANDLE and not a.group("at")):
            continue
        filler = a.group("filler").lower()
        explicit = (
            bool(a.group("sep") or a.group("at"))
            or any(w in filler for w in ("id", "name", "handle"))
            or cue == "\U0001f47b"
        )
        handle_like = any(c.isdigit() or c in "_." for c in raw) or (
            raw != raw.lower() and raw != raw.capitalize() and raw != raw.upper()
        )
        weak = _BLANKS.sub("", cue.lower()) in _WEAK
        if cue in ("OF", "X") and not (a.group("at") or any(c in ":=\u2192\u27a1\U0001f449" for c in a.group("sep") or "")):
            continue  # "JEALOUS OF - EVERY SESSION"
        if cue in ("of", "Of", "x") or (cue.lower() == "line" and not explicit):
            continue  # "of" and "x" are words; only "OF:" and "X:" name a platform
        if weak and not (explicit or handle_like):
            # "sc candyxo" is a handle; "Greenville, SC Tonight" and "snap pics" are not
            state_like = text[max(0, m.start() - 2) : m.start()] == ", " or cue in ("SC", "WA")
            # "ADD MY SNAP CANDYXO"; but "THE TALK OF DALLAS" is all capitals too
            shouted = raw.isupper() and cue.isupper() and cue.lower() not in ("of", "x", "line", "wa", "tw")
            if state_like or (raw != low and not shouted) or len(raw) < 4:
                continue
        if not (explicit or handle_like) and (len(raw) < 3 or raw.isupper() and len(raw) < 5):
            continue
        conf = 0.9 if explicit else (0.8 if handle_like else 0.65)
        add(p, raw, m.start(), a.start("h") + len(raw), conf)
    if "@" in text or "add" in text.lower() or "follow" in text.lower() or "find" in text.lower():
        for m in hinted(_BEFORE, _BEFORE_HINTS, text, low_text):
            raw = (m.group("h1") or m.group("h2")).rstrip(".")
            if raw.lower() in _NOT_HANDLE:
                continue
            p = platform(m.group("p"))
            if p is None or (m.group("p") in ("of", "Of")):
                continue
            add(p, raw, m.start(), m.end(), 0.85)
    spans.sort(key=lambda s: s.start)
    return spans


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of the sorted, disjoint spans in ``taken``."""
    i = bisect_left(taken, (end,))
    return i > 0 and taken[i - 1][1] > start


@register("handle", ["handle"])
def extract(text: str, context: Context) -> list[Span]:
    """The handle extractor: every social handle in the text."""
    return read_handles(text)
