"""Images: a cropped, re-encoded copy of a picture links two ads; a different picture does not."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw

from clew.link import explain_network, list_networks, update_networks
from clew.link.images import near_identical
from clew.store import Store


def _picture(seed: int) -> Image.Image:
    rng = random.Random(seed)
    image = Image.new("RGB", (256, 256), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(8):
        x, y = rng.randrange(200), rng.randrange(200)
        box = (x, y, x + rng.randint(30, 120), y + rng.randint(30, 120))
        draw.ellipse(box, fill=tuple(rng.randrange(256) for _ in range(3)))
    return image


def test_crop_and_reencode_link_and_a_different_picture_does_not(store: Store, add_ads, tmp_path: Path) -> None:
    folder = tmp_path / "images"
    folder.mkdir()
    base = _picture(1)
    base.save(folder / "a.png")
    base.crop((6, 6, 250, 250)).resize((200, 200)).save(folder / "b.jpg", quality=60)
    _picture(2).save(folder / "c.jpg", quality=90)
    (folder / "broken.jpg").write_bytes(b"not a picture")
    add_ads(store, [
        {"id": "a", "title": "one", "body": "amber velvet quiet harbor", "images": ["a.png"]},
        {"id": "b", "title": "two", "body": "silver meadow bright candle", "images": ["b.jpg", "broken.jpg"]},
        {"id": "c", "title": "three", "body": "golden river tender orchid", "images": ["c.jpg", "../escape.jpg"]},
    ])
    summary = update_networks(store, images_dir=folder)
    assert summary.image_links == 1
    [net] = list_networks(store)
    assert net.ad_ids == [1, 2]
    [link] = explain_network(store, net.id).links
    assert (link.ad_a, link.ad_b, link.reason) == (1, 2, "image")
    assert link.evidence.startswith("same image ")


def test_band_index_finds_close_hashes_only() -> None:
    import numpy as np

    phash = np.array([0x0F0F_0F0F_0F0F_0F0F, 0x0F0F_0F0F_0F0F_0F0E, 0xF0F0_F0F0_F0F0_F0F0], dtype=np.uint64)
    a, b, dist = near_identical(phash, phash.copy())
    assert (a.tolist(), b.tolist(), dist.tolist()) == ([0], [1], [1])
