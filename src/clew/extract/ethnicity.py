"""Ethnicity and nationality as the ad advertises it ("Latina", "Asian", "Ebony", "Colombiana",
"mixed", and "exotic" as a cue), as canonical lower-case labels; service slang ("Greek") is not one.
"""

from __future__ import annotations

import re

from clew.extract import Context, register
from clew.extract._scan import lowered, matches_at, trie, word_starts
from clew.model import Span

#: how ads write it -> (canonical label, broad group)
TERMS: dict[str, tuple[str, str]] = {
    "latina": ("latina", "latina"), "latin": ("latina", "latina"), "latino": ("latina", "latina"),
    "hispanic": ("latina", "latina"), "hispana": ("latina", "latina"),
    "asian": ("asian", "asian"), "asiatica": ("asian", "asian"), "oriental": ("asian", "asian"),
    "ebony": ("black", "black"), "black": ("black", "black"), "african": ("african", "black"),
    "african american": ("black", "black"), "chocolate": ("black", "black"),
    "white": ("white", "white"), "caucasian": ("white", "white"), "blanca": ("white", "white"),
    "mixed": ("mixed", "mixed"), "biracial": ("mixed", "mixed"), "mulatta": ("mixed", "mixed"),
    "mulata": ("mixed", "mixed"), "exotic": ("exotic", "exotic"),
    "middle eastern": ("middle eastern", "middle eastern"), "arab": ("arab", "middle eastern"),
    "arabic": ("arab", "middle eastern"), "persian": ("persian", "middle eastern"),
    "indian": ("indian", "south asian"), "desi": ("indian", "south asian"),
    "native american": ("native american", "native american"), "native": ("native american", "native american"),
    "pacific islander": ("pacific islander", "pacific islander"), "polynesian": ("pacific islander", "pacific islander"),
    "european": ("european", "white"),
}
_NATIONALITIES: dict[str, str] = {
    "colombian": "latina", "colombiana": "latina", "venezuelan": "latina", "venezolana": "latina",
    "brazilian": "latina", "brasileira": "latina", "brasilena": "latina", "mexican": "latina",
    "mexicana": "latina", "dominican": "latina", "dominicana": "latina", "puerto rican": "latina",
    "puertorriquena": "latina", "boricua": "latina", "cuban": "latina", "cubana": "latina",
    "peruvian": "latina", "peruana": "latina", "argentinian": "latina", "argentina": "latina",
    "salvadoran": "latina", "salvadorena": "latina", "honduran": "latina", "hondurena": "latina",
    "guatemalan": "latina", "guatemalteca": "latina", "ecuadorian": "latina", "ecuatoriana": "latina",
    "chilean": "latina", "chilena": "latina", "panamanian": "latina", "nicaraguan": "latina",
    "russian": "white", "ukrainian": "white", "polish": "white", "czech": "white",
    "romanian": "white", "hungarian": "white", "bulgarian": "white", "moldovan": "white",
    "italian": "white", "irish": "white", "german": "white", "spanish": "white", "swedish": "white",
    "thai": "asian", "chinese": "asian", "korean": "asian", "japanese": "asian",
    "filipina": "asian", "filipino": "asian", "pinay": "asian", "vietnamese": "asian",
    "taiwanese": "asian", "malaysian": "asian", "indonesian": "asian", "cambodian": "asian",
    "nigerian": "black", "ethiopian": "black", "somali": "black", "kenyan": "black",
    "ghanaian": "black", "jamaican": "black", "haitian": "black",
}
_CANON_NATIONALITY = {
    "colombiana": "colombian", "venezolana": "venezuelan", "brasileira": "brazilian",
    "brasilena": "brazilian", "mexicana": "mexican", "dominicana": "dominican",
    "puertorriquena": "puerto rican", "boricua": "puerto rican", "cubana": "cuban",
    "peruana": "peruvian", "argentina": "argentinian", "salvadorena": "salvadoran",
    "hondurena": "honduran", "guatemalteca": "guatemalan", "ecuatoriana": "ecuadorian",
    "chilena": "chilean", "filipino": "filipina", "pinay": "filipina",
}
for _word, _group in list(_NATIONALITIES.items()):
    TERMS[_word] = (_CANON_NATIONALITY.get(_word, _word), _group)

_TRIE = trie(TERMS, space=r"[ \t-]")
#: matched on lower-cased text (one trie branch per letter), or with re.I when lower-casing moves offsets
_PATTERN_LOW = re.compile(trie(TERMS, space=r"[ \t-]", not_after="[a-z]") + r"(?![a-z])")
_PATTERN = re.compile(r"(?<![A-Za-z])(?:" + _TRIE + r")(?![A-Za-z])", re.I)
#: the first word of every term: a match starts at one of them
_FIRST_WORDS = frozenset(term.split()[0] for term in TERMS)
#: words after a term that make it a service, a dish or a colour, not a person's origin
_NOT_AFTER = re.compile(
    r"[ \t-]{1,2}(?:kiss|kissing|massage|wax|waxing|food|restaurant|cuisine|lingerie|dress|hair|"
    r"thong|panties|stockings|heels|man|men|guy|guys|gentlemen|gents|clients?|customers?|"
    r"lives|owned|flag|card|car|friday|roulette|spa|salon|drinks?|signals?|feelings|reviews|bag|media)\b",
    re.I,
)
#: terms that are ethnicity only with a person noun or a cue before ("white" shoes, "native" speaker)
_WEAK = frozenset({"white", "black", "native", "chocolate", "latin", "african", "indian", "spanish",
                   "argentina", "european", "german", "irish", "italian", "swedish", "polish"})
_PERSON = re.compile(r"[ \t-]{1,2}(?:girls?|woman|women|lady|ladies|babe|beauty|baby|doll|chick|"
                     r"princess|queen|goddess|bombshell|hottie|model|mami|mamacita|chica|mujer|angel|"
                     r"barbie|milf|teen|student|wife|female|and|&|/)\b", re.I)


def read_ethnicities(text: str) -> list[Span]:
    """Every advertised ethnicity or nationality in ``text``, as spans with canonical labels."""
    if not text:
        return []
    spans: list[Span] = []
    starts = word_starts(text, _FIRST_WORDS)
    if starts is not None:
        found = matches_at(_PATTERN_LOW, starts, lowered(text))
    else:
        low = lowered(text)
        found = _PATTERN_LOW.finditer(low) if low is not None else _PATTERN.finditer(text)
    for m in found:
        key = m.group().lower()
        if not key.isalpha():
            key = re.sub(r"[ \t-]+", " ", key)
        label, group = TERMS[key]
        if _NOT_AFTER.match(text, m.end()):
            continue
        conf = 0.85
        if key in _WEAK:
            if not _PERSON.match(text, m.end()):
                continue
            conf = 0.6
        if key == "exotic":
            conf = 0.5
        spans.append(Span("ethnicity", label, text[m.start() : m.end()], m.start(), m.end(), conf, "ethnicity",
                          detail={"group": group}))
    return spans


@register("ethnicity", ["ethnicity"])
def extract(text: str, context: Context) -> list[Span]:
    """The ethnicity extractor: every advertised ethnicity or nationality in the text."""
    return read_ethnicities(text)
