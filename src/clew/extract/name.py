"""The poster's name or alias ("I'm Candy", "my name is Candy", "ask for Candy", "Candy here",
"me llamo Candy"): capitalized words after a cue, never "I'm new", "I'm available" or "I'm 22".
"""

from __future__ import annotations

import re

from clew.extract import Context, register
from clew.extract._scan import matches_at, word_starts
from clew.extract.ethnicity import TERMS as _ETHNICITIES
from clew.model import Span

#: a capitalized name (maybe two) or one in capitals; the first capital is written once, before
#: the branches, so the engine skips ahead to capitals when a text is searched for "X here"
_NAME = r"(?P<name>[A-Z](?:[a-z\u00e0-\u00ff]{1,14}(?:[ \t-][A-Z][a-z\u00e0-\u00ff]{1,14})?|[A-Z]{2,11}(?![a-z])))"
_CUED = re.compile(
    r"(?<![A-Za-z])(?P<cue>(?i:i'?m|i\u2019m|i[ \t]am|my[ \t]name[ \t]is|my[ \t]name'?s|name[ \t]?:|"
    r"ask[ \t]for|call[ \t]me|it'?s|it\u2019s|its|this[ \t]is|me[ \t]llamo|soy|mi[ \t]nombre[ \t]es|"
    r"they[ \t]call[ \t]me|known[ \t]as|aka))[ \t]{1,3}(?:(?i:ms|miss|mrs|lady|mistress|mz)\.?[ \t])?" + _NAME
    + r"(?![A-Za-z0-9'\u2019])"
)
#: the word every cue above starts with ("I'm", "i am", "my name is", "it's", "aka")
_CUE_WORDS = frozenset("i im my name ask call it its this me soy mi they known aka".split())
_LETTER = re.compile(r"[A-Za-z]")
_HERE = re.compile(_NAME + r"[ \t]{1,2}here(?![A-Za-z])")
#: what may stand just before "Candy here": the start, a punctuation mark or a greeting
_HERE_BEFORE = re.compile(r"(?:^|[\n.!,;:\u2022*~\-]|(?<![A-Za-z])(?:hi|hey|hello|hiya))[ \t]{0,2}$", re.I)
#: capitalized words that follow "I'm" or stand before "here" without being names
_NOT_NAMES = frozenset(
    """new available here back ready real sexy hot young petite independent a an the not so very
    your you just only in at on from back busy open free down up out off all always also still
    sweet nice fun open-minded friendly discreet clean safe legit honest single alone
    looking waiting visiting staying new2town new in town travelling traveling located
    available24 done sorry glad happy excited sure good great well fine okay ok ur us we he she
    they there their this that what who why how when where which no yes yeah yep im i'm
    click call text come see me my mine it its is are was be been being please pls
    today tonight tomorrow now monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    incall outcall outcalls incalls hotel motel car rates rate price special specials deal
    donation donations cash cashapp venmo zelle paypal gfe pse bbw milf mature curvy thick
    slim skinny tall short tiny busty blonde brunette redhead tattooed pierced
    latina asian ebony white black mixed exotic snapchat instagram telegram kik whatsapp
    onlyfans twitter facebook tiktok reddit discord god lord jesus usa america
    everything anything nothing something someone everyone anyone nobody right left best
    number first last only one two three four five six seven eight nine ten
    here's heres click link dm inbox bio real100 verified upscale elite vip premium model
    estoy nueva aqui disponible lista una muy bien tu su el la los las del de mi""".split()
)


def read_names(text: str) -> list[Span]:
    """Every name or alias the poster gives in ``text``, as spans with a title-cased value."""
    if not text or _LETTER.search(text) is None:
        return []
    spans: list[Span] = []
    for pattern, conf in ((_CUED, 0.75), (_HERE, 0.65)):
        if pattern is _CUED:
            found = matches_at(_CUED, word_starts(text, _CUE_WORDS), text)
        elif "here" in text:
            found = _HERE.finditer(text)
        else:
            continue
        for m in found:
            raw = m.group("name")
            if pattern is _HERE and not _HERE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                continue
            words = re.split(r"[ \t-]", raw)
            shift = 0
            if len(words) > 1 and words[0].lower() in ("hi", "hey", "hello", "hiya"):
                shift = len(raw) - len(words[1])
                raw, words = words[1], words[1:]
            if words[0].lower() in _NOT_NAMES or raw.lower() in _ETHNICITIES:
                continue
            if len(words) > 1 and (words[1].lower() in _NOT_NAMES or words[1].lower() in _ETHNICITIES):
                raw = words[0]  # "I'm Candy Available now": the second word is not part of the name
            if words[0].lower() in _ETHNICITIES:
                continue
            cue = (m.groupdict().get("cue") or "").lower()
            c = conf + (0.15 if cue.startswith(("my", "name", "ask", "call", "me ", "mi ", "they", "known")) else 0)
            if cue in ("its", "it's", "it\u2019s", "soy", "this is") or raw.isupper():
                c -= 0.15
            start = m.start("name") + shift
            end = start + len(raw)
            spans.append(Span("name", raw.title(), text[start:end], start, end, round(c, 2), "name",
                              detail={"cue": cue or "here"}))
    spans.sort(key=lambda s: s.start)
    return spans


@register("name", ["name"])
def extract(text: str, context: Context) -> list[Span]:
    """The name extractor: every name or alias the poster gives."""
    return read_names(text)
