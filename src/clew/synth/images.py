"""Synthetic ad images: abstract shapes and gradients, never people, reused the way posters reuse photos.

Each person gets a few base pictures; an ad shows some of them again, slightly cropped, resized and
re-encoded, so perceptual hashes link them while file bytes differ. A small pool of stock pictures
is shared by unrelated independents (an image hub). Needs Pillow (``pip install clew[images]``).
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from clew.errors import InputError
from clew.synth.operators import INDEPENDENT, TRAFFICKING, Operator, Person

SIZE = 256
STOCK = 24


@lru_cache(maxsize=256)
def _base(seed: int):  # type: ignore[no-untyped-def]
    """One abstract picture drawn from ``seed``: a two-colour gradient and a handful of shapes."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    a = tuple(rng.randrange(256) for _ in range(3))
    b = tuple(rng.randrange(256) for _ in range(3))
    gradient = Image.linear_gradient("L").resize((SIZE, SIZE)).rotate(rng.randrange(360))
    image = Image.composite(Image.new("RGB", (SIZE, SIZE), a), Image.new("RGB", (SIZE, SIZE), b), gradient)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(4, 10)):
        x0, y0 = rng.randrange(SIZE), rng.randrange(SIZE)
        x1, y1 = x0 + rng.randint(20, 140), y0 + rng.randint(20, 140)
        fill = tuple(rng.randrange(256) for _ in range(3))
        shape = rng.randrange(3)
        if shape == 0:
            draw.ellipse((x0, y0, x1, y1), fill=fill)
        elif shape == 1:
            draw.rectangle((x0, y0, x1, y1), fill=fill)
        else:
            draw.polygon([(x0, y0), (x1, y0 + rng.randint(-40, 40)), (x0 + rng.randint(-40, 40), y1)], fill=fill)
    return image


class Photographer:
    """Gives operators base pictures and writes each ad's variants into ``folder``."""

    def __init__(self, folder: Path, seed: int) -> None:
        try:
            import PIL  # noqa: F401
        except ImportError as exc:
            raise InputError("synthetic images need Pillow: pip install 'clew[images]' (or pillow>=10)") from exc
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.stock = [random.Random(f"stock-{seed}-{i}").getrandbits(48) for i in range(STOCK)]

    def cast(self, op: Operator, rng: random.Random) -> None:
        """Base picture seeds for each of the operator's persons, and stock pictures it borrows."""
        op.image_seeds = [[rng.getrandbits(48) for _ in range(rng.randint(2, 5))] for _ in op.persons]
        if op.kind == TRAFFICKING and len(op.persons) > 1 and rng.random() < 0.5:
            # the same pictures advertised under another person's name
            op.image_seeds[1] = op.image_seeds[1] + op.image_seeds[0][:1]
        if op.kind == INDEPENDENT and rng.random() < 0.04:
            op.stock_images = [self.stock[rng.randrange(STOCK)]]

    def shoot(self, op: Operator, persons: list[Person], ad_id: str, rng: random.Random) -> tuple[list[str], list[str]]:
        """Write this ad's pictures; return their file names and the base pictures they derive from."""
        names: list[str] = []
        sources: list[str] = []
        if rng.random() < 0.08:
            return names, sources
        index = {p.id: i for i, p in enumerate(op.persons)}
        pool = [(seed, f"{op.id}/{p.id}/{k}") for p in persons for k, seed in enumerate(op.image_seeds[index[p.id]])]
        pool += [(seed, f"stock/{self.stock.index(seed)}") for seed in op.stock_images]
        for seed, source in rng.sample(pool, min(len(pool), rng.randint(1, 4))):
            image = _base(seed)
            w = h = SIZE
            left, top = rng.randint(0, 20), rng.randint(0, 20)
            right, bottom = w - rng.randint(0, 20), h - rng.randint(0, 20)
            variant = image.crop((left, top, right, bottom))
            side = rng.choice((160, 200, 224, 256, 300))
            variant = variant.resize((side, int(side * variant.height / variant.width)))
            name = f"{ad_id}-{len(names) + 1}.{'png' if rng.random() < 0.2 else 'jpg'}"
            if name.endswith(".png"):
                variant.save(self.folder / name, format="PNG", optimize=False)
            else:
                variant.save(self.folder / name, format="JPEG", quality=rng.randint(55, 92))
            names.append(name)
            sources.append(source)
        return names, sources
