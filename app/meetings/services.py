"""How a meeting's place reads: the venue and the city, in any script."""
from __future__ import annotations

import unicodedata


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def names_city(venue: str, city: str, *other_names: str) -> bool:
    """Whether the venue's text already names the city ("…Seodaemun-gu, Seoul"; "서울특별시"),
    in whatever script: `other_names` are the city's names in other languages, for a venue
    shown in another language than the city (an English venue in an Arabic letter)."""
    return any(_fold(name) and _fold(name) in _fold(venue) for name in (city, *other_names))


def address_line(venue: str, city: str, *other_names: str, separator: str = ", ") -> str:
    """The venue followed by the city, unless the venue already names it."""
    if names_city(venue, city, *other_names):
        return venue
    return separator.join(part for part in (venue, city) if part)
