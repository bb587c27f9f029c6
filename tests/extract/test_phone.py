"""Adversarial phone cases: every obfuscation family, international numbers, and what is not a phone.

All numbers are fictitious: US 555-01XX, Australia's 0491 570 006-159 drama range, and obviously
made-up patterns elsewhere (+44 7911 123456, +34 612 345 678, ...). Each case asserts the exact
E.164 value and the exact span.
"""

from __future__ import annotations

import pytest

from clew.extract import Context, extract_text
from clew.extract.phone import extract_phones, read_phones

US = "+17025550142"
US2 = "+17025550199"
CHI = "+13125550123"
TOR = "+14165550142"
AU = "+61491570006"
AU2 = "+61491570159"
UK = "+447911123456"
ES = "+34612345678"
MX = "+525512345678"
CO = "+573001234567"
DE = "+4915123456789"
FR = "+33612345678"
NZ = "+64211234567"
BR = "+5511912345678"

# (text, region, [(surface, e164), ...]) -- the surface is the exact span text, found left to right
P = list[tuple[str, str]]
POSITIVES: list[tuple[str, str, P]] = [
    # --- plain formats ------------------------------------------------------------------------
    ("702-555-0142", "US", [("702-555-0142", US)]),
    ("(702) 555-0142", "US", [("(702) 555-0142", US)]),
    ("(702)555-0142", "US", [("(702)555-0142", US)]),
    ("702.555.0142", "US", [("702.555.0142", US)]),
    ("702 555 0142", "US", [("702 555 0142", US)]),
    ("7025550142", "US", [("7025550142", US)]),
    ("1-702-555-0142", "US", [("1-702-555-0142", US)]),
    ("1 (702) 555-0142", "US", [("1 (702) 555-0142", US)]),
    ("1.702.555.0142", "US", [("1.702.555.0142", US)]),
    ("17025550142", "US", [("17025550142", US)]),
    ("+1 702 555 0142", "US", [("+1 702 555 0142", US)]),
    ("+1 (702) 555-0142", "US", [("+1 (702) 555-0142", US)]),
    ("+17025550142", "US", [("+17025550142", US)]),
    ("+1-702-555-0142", "AU", [("+1-702-555-0142", US)]),
    ("702/555/0142", "US", [("702/555/0142", US)]),
    ("702 - 555 - 0142", "US", [("702 - 555 - 0142", US)]),
    ("702  555  0142", "US", [("702  555  0142", US)]),
    ("702 555-0142", "US", [("702 555-0142", US)]),
    ("[702] 555 0142", "US", [("702] 555 0142", US)]),
    ("702\u2013555\u20130142", "US", [("702\u2013555\u20130142", US)]),
    ("702\u2014555\u20140142", "US", [("702\u2014555\u20140142", US)]),
    ("702\u2011555\u20110142", "US", [("702\u2011555\u20110142", US)]),
    ("702\u00a0555\u00a00142", "US", [("702\u00a0555\u00a00142", US)]),
    ("702\u00b7555\u00b70142", "US", [("702\u00b7555\u00b70142", US)]),
    ("702\u2022555\u20220142", "US", [("702\u2022555\u20220142", US)]),
    ("702_555_0142", "US", [("702_555_0142", US)]),
    ("702*555*0142", "US", [("702*555*0142", US)]),
    ("702~555~0142", "US", [("702~555~0142", US)]),
    ("702 | 555 | 0142", "US", [("702 | 555 | 0142", US)]),
    ("702...555...0142", "US", [("702...555...0142", US)]),
    ("702 555 0142 x 12", "US", [("702 555 0142 x 12", US)]),
    ("011 1 702 555 0142", "US", [("011 1 702 555 0142", US)]),
    # --- cues and surrounding prose -------------------------------------------------------------
    ("call 702-555-0142", "US", [("702-555-0142", US)]),
    ("Text me: 702-555-0142 anytime", "US", [("702-555-0142", US)]),
    ("txt7025550142", "US", [("7025550142", US)]),
    ("call7025550142now", "US", [("7025550142", US)]),
    ("\u260e\ufe0f 702-555-0142", "US", [("702-555-0142", US)]),
    ("\U0001f4de702.555.0142", "US", [("702.555.0142", US)]),
    ("Tel:702-555-0142.", "US", [("702-555-0142", US)]),
    ("My number is 702-555-0142! Ask for Mia", "US", [("702-555-0142", US)]),
    ("whatsapp +1 702 555 0142", "US", [("+1 702 555 0142", US)]),
    ("ll\u00e1mame 702 555 0142 mi amor", "US", [("702 555 0142", US)]),
    ("$200 hh 702-555-0142", "US", [("702-555-0142", US)]),
    ("702-555-0142 $150", "US", [("702-555-0142", US)]),
    ("call me 702-555-0142 $200/hr", "US", [("702-555-0142", US)]),
    ("Available 24/7 call 702.555.0142", "US", [("702.555.0142", US)]),
    ("new in town 01/15/2026 text 702 555 0142", "US", [("702 555 0142", US)]),
    ("5'4 120lbs 34D-24-36 call 702-555-0142", "US", [("702-555-0142", US)]),
    ("Ages 21, 23. Call 702-555-0142, no blocked calls", "US", [("702-555-0142", US)]),
    ("10pm-4am 702-555-0142", "US", [("702-555-0142", US)]),
    ("Las Vegas NV 89109 - 702-555-0142", "US", [("702-555-0142", US)]),
    ("\u6211\u7684\u7535\u8bdd702-555-0142", "US", [("702-555-0142", US)]),
    ("702-555-0142.Nice day.", "US", [("702-555-0142", US)]),
    ("(702) 555-0142 (702) 555-0199", "US", [("(702) 555-0142", US), ("(702) 555-0199", US2)]),
    ("702-555-0142 / 702-555-0199", "US", [("702-555-0142", US), ("702-555-0199", US2)]),
    ("702-555-0142/702-555-0199", "US", [("702-555-0142", US), ("702-555-0199", US2)]),
    ("702 555 0142 702 555 0199", "US", [("702 555 0142", US), ("702 555 0199", US2)]),
    ("call 702-555-0142 or 312-555-0123", "US", [("702-555-0142", US), ("312-555-0123", CHI)]),
    ("702-555-0142\n312-555-0123", "US", [("702-555-0142", US), ("312-555-0123", CHI)]),
    ("#702-555-0142 call me", "US", [("702-555-0142", US)]),
    ("text\u00a0#\u00a0702 555 0142", "US", [("702 555 0142", US)]),
    # --- number words ---------------------------------------------------------------------------
    ("seven0two 5five5 01four2", "US", [("seven0two 5five5 01four2", US)]),
    ("seven zero two five five five zero one four two", "US", [("seven zero two five five five zero one four two", US)]),
    ("seven oh two five five five oh one four two", "US", [("seven oh two five five five oh one four two", US)]),
    ("Seven Oh Two Five Five Five Oh One Four Two", "US", [("Seven Oh Two Five Five Five Oh One Four Two", US)]),
    ("SEVEN ZERO TWO 555 0142", "US", [("SEVEN ZERO TWO 555 0142", US)]),
    ("seven 0 2 \U0001f48b 555 \U0001f48b 0142", "US", [("seven 0 2 \U0001f48b 555 \U0001f48b 0142", US)]),
    ("7 zero 2 - 5 five 5 - 0 one 4 two", "US", [("7 zero 2 - 5 five 5 - 0 one 4 two", US)]),
    ("sevenohtwo fivefivefive ohonefourtwo", "US", [("sevenohtwo fivefivefive ohonefourtwo", US)]),
    ("seven-zero-two-five-five-five-zero-one-four-two", "US", [("seven-zero-two-five-five-five-zero-one-four-two", US)]),
    ("7o2 five5five o1four2", "US", [("7o2 five5five o1four2", US)]),
    ("seven oh two five five five oh one forty two", "US", [("seven oh two five five five oh one forty two", US)]),
    ("seven oh two five five five oh one forty-two", "US", [("seven oh two five five five oh one forty-two", US)]),
    ("three one two five five five zero one twenty three", "US", [("three one two five five five zero one twenty three", CHI)]),
    ("seven oh two five five five zero one ninety nine", "US", [("seven oh two five five five zero one ninety nine", US2)]),
    ("call seven0two.5five5.0one4two", "US", [("seven0two.5five5.0one4two", US)]),
    ("702 five five five 0142", "US", [("702 five five five 0142", US)]),
    ("text me at seven oh two 555 oh one four two babe", "US", [("seven oh two 555 oh one four two", US)]),
    ("one seven oh two five five five oh one four two", "US", [("one seven oh two five five five oh one four two", US)]),
    # commas between spelled-out groups of a 3-3-4 number; a counted list stays a list
    ("three one two, five five five, zero one two three", "US", [("three one two, five five five, zero one two three", "+13125550123")]),
    ("seven-two-five, five five five, o-one-seven-seven", "US", [("seven-two-five, five five five, o-one-seven-seven", "+17255550177")]),
    ("zero two zero, seven nine four six, zero-seven-zero-eight", "GB", [("zero two zero, seven nine four six, zero-seven-zero-eight", "+442079460708")]),
    ("one, two, three, four, five, six, seven, eight, nine, ten", "US", []),
    # --- Spanish words --------------------------------------------------------------------------
    ("siete cero dos cinco cinco cinco cero uno cuatro dos", "US", [("siete cero dos cinco cinco cinco cero uno cuatro dos", US)]),
    ("Siete Cero Dos 555 Cero Uno Cuatro Dos", "US", [("Siete Cero Dos 555 Cero Uno Cuatro Dos", US)]),
    ("tres uno dos cinco cinco cinco cero uno veintitr\u00e9s", "US", [("tres uno dos cinco cinco cinco cero uno veintitr\u00e9s", CHI)]),
    ("llama al siete cero dos cinco cinco cinco cero uno cuarenta y dos", "US", [("siete cero dos cinco cinco cinco cero uno cuarenta y dos", US)]),
    ("setecientos dos 555 cero uno cuarenta y dos", "US", [("setecientos dos 555 cero uno cuarenta y dos", US)]),
    ("cinco cinco doce treinta y cuatro cincuenta y seis setenta y ocho", "MX", [("cinco cinco doce treinta y cuatro cincuenta y seis setenta y ocho", MX)]),
    ("seis doce treinta y cuatro cincuenta y seis setenta y ocho", "ES", [("seis doce treinta y cuatro cincuenta y seis setenta y ocho", ES)]),
    ("whatsapp tres cero cero uno dos tres cuatro cinco seis siete", "CO", [("tres cero cero uno dos tres cuatro cinco seis siete", CO)]),
    # --- English teens and tens -----------------------------------------------------------------
    ("seven oh two five five five oh one forty two", "CA", [("seven oh two five five five oh one forty two", US)]),
    ("four one six five five five zero one forty-two", "US", [("four one six five five five zero one forty-two", TOR)]),
    ("seventy two fifty five fifty oh one forty two", "US", [("seventy two fifty five fifty oh one forty two", "+17255500142")]),
    ("seven oh two, five fifty-five, oh one four two", "US", [("seven oh two, five fifty-five, oh one four two", US)]),
    ("three twelve five five five oh one twenty-three", "US", [("three twelve five five five oh one twenty-three", CHI)]),
    ("three one two five five five oh one twenty three", "US", [("three one two five five five oh one twenty three", CHI)]),
    # --- look-alike letters ---------------------------------------------------------------------
    ("7o2.555.l234", "US", [("7o2.555.l234", "+17025551234")]),
    ("7O2-555-O142", "US", [("7O2-555-O142", US)]),
    ("7o2 555 Ol42", "US", [("7o2 555 Ol42", US)]),
    ("702-555-Ol42", "US", [("702-555-Ol42", US)]),
    ("7O2 555 0I42", "US", [("7O2 555 0I42", US)]),
    ("7\u03bf2 555 \u03bf142", "US", [("7\u03bf2 555 \u03bf142", US)]),
    ("7\u041e2 555 \u041e142", "US", [("7\u041e2 555 \u041e142", US)]),
    ("7\u043e2-555-\u043e142", "US", [("7\u043e2-555-\u043e142", US)]),
    ("7\u039f2 555 \u039f142", "US", [("7\u039f2 555 \u039f142", US)]),
    ("7O2 5S5 O142", "US", [("7O2 5S5 O142", US)]),
    ("7O2 555 O1Z3", "US", [("7O2 555 O1Z3", "+17025550123")]),
    ("3l2 555 Ol23", "US", [("3l2 555 Ol23", CHI)]),
    ("7O2 555 O1B8", "US", [("7O2 555 O1B8", "+17025550188")]),
    ("7 o 2 5 5 5 o 1 4 2", "US", [("7 o 2 5 5 5 o 1 4 2", US)]),
    ("7oz 555 0142", "US", []),
    # whole groups of look-alikes, decided group by group by the digits around them
    ("2l3-SS5-01B9", "US", [("2l3-SS5-01B9", "+12135550189")]),
    ("816.SSS.O1OB", "US", [("816.SSS.O1OB", "+18165550108")]),
    ("#: SOS-5S5-OL1B!", "US", [("SOS-5S5-OL1B", "+15055550118")]),
    ("2lo S55 o117", "US", [("2lo S55 o117", "+12105550117")]),
    ("TXT +44-\u043e-2\u043e-7946-\u043e7\u043e8", "US", [("+44-\u043e-2\u043e-7946-\u043e7\u043e8", "+442079460708")]),
    ("6l2-555-0lZ3 or 34B-24-36", "US", [("6l2-555-0lZ3", "+16125550123")]),
    # --- every Unicode digit form ---------------------------------------------------------------
    ("\uff17\uff10\uff12-\uff15\uff15\uff15-\uff10\uff11\uff14\uff12", "US", [("\uff17\uff10\uff12-\uff15\uff15\uff15-\uff10\uff11\uff14\uff12", US)]),
    ("\U0001d7d5\U0001d7ce\U0001d7d0 \U0001d7d3\U0001d7d3\U0001d7d3 \U0001d7ce\U0001d7cf\U0001d7d2\U0001d7d0", "US", [("\U0001d7d5\U0001d7ce\U0001d7d0 \U0001d7d3\U0001d7d3\U0001d7d3 \U0001d7ce\U0001d7cf\U0001d7d2\U0001d7d0", US)]),
    ("\U0001d7df\U0001d7d8\U0001d7da\U0001d7dd\U0001d7dd\U0001d7dd\U0001d7d8\U0001d7d9\U0001d7dc\U0001d7da", "US", [("\U0001d7df\U0001d7d8\U0001d7da\U0001d7dd\U0001d7dd\U0001d7dd\U0001d7d8\U0001d7d9\U0001d7dc\U0001d7da", US)]),
    ("\U0001d7fd\U0001d7f6\U0001d7f8.\U0001d7fb\U0001d7fb\U0001d7fb.\U0001d7f6\U0001d7f7\U0001d7fa\U0001d7f8", "US", [("\U0001d7fd\U0001d7f6\U0001d7f8.\U0001d7fb\U0001d7fb\U0001d7fb.\U0001d7f6\U0001d7f7\U0001d7fa\U0001d7f8", US)]),
    ("\U0001d7e9\U0001d7e2\U0001d7e4 \U0001d7e7\U0001d7e7\U0001d7e7 \U0001d7e2\U0001d7e3\U0001d7e6\U0001d7e4", "US", [("\U0001d7e9\U0001d7e2\U0001d7e4 \U0001d7e7\U0001d7e7\U0001d7e7 \U0001d7e2\U0001d7e3\U0001d7e6\U0001d7e4", US)]),
    ("(\u2466\u24ea\u2461) \u2464\u2464\u2464-\u24ea\u2460\u2463\u2461", "US", [("(\u2466\u24ea\u2461) \u2464\u2464\u2464-\u24ea\u2460\u2463\u2461", US)]),
    ("\u2466\u24ea\u2461\u2464\u2464\u2464\u24ea\u2460\u2463\u2461", "US", [("\u2466\u24ea\u2461\u2464\u2464\u2464\u24ea\u2460\u2463\u2461", US)]),
    ("\u277c\u24ff\u2777 \u277a\u277a\u277a \u24ff\u2776\u2779\u2777", "US", [("\u277c\u24ff\u2777 \u277a\u277a\u277a \u24ff\u2776\u2779\u2777", US)]),
    ("\u2786\u24ea\u2781 \u2784\u2784\u2784 \u24ea\u2780\u2783\u2781", "US", [("\u2786\u24ea\u2781 \u2784\u2784\u2784 \u24ea\u2780\u2783\u2781", US)]),
    ("\u2790\u24ff\u278b \u278e\u278e\u278e \u24ff\u278a\u278d\u278b", "US", [("\u2790\u24ff\u278b \u278e\u278e\u278e \u24ff\u278a\u278d\u278b", US)]),
    ("\u247a0\u2475 \u2478\u2478\u2478 0\u2474\u2477\u2475", "US", [("\u247a0\u2475 \u2478\u2478\u2478 0\u2474\u2477\u2475", US)]),
    ("\u24fb\u24ea\u24f6 \u24f9\u24f9\u24f9 \u24ea\u24f5\u24f8\u24f6", "US", [("\u24fb\u24ea\u24f6 \u24f9\u24f9\u24f9 \u24ea\u24f5\u24f8\u24f6", US)]),
    ("\u2077\u2070\u00b2\u2075\u2075\u2075\u2070\u00b9\u2074\u00b2", "US", [("\u2077\u2070\u00b2\u2075\u2075\u2075\u2070\u00b9\u2074\u00b2", US)]),
    ("\u2087\u2080\u2082 \u2085\u2085\u2085 \u2080\u2081\u2084\u2082", "US", [("\u2087\u2080\u2082 \u2085\u2085\u2085 \u2080\u2081\u2084\u2082", US)]),
    ("\u0667\u0660\u0662\u0665\u0665\u0665\u0660\u0661\u0664\u0662", "US", [("\u0667\u0660\u0662\u0665\u0665\u0665\u0660\u0661\u0664\u0662", US)]),
    ("\u06f7\u06f0\u06f2 \u06f5\u06f5\u06f5 \u06f0\u06f1\u06f4\u06f2", "US", [("\u06f7\u06f0\u06f2 \u06f5\u06f5\u06f5 \u06f0\u06f1\u06f4\u06f2", US)]),
    ("\u096d\u0966\u0968-\u096b\u096b\u096b-\u0966\u0967\u096a\u0968", "US", [("\u096d\u0966\u0968-\u096b\u096b\u096b-\u0966\u0967\u096a\u0968", US)]),
    ("\u09ed\u09e6\u09e8\u09eb\u09eb\u09eb\u09e6\u09e7\u09ea\u09e8", "US", [("\u09ed\u09e6\u09e8\u09eb\u09eb\u09eb\u09e6\u09e7\u09ea\u09e8", US)]),
    ("\u0e57\u0e50\u0e52 \u0e55\u0e55\u0e55 \u0e50\u0e51\u0e54\u0e52", "US", [("\u0e57\u0e50\u0e52 \u0e55\u0e55\u0e55 \u0e50\u0e51\u0e54\u0e52", US)]),
    ("\u248e\U0001f100\u2489 555 0142", "US", [("\u248e\U0001f100\u2489 555 0142", US)]),
    ("7\u24ea2 \u2464\u2464\u2464 \U0001d7ce\U0001d7cf\U0001d7d2\U0001d7d0", "US", [("7\u24ea2 \u2464\u2464\u2464 \U0001d7ce\U0001d7cf\U0001d7d2\U0001d7d0", US)]),
    # --- keycaps and emoji between digits -------------------------------------------------------
    ("7\ufe0f\u20e30\ufe0f\u20e32\ufe0f\u20e35\ufe0f\u20e35\ufe0f\u20e35\ufe0f\u20e30\ufe0f\u20e31\ufe0f\u20e34\ufe0f\u20e32\ufe0f\u20e3", "US", [("7\ufe0f\u20e30\ufe0f\u20e32\ufe0f\u20e35\ufe0f\u20e35\ufe0f\u20e35\ufe0f\u20e30\ufe0f\u20e31\ufe0f\u20e34\ufe0f\u20e32\ufe0f\u20e3", US)]),
    ("7\u20e30\u20e32\u20e3 555 0142", "US", [("7\u20e30\u20e32\u20e3 555 0142", US)]),
    ("7\ufe0f\u20e30\ufe0f\u20e32\ufe0f\u20e3-5\ufe0f\u20e35\ufe0f\u20e35\ufe0f\u20e3-0\ufe0f\u20e31\ufe0f\u20e34\ufe0f\u20e32\ufe0f\u20e3", "US", [("7\ufe0f\u20e30\ufe0f\u20e32\ufe0f\u20e3-5\ufe0f\u20e35\ufe0f\u20e35\ufe0f\u20e3-0\ufe0f\u20e31\ufe0f\u20e34\ufe0f\u20e32\ufe0f\u20e3", US)]),
    ("\U0001f4f1 7\ufe0f\u20e30\ufe0f\u20e32\ufe0f\u20e3 555 0142 \U0001f4f1", "US", [("7\ufe0f\u20e30\ufe0f\u20e32\ufe0f\u20e3 555 0142", US)]),
    ("702\U0001f48b555\U0001f48b0142", "US", [("702\U0001f48b555\U0001f48b0142", US)]),
    ("702 \U0001f48b 555 \U0001f48b 0142", "US", [("702 \U0001f48b 555 \U0001f48b 0142", US)]),
    ("702\U0001f525\U0001f525555\U0001f525\U0001f5250142", "US", [("702\U0001f525\U0001f525555\U0001f525\U0001f5250142", US)]),
    ("702 \u2764\ufe0f 555 \u2764\ufe0f 0142", "US", [("702 \u2764\ufe0f 555 \u2764\ufe0f 0142", US)]),
    ("7\U0001f4270\U0001f4272\U0001f4275\U0001f4275\U0001f4275\U0001f4270\U0001f4271\U0001f4274\U0001f4272", "US", [("7\U0001f4270\U0001f4272\U0001f4275\U0001f4275\U0001f4275\U0001f4270\U0001f4271\U0001f4274\U0001f4272", US)]),
    ("702 dash 555 dash 0142", "US", [("702 dash 555 dash 0142", US)]),
    ("702 dot 555 dot 0142", "US", [("702 dot 555 dot 0142", US)]),
    ("7\u200b0\u200b2\u200b5\u200b5\u200b5\u200b0\u200b1\u200b4\u200b2", "US", [("7\u200b0\u200b2\u200b5\u200b5\u200b5\u200b0\u200b1\u200b4\u200b2", US)]),
    ("702\u200d555\u200d0142", "US", [("702\u200d555\u200d0142", US)]),
    ("7 0 2 5 5 5 0 1 4 2", "US", [("7 0 2 5 5 5 0 1 4 2", US)]),
    ("7-0-2-5-5-5-0-1-4-2", "US", [("7-0-2-5-5-5-0-1-4-2", US)]),
    ("7.0.2.5.5.5.0.1.4.2", "US", [("7.0.2.5.5.5.0.1.4.2", US)]),
    ("70 25 55 01 42", "US", [("70 25 55 01 42", US)]),
    ("((702)) 555 0142", "US", [("(702)) 555 0142", US)]),
    # --- international --------------------------------------------------------------------------
    ("0491 570 006", "AU", [("0491 570 006", AU)]),
    ("0491570159", "AU", [("0491570159", AU2)]),
    ("+61 491 570 006", "AU", [("+61 491 570 006", AU)]),
    ("+61 491 570 006", "US", [("+61 491 570 006", AU)]),
    ("+61491570006", "GB", [("+61491570006", AU)]),
    ("call 0491-570-006 Melbourne", "AU", [("0491-570-006", AU)]),
    ("0491 57O OO6", "AU", [("0491 57O OO6", AU)]),
    ("oh four nine one five seven oh oh oh six", "AU", [("oh four nine one five seven oh oh oh six", AU)]),
    ("0011 61 491 570 006", "US", []),
    ("011 61 491 570 006", "US", [("011 61 491 570 006", AU)]),
    ("(02) 9876 5432", "AU", [("(02) 9876 5432", "+61298765432")]),
    ("07911 123456", "GB", [("07911 123456", UK)]),
    ("+44 7911 123456", "US", [("+44 7911 123456", UK)]),
    ("+44 (0) 7911 123456", "GB", [("+44 (0) 7911 123456", UK)]),
    ("0044 7911 123456", "GB", [("0044 7911 123456", UK)]),
    ("07911-123-456", "GB", [("07911-123-456", UK)]),
    ("(416) 555-0142", "CA", [("(416) 555-0142", TOR)]),
    ("416.555.0142 Toronto", "CA", [("416.555.0142", TOR)]),
    ("+1 416 555 0142", "MX", [("+1 416 555 0142", TOR)]),
    ("55 1234 5678", "MX", [("55 1234 5678", MX)]),
    ("+52 55 1234 5678", "MX", [("+52 55 1234 5678", MX)]),
    ("+52 (55) 1234-5678", "US", [("+52 (55) 1234-5678", MX)]),
    ("cinco cinco 1234 5678", "MX", [("cinco cinco 1234 5678", MX)]),
    ("612 345 678", "ES", [("612 345 678", ES)]),
    ("612 34 56 78", "ES", [("612 34 56 78", ES)]),
    ("+34 612 345 678", "ES", [("+34 612 345 678", ES)]),
    ("+34 612345678", "US", [("+34 612345678", ES)]),
    ("0034 612 345 678", "ES", [("0034 612 345 678", ES)]),
    ("300 123 4567", "CO", [("300 123 4567", CO)]),
    ("+57 300 1234567", "CO", [("+57 300 1234567", CO)]),
    ("+57 300 123 4567", "US", [("+57 300 123 4567", CO)]),
    ("01512 3456789", "DE", [("01512 3456789", DE)]),
    ("+49 151 23456789", "DE", [("+49 151 23456789", DE)]),
    ("+49 (0) 151 23456789", "US", [("+49 (0) 151 23456789", DE)]),
    ("06 12 34 56 78", "FR", [("06 12 34 56 78", FR)]),
    ("06.12.34.56.78", "FR", [("06.12.34.56.78", FR)]),
    ("+33 6 12 34 56 78", "FR", [("+33 6 12 34 56 78", FR)]),
    ("021 123 4567", "NZ", [("021 123 4567", NZ)]),
    ("+64 21 123 4567", "AU", [("+64 21 123 4567", NZ)]),
    ("(11) 91234-5678", "BR", [("(11) 91234-5678", BR)]),
    ("+55 11 91234 5678", "US", [("+55 11 91234 5678", BR)]),
    ("Melbourne 0491 570 006 or +44 7911 123456", "AU", [("0491 570 006", AU), ("+44 7911 123456", UK)]),
    ("\uff0b\uff14\uff14 \uff17\uff19\uff11\uff11 \uff11\uff12\uff13\uff14\uff15\uff16", "US", [("\uff0b\uff14\uff14 \uff17\uff19\uff11\uff11 \uff11\uff12\uff13\uff14\uff15\uff16", UK)]),
]

# (text, region) that hold no phone number
NEGATIVES: list[tuple[str, str]] = [
    ("34B-24-36 and 36B-26-38", "US"),
    ("loved the 80S and 90S, SOS", "US"),
    ("Boss-555-0142", "US"),
    ("cuidado con 555.555.5555", "MX"),
    ("not 123-456-7890", "GB"),
    ("$200", "US"),
    ("200/hr 300/2hr", "US"),
    ("150hh 250h 400 2hrs", "US"),
    ("300 roses 500 roses", "US"),
    ("$415-666-7777", "US"),
    ("415-666-7777$", "US"),
    ("\u00a3702-555-0142", "US"),
    ("\u20ac702 555 0142", "US"),
    ("702-555-0142%", "US"),
    ("USD 7025550142", "US"),
    ("01/15/2026", "US"),
    ("12/25", "US"),
    ("on 01/15/2026 and 02/14/2026", "US"),
    ("2026-01-15 08:00", "US"),
    ("15.01.2026 - 20.01.2026", "DE"),
    ("1999-2024 2025", "US"),
    ("10pm-4am", "US"),
    ("11:30-12:45", "US"),
    ("open 10am to 11pm 7 days", "US"),
    ("11:30 12:30 13:30 14:30", "US"),
    ("89101", "US"),
    ("zip 89109 zip 89101", "US"),
    ("zip code 7025550142", "US"),
    ("34D-24-36", "US"),
    ("36-24-36 5'4 120lbs", "US"),
    ("5'4\" 120 lbs 34DD", "US"),
    ("165cm 55kg 90-60-90", "US"),
    ("5 ft 4 in, 120 lbs", "US"),
    ("100%", "US"),
    ("100% real 50% off", "US"),
    ("24/7", "US"),
    ("available 24/7 365", "US"),
    ("12345678901234567890", "US"),
    ("70255501427025550142", "US"),
    ("ref #2026011288", "US"),
    ("ref #7025550142", "US"),
    ("ID: 7025550142", "US"),
    ("post id 7025550142", "US"),
    ("order no. 7025550142", "US"),
    ("#7025550142", "US"),
    ("abc415-666-7777", "US"),
    ("415-666-7777def", "US"),
    ("\u00e9702-555-0142", "US"),
    ("555-0142", "US"),
    ("call 555 0142", "US"),
    ("123-456-7890", "US"),
    ("000-000-0000", "US"),
    ("1 2 3 4 5 6 7 8 9", "US"),
    ("one two three four five six seven", "US"),
    ("one hour two girls three hundred roses", "US"),
    ("someone often tone done", "US"),
    ("Oh oh oh one two", "US"),
    ("80.585 [79.964, 81.191]", "US"),
    ("3.14159 2.71828", "US"),
    ("$100 $200 $300 $400", "US"),
    ("100 200 300 400", "US"),
    ("qv 100 hh 150 h 250", "US"),
    ("1,000,000", "US"),
    ("$1,200.00", "US"),
    ("age 21 22 23", "US"),
    ("rooms 101 102 103 104", "US"),
    ("0491 570 006", "US"),
    ("55 1234 5678", "ES"),
    ("", "US"),
    ("   ", "US"),
    ("no numbers here at all", "US"),
    ("\U0001f48b\U0001f48b\U0001f48b", "US"),
    ("l0l 0l0 l0l", "US"),
    ("20.5 x 30.5 x 40.5 cm", "US"),
    ("1920x1080", "US"),
    ("2026/01/15", "US"),
    ("v1.2.3.4", "US"),
]


def _expected(text: str, phones: P) -> list[tuple[str, str, int, int]]:
    out = []
    at = 0
    for surface, value in phones:
        start = text.index(surface, at)
        out.append((value, surface, start, start + len(surface)))
        at = start + len(surface)
    return out


@pytest.mark.parametrize(("text", "region", "phones"), POSITIVES, ids=[c[0][:40] for c in POSITIVES])
def test_reads_phone(text: str, region: str, phones: P) -> None:
    got = [(s.value, s.text, s.start, s.end) for s in read_phones(text, region)]
    assert got == _expected(text, phones)


@pytest.mark.parametrize(("text", "region"), NEGATIVES, ids=[c[0][:40] or "empty" for c in NEGATIVES])
def test_rejects_non_phone(text: str, region: str) -> None:
    assert read_phones(text, region) == []


def test_case_counts() -> None:
    assert sum(1 for _, _, phones in POSITIVES if phones) >= 150
    assert len(NEGATIVES) + sum(1 for _, _, phones in POSITIVES if not phones) >= 50


def test_spans_are_the_text_they_name() -> None:
    for text, region, _ in POSITIVES:
        for span in read_phones(text, region):
            assert text[span.start : span.end] == span.text
            assert span.kind == "phone" and span.extractor == "phone"
            assert 0.0 < span.confidence <= 1.0


def test_confidence_orders_plain_above_obfuscated_and_cue_above_none() -> None:
    plain = read_phones("702-555-0142", "US")[0].confidence
    cued = read_phones("call me 702-555-0142", "US")[0].confidence
    words = read_phones("seven oh two five five five oh one four two", "US")[0].confidence
    looks = read_phones("7o2 555 Ol42", "US")[0].confidence
    assert cued > plain > looks > words


def test_registered_extractor_uses_context_region() -> None:
    melbourne = Context(location="Melbourne VIC")
    spans = list(extract_phones("text 0491 570 006", melbourne))
    assert [s.value for s in spans] == [AU]
    assert [s.value for s in extract_text("text 0491 570 006", Context(region="AU"), names=["phone"])] == [AU]
    assert list(extract_phones("text 0491 570 006", Context(region="US"))) == []


@pytest.mark.parametrize(
    ("location", "region"),
    [("Atlanta, Georgia", "US"), ("Columbus, Georgia", "US"), ("Tbilisi, Georgia", "GE"), ("Savannah, GA", "US")],
)
def test_state_named_like_a_country_beside_its_city(location: str, region: str) -> None:
    from clew.extract.context import infer_region

    assert infer_region(Context(location=location)) == region


@pytest.mark.parametrize(
    ("location", "url", "region"),
    [
        ("Perth, WA", None, "AU"),  # WA is also Washington: the city decides
        ("Seattle, WA", None, "US"),
        ("Philly, PA", None, "US"),  # a nickname, not a namesake abroad
        ("SA, TX", None, "US"),  # the state written last, not South Australia
        ("NOLA area", None, "US"),
        ("North Jersey", None, "US"),
        ("Kensington, London", None, "GB"),  # the largest place named decides
        ("San Pedro, Monterrey", None, "MX"),
        ("Valencia", "https://example.es/valencia/1", "ES"),  # the site's country breaks the tie
        ("Valencia", None, "VE"),
    ],
)
def test_region_from_nicknames_states_and_site(location: str, url: str | None, region: str) -> None:
    from clew.extract.context import infer_region

    assert infer_region(Context(location=location, url=url)) == region
