"""The minutes history and the stale-edit page compare texts of up to 50,000 characters in
well under a second, whatever they hold (the word-level comparison alone took 39 s)."""
from __future__ import annotations

import random
import time

from tests.agenda.helpers import item_titled
from tests.conftest import staff_client
from tests.minutes.test_minutes import BASE, _save

LIMIT = 49_000


def _text(seed: int, vocabulary: list[str]) -> str:
    rng, words, size = random.Random(seed), [], 0
    while size < LIMIT:
        words.append(rng.choice(vocabulary))
        size += len(words[-1]) + 1
    return " ".join(words)[:LIMIT]


def _timed(client, url: str):
    started = time.perf_counter()
    response = client.get(url)
    return response, time.perf_counter() - started


def test_worst_history_diff_answers_in_well_under_a_second(app, db, demo):
    client = staff_client(app)
    item = item_titled(db, "Statements by delegations")
    # few distinct words and no line breaks: the case that held a worker for 39 seconds
    first, second = _text(1, ["a", "b", "c", "d"]), _text(2, ["a", "b", "c", "d"])
    assert _save(client, item.id, first).status_code == 302
    assert _save(client, item.id, second).status_code == 302
    client.get(f"{BASE}/items/{item.id}/history?lang=en")  # templates compiled once
    response, seconds = _timed(client, f"{BASE}/items/{item.id}/history?lang=en")
    assert response.status_code == 200
    assert seconds < 1.0, seconds
    page = response.get_data(as_text=True)
    assert "too long to compare word by word" in page  # the reader is told


def test_a_small_change_in_a_long_text_is_still_shown_word_by_word(app, db, demo):
    client = staff_client(app)
    item = item_titled(db, "Statements by delegations")
    long = _text(3, [f"word{i}" for i in range(400)] + ["\n"])
    at = long.index(" ", 20_000)
    changed = long[:at] + " Twelve delegations spoke." + long[at:]
    assert _save(client, item.id, long).status_code == 302
    assert _save(client, item.id, changed).status_code == 302
    response, seconds = _timed(client, f"{BASE}/items/{item.id}/history?lang=en")
    page = response.get_data(as_text=True)
    assert "<ins>Twelve" in page and "spoke." in page
    assert "too long to compare word by word" not in page
    assert seconds < 1.0, seconds


def test_stale_edit_page_with_the_longest_texts_is_fast(app, db, demo):
    first, second = staff_client(app), staff_client(app)
    item = item_titled(db, "Statements by delegations")
    opened = second.get(f"{BASE}/items/{item.id}?lang=en").get_data(as_text=True)
    assert _save(first, item.id, _text(4, ["x", "y"])).status_code == 302
    started = time.perf_counter()
    stale = _save(second, item.id, _text(5, ["x", "y"]), page=opened)
    assert stale.status_code == 409
    assert time.perf_counter() - started < 1.5
