"""The corpus's random source: ``random.Random`` seeded as usual, with cheaper draws.

The standard draws (``choice``, ``randint``, ``shuffle``) reject-sample with ``getrandbits``, which
is most of a generator's time; scaling one ``random()`` is fast, deterministic and unbiased enough.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


class Dice(random.Random):
    """A seeded ``random.Random`` whose integer draws each cost one ``random()``."""

    def _randbelow(self, n: int) -> int:  # type: ignore[override]
        return int(self.random() * n)

    def choice(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            return int(self.random() * start)
        return start + int(self.random() * (stop - start))

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))
