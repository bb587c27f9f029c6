"""Writing one scheduled ad of an operator: title, body, contacts, decoys, and the exact truth.

Everything written into the ad that is a phone, e-mail, handle, payment account, URL, age, price
or name is recorded in the truth at the moment it is written, so the truth cannot drift from the
text. Decoys (prices, dates, stats, IDs, placeholder numbers) are recorded as decoys.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from clew.synth import contacts as c
from clew.synth import vocabulary as v
from clew.synth.operators import AGENCY, DAY, INDEPENDENT, TRAFFICKING, Operator, Person
from clew.synth.phones import SUPPORT_LINES, Phone, make_phone
from clew.synth.places import COUNTRIES, City

_NUM_EN = {18: "eighteen", 19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty"}
_ONES_EN = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUM_ES = {18: "dieciocho", 19: "diecinueve", 20: "veinte", 21: "veintiuno", 22: "veintidós", 23: "veintitrés",
           24: "veinticuatro", 25: "veinticinco", 26: "veintiséis", 27: "veintisiete", 28: "veintiocho", 29: "veintinueve"}
_TENS_ES = {30: "treinta", 40: "cuarenta", 50: "cincuenta"}
_ONES_ES = ("", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")


def age_words(age: int, spanish: bool) -> str:
    if spanish:
        if age in _NUM_ES:
            return _NUM_ES[age]
        tens, ones = age // 10 * 10, age % 10
        return _TENS_ES[tens] + (f" y {_ONES_ES[ones]}" if ones else "")
    if age in _NUM_EN:
        return _NUM_EN[age]
    tens, ones = age // 10 * 10, age % 10
    return _NUM_EN[tens] + (f"-{_ONES_EN[ones]}" if ones else "")


_AGE_EN = ("{a}yo", "{a} y/o", "age: {a}", "{a} years old", "{a}yrs", "{w} years young", "I'm {a}", "{a} yrs old", "Age {a}", "{a} YO", "{a}y/o", "{w} years old")
_AGE_ES = ("{a} años", "tengo {a} años", "edad: {a}", "{w} años", "{a} añitos", "{a} añ0s".replace("0", "o"))
_HAS_DIGIT = re.compile(r"\d").search
_PHONE_LEAD_EN = ("call/text ", "📞 ", "☎️ ", "Text me at ", "cell: ", "", "", "TXT ", "text ", "call ", "📲 ", "Call or text ", "#: ", "contact: ", "Text only ", "hmu ", "my number ", "☎ ")
_PHONE_LEAD_ES = ("llámame al ", "WhatsApp ", "WhatsApp: ", "whats ", "cel. ", "📞 ", "", "mi número ", "wsp ", "escríbeme al ", "📲 ", "tel: ", "citas al ")


@dataclass(slots=True)
class Truth:
    """What one ad holds, recorded as it is written."""

    phones: dict[str, None] = field(default_factory=dict)
    emails: dict[str, None] = field(default_factory=dict)
    handles: dict[tuple[str, str], None] = field(default_factory=dict)
    payments: dict[tuple[str, str], None] = field(default_factory=dict)
    urls: dict[str, None] = field(default_factory=dict)
    ages: dict[int, None] = field(default_factory=dict)
    prices: list[dict[str, object]] = field(default_factory=list)
    names: dict[str, None] = field(default_factory=dict)
    decoys: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)


def _pick_style(op: Operator, rng: random.Random) -> str:
    r = rng.random()
    if r < op.heavy:
        return rng.choice(c.HEAVY)
    if r < op.heavy + op.light:
        return rng.choice(c.LIGHT)
    return c.PLAIN


def phone_text(op: Operator, phone: Phone, truth: Truth, rng: random.Random, *, lead: bool = True, style: str | None = None) -> str:
    style = style or _pick_style(op, rng)
    if style == c.SPELLED_ES and not op.spanish:
        style = c.SPELLED
    text = c.write_phone(phone, style, rng, spanish=op.spanish)
    truth.phones[phone.e164] = None
    truth.styles.append(style)
    if not lead:
        return text
    return rng.choice(_PHONE_LEAD_ES if op.spanish else _PHONE_LEAD_EN) + text


def age_text(op: Operator, age: int, truth: Truth, rng: random.Random) -> str:
    forms = _AGE_ES if op.spanish else _AGE_EN
    form = forms[op.age_style % len(forms)] if rng.random() < 0.75 else rng.choice(forms)
    truth.ages[age] = None
    return form.format(a=age, w=age_words(age, op.spanish))


_CONVERT = {"USD": (1.0, 10), "CAD": (1.3, 10), "AUD": (1.5, 10), "GBP": (0.8, 10), "EUR": (0.9, 10), "MXN": (17.0, 100), "COP": (4000.0, 10000)}


def price_text(op: Operator, currency: str, truth: Truth, rng: random.Random, base: int | None = None) -> str:
    """One stated price and its duration, in the market's money and idiom."""
    rate, step = _CONVERT[currency]
    base = base or op.price_base
    r = rng.random()
    if r < 0.45:
        minutes, mult = 60, 1.0
    elif r < 0.7:
        minutes, mult = 30, 0.65
    elif r < 0.8:
        minutes, mult = 15, 0.4
    elif r < 0.9:
        minutes, mult = 120, 1.8
    else:
        minutes, mult = None, 1.0
    amount = max(step, int(base * mult * rate * rng.uniform(0.9, 1.1)) // step * step)
    if currency in ("USD", "CAD", "AUD") and not op.spanish:
        forms = {60: ("${a}/hr", "${a} hr", "1hr ${a}", "${a} hour", "${a}/h", "hr {a}", "{a} roses/hr", "${a} full hour"),
                 30: ("{a}hh", "${a} hh", "hh ${a}", "half hour ${a}", "${a}/30min", "30 min {a}"),
                 15: ("qv {a}", "${a} qv", "15min ${a}", "quickie {a}"),
                 120: ("2 hrs {a}", "${a} for 2 hours", "2hr ${a}"),
                 None: ("{a} roses", "donation {a}", "${a} special", "{a} roses ❤️")}
    elif currency == "GBP":
        forms = {60: ("£{a} per hour", "£{a}ph", "1hr £{a}", "£{a}/hr"), 30: ("30 mins £{a}", "£{a} half hour", "£{a}/30"),
                 15: ("15 mins £{a}", "£{a} quickie"), 120: ("2 hours £{a}", "£{a} for 2hrs"), None: ("£{a}", "from £{a}")}
    elif currency == "EUR":
        forms = {60: ("{a}€ 1h", "1 hora {a}€", "{a} euros la hora", "{a}€/h"), 30: ("{a}€ media hora", "30 min {a}€", "media hora {a} euros"),
                 15: ("15 min {a}€", "{a}€ rapidito"), 120: ("2 horas {a}€", "{a}€ 2h"), None: ("desde {a}€", "{a}€")}
    elif currency == "COP":
        forms = {60: ("${A} la hora", "{k} mil la hora", "hora {k}mil", "${A} 1 hora"), 30: ("media hora {k}mil", "${A} media hora", "30 min {k} mil"),
                 15: ("rapidito {k} mil", "15 min ${A}"), 120: ("2 horas ${A}", "{k} mil 2 horas"), None: ("rato ${A}", "desde {k} mil")}
    else:  # MXN, and US dollars in Spanish
        forms = {60: ("${A} la hora", "{a} la hora", "${A} 1 hora", "hora ${A}"), 30: ("media hora ${A}", "${A} media hora", "30 min ${A}"),
                 15: ("rapidito ${A}", "15 min ${A}"), 120: ("2 horas ${A}", "${A} 2 horas"), None: ("desde ${A}", "${A} el rato")}
    form = rng.choice(forms[minutes])
    if currency == "COP":
        big = f"{amount:,}".replace(",", ".")
    elif currency == "MXN":
        big = f"{amount:,}" if rng.random() < 0.6 else str(amount)
    else:
        big = str(amount)
    truth.prices.append({"amount": amount, "currency": currency, "minutes": minutes})
    text = form.format(a=amount, A=big, k=amount // 1000)
    truth.decoys.append(text)
    return text


def _stats(op: Operator, rng: random.Random, truth: Truth) -> str:
    if op.spanish:
        parts = [rng.choice(("90-60-90", "95-65-100", "88-58-92", "100-70-105")), f"1.{rng.randint(50, 78)}m",
                 f"{rng.randint(48, 70)}kg", rng.choice(("talla 6", "copa C", "copa D"))]
    else:
        cup = rng.choice(("B", "C", "D", "DD", "DDD", "A"))
        parts = [f"{rng.choice((32, 34, 34, 36, 38))}{cup}-{rng.choice((22, 24, 25, 26, 28))}-{rng.choice((34, 35, 36, 38, 40))}",
                 rng.choice((f"5'{rng.randint(0, 11)}\"", f"5ft{rng.randint(0, 11)}", f"{rng.randint(150, 180)}cm", f"5’{rng.randint(0, 11)}", f"5'{rng.randint(0, 11)}")),
                 rng.choice((f"{rng.randint(95, 180)}lbs", f"{rng.randint(95, 180)} lbs", f"{rng.randint(45, 80)}kg", f"{rng.randint(95, 180)}lb")),
                 rng.choice(("size 2", "size 4", "petite", "natural", "hazel eyes", "dress size 6"))]
    rng.shuffle(parts)
    parts = parts[: rng.randint(2, 4)]
    truth.decoys.extend(p for p in parts if any(ch.isdigit() for ch in p))
    return rng.choice((" | ", " • ", ", ", " / ", " - ", "  ")).join(parts)


def _decoy(op: Operator, city: City, currency: str, t: int, start: datetime, rng: random.Random, truth: Truth) -> str:
    """One string that carries digits but is not a phone or an age."""
    r = rng.randrange(14)
    es = op.spanish
    when = start + timedelta(seconds=t + rng.randint(1, 9) * DAY)
    if r == 0:
        s = rng.choice(("{a}pm-{b}am", "{a}PM - {b}AM", "from {a}pm to {b}am", "after {a}pm", "{a}:30pm till late", "{a}pm til {b}am")) if not es else \
            rng.choice(("de {a}pm a {b}am", "desde las {a}:00", "{a}pm - {b}am"))
        s = s.format(a=rng.randint(6, 11), b=rng.randint(1, 5))
    elif r == 1:
        s = rng.choice((f"{when.month}/{when.day}", f"{when.month:02d}/{when.day:02d}/{when.year}", f"{when:%b} {when.day}", f"{when.month}/{when.day}-{when.month}/{min(28, when.day + 2)}")) if not es else \
            rng.choice((f"{when.day}/{when.month}", f"{when.day:02d}/{when.month:02d}/{when.year}", f"del {when.day} al {min(28, when.day + 3)}"))
    elif r == 2:
        s = (f"near {rng.randint(10000, 99999)}" if city.country == "US" else f"CP {rng.randint(10000, 99999)}") if not es else f"CP {rng.randint(10000, 99999)}"
    elif r == 3:
        s = rng.choice((f"ref #{rng.randint(2 * 10**10, 10**12)}", f"ID {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                        f"post id: {rng.randint(2 * 10**10, 10**13)}", f"ad #{rng.randint(10**5, 10**7)}", f"verification code {rng.randint(1000, 9999)}"))
    elif r == 4:
        s = rng.choice((f"room {rng.randint(100, 2999)}", f"suite {rng.randint(100, 999)}", f"rm #{rng.randint(100, 1999)}")) if not es else f"hab. {rng.randint(100, 999)}"
    elif r == 5:
        s = rng.choice(("100% real", "50% off first visit", "20% off for regulars", "100% satisfaction", "10% off 2hrs")) if not es else rng.choice(("100% real", "50% de descuento", "100% garantizado"))
    elif r == 6:
        s = "24/7"
    elif r == 7:
        placeholder = rng.choice(("555-555-5555", "000-000-0000", "123-456-7890", "(555) 555-5555", "555.555.5555"))
        frame = rng.choice(("beware of fakes using {p}", "(not {p})", "no {p} numbers", "fake ads list {p}", "ignore {p}")) if not es else "cuidado con {p}"
        truth.decoys.append(placeholder)
        return frame.format(p=placeholder)
    elif r == 8:
        s = rng.choice((f"{rng.randint(2, 9)} years experience", f"since {rng.randint(2012, 2024)}", f"{rng.randint(2, 12)} reviews", f"top {rng.randint(3, 20)}")) if not es else rng.choice((f"desde {rng.randint(2012, 2024)}", f"{rng.randint(2, 9)} años de experiencia"))
    elif r == 9:
        s = rng.choice((f"{rng.randint(2, 4)} girls available", f"exit {rng.randint(10, 99)}", f"I-{rng.choice((10, 15, 35, 45, 75, 95))} area", f"hwy {rng.randint(10, 99)}")) if not es else f"salida {rng.randint(10, 99)}"
    elif r == 10:
        s = rng.choice((f"{when.hour % 12 + 1}:{rng.choice(('00', '15', '30', '45'))}", f"{rng.randint(10, 11)}:30", "11:11", f"until {rng.randint(1, 4)}am")) if not es else f"{rng.randint(8, 11)}:30"
    elif r == 11:
        return price_text(op, currency, truth, rng)  # a price dropped mid-text; recorded as price and decoy
    elif r == 12:
        s = rng.choice((f"{rng.randint(10, 99)}.{rng.randint(10, 99)}.{rng.randint(10, 99)}", f"{rng.randint(1, 9)}x{rng.randint(1, 9)}", f"{rng.randint(100, 999)} reviews"))
    else:
        s = rng.choice((f"{rng.randint(2, 9)}0 min away", f"{rng.randint(5, 20)} mins from the airport", f"{rng.randint(1, 9)} blocks from the strip")) if not es else f"a {rng.randint(5, 20)} minutos del aeropuerto"
    truth.decoys.append(s)
    return s


class _Slots(dict):  # type: ignore[type-arg]
    """Frame slots drawn only when a frame asks for them (most frames use two or three)."""

    __slots__ = ("rng", "spanish", "person")

    def __missing__(self, key: str) -> str:
        rng, es = self.rng, self.spanish
        if key in ("adj", "adj2"):
            value = rng.choice(v.ADJ_ES if es else v.ADJ_EN)
        elif key in ("hobby", "hobby2"):
            value = rng.choice(v.HOBBY_ES if es else v.HOBBY_EN)
        elif key in ("service", "service2"):
            value = rng.choice(v.SERVICE_ES if es else v.SERVICE_EN)
        elif key == "stock":
            value = rng.choice(v.STOCK_ES if es else v.STOCK_EN)
        elif key == "emoji":
            value = rng.choice(v.EMOJI)
        elif key == "look":
            value = self.person.look
        else:
            raise KeyError(key)
        self[key] = value
        return value


def _fill(frame: str, person: Person, name: str, city: City, spanish: bool, rng: random.Random) -> str:
    slots = _Slots(name=name, NAME=name.upper(), city=city.name)
    slots.rng, slots.spanish, slots.person = rng, spanish, person
    return frame.format_map(slots)


def _draft(op: Operator, person: Person, name: str, city: City, rng: random.Random, boilerplates: list[list[str]]) -> None:
    """An independent's own text, written once and reused with light edits."""
    es = op.spanish
    if op.boilerplate is not None:
        op.draft = [line.replace("{look}", person.look) for line in boilerplates[op.boilerplate]]
    else:
        frames = v.FRAMES_ES if es else v.FRAMES_EN
        out = []
        if rng.random() < 0.6:
            out.append(rng.choice(v.OPENERS_ES if es else v.OPENERS_EN) + rng.choice(("!", "!!", "", " 😘", ",")))
        for frame in rng.sample(frames, rng.randint(2, 5)):
            out.append(_fill(frame, person, "{name}", city, es, rng).replace(city.name, "{city}"))
        stock = v.STOCK_ES if es else v.STOCK_EN
        out.extend(rng.sample(stock, rng.randint(1, 3)))
        if rng.random() < 0.6:
            out.extend(rng.sample(v.FILLERS_ES if es else v.FILLERS_EN, rng.randint(1, 2)))
        if rng.random() < 0.5:
            out.append(rng.choice(v.CLOSERS_ES if es else v.CLOSERS_EN))
        op.draft = out
    titles = v.TITLE_FRAMES_ES if es else v.TITLE_FRAMES_EN
    op.titles = [_fill(f, person, "{name}", city, es, rng).replace("{NAME}", "{NAME}").replace(city.name, "{city}")
                 for f in rng.sample(titles, 2)]


def make_boilerplates(rng: random.Random, count: int = 40) -> list[list[str]]:
    """Stock ads that circulate and get copied by unrelated independents (name, look, city slotted).

    Even numbers are English, odd ones Spanish, so an operator takes one in its own language.
    """
    out = []
    dummy = Person("p-0", ["{name}"], 25, "{look}")
    city = City("{city}", "", "US", ())
    for i in range(count):
        es = i % 2 == 1
        frames = v.FRAMES_ES if es else v.FRAMES_EN
        lines = [rng.choice(v.OPENERS_ES if es else v.OPENERS_EN) + "!"]
        lines += [_fill(f, dummy, "{name}", city, es, rng) for f in rng.sample(frames, 4)]
        lines += rng.sample(v.STOCK_ES if es else v.STOCK_EN, 3)
        lines.append(rng.choice(v.CLOSERS_ES if es else v.CLOSERS_EN))
        out.append(lines)
    return out


def _template(op: Operator, rng: random.Random) -> None:
    """A network's template: fixed wording, with slots for name, age, city, movement, price, phone."""
    es = op.spanish
    fixed = {
        "youth": rng.choice(v.YOUTH_ES if es else v.YOUTH_EN),
        "control": rng.choice(v.CONTROL_ES if es else v.CONTROL_EN),
        "availability": rng.choice(v.AVAILABILITY_ES if es else v.AVAILABILITY_EN),
        "hotel": rng.choice(v.HOTEL_ES if es else v.HOTEL_EN),
        "special": rng.choice(v.SPECIALS_ES if es else v.SPECIALS_EN),
        "stock": rng.choice(v.STOCK_ES if es else v.STOCK_EN),
        "filler": rng.choice(v.FILLERS_ES if es else v.FILLERS_EN),
        "service": rng.choice(v.SERVICE_ES if es else v.SERVICE_EN),
        "adj": rng.choice(v.ADJ_ES if es else v.ADJ_EN),
        "look": rng.choice(v.LOOKS_ES if es else v.LOOKS_EN),
        "emoji": rng.choice(v.EMOJI) + (rng.choice(v.YOUTH_EMOJI) if rng.random() < 0.6 else ""),
        "NEW": rng.choice(("NEW", "NEW!!", "🆕", "JUST ARRIVED", "NUEVA" if es else "BRAND NEW")),
    }
    slots = {"name": "{name}", "NAME": "{NAME}", "age": "{age}", "city": "{city}", "movement": "{movement}", "price": "{price}"}
    lines = list(v.TEMPLATE_LINES_ES if es else v.TEMPLATE_LINES_EN)
    picked = rng.sample(lines, rng.randint(5, 9))
    stock = v.STOCK_ES if es else v.STOCK_EN
    body = []
    for frame in picked:
        fixed["stock"] = rng.choice(stock)  # each stock line of the template its own phrase
        body.append(frame.format(**fixed, **slots))
    if not any("{price}" in b for b in body) and rng.random() < 0.8:
        body.insert(rng.randrange(len(body) + 1), "{price}")
    if not any("{age}" in b for b in body) and rng.random() < 0.8:
        body.insert(rng.randrange(min(3, len(body)) + 1), "{name} {age}")
    body.insert(rng.randrange(len(body) + 1), "{phone}")
    op.template = body
    op.template_title = rng.choice(v.TEMPLATE_TITLES_ES if es else v.TEMPLATE_TITLES_EN).format(**fixed, **slots)
    arrive = v.MOVEMENT_ES[:1] + v.MOVEMENT_ES[3:4] + v.MOVEMENT_ES[9:] if es else ("new in town", "✈️ just landed", "just arrived", "back in town")
    leave = v.MOVEMENT_ES[1:2] + v.MOVEMENT_ES[5:7] if es else ("last night here", "leaving soon", "last day", "only here until Sunday")
    middle = v.MOVEMENT_ES[2:3] + v.MOVEMENT_ES[4:5] + v.MOVEMENT_ES[7:9] if es else ("visiting", "here for a few days only", "on tour", "in town this week only", "passing through")
    op.draft = [rng.choice(arrive), rng.choice(middle), rng.choice(leave)]


_CUE_BANKS = {
    False: {"youth": v.YOUTH_EN, "control": v.CONTROL_EN, "movement": v.MOVEMENT_EN, "availability": v.AVAILABILITY_EN, "hotel": v.HOTEL_EN, "special": v.SPECIALS_EN},
    True: {"youth": v.YOUTH_ES, "control": v.CONTROL_ES, "movement": v.MOVEMENT_ES, "availability": v.AVAILABILITY_ES, "hotel": v.HOTEL_ES, "special": v.SPECIALS_ES},
}


def _cue(op: Operator, kind: str, rng: random.Random) -> str:
    return rng.choice(_CUE_BANKS[op.spanish][kind])


def _typos(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        right, wrong = rng.choice(v.TYPOS)
        text = text.replace(f" {right} ", f" {wrong} ", 1)
    return text


@dataclass(slots=True)
class Written:
    title: str
    body: str
    city: City
    persons: list[Person]
    truth: Truth


def write(op: Operator, t: int, seq: int, rng: random.Random, start: datetime, boilerplates: list[list[str]]) -> Written:
    """The title, body and truth of the ``seq``-th ad of ``op``, posted ``t`` seconds into the corpus."""
    truth = Truth()
    stay = op.stay_at(t)
    city = stay.city
    if op.offices and rng.random() < 0.35:
        city = op.offices[0]
    country = COUNTRIES[city.country]
    currency = "USD" if city.country == "US" else country.currency
    es = op.spanish
    if op.kind == INDEPENDENT:
        title, prose = _independent(op, t, stay, city, rng, truth, boilerplates)
        persons = op.persons
    elif op.kind == AGENCY:
        title, prose, persons = _agency(op, city, currency, rng, truth)
    else:
        title, prose, persons = _network(op, t, stay, city, currency, rng, truth)

    # cues every kind uses at its own rates (networks' template already carries its own)
    if op.kind != TRAFFICKING:
        for kind, rate in op.cues.items():
            if rng.random() < rate:
                prose.insert(rng.randrange(len(prose) + 1), _cue(op, kind, rng))
    if op.typo and prose and rng.random() < op.typo * 6:
        # only lines without digits, so a typo never touches a price, an age or a number
        at = rng.randrange(len(prose))
        if not _HAS_DIGIT(prose[at]):
            prose[at] = _typos(f" {prose[at]} ", rng).strip()

    # age and price when the operator states them (networks' template has its own slots)
    if op.kind == INDEPENDENT:
        if rng.random() < op.states_age:
            prose.insert(rng.randrange(min(3, len(prose)) + 1), age_text(op, op.persons[0].age, truth, rng))
        if rng.random() < op.states_price:
            n = 1 if rng.random() < 0.6 else 2
            prose.append(rng.choice((" / ", " | ", ", ", " ")).join(price_text(op, currency, truth, rng) for _ in range(n)))

    # decoys
    if rng.random() < 0.35:
        stats = op.stats.get(persons[0].id)
        if stats is None:
            scratch = Truth()
            stats = op.stats[persons[0].id] = (_stats(op, rng, scratch), scratch.decoys)
        prose.insert(rng.randrange(len(prose) + 1), stats[0])
        truth.decoys.extend(stats[1])
    for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 3))):
        prose.insert(rng.randrange(len(prose) + 1), _decoy(op, city, currency, t, start, rng, truth))

    # contacts: phone lines apart from the rest, since a number may go to the title
    phones = op.phones_at(t)
    if len(phones) > 1 and rng.random() < 0.4:
        phones = phones[-1:]
    phone_lines: list[str] = []
    in_template = op.kind == TRAFFICKING and any("{phone}" in p for p in prose)
    for i, phone in enumerate(phones):
        if in_template and i == 0:
            continue
        line = phone_text(op, phone, truth, rng)
        if i >= 1:
            line = rng.choice(("new number! ", "or ", "backup: ", "NEW # ") if not es else ("nuevo número: ", "o ", "nuevo: ")) + line
        phone_lines.append(line)
    contact_lines: list[str] = []
    for email in op.emails:
        if rng.random() < (0.8 if op.kind == AGENCY else 0.55):
            truth.emails[email] = None
            contact_lines.append(rng.choice(("", "email: ", "✉️ ", "mail ", "e-mail ") if not es else ("", "correo: ", "✉️ ")) + c.write_email(email, rng))
    for platform, handle in op.handles:
        if rng.random() < 0.6:
            truth.handles[(platform, handle.lower())] = None
            contact_lines.append(c.write_handle(platform, handle, rng, spanish=es))
    for kind, value, written in op.payments:
        if rng.random() < 0.5:
            if value == "phone":
                phone = phones[0]
                text = phone_text(op, phone, truth, rng, lead=False, style=c.PLAIN)
                truth.payments[(kind, phone.e164)] = None
                contact_lines.append(c.write_payment(kind, text, rng))
            else:
                if "@" in value and not value.startswith("@"):
                    truth.emails[value] = None
                truth.payments[(kind, value if kind in ("btc", "eth") else value.lower())] = None
                contact_lines.append(c.write_payment(kind, written, rng))
    for url in op.urls:
        if rng.random() < 0.6:
            truth.urls[url] = None
            contact_lines.append(c.write_url(url, rng))
    if es and city.country in ("MX", "CO", "ES") and rng.random() < 0.05:
        contact_lines.append(f"wa.me/{phones[-1].e164[1:]}")
        truth.phones[phones[-1].e164] = None

    # where the number goes: body end mostly, sometimes first, in the title only, or twice
    r = rng.random()
    if phone_lines and r < 0.05:
        title = f"{title} {' '.join(phone_lines)}"
        phone_lines = []
    elif r < 0.14:
        title = f"{title} {phone_text(op, phones[0], truth, rng, lead=False)}"
    if in_template:
        prose = [p.replace("{phone}", phone_text(op, phones[0], truth, rng, lead=rng.random() < 0.5)) if "{phone}" in p else p for p in prose]
    contact_lines = phone_lines + contact_lines
    rng.shuffle(contact_lines)
    if contact_lines:
        where = rng.random()
        if where < 0.72:
            prose.extend(contact_lines)
        elif where < 0.87:
            prose[0:0] = contact_lines
        else:
            at = rng.randrange(len(prose) + 1)
            prose[at:at] = contact_lines
    # hub: a site's own support line in the footer of many unrelated ads
    if city.country in ("US", "CA") and rng.random() < 0.05:
        phone = make_support(SUPPORT_LINES[hash_site(op.sites[0][0]) % len(SUPPORT_LINES)])
        prose.append(rng.choice(("Report abuse: ", "Site support ", "Questions about this site? ", "To report an ad call ")) + phone_text(op, phone, truth, rng, lead=False, style=c.PLAIN))

    joiner = op.joiner
    body = joiner.join(prose)
    if op.emoji and rng.random() < op.emoji:
        body = body + " " + "".join(rng.choice(v.EMOJI) for _ in range(rng.randint(1, 4)))
    if op.caps:
        r = rng.random()
        if r < op.caps:
            title = title.upper()
            if rng.random() < 0.3:
                body = body.upper()
    return Written(title, body, city, persons, truth)


_SUPPORT: dict[str, Phone] = {}


def make_support(e164: str) -> Phone:
    phone = _SUPPORT.get(e164)
    if phone is None:
        phone = _SUPPORT[e164] = make_phone(e164)
    return phone


def hash_site(name: str) -> int:
    """A stable number for a site name (Python's ``hash`` is salted per process)."""
    return sum(ord(ch) * (i + 1) for i, ch in enumerate(name))


def _independent(op: Operator, t: int, stay, city: City, rng: random.Random, truth: Truth, boilerplates: list[list[str]]) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    person = op.persons[0]
    name = person.names[0]
    if not op.draft:
        _draft(op, person, name, city, rng, boilerplates)
    prose = list(op.draft)
    r = rng.random()
    if r < 0.35 and len(prose) > 2:
        i = rng.randrange(len(prose) - 1)
        prose[i], prose[i + 1] = prose[i + 1], prose[i]
    if rng.random() < 0.2 and len(prose) > 3:
        del prose[rng.randrange(1, len(prose))]
    if rng.random() < 0.25:
        prose.insert(rng.randrange(len(prose) + 1), rng.choice(v.STOCK_ES if op.spanish else v.STOCK_EN))
    if rng.random() < 0.03:  # a rare rewrite of the draft
        op.draft = []
    title = rng.choice(op.titles) if rng.random() < 0.85 else _fill(rng.choice(v.TITLE_FRAMES_ES if op.spanish else v.TITLE_FRAMES_EN), person, name, city, op.spanish, rng)
    if stay is not op.stays[0] and stay.city is not op.stays[0].city:
        prose.insert(0, rng.choice(("visiting", "new in town", "in town for a few days", "on tour")) if not op.spanish else rng.choice(("de visita", "nueva en la ciudad")))
    if "{name}" in title or "{NAME}" in title or any("{name}" in p for p in prose):
        truth.names[name] = None
    title = title.replace("{name}", name).replace("{NAME}", name.upper()).replace("{city}", city.name)
    prose = [p.replace("{name}", name).replace("{city}", city.name) for p in prose]
    return title, prose


def _agency(op: Operator, city: City, currency: str, rng: random.Random, truth: Truth) -> tuple[str, list[str], list[Person]]:
    es = op.spanish
    roster = rng.random() < 0.45
    persons = rng.sample(op.persons, min(len(op.persons), rng.randint(2, 5))) if roster else [rng.choice(op.persons)]
    prose = []
    emoji = rng.choice(v.EMOJI) if rng.random() < op.emoji else "-"
    head = rng.choice((f"{op.name} {emoji} {city.name}", f"{op.name.upper()}", f"Welcome to {op.name}" if not es else f"Bienvenido a {op.name}",
                       f"{op.name} - {city.name}'s finest" if not es else f"{op.name} - lo mejor de {city.name}"))
    prose.append(head)
    if roster:
        prose.append("Tonight:" if not es else "Hoy:")
        for p in persons:
            name = rng.choice(p.names)
            truth.names[name] = None
            if rng.random() < op.states_age:
                truth.ages[p.age] = None
                prose.append(rng.choice(("{n} ({a}) {l}", "{n}, {a}, {l}", "{n} - {a} - {l}", "{n} {a}yo {l}")).format(n=name, a=p.age, l=p.look))
            else:
                prose.append(f"{name} - {rng.choice(v.ADJ_ES if es else v.ADJ_EN)} {p.look}")
        title = f"{op.name}: {', '.join(p.names[0] for p in persons[:3])} {rng.choice(('& more', 'available', 'tonight', '+ new girls'))}" if not es else f"{op.name}: {', '.join(p.names[0] for p in persons[:3])} y más"
    else:
        p = persons[0]
        name = rng.choice(p.names)
        truth.names[name] = None
        prose.append(_fill(rng.choice(("Meet {name}, our {adj} {look}", "{name} is a {adj} {look} you will adore", "Introducing {name}: {adj} and {adj2}")
                                      if not es else ("Conoce a {name}, nuestra {look} {adj}", "{name} es una {look} {adj}")), p, name, city, es, rng))
        if rng.random() < op.states_age:
            prose.append(age_text(op, p.age, truth, rng))
        title = _fill(rng.choice(v.TITLE_FRAMES_ES if es else v.TITLE_FRAMES_EN), p, name, city, es, rng)
        if rng.random() < 0.5:
            title = f"{title} | {op.name}"
    prose.append(rng.choice(("Discreet upscale agency serving {c}", "The finest companions in {c}", "Outcall to all {c} hotels", "Verified agency, real photos", "Professional, discreet, reliable")
                            if not es else ("Agencia discreta en {c}", "Las mejores acompañantes de {c}", "Servicio a hoteles en {c}")).format(c=city.name))
    prose.extend(rng.sample(v.STOCK_ES if es else v.STOCK_EN, rng.randint(1, 3)))
    if rng.random() < op.states_price:
        prices = [price_text(op, currency, truth, rng) for _ in range(rng.randint(1, 3))]
        prose.append(("Rates: " if not es else "Tarifas: ") + " / ".join(prices))
    return title, prose, persons


def _network(op: Operator, t: int, stay, city: City, currency: str, rng: random.Random, truth: Truth) -> tuple[str, list[str], list[Person]]:  # type: ignore[no-untyped-def]
    if not op.template:
        _template(op, rng)
    person = rng.choice(op.persons)
    persons = [person]
    name = rng.choice(person.names)
    age = person.age + (1 if rng.random() < 0.15 else 0)
    phase = (t - stay.start) / max(1, stay.end - stay.start)
    movement = op.draft[0] if phase < 0.3 else op.draft[2] if phase > 0.8 else op.draft[1]
    lines = list(op.template)
    if rng.random() < 0.15 and len(lines) > 4:
        drop = rng.randrange(len(lines))
        if "{phone}" not in lines[drop]:
            del lines[drop]
    if rng.random() < 0.1 and len(lines) > 2:
        i = rng.randrange(len(lines) - 1)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    names_written = False
    prose = []
    for line in lines:
        if "{age}" in line:
            if rng.random() < op.states_age:
                line = line.replace("{age}", age_text(op, age, truth, rng))
            else:
                line = line.replace(" {age}", "").replace("{age}", "")
        if "{price}" in line:
            if rng.random() < op.states_price:
                line = line.replace("{price}", " / ".join(price_text(op, currency, truth, rng) for _ in range(rng.randint(1, 3))))
            else:
                line = line.replace("{price}", "")
        if "{name}" in line or "{NAME}" in line:
            names_written = True
        line = line.replace("{name}", name).replace("{NAME}", name.upper()).replace("{city}", city.name).replace("{movement}", movement)
        if line.strip():
            prose.append(line)
    title = op.template_title
    if "{age}" in title:
        title = title.replace("{age}", age_text(op, age, truth, rng) if rng.random() < op.states_age else "")
    if "{name}" in title or "{NAME}" in title:
        names_written = True
    title = title.replace("{name}", name).replace("{NAME}", name.upper()).replace("{city}", city.name).replace("{movement}", movement)
    if names_written:
        truth.names[name] = None
    if len(op.persons) > 1 and rng.random() < 0.1:
        other = rng.choice([p for p in op.persons if p is not person])
        other_name = rng.choice(other.names)
        prose.insert(len(prose) // 2, (f"{other_name} also available" if not op.spanish else f"también {other_name}") + (" 2 girl special" if not op.spanish and rng.random() < 0.5 else ""))
        truth.names[other_name] = None
        persons.append(other)
    return " ".join(title.split()), prose, persons


_DATES: dict[tuple[datetime, int], str] = {}


def _posted_slow(base: datetime, t: int, country: str, rng: random.Random) -> tuple[object, str]:
    when = base + timedelta(seconds=t)
    canonical = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    rng.random()
    return canonical, canonical


def posted_at(base: datetime, t: int, country: str, rng: random.Random) -> tuple[object, str]:
    """The posting time as the site wrote it (mostly ISO 8601, sometimes epoch or US style), and its UTC ISO form."""
    day, rest = divmod(t, DAY)
    date = _DATES.get((base, day))
    if date is None:
        date = _DATES[(base, day)] = (base + timedelta(days=day)).strftime("%Y-%m-%d")
    hour, rest = divmod(rest + base.hour * 3600 + base.minute * 60 + base.second, 3600)
    if hour >= 24:
        return _posted_slow(base, t, country, rng)
    canonical = f"{date}T{hour:02d}:{rest // 60:02d}:{rest % 60:02d}Z"
    r = rng.random()
    if r < 0.78:
        return canonical, canonical
    when = base + timedelta(seconds=t)
    if r < 0.86:
        offset = {"US": -6, "CA": -5, "AU": 11, "GB": 0, "ES": 1, "MX": -6, "CO": -5}[country]
        local = when + timedelta(hours=offset)
        sign = "+" if offset >= 0 else "-"
        return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{abs(offset):02d}:00", canonical
    if r < 0.9:
        return when.strftime("%Y-%m-%d %H:%M:%S"), canonical
    if r < 0.93:
        return int(when.timestamp()), canonical
    if r < 0.94:
        return str(int(when.timestamp())), canonical
    if r < 0.98:
        return f"{when:%b} {when.day}, {when.year} {(when.hour % 12) or 12}:{when:%M} {'AM' if when.hour < 12 else 'PM'}", canonical
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z"), canonical


def location_text(city: City, rng: random.Random) -> str | None:
    """The location field as posters or sites fill it: tidy, partial, aliased or missing."""
    r = rng.random()
    country = city.country
    if r < 0.04 and country in ("US", "CA", "AU", "GB", "ES", "MX"):
        return None
    if country in ("US", "CA"):
        forms = (f"{city.name}, {city.region}", f"{city.name}, {city.region}", f"{city.name}, {city.region_name}", city.name,
                 f"{city.name}, {city.region}, {'USA' if country == 'US' else 'Canada'}", f"{city.name.upper()} {city.region}", city.name.lower())
    elif country == "AU":
        forms = (f"{city.name}, {city.region}, Australia", f"{city.name}, {city.region}", f"{city.name} {city.region}", f"{city.name}, Australia")
    elif country == "GB":
        forms = (f"{city.name}, UK", f"{city.name}, {city.region_name}", city.name, f"{city.name}, United Kingdom")
    elif country == "ES":
        forms = (f"{city.name}, España", city.name, f"{city.name}, Spain", f"{city.name} ({city.region_name})")
    elif country == "MX":
        forms = (f"{city.name}, {city.region_name}", f"{city.name}, México", f"{city.name}, {city.region}, Mexico", city.name)
    else:
        forms = (f"{city.name}, Colombia", f"{city.name}, {city.region_name}, Colombia", f"{city.name} - Colombia")
    if r < 0.12 and city.aliases and country not in ("CO",):
        alias = rng.choice(city.aliases)
        if country in ("US", "CA"):
            return rng.choice((alias, f"{alias}, {city.region}", f"{alias} area", f"{alias}!!"))
        return f"{alias}, {city.name}"
    return rng.choice(forms)
