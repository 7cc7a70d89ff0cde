"""The room display's state shows the agenda's items: an edit of the agenda (in any worker, on
any instance) changes the state's ETag, so no worker answers 304 or serves its kept copy with
the old title."""
from __future__ import annotations

from tests.agenda.helpers import item_titled, post_item
from tests.conftest import sign_in, staff_client
from tests.floor.test_speakers import DELEGATE, ITEM, _opened


def test_an_agenda_edit_changes_the_state_and_its_etag(app, db, demo):
    lst = _opened(app, db, demo)
    reader = app.test_client()
    sign_in(app, reader, DELEGATE)
    url = f"/meetings/{demo}/floor/state.json?lang=en"
    first = reader.get(url)
    assert first.json["item"]["id"] == lst.item_id and first.json["item"]["title"]["en"] == ITEM
    item = item_titled(db, ITEM)
    edited = post_item(staff_client(app), db,
                       url=f"/meetings/{demo}/agenda/items/{item.id}/edit",
                       session_id=item.session_id, title_en="Adoption of the revised agenda",
                       title_ko="수정 의제 채택", day="", start_time="", end_time="")
    assert edited.status_code == 302
    again = reader.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200, "the worker answered 304: the display keeps the old title"
    assert again.json["item"]["title"]["en"] == "Adoption of the revised agenda"
    assert again.headers["ETag"] != first.headers["ETag"]
