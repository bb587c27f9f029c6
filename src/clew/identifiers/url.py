"""URL identifiers: a site or page reduced to one comparable form (lower-case host, no scheme, no
``www.``, no trailing slash, no tracking parameters), and the top-level domains Clew believes in.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

_CCTLDS = (
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs "
    "bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee "
    "eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm "
    "hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb "
    "lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz "
    "na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs "
    "ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl "
    "tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw"
)
_GTLDS = (
    "com net org info biz edu gov mil int xxx xyz site online club top live app dev page link "
    "shop store sexy escort porn adult sex date dating love fun space website web tech blog mobi "
    "pro name vip icu win bid trade party review click tk ml ga cf gq cam chat social life world "
    "today email cloud agency services media global city nyc vegas london berlin paris tokyo "
    "fashion beauty model photo photos pics video tube stream tv rocks ninja guru wtf lol bar "
    "baby girl girls boutique spa massage health care"
)
#: top-level domains a domain written in an ad may end with
TLDS: frozenset[str] = frozenset((_CCTLDS + " " + _GTLDS).split())
#: the few TLDs that are read as a bare domain even in prose ("candyxo.com", "candyxo dot net")
COMMON_TLDS: frozenset[str] = frozenset(
    "com net org info biz xxx xyz io co me us ca uk au de es fr ru mx br eu tv cc site online club "
    "top live app vip sexy escort porn adult date dating love fun space website cam chat ly to ws".split()
)
#: query parameters that only track a click and never identify a page
_TRACKING = re.compile(
    r"utm_\w*|fbclid|gclid|dclid|msclkid|mc_eid|mc_cid|igshid|igsh|si|ref|ref_src|ref_url|"
    r"_ga|_gl|yclid|twclid|ttclid|s|feature|share_id|trk|src",
    re.I,
)
_HOST = re.compile(r"(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,62})\.){1,8}[a-z\u00a1-\uffff]{2,24}")
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]{0,15}:)?//", re.I)


def normalize(raw: str, region: str | None = None) -> str | None:
    """The canonical form of the URL or bare domain ``raw`` (``candyxo.com/x?a=1``), or None."""
    if not isinstance(raw, str):
        return None
    s = _unwrap(raw.strip())
    if not s or len(s) > 4096 or any(c.isspace() for c in s):
        return None
    s = _SCHEME.sub("", s, count=1)
    s = s.split("#", 1)[0]
    host, sep, rest = _split_host(s)
    if "@" in host:  # user:password@host
        host = host.rsplit("@", 1)[1]
    host = host.lower().rstrip(".")
    host, _, port = host.partition(":")
    if port and port not in ("80", "443") and port.isdigit():
        host = f"{host}:{port}"
    if host.startswith("www."):
        host = host[4:]
    if not validate(host):
        return None
    path, _, query = rest.partition("?")
    path = path.rstrip("/")
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _TRACKING.fullmatch(k)]
    out = host + (("/" + path) if path else "")
    if kept:
        out += "?" + urlencode(kept)
    return out


def _unwrap(s: str) -> str:
    """``s`` without the brackets and quotes an ad wraps around a URL (balanced parens kept)."""
    s = s.lstrip("<([{\"'")
    while s and s[-1] in ">)]}\"'.,;:!?":
        if s[-1] == ")" and s.count(")") <= s.count("("):
            break
        s = s[:-1]
    return s


def _split_host(s: str) -> tuple[str, str, str]:
    for i, c in enumerate(s):
        if c in "/?":
            return s[:i], c, s[i + 1 :] if c == "/" else s[i:]
    return s, "", ""


def validate(value: str) -> bool:
    """Whether ``value`` is a canonical URL: a host ending in a known TLD, then an optional path."""
    if not isinstance(value, str) or not value or value != value.strip():
        return False
    host = value.split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]
    if not _HOST.fullmatch(host) or host.startswith("www."):
        return False
    return host.rsplit(".", 1)[1] in TLDS


def display(value: str) -> str:
    """The URL as a person reads it."""
    return value


def host(value: str) -> str:
    """The host of a canonical URL value: what ties pages of one site together."""
    return value.split("/", 1)[0].split("?", 1)[0]
