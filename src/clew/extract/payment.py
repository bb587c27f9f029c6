"""Payment accounts and methods: Cash App $cashtags (never "$200"), Venmo, Zelle, PayPal, Apple Pay,
gift cards, and Bitcoin/Ethereum addresses accepted only when their checksums hold.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort

from clew.extract import Context, register
from clew.extract._scan import lowered
from clew.extract.email import read_emails
from clew.identifiers import payment as pay
from clew.model import Span

#: (every pattern below that is searched through whole texts opens with a literal or a class and
#: checks what stands before it in a lookbehind after that: the engine skips ahead to candidates)
_CASHTAG = re.compile(r"\$(?<![\w$].)(?P<tag>[A-Za-z][A-Za-z0-9_-]{0,19})(?![\w$-])")
_CASHAPP_CUE = re.compile(r"cash[ \t]?app|\bca\b|cash\.app/|\bchime\b", re.I)
_NAMED = re.compile(
    r"(?<![A-Za-z])(?P<kind>cash[ \t]?app|venmo|chime)[ \t]{0,3}(?:me|is|at|@|[:\-=\u2192\U0001f449])?"
    r"[ \t]{0,3}(?P<at>[@$])?(?P<h>[A-Za-z][A-Za-z0-9_-]{0,29})",
    re.I,
)
_VENMO_AFTER = re.compile(r"(?<![\w@])@(?P<h>[A-Za-z0-9][A-Za-z0-9_-]{4,29})[ \t]{1,3}(?:on|via)[ \t]{1,3}venmo", re.I)
_LINKS = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.)?(?P<site>paypal\.me|cash\.app|venmo\.com(?:/u)?)/"
    r"(?P<h>\$?[A-Za-z0-9][A-Za-z0-9_-]{0,29})",
    re.I,
)
_TO = re.compile(r"(?<![A-Za-z])(?P<kind>zelle|paypal|apple[ \t]?pay)(?![A-Za-z])[ \t]{0,3}(?:me|to|at|is|[:\-=])?[ \t]{0,3}", re.I)
_PHONE_LIKE = re.compile(r"\+?\(?\d[\d \t().-]{8,16}\d")
_NAME = re.compile(r"[A-Z][a-z]{1,15}(?:[ \t][A-Z][a-z]{1,15})?")
_GIFT = re.compile(
    r"(?<![A-Za-z])(?:(?P<brand>amazon|vanilla|visa|google[ \t]?play|itunes|apple|steam|target|walmart|"
    r"ebay|sephora|prepaid)[ \t]{0,2})?gift[ \t]?cards?(?![A-Za-z])|(?<![A-Za-z])(?P<brand2>vanilla[ \t]visa|"
    r"green[ \t]?dot|paysafecard|google[ \t]play[ \t]cards?|itunes[ \t]cards?|steam[ \t]cards?)(?![A-Za-z])",
    re.I,
)
_BTC = re.compile(
    r"[13bB](?<![A-Za-z0-9].)(?:(?<=[13])(?=[1-9]{0,33}[A-HJ-NP-Za-km-z])[1-9A-HJ-NP-Za-km-z]{24,34}"
    r"|(?<=[bB])[cC]1[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87})(?![A-Za-z0-9])"
)
_LETTER = re.compile(r"[A-Za-z]")
_ETH = re.compile(r"(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])")
#: "$" words that are amounts, currencies or rate units, not cashtags
_NOT_TAGS = frozenset(
    "usd cad aud nzd mxn us au hr hrs hh hhr qv k only per for each and or up cash money bills "
    "dollars roses donation donations app me is at the".split()
)
_NOT_ACCOUNTS = _NOT_TAGS | frozenset(
    "accepted accept ok okay only too also available preferred payment payments pay please pls "
    "first upfront deposit dep required no not and or in on with welcome".split()
)


def read_payments(text: str, region: str | None = None) -> list[Span]:
    """Every payment account, address or method named in ``text``, as spans."""
    if not text or _LETTER.search(text) is None:
        return []  # every account, cue and address holds a letter
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []

    def add(value: str | None, start: int, end: int, conf: float, kind: str, **detail: object) -> None:
        if value is None or _overlaps(taken, start, end):
            return
        insort(taken, (start, end))
        spans.append(Span("payment", value, text[start:end], start, end, conf, "payment",
                          detail={"kind": kind, **detail}))

    low = lowered(text) or text.lower()
    if "/" in text and ("paypal.me" in low or "cash.app" in low or "venmo.com" in low or "\u017f" in text):
        for m in _LINKS.finditer(text):  # (re.I reads "ſ" as "s": such a text is scanned in full)
            site = m.group("site").lower()
            kind = "paypal" if site.startswith("paypal") else "cashapp" if site == "cash.app" else "venmo"
            add(pay._account(kind, m.group("h")), m.start(), m.end(), 0.95, kind)
    if "0x" in low:
        for m in _ETH.finditer(text):
            eth = pay.eth_address(m.group())
            if eth is not None:
                add(f"eth:{eth[0]}", m.start(), m.end(), 0.95 if eth[1] else 0.75, "eth", checksummed=eth[1])
    for m in _BTC.finditer(text):
        btc = pay.btc_address(m.group())
        if btc is not None:
            add(f"btc:{btc}", m.start(), m.end(), 0.95, "btc")
    if "cash" in low or "venmo" in low or "chime" in low:
        for m in _NAMED.finditer(text):
            kind = pay.KINDS.get(re.sub(r"[ \t]", " ", m.group("kind").lower()), "cashapp")
            h = m.group("h")
            if h.lower() in _NOT_ACCOUNTS:
                continue
            add(pay._account(kind, h), m.start(), m.end(), 0.9, kind)
        for m in _VENMO_AFTER.finditer(text):
            add(pay._account("venmo", m.group("h")), m.start(), m.end(), 0.85, "venmo")
    if "$" in text:
        for m in _CASHTAG.finditer(text):
            tag = m.group("tag")
            if tag.lower() in _NOT_TAGS or (len(tag) == 1):
                continue
            cue = _CASHAPP_CUE.search(text, max(0, m.start() - 40), m.start())
            add(pay._account("cashapp", tag), m.start(), m.end(), 0.9 if cue else 0.6, "cashapp")
    if "zelle" in low or "paypal" in low or "apple" in low:
        emails = read_emails(text)
        for m in _TO.finditer(text):
            kind = "applepay" if m.group("kind").lower().startswith("apple") else m.group("kind").lower()
            _to_account(text, m, kind, emails, region, add)
    if "gift" in low or "vanilla" in low or "green" in low or "card" in low:
        for m in _GIFT.finditer(text):
            brand = re.sub(r"[ \t]+|cards?$", "", (m.group("brand") or m.group("brand2") or "").lower())
            method = f"giftcard-{brand}" if brand else "giftcard"
            add(f"method:{method}", m.start(), m.end(), 0.8, "giftcard", method_only=True)
    spans.sort(key=lambda s: s.start)
    return spans


def _to_account(text: str, m: re.Match[str], kind: str, emails: list[Span], region: str | None, add) -> None:
    """The account a Zelle/PayPal/Apple Pay mention pays to: an e-mail, a phone or (Zelle) a name."""
    pos = m.end()
    for e in emails:
        if e.start == pos:
            add(f"{kind}:{e.value}", m.start(), e.end, 0.9, kind)
            return
    phone = _PHONE_LIKE.match(text, pos)
    if phone is not None:
        from clew.identifiers import phone as phone_id

        value = phone_id.normalize(phone.group(), region)
        if value:
            add(f"{kind}:{value}", m.start(), phone.end(), 0.9, kind)
            return
    name = _NAME.match(text, pos)
    if kind == "zelle" and name is not None and name.group().split()[0].lower() not in _NOT_ACCOUNTS:
        add(f"zelle:{name.group().lower()}", m.start(), name.end(), 0.7, kind)
        return
    end = m.start() + len(m.group("kind"))
    add(f"method:{kind}", m.start(), end, 0.7, kind, method_only=True)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of the sorted, disjoint spans in ``taken``."""
    i = bisect_left(taken, (end,))
    return i > 0 and taken[i - 1][1] > start


@register("payment", ["payment"])
def extract(text: str, context: Context) -> list[Span]:
    """The payment extractor: every payment account, address or method in the text."""
    return read_payments(text, context.region)
