"""The corpus: operators planted block by block, their ads written in time order, streamed to disk.

Memory stays flat for any size: operators are planted for one block of ads at a time (an operator
never spans two blocks), the block's ads are sorted by time and written, then the block is dropped.
The same seed always gives the same corpus and truth, byte for byte.
"""

from __future__ import annotations

import gc
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TextIO

import orjson

from clew.synth.ads import location_text, make_boilerplates, posted_at, write
from clew.synth.dice import Dice
from clew.synth.operators import AD_SHARE, KINDS, TRAFFICKING, Operator, Registry, _size, plant
from clew.synth.phones import PhoneBook
from clew.synth.places import CITIES

#: ads whose operators are planted and sorted together; bounds memory
BLOCK = 50_000
DEFAULT_START = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class GenerateSummary:
    """What one generation wrote: counts to check a corpus against before measuring on it."""

    ads: int = 0
    seed: int = 0
    operators: Counter[str] = field(default_factory=Counter)
    ads_by_kind: Counter[str] = field(default_factory=Counter)
    persons: int = 0
    spanish_ads: int = 0
    trafficking_ads: int = 0
    phones: int = 0
    recycled_phones: int = 0
    phone_styles: Counter[str] = field(default_factory=Counter)
    images: int = 0
    seconds: float = 0.0

    @property
    def ads_per_second(self) -> float:
        return self.ads / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "ads": self.ads,
            "seed": self.seed,
            "operators": dict(sorted(self.operators.items())),
            "ads_by_kind": dict(sorted(self.ads_by_kind.items())),
            "persons": self.persons,
            "spanish_ads": self.spanish_ads,
            "trafficking_ads": self.trafficking_ads,
            "distinct_phones": self.phones,
            "recycled_phones": self.recycled_phones,
            "phone_styles": dict(self.phone_styles.most_common()),
            "images": self.images,
            "seconds": round(self.seconds, 2),
            "ads_per_second": round(self.ads_per_second),
        }


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in ascii_text).split())


_CATEGORIES = ("escorts", "female-escorts", "companions", "body-rubs", "dating", "adult", "acompanantes")


class _Corpus:
    """The generator's state across blocks: random source, number book, names taken, counters."""

    def __init__(self, n_ads: int, seed: int, start: datetime | None, images_dir: Path | None) -> None:
        self.n_ads = n_ads
        self.seed = seed
        self.rng = Dice(seed)
        self.start = (start or DEFAULT_START).astimezone(UTC)
        self.book = PhoneBook(Dice(self.rng.getrandbits(64)))
        self.registry = Registry()
        self.boilerplates = make_boilerplates(Dice(self.rng.getrandbits(64)))
        self.pid = [0]
        self.template_no = [0]
        self.op_no = 0
        self.summary = GenerateSummary(seed=seed)
        self.width = max(6, len(str(n_ads)))
        self.images = None
        if images_dir is not None:
            from clew.synth.images import Photographer

            self.images = Photographer(images_dir, seed)

    def _kind(self) -> str:
        """The next operator's kind: the one whose share of ads lags most, with some chance."""
        counts = self.summary.ads_by_kind
        horizon = counts.total() + 200
        weights = [max(0.5, AD_SHARE[k] * horizon - counts[k]) for k in KINDS]
        return self.rng.choices(KINDS, weights=weights)[0]

    def _block(self, size: int) -> tuple[list[Operator], list[tuple[int, int, int]]]:
        rng = self.rng
        ops: list[Operator] = []
        plans: list[tuple[int, int, int]] = []
        filled = 0
        while filled < size:
            kind = self._kind()
            n = min(_size(kind, rng), size - filled)
            self.op_no += 1
            op = plant(f"op-{self.op_no:06d}", kind, n, rng, self.book, self.registry, self.pid, self.template_no)
            if kind == "independent" and rng.random() < 0.06:
                op.boilerplate = rng.randrange(len(self.boilerplates) // 2) * 2 + (1 if op.spanish else 0)
            if self.images is not None:
                self.images.cast(op, rng)
            index = len(ops)
            ops.append(op)
            plans.extend((t, index, i) for i, t in enumerate(op.times))
            filled += n
            self.summary.operators[kind] += 1
            self.summary.ads_by_kind[kind] += n
            self.summary.persons += len(op.persons)
        plans.sort()
        return ops, plans

    def ads(self) -> Iterator[tuple[dict[str, object], dict[str, object]]]:
        rng, summary = self.rng, self.summary
        emitted = 0
        phones_seen: set[str] = set()
        slugs = {city.name: _slug(city.name) for city in CITIES}
        while emitted < self.n_ads:
            size = min(BLOCK, self.n_ads - emitted)
            ops, plans = self._block(size)
            for t, index, seq in plans:
                op = ops[index]
                emitted += 1
                ad_id = f"ad-{emitted:0{self.width}d}"
                written = write(op, t, seq, rng, self.start, self.boilerplates)
                city, truth = written.city, written.truth
                site, host = op.sites[0] if len(op.sites) == 1 or rng.random() < 0.7 else op.sites[1]
                when, canonical = posted_at(self.start, t, city.country, rng)
                images: list[str] = []
                sources: list[str] = []
                if self.images is not None:
                    images, sources = self.images.shoot(op, written.persons, ad_id, rng)
                    summary.images += len(images)
                ad = {
                    "id": ad_id,
                    "url": f"https://{host}/{slugs[city.name]}/{rng.choice(_CATEGORIES)}/{rng.randrange(10**6, 10**8)}",
                    "site": site,
                    "title": written.title,
                    "body": written.body,
                    "posted_at": when,
                    "location": location_text(city, rng),
                    "images": images,
                }
                phones = list(truth.phones)
                phones_seen.update(phones)
                summary.phone_styles.update(truth.styles)
                if op.spanish:
                    summary.spanish_ads += 1
                if op.kind == TRAFFICKING:
                    summary.trafficking_ads += 1
                template = op.template_id
                if op.boilerplate is not None:
                    template = f"stock-{op.boilerplate:03d}"
                row = {
                    "id": ad_id,
                    "operator": op.id,
                    "operator_kind": op.kind,
                    "persons": [p.id for p in written.persons],
                    "trafficking": op.kind == TRAFFICKING,
                    "template": template,
                    "phones": phones,
                    "emails": list(truth.emails),
                    "handles": [{"platform": p, "handle": h} for p, h in truth.handles],
                    "payments": [{"kind": k, "value": val} for k, val in truth.payments],
                    "urls": list(truth.urls),
                    "ages": list(truth.ages),
                    "prices": truth.prices,
                    "names": list(truth.names),
                    "city": city.name,
                    "region": city.region,
                    "country": city.country,
                    "language": "es" if op.spanish else "en",
                    "posted_at": canonical,
                    "images": images,
                    "image_sources": sources,
                    "phone_styles": truth.styles,
                    "decoys": truth.decoys,
                }
                yield ad, row
        summary.ads = emitted
        summary.phones = len(phones_seen)
        summary.recycled_phones = self.book.recycled


def iter_ads(n_ads: int, seed: int, start: datetime | None = None, images_dir: Path | None = None) -> Iterator[tuple[dict[str, object], dict[str, object]]]:
    """Yield ``(ad row, truth row)`` for ``n_ads`` synthetic ads; the same seed gives the same pairs."""
    if n_ads < 0:
        raise ValueError(f"n_ads must be >= 0, got {n_ads}")
    yield from _Corpus(n_ads, seed, start, images_dir).ads()


def _sink(target: Path | TextIO, stack: ExitStack) -> Callable[[bytes], object]:
    if isinstance(target, (str, Path)):
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle: IO[bytes] = stack.enter_context(path.open("wb", buffering=1 << 20))
        return handle.write
    buffer = getattr(target, "buffer", None)
    if buffer is not None and getattr(target, "encoding", "").lower().replace("-", "") == "utf8":
        target.flush()
        return buffer.write
    return lambda data: target.write(data.decode())


def generate(
    n_ads: int,
    seed: int,
    out: Path | TextIO,
    truth: Path | TextIO | None = None,
    images_dir: Path | None = None,
    start: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> GenerateSummary:
    """Write ``n_ads`` ads as JSON Lines to ``out`` (and their truth to ``truth``); return counts."""
    began = time.perf_counter()
    corpus = _Corpus(n_ads, seed, start, Path(images_dir) if images_dir is not None else None)
    collecting = gc.isenabled()
    with ExitStack() as stack:
        # the corpus makes no reference cycles; the collector would only rescan live operators
        if collecting:
            gc.disable()
            stack.callback(gc.enable)
        write_ad = _sink(out, stack)
        write_truth = _sink(truth, stack) if truth is not None else None
        dumps = orjson.dumps
        done = 0
        for ad, row in corpus.ads():
            write_ad(dumps(ad) + b"\n")
            if write_truth is not None:
                write_truth(dumps(row) + b"\n")
            done += 1
            if progress is not None and done % 1000 == 0:
                progress(done)
        if progress is not None:
            progress(done)
    summary = corpus.summary
    summary.seconds = time.perf_counter() - began
    return summary
