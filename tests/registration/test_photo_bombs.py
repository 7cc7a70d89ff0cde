"""A picture that declares a huge size in a small file is refused from its header, before a
single pixel is decoded: the request stays small in memory and nothing is saved."""
from __future__ import annotations

import functools
import io
import struct
import threading
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.images import ImageRefused, open_image
from tests.registration.conftest import form_data, picture, register, vietnam


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(
        ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


@functools.lru_cache(maxsize=1)
def bomb_png(side: int = 8900) -> bytes:
    """A single-colour RGB PNG of side × side pixels, a few hundred kB, built row by row."""
    packer = zlib.compressobj(9)
    row = b"\0" + b"\xb4\x78\x5a" * side
    body = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body)
            + _chunk(b"IEND", b""))


def _rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def _memory_growth(work) -> tuple[int, int, object]:
    """Peak growth of the resident memory (sampled every millisecond, so Pillow's own
    allocations count too) and tracemalloc's peak, while `work` runs."""
    base, peak, done = _rss(), [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _rss() - base)
            time.sleep(0.001)

    watcher = threading.Thread(target=sample)
    tracemalloc.start()
    watcher.start()
    try:
        result = work()
    finally:
        done.set()
        watcher.join()
        traced = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak[0], traced, result


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_a_decompression_bomb_photo_is_refused_without_decoding_it(app, db, demo, vn_head):
    bomb = bomb_png()
    assert len(bomb) < 1_000_000
    register(vn_head, demo, photo=picture())  # warm the form and the code paths once
    db.session.rollback()
    before = db.session.scalar(select(func.count()).select_from(vietnam().subquery()))
    growth, traced, response = _memory_growth(
        lambda: register(vn_head, demo, photo=bomb, email="bomb@mps.example.com"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ảnh có quá nhiều điểm ảnh" in page  # the head reads Vietnamese
    assert growth < 50 * 1024 * 1024, f"the request grew the process by {growth >> 20} MB"
    assert traced < 50 * 1024 * 1024
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(vietnam().subquery())) == before


def test_the_refusal_is_translated(app, db, demo, vn_head):
    url = f"/meetings/{demo}/registration/delegations/mps-vn/new?lang=fr"
    data = form_data(vn_head.get(url).get_data(as_text=True))
    data["photo"] = (io.BytesIO(bomb_png()), "photo.png")
    page = vn_head.post(url, data=data, content_type="multipart/form-data"
                        ).get_data(as_text=True)
    assert "mégapixels" in page


def test_the_helper_refuses_before_any_pixel_is_decoded(monkeypatch):
    from PIL import ImageFile

    def no_decoding(self):
        raise AssertionError("decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ImageRefused) as refused:
        open_image(bomb_png())
    assert refused.value.reason == "too_large"
    with pytest.raises(ImageRefused):  # long and thin: the side limit
        open_image(_png(12000, 10))


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (width, height)).save(out, format="PNG")
    return out.getvalue()


def test_pillows_own_bomb_warning_is_a_refusal(monkeypatch):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    with pytest.raises(ImageRefused) as refused:  # 14,400 pixels: Pillow only warns
        open_image(_png(120, 120))
    assert refused.value.reason == "too_large"


def test_an_ordinary_photo_still_opens():
    image = open_image(picture("JPEG", (3000, 4000)), draft=(1200, 1600))
    assert image.size[0] >= 1200 and image.size[1] >= 1600
