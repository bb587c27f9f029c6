"""What the Networks stage keeps between runs (table ``link_cache``): named arrays, stored in pages.

An array is cut into pages of ``PAGE`` bytes, each one row; a run writes only the rows whose bytes
changed (new ads land in the last pages of most arrays), so keeping a 1M-ad index costs a few pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

import numpy as np
import orjson
from sqlalchemy import Connection, select

from clew.store import Store
from clew.store.networks import link_cache

#: bytes per stored page
PAGE = 1 << 22


def encode(prefix: str, arrays: Mapping[str, np.ndarray]) -> dict[str, bytes | np.ndarray]:
    """Rows (name -> bytes) holding ``arrays`` under ``prefix``: an index of dtypes and shapes, then pages.

    Pages are views of the arrays' bytes (uint8 arrays), copied only when written.
    """
    rows: dict[str, bytes | np.ndarray] = {
        f"{prefix}.index": orjson.dumps({name: [a.dtype.str, list(a.shape)] for name, a in arrays.items()})}
    for name, array in arrays.items():
        data = np.ascontiguousarray(array).reshape(-1).view(np.uint8)
        for page, at in enumerate(range(0, len(data), PAGE)):
            rows[f"{prefix}.{name}.{page:05d}"] = data[at : at + PAGE]
    return rows


def _bytes(data: bytes | np.ndarray) -> bytes:
    return data if isinstance(data, bytes) else data.tobytes()


def _same(stored: bytes | None, data: bytes | np.ndarray) -> bool:
    if stored is None:
        return False
    if isinstance(data, bytes):
        return stored == data
    return len(stored) == len(data) and bool((np.frombuffer(stored, np.uint8) == data).all())


def decode(rows: Mapping[str, bytes | np.ndarray], prefix: str, names: Iterable[str] | None = None) -> dict[str, np.ndarray] | None:
    """The arrays ``encode`` stored under ``prefix`` in ``rows`` (those ``names`` only, if given); None when
    any part is missing."""
    index = rows.get(f"{prefix}.index")
    if index is None:
        return None
    out = {}
    for name, (dtype, shape) in orjson.loads(index).items():
        if names is not None and name not in names:
            continue
        size = int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize
        pages = []
        for page in range((size + PAGE - 1) // PAGE):
            data = rows.get(f"{prefix}.{name}.{page:05d}")
            if data is None:
                return None
            pages.append(_bytes(data))
        data = b"".join(pages)
        if len(data) != size:
            return None
        out[name] = np.frombuffer(data, dtype=dtype).reshape(shape)
    return out


def read(store: Store, prefixes: Iterable[str]) -> dict[str, bytes]:
    """Every stored row under ``prefixes`` (names ``prefix.…``)."""
    found: dict[str, bytes] = {}
    with store.connect() as conn:
        for prefix in prefixes:
            found.update(conn.execute(select(link_cache.c.name, link_cache.c.data)
                                      .where(link_cache.c.name.startswith(f"{prefix}."))).all())
    return found


def write(conn: Connection, before: Mapping[str, bytes], after: Mapping[str, bytes | np.ndarray],
          prefixes: Iterable[str] = ()) -> int:
    """Store rows ``after`` where they differ from ``before`` (what is stored now); rows of ``before``
    missing from ``after``, and every other stored row under ``prefixes``, are removed. Returns rows written."""
    stale = [name for name in before if name not in after]
    for prefix in prefixes:
        stale.extend(conn.execute(select(link_cache.c.name).where(link_cache.c.name.startswith(f"{prefix}.")))
                     .scalars().all())
    changed = [name for name, data in after.items() if not _same(before.get(name), data)]
    gone = sorted(set(stale) | set(changed))
    for at in range(0, len(gone), 500):
        conn.execute(link_cache.delete().where(link_cache.c.name.in_(gone[at : at + 500])))
    now = datetime.now(UTC).replace(tzinfo=None)
    for name in changed:
        conn.execute(link_cache.insert().values(name=name, data=_bytes(after[name]), updated_at=now))
    return len(changed)
