"""How posters write their contacts: phone numbers plain and obfuscated, e-mails, handles, payments.

Each writer takes the true value and a random source and returns the surface text; the truth keeps
the value. Obfuscations are the ones seen in real ads: spelled digits in English and Spanish,
look-alike letters, Unicode digit styles, keycaps, emoji and other separators, words in between.
"""

from __future__ import annotations

import random

from clew.synth.phones import Phone

_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ES = ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")
_ZERO_EN = ("oh", "o", "O", "zero", "OH")
_LOOKALIKE = {"0": ("O", "o", "O"), "1": ("l", "I", "l"), "5": ("S",), "8": ("B",)}
_CYRILLIC_ZERO = ("\u041e", "\u043e")  # О о
_SEP_EMOJI = ("💋", "🌹", "💕", "⭐", "🔥", "✨", "❤️", "😘", "🍑", "💦", "👅", "🌸", "·", "•", "|", "~", "*", "_")

#: Unicode digit styles: full-width, mathematical bold, double-struck, sans-serif, monospace
_DIGIT_BASES = (0xFF10, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6)
_CIRCLED = ("⓪", "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨")
_KEYCAP = tuple(f"{d}\ufe0f\u20e3" for d in "0123456789")

#: the names of each obfuscation, lightest first: the summary counts them
PLAIN = "plain"
SPACED = "spaced"
EMOJI_SEPARATED = "emoji_separated"
BRACKETED = "bracketed"
OH_FOR_ZERO = "oh_for_zero"
SPELLED_GROUP = "spelled_group"
SPELLED = "spelled"
SPELLED_ES = "spelled_es"
MIXED_SPELLED = "mixed_spelled"
LOOKALIKE = "lookalike"
CYRILLIC = "cyrillic_zero"
STYLED_DIGITS = "styled_digits"
CIRCLED = "circled"
KEYCAP = "keycap"
WORDS_BETWEEN = "words_between"

LIGHT = (SPACED, EMOJI_SEPARATED, BRACKETED, OH_FOR_ZERO, SPELLED_GROUP)
HEAVY = (SPELLED, SPELLED_ES, MIXED_SPELLED, LOOKALIKE, CYRILLIC, STYLED_DIGITS, CIRCLED, KEYCAP, WORDS_BETWEEN)


def _groups(phone: Phone, rng: random.Random) -> list[str]:
    """The digit groups a poster would say the number in (national form, sometimes with +CC)."""
    plain = phone.plain[0] if rng.random() < 0.7 else rng.choice(phone.plain)
    groups, cur = [], []
    for ch in plain:
        if ch.isdigit() or ch == "+":
            cur.append(ch)
        elif cur:
            groups.append("".join(cur))
            cur = []
    if cur:
        groups.append("".join(cur))
    if len(groups) == 1:
        digits = groups[0]
        if phone.country in ("US", "CA") and len(digits) == 10:
            groups = [digits[:3], digits[3:6], digits[6:]]
        else:
            groups = [digits[:4], digits[4:7], digits[7:]]
    return groups


def _spell(digits: str, words: tuple[str, ...], sep: str, zero: tuple[str, ...] | None, rng: random.Random) -> str:
    out = []
    for d in digits:
        if d == "+":
            out.append("+")
        elif d == "0" and zero is not None:
            out.append(rng.choice(zero))
        else:
            out.append(words[ord(d) - 48])
    return sep.join(out)


def _styled(text: str, base: int) -> str:
    return "".join(chr(base + ord(c) - 48) if "0" <= c <= "9" else c for c in text)


def write_phone(phone: Phone, style: str, rng: random.Random, *, spanish: bool = False) -> str:
    """The phone written in one obfuscation ``style``."""
    if style == PLAIN:
        return phone.plain[0] if rng.random() < 0.45 else rng.choice(phone.plain)
    groups = _groups(phone, rng)
    if style == SPACED:
        sep = rng.choice((" ", ".", "-", " . ", "  "))
        return sep.join(" ".join(g) if sep == " " else sep.join(g) for g in groups) if rng.random() < 0.5 else sep.join(c for g in groups for c in g)
    if style == EMOJI_SEPARATED:
        e = rng.choice(_SEP_EMOJI)
        if rng.random() < 0.6:
            return e.join(groups)
        return e.join("".join(groups))
    if style == BRACKETED:
        return rng.choice(("[{}] {} {}", "({})-{}-{}", "{{{}}} {} {}", "<{}> {}-{}", "[{}]-[{}]-[{}]"))\
            .format(groups[0], groups[1] if len(groups) > 1 else "", "".join(groups[2:])).strip()
    if style == OH_FOR_ZERO:
        z = rng.choice(("o", "O", "oh"))
        return rng.choice(("-", " ", ".")).join(g.replace("0", z) for g in groups)
    if style == SPELLED_GROUP:
        i = rng.randrange(len(groups))
        words = _ES if spanish else _EN
        return " ".join(_spell(g, words, " ", None, rng) if j == i else g for j, g in enumerate(groups))
    if style in (SPELLED, SPELLED_ES):
        words = _ES if (style == SPELLED_ES or spanish) else _EN
        zero = None if words is _ES else (_ZERO_EN if rng.random() < 0.5 else None)
        if rng.random() < 0.5:
            words = tuple(w.upper() for w in words) if rng.random() < 0.3 else words
        gsep = rng.choice((" ", " - ", ", ", " / ", "  "))
        return gsep.join(_spell(g, words, rng.choice((" ", "-", " ")), zero, rng) for g in groups)
    if style == MIXED_SPELLED:
        words = _ES if spanish else _EN
        out = []
        for g in groups:
            out.append("".join(words[ord(c) - 48] if c.isdigit() and rng.random() < 0.45 else c for c in g))
        return " ".join(out)
    if style == LOOKALIKE:
        out = []
        for g in groups:
            out.append("".join(rng.choice(_LOOKALIKE[c]) if c in _LOOKALIKE and rng.random() < 0.55 else c for c in g))
        return rng.choice(("-", " ", ".")).join(out)
    if style == CYRILLIC:
        z = rng.choice(_CYRILLIC_ZERO)
        return rng.choice(("-", " ")).join(g.replace("0", z) for g in groups)
    if style == STYLED_DIGITS:
        base = rng.choice(_DIGIT_BASES)
        return rng.choice(("-", " ", ".", "")).join(_styled(g, base) for g in groups)
    if style == CIRCLED:
        return rng.choice((" ", "-", "")).join("".join(_CIRCLED[ord(c) - 48] if c.isdigit() else c for c in g) for g in groups)
    if style == KEYCAP:
        return rng.choice((" ", "", "➖")).join("".join(_KEYCAP[ord(c) - 48] if c.isdigit() else c for c in g) for g in groups)
    if style == WORDS_BETWEEN:
        words = _ES if spanish else _EN
        i = rng.randrange(len(groups))
        spelled = [(" ".join(words[ord(c) - 48] for c in g if c.isdigit()) if j == i else g) for j, g in enumerate(groups)]
        return " ".join(spelled)
    raise ValueError(f"unknown phone style: {style}")


_AT = ("@", " @ ", " at ", "[at]", "(at)", " AT ", "{at}", " [at] ", "＠")
_DOT = (".", " dot ", "[dot]", "(dot)", " DOT ", " . ", "{dot}")


def write_email(email: str, rng: random.Random) -> str:
    """An e-mail address, plain most of the time, else with "at"/"dot" spelled out."""
    r = rng.random()
    if r < 0.62:
        return email if rng.random() < 0.9 else email.upper() if rng.random() < 0.3 else email.capitalize()
    local, _, domain = email.partition("@")
    at = rng.choice(_AT)
    dot = rng.choice(_DOT) if r < 0.92 else "."
    return local + at + domain.replace(".", dot)


#: how each platform's handle is introduced; {h} is the handle
HANDLE_FORMS: dict[str, tuple[str, ...]] = {
    "snapchat": ("sc: {h}", "SC: {h}", "snap: {h}", "Snapchat: {h}", "👻 {h}", "👻: {h}", "snap @{h}", "SC- {h}", "add my snap {h}", "snapchat @{h}"),
    "instagram": ("ig @{h}", "IG: @{h}", "insta: {h}", "Instagram @{h}", "instagram.com/{h}", "📸 IG {h}", "follow me on insta @{h}", "IG- {h}"),
    "telegram": ("telegram @{h}", "tg: @{h}", "Telegram: {h}", "t.me/{h}", "TG @{h}", "✈️ telegram @{h}"),
    "kik": ("kik: {h}", "KIK {h}", "Kik me: {h}", "kik @{h}"),
    "wechat": ("wechat: {h}", "WeChat ID: {h}", "微信: {h}", "wechat id {h}"),
    "twitter": ("twitter @{h}", "X: @{h}", "x.com/{h}", "follow on twitter @{h}", "tw: @{h}"),
    "onlyfans": ("onlyfans.com/{h}", "OF: {h}", "OnlyFans @{h}", "my OF 👉 {h}", "fans: onlyfans.com/{h}"),
    "line": ("line: {h}", "LINE ID: {h}", "Line @{h}"),
}
HANDLE_FORMS_ES: dict[str, tuple[str, ...]] = {
    "snapchat": ("sc: {h}", "snap: {h}", "mi snap 👻 {h}", "Snapchat: {h}"),
    "instagram": ("ig @{h}", "mi insta: @{h}", "Instagram: @{h}", "sígueme en ig @{h}"),
    "telegram": ("telegram: @{h}", "t.me/{h}", "escríbeme por telegram @{h}"),
    "kik": ("kik: {h}",),
    "wechat": ("wechat: {h}",),
    "twitter": ("twitter: @{h}", "X @{h}"),
    "onlyfans": ("onlyfans.com/{h}", "mi OF: {h}"),
    "line": ("line: {h}",),
}


def write_handle(platform: str, handle: str, rng: random.Random, *, spanish: bool = False) -> str:
    forms = (HANDLE_FORMS_ES if spanish else HANDLE_FORMS)[platform]
    return rng.choice(forms).format(h=handle)


#: public example values that pass their checksums (BIP-173, Bitcoin wiki, EIP-55 test vectors)
BTC_ADDRESSES = (
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
)
ETH_ADDRESSES = (
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
)
GIFT_CARDS = ("amazon", "vanilla visa", "steam", "google play", "apple", "target", "walmart")

PAYMENT_FORMS: dict[str, tuple[str, ...]] = {
    "cashapp": ("cashapp {v}", "CashApp: {v}", "cash app {v}", "💵 {v}", "CA: {v}", "deposit via cashapp {v}"),
    "venmo": ("venmo {v}", "Venmo: {v}", "venmo me {v}", "VENMO {v}"),
    "zelle": ("zelle {v}", "Zelle to {v}", "zelle: {v}", "ZELLE {v}"),
    "applepay": ("apple pay {v}", "Apple Pay: {v}", "applepay {v}"),
    "paypal": ("paypal {v}", "PayPal: {v}", "paypal.me/{v}"),
    "btc": ("BTC: {v}", "bitcoin {v}", "₿ {v}", "btc wallet {v}"),
    "eth": ("ETH: {v}", "eth {v}", "ethereum: {v}"),
    "giftcard": ("{v} gift cards ok", "{v} gift card accepted", "I take {v} gift cards", "{v} gc ok"),
}


def write_payment(kind: str, written: str, rng: random.Random) -> str:
    return rng.choice(PAYMENT_FORMS[kind]).format(v=written)


def write_url(url: str, rng: random.Random) -> str:
    """A personal site written with or without scheme and www."""
    r = rng.random()
    if r < 0.35:
        return f"https://{url}"
    if r < 0.5:
        return f"http://www.{url}"
    if r < 0.7:
        return f"www.{url}"
    return url
