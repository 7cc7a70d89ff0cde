"""Reading uploaded pictures safely: every image the application decodes goes through here.

A PNG or JPEG says its size in its header; a few hundred kilobytes can declare tens of
thousands of pixels a side, and decoding one costs width × height × 4 bytes or more (an
8,900 × 8,900 PNG of 225 kB took about 700 MB). Pillow only refuses above twice its own
limit and merely warns below, so the size is checked here, from the header, before any pixel
is decoded.
"""
from __future__ import annotations

import io
import warnings

#: 25 million pixels: a 24-megapixel camera (6000 × 4000) and every phone's normal output
#: (12 MP) pass; a badge photo is printed about 35 × 45 mm and kept at 600 × 800. Decoding
#: 25 MP costs about 100 MB (RGBA) at most, once per request.
MAX_PIXELS = 25_000_000
#: No real photo is longer than this on one side, whatever its area.
MAX_SIDE = 10_000


class ImageRefused(ValueError):
    """The upload is not a picture we read; `reason` says why ("format", "too_large",
    "too_small")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def open_image(data: bytes, *, formats: tuple[str, ...] = ("JPEG", "PNG"),
               max_pixels: int = MAX_PIXELS, min_side: int = 1, draft: tuple[int, int] | None
               = None):
    """The decoded picture (a Pillow image, loaded), refused by its header before decoding
    when its format is not one of `formats` or its size is out of bounds.

    `draft` lets a JPEG decode at a reduced scale (1/2 … 1/8) when only that size is needed.
    """
    from PIL import Image, UnidentifiedImageError

    limit = min(max_pixels, MAX_PIXELS)
    with warnings.catch_warnings():
        # Pillow's own bomb warning (above its global limit) is a refusal here too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(formats))
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise ImageRefused("format") from exc
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageRefused("too_large") from exc
        try:
            _check_size(image.size, limit, min_side)
            if draft and image.format == "JPEG":
                image.draft("RGB", draft)
            image.load()
        except ImageRefused:
            image.close()
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            image.close()
            raise ImageRefused("too_large") from exc
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            image.close()
            raise ImageRefused("format") from exc
    return image


def _check_size(size: tuple[int, int], limit: int, min_side: int) -> None:
    width, height = size
    if width <= 0 or height <= 0 or width > MAX_SIDE or height > MAX_SIDE \
            or width * height > limit:
        raise ImageRefused("too_large")
    if min(width, height) < min_side:
        raise ImageRefused("too_small")
