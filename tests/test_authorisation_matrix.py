"""Every route, requested as every role, answers with the status this table allows.

A new route fails `test_every_route_is_in_the_matrix` until it is listed here.
"""
from __future__ import annotations

import io
from datetime import timedelta

import pytest

from tests.agenda.helpers import item_titled
from tests.audit.test_log import _sign_in_admin
from tests.conftest import csrf_token, sign_in, sign_in_staff

ROLES = ("anonymous", "delegate", "other_head", "staff", "admin", "logistics", "protocol",
         "check_in")
#: The narrower secretariat roles (one account each, with that role only at the meeting) hold
#: no delegation and are not the secretariat: they get what `other_head` gets (a role at the
#: meeting, no rights over the Thai delegation), except where NARROW names the endpoint.
NARROW = ("logistics", "protocol", "check_in")
NARROW_ANSWERS = {  # endpoint: {role or "*" (the three): status}
    "agenda.item_calendar": {"*": 404},  # a heads-only item: they are no head
    "agenda.document": {"*": 403},
    "registration.index": {"*": 403},  # no delegation to head, no registration of their own
    # What the roles are for, until issues 20 and 21 give them their own pages:
    "registration.export": {"logistics": 200, "protocol": 200},  # read, never decide
    "registration.check_in": {"check_in": 200},
    # Protocol (issue 20): the protocol officers as the secretariat; no other narrow role.
    "protocol.index": {"protocol": 200},
    "protocol.rule": {"protocol": 400},
    "protocol.lot": {"protocol": 400},
    "protocol.seating": {"protocol": 200, "*": 403},
    "protocol.seating_pdf": {"protocol": 200, "*": 403},
    "protocol.name_plates": {"protocol": 200},
    "protocol.flags": {"protocol": 200},
    "registration.attendance": {"check_in": 200},
    "registration.photo": {"check_in": 404},  # the desk sees photos; this one has none
    # List of speakers: the narrower roles read it; they have no delegation to ask for, and
    # protocol does not chair (the secretariat does).
    "floor.ask": {"*": 403},
    # Meals and visas: logistics sees and edits all; protocol and the desk as a delegate.
    "catering.attendees": {"*": 403, "logistics": 200},
    # Documents register: {heads_doc} is the demo's CRP/1 for heads only; the narrow roles are
    # no heads.
    "doc_register.document": {"*": 403},
    "doc_register.download": {"*": 403},
    **{endpoint: {"logistics": ok} for endpoint, ok in (
        ("catering.edit_meal", 200), ("catering.counts", 200), ("catering.counts_file", 200),
        ("catering.visas_file", 200), ("catering.visa_status", 302),
        ("catering.delete_meal", 302))},
    # Logistics sees and changes all of accommodation; protocol only the hub (its own pages
    # hang from it); the desk none of it.
    "logistics.hub": {"check_in": 403},
    **{endpoint: {"logistics": ok} for endpoint, ok in (
        ("logistics.new_hotel", 200), ("logistics.edit_hotel", 200), ("logistics.hotel", 200),
        ("logistics.new_block", 200), ("logistics.edit_block", 200),
        ("logistics.delete_block", 302), ("logistics.block", 200), ("logistics.stay", 200),
        ("logistics.remove_stay", 302), ("logistics.rooming_list", 200),
        ("logistics.rooming_file", 200), ("logistics.prepare_rooming", 302))},
    # Accreditations (issue 19): protocol, logistics and the desk read them and check badges;
    # only the secretariat decides, enters, prints and sets categories and areas.
    **{endpoint: {"*": ok} for endpoint, ok in (
        ("accreditation.index", 200), ("accreditation.detail", 200),
        ("accreditation.photo", 404), ("accreditation.verify", 200))},
    # Travel: logistics sees and changes all of it; protocol and the desk hold no registration
    # and head no delegation, so they see no manifest.
    **{endpoint: {"logistics": ok, "*": 403} for endpoint, ok in (
        ("travel.manifest_page", 200), ("travel.manifest_file", 200), ("travel.flights", 200),
        ("travel.prepare_manifest", 302),
        ("travel.vehicles", 200), ("travel.vehicle", 200), ("travel.transfers_page", 200),
        ("travel.trip", 200))},
}
LOGIN = 302  # login_required sends anonymous readers to the sign-in page
# endpoint: (method, url template, {role: status}); "*" covers the roles not named.
MATRIX = {
    "static": ("GET", "/static/css/app.css", {"*": 200}),
    "main.index": ("GET", "/", {"*": 200}),
    "main.healthz": ("GET", "/healthz", {"*": 200}),
    "main.language": ("POST", "/language", {"*": 400}),  # anyone may choose; no choice is 400
    "auth.sign_in": ("GET", "/auth/sign-in", {"*": 200}),
    "auth.link": ("GET", "/auth/link/forged-token", {"*": 400}),
    "auth.staff_sign_in": ("GET", "/auth/staff", {"*": 200}),
    "auth.totp": ("GET", "/auth/totp", {"*": 403}),
    "auth.sessions_page": ("GET", "/auth/sessions", {"anonymous": LOGIN, "*": 200}),
    "auth.profile_page": ("GET", "/auth/profile", {"anonymous": LOGIN, "*": 200}),
    "auth.change_email": ("POST", "/auth/profile/email", {"anonymous": LOGIN, "*": 400}),
    "auth.my_data": ("GET", "/auth/profile/my-data.json", {"anonymous": LOGIN, "*": 200}),
    "auth.confirm_email": ("GET", "/auth/email/forged-token", {"*": 400}),
    "auth.end_other_sessions": ("POST", "/auth/sessions/end-others",
                                {"anonymous": LOGIN, "*": 302}),
    "meetings.home": ("GET", "/meetings/{slug}/", {"*": 200}),
    "meetings.delegation": ("GET", "/meetings/{slug}/delegations/rtp",
                            {"anonymous": LOGIN, "other_head": 403, "*": 200}),
    "agenda.read": ("GET", "/meetings/{slug}/agenda", {"anonymous": LOGIN, "*": 200}),
    "agenda.calendar_file": ("GET", "/meetings/{slug}/agenda.ics", {"*": 200}),
    "agenda.item_calendar": ("GET", "/meetings/{slug}/agenda/items/{closed}.ics",
                             {"anonymous": 404, "delegate": 404, "*": 200}),
    "agenda.pdf": ("GET", "/meetings/{slug}/agenda.pdf", {"*": 200}),
    "agenda.document": ("GET", "/meetings/{slug}/agenda/documents/{document}",
                        {"anonymous": LOGIN, "delegate": 403, "*": 200}),
    "agenda.my_calendar": ("GET", "/meetings/{slug}/calendar", {"anonymous": LOGIN, "*": 200}),
    "calendar.feed": ("GET", "/calendar/unknown-token.ics", {"*": 404}),
    "agenda.versions": ("GET", "/meetings/{slug}/agenda/versions",
                        {"anonymous": LOGIN, "*": 200}),
    "agenda.edit": ("GET", "/meetings/{slug}/agenda/edit", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 200}),
    "agenda.edit_session": ("GET", "/meetings/{slug}/agenda/sessions/{session}/edit", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 200}),
    "agenda.edit_item": ("GET", "/meetings/{slug}/agenda/items/{closed}/edit", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 200}),
    "agenda.move": ("POST", "/meetings/{slug}/agenda/items/{closed}/down", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 302}),
    "agenda.set_status": ("POST", "/meetings/{slug}/agenda/items/{closed}/restore", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 302}),
    "agenda.upload_document": ("POST", "/meetings/{slug}/agenda/items/{closed}/documents", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 302}),
    "agenda.publish": ("GET", "/meetings/{slug}/agenda/publish", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 200}),
    "audit.log": ("GET", "/audit/", {"anonymous": LOGIN, "admin": 200, "*": 403}),
    # Site administrators only (tests/admin): a meeting's administrator is not one.
    **{endpoint: (method, "/admin" + path, {"anonymous": LOGIN, "*": 403})
       for endpoint, method, path in (
           ("admin.index", "GET", "/"),
           ("admin.new_series", "GET", "/series/new"),
           ("admin.edit_series", "GET", "/series/1"),
           ("admin.new_meeting", "GET", "/meetings/new"),
           ("admin.meeting", "POST", "/meetings/1"),
           ("admin.organisations", "GET", "/organisations/"),
           ("admin.new_organisation", "POST", "/organisations/new"),
           ("admin.edit_organisation", "GET", "/organisations/1"),
           ("admin.room", "GET", "/meetings/1/rooms/1"),
           ("admin.remove_room", "POST", "/meetings/1/rooms/1/delete"),
           ("admin.staff_accounts", "GET", "/staff/"),
           ("admin.deactivate_staff", "POST", "/staff/1/deactivate"),
           ("admin.reactivate_staff", "POST", "/staff/1/reactivate"))},
    "meetings.translations": ("GET", "/meetings/{slug}/translations?target=th", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 200}),
    "meetings.settings": ("GET", "/meetings/{slug}/settings", {
        "anonymous": LOGIN, "admin": 200, "*": 403}),
    "invitation_answers.answer": ("GET", "/invitation/forged-token", {"*": 400}),
    "outbox.index": ("GET", "/outbox/", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 200}),
    "outbox.retry_message": ("POST", "/outbox/{message}/retry", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 302}),
    "outbox.send_now": ("POST", "/outbox/send-now", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 302}),
    "outbox.previews_page": ("GET", "/outbox/previews?kind=registration-approved&mail_lang=km", {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 200}),
    # circulars: the secretariat of the meeting; circular 999 does not exist (404)
    **{endpoint: (method, "/outbox/circulars" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": ok})
       for endpoint, method, path, ok in (
           ("outbox.circulars", "GET", "?meeting={slug}", 200),
           ("outbox.new_circular", "GET", "/new?meeting={slug}", 200),
           ("outbox.circular", "GET", "/999", 404),
           ("outbox.send_circular", "POST", "/999/send", 404),
           ("outbox.discard_circular", "POST", "/999/discard", 404))},
    **{endpoint: (method, "/meetings/{slug}/invitations" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": ok})
       for endpoint, method, path, ok in (
           ("invitations.index", "GET", "/", 200),
           ("invitations.edit", "GET", "/{invitation}/edit", 200),
           ("invitations.letter", "GET", "/letter", 200),
           ("invitations.preview", "GET", "/letter/preview?letter_lang=th", 200),
           ("invitations.letter_pdf", "GET", "/letter.pdf?letter_lang=ar", 200),
           ("invitations.import_csv", "GET", "/import", 200),
           ("invitations.import_template", "GET", "/import/template.csv", 200),
           ("invitations.export", "GET", "/invitations.csv", 200),
           ("invitations.remove", "POST", "/{invitation}/remove", 302),
           ("invitations.send", "POST", "/{invitation}/send", 302),
           ("invitations.send_all", "POST", "/send-all", 302),
           ("invitations.remind", "POST", "/remind", 302))},
    "self_registration.register": ("GET", "/register/forged-token", {"*": 400}),
    "registration.index": ("GET", "/meetings/{slug}/registration/", {
        "anonymous": LOGIN, "delegate": 302, "other_head": 302, "*": 200}),
    # {registration} is the Thai delegate's own registration
    **{endpoint: (method, "/meetings/{slug}/registration" + path, {
        "anonymous": LOGIN, "delegate": own, "other_head": 403, "*": ok})
       for endpoint, method, path, own, ok in (
           ("registration.detail", "GET", "/{registration}", 200, 200),
           ("registration.edit", "GET", "/{registration}/edit", 200, 200),
           ("registration.photo", "GET", "/{registration}/photo.jpg", 404, 404),
           ("registration.confirmation", "GET", "/{registration}/confirmation.pdf", 200, 200),
           ("registration.visa_letter", "GET", "/{registration}/visa-letter.pdf", 404, 404),
           ("registration.decide", "POST", "/{registration}/approve", 403, 302),
           ("registration.personal_data", "GET", "/{registration}/my-data.json", 200, 200))},
    "registration.participants": ("GET", "/meetings/{slug}/registration/participants.csv", {
        "anonymous": LOGIN, "*": 200}),
    **{endpoint: (method, "/meetings/{slug}/registration" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": ok})
       for endpoint, method, path, ok in (
           ("registration.bulk_approve", "POST", "/approve", 302),
           ("registration.export", "GET", "/registrations.csv", 200),
           ("registration.delegations", "GET", "/delegations/", 200),
           ("registration.delegation", "GET", "/delegations/rtp", 200),
           ("registration.renew_link", "POST", "/delegations/rtp/renew-link", 302),
           ("registration.new", "GET", "/delegations/rtp/new", 200),
           ("registration.badges", "GET", "/badges.pdf?organisation=rtp", 200),
           ("registration.selected_badges", "POST", "/badges.pdf", 302),
           ("registration.prepare_badges", "POST", "/badges/prepare", 200),  # few: at once
           ("registration.check_in", "GET", "/check-in", 200),
           ("registration.attendance", "GET", "/attendance", 200))},
    "resolutions.index": ("GET", "/meetings/{slug}/resolutions/", {"anonymous": LOGIN, "*": 200}),
    "resolutions.view": ("GET", "/meetings/{slug}/resolutions/1", {"anonymous": LOGIN, "*": 200}),
    "resolutions.pdf": ("GET", "/meetings/{slug}/resolutions/1.pdf?lang=en", {
        "anonymous": LOGIN, "*": 200}),
    "resolutions.parallel": ("GET", "/meetings/{slug}/resolutions/1/parallel.pdf?left=en&right=fr",
                             {"anonymous": LOGIN, "*": 200}),
    # resolution 1 is adopted: staff are sent back with "locked" (302) or a bad request (400)
    **{endpoint: (method, "/meetings/{slug}/resolutions/1" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": ok})
       for endpoint, method, path, ok in (
           ("resolutions.edit", "GET", "/edit?lang=en", 302),
           ("resolutions.add_paragraph", "POST", "/paragraphs", 400),
           ("resolutions.remove_paragraph", "POST", "/paragraphs/999/remove", 302),
           ("resolutions.sponsors", "POST", "/sponsors", 302),
           ("resolutions.decide", "POST", "/decision", 400),
           ("resolutions.propose", "POST", "/amendments", 302),
           ("resolutions.decide_amendment", "POST", "/amendments/999/accept", 302))},
    # draft minutes: the secretariat only (heads once circulated, everyone once approved)
    **{endpoint: (method, "/meetings/{slug}/minutes" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": ok})
       for endpoint, method, path, ok in (
           ("minutes.index", "GET", "/", 200),
           ("minutes.item", "GET", "/items/{minuted}", 200),
           ("minutes.history", "GET", "/items/{minuted}/history?lang=en", 200),
           ("minutes.pdf", "GET", "/minutes.pdf?lang=en", 200),
           ("minutes.preview", "POST", "/preview", 200),
           ("minutes.comment", "POST", "/items/{minuted}/comments", 302),
           ("minutes.add_decision", "POST", "/items/{minuted}/decisions", 302),
           ("minutes.add_action", "POST", "/items/{minuted}/actions", 302),
           ("minutes.action_status", "POST", "/actions/{action}/status", 302),
           ("minutes.classification", "POST", "/classification", 302),
           ("minutes.remove", "POST", "/decisions/{decision}/remove", 302),
           ("minutes.workflow", "POST", "/circulate", 302))},
    "series.archive": ("GET", "/series/breaking-chains/", {"anonymous": LOGIN, "*": 200}),
    "series.roster": ("GET", "/series/breaking-chains/roster", {"anonymous": LOGIN, "*": 200}),
    "series.leave": ("POST", "/series/breaking-chains/roster/{member}/leave", {
        "anonymous": LOGIN, "admin": 302, "*": 403}),
    "series_meeting.clone": ("GET", "/meetings/{slug}/next", {
        "anonymous": LOGIN, "admin": 200, "*": 403}),
    "series_meeting.follow_up": ("GET", "/meetings/{slug}/follow-up", {
        "anonymous": LOGIN, "*": 200}),
    # A meeting's staff: its administrators ({staffer} is the demo's secretariat member).
    **{endpoint: (method, "/meetings/{slug}/staff" + path, {
        "anonymous": LOGIN, "admin": ok, "*": 403})
       for endpoint, method, path, ok in (
           ("staff.index", "GET", "/", 200),
           ("staff.person", "GET", "/{staffer}", 200),
           ("staff.change_role", "POST", "/{staffer}/role", 400),  # no role chosen
           ("staff.reset_totp", "POST", "/{staffer}/reset-totp", 302),
           ("staff.sign_out", "POST", "/{staffer}/sign-out", 302),
           ("staff.deactivate", "POST", "/{staffer}/deactivate", 302),
           ("staff.reactivate", "POST", "/{staffer}/reactivate", 302),
           ("staff.remove", "POST", "/{staffer}/remove", 302))},
    # Travel: the manifest for everyone with a leg in it (a delegate their own, a head the
    # delegation's); {registration} is the Thai delegate: another head may not edit her flights;
    # vehicles and transfers are logistics' (the demo's first van and its first trip).
    **{endpoint: ("GET", "/meetings/{slug}/logistics" + path, {
        "anonymous": LOGIN, "*": 200}) for endpoint, path in (
            ("travel.manifest_page", "/arrivals/"), ("travel.manifest_file", "/arrivals.csv"))},
    # The manifest (PDF) prepared in the background: whoever reads the manifest, for their
    # scope (a job of their own).
    "travel.prepare_manifest": ("POST", "/meetings/{slug}/logistics/arrivals/prepare", {
        "anonymous": LOGIN, "*": 302}),
    "travel.flights": ("GET", "/meetings/{slug}/logistics/flights/{registration}", {
        "anonymous": LOGIN, "other_head": 403, "*": 200}),
    **{endpoint: ("GET", "/meetings/{slug}/logistics" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": 200})
       for endpoint, path in (("travel.vehicles", "/vehicles/"), ("travel.vehicle", "/vehicles/1"),
                              ("travel.transfers_page", "/transfers/"),
                              ("travel.trip", "/transfers/1"))},
    # Accommodation: the hub for heads, logistics and protocol; hotels, blocks and rooming lists
    # for the secretariat (and logistics, above); {block} is reserved for the Thai delegation and
    # {stay} is the Thai delegate's room there: their head may fill it, the other head not.
    "logistics.hub": ("GET", "/meetings/{slug}/logistics/", {
        "anonymous": LOGIN, "delegate": 403, "*": 200}),
    **{endpoint: (method, "/meetings/{slug}/logistics" + path, {
        "anonymous": LOGIN, "staff": ok, "admin": ok, "*": 403})
       for endpoint, method, path, ok in (
           ("logistics.new_hotel", "GET", "/hotels/new", 200),
           ("logistics.edit_hotel", "GET", "/hotels/{hotel}/edit", 200),
           ("logistics.hotel", "GET", "/hotels/{hotel}", 200),
           ("logistics.new_block", "GET", "/hotels/{hotel}/blocks/new", 200),
           ("logistics.edit_block", "GET", "/blocks/{block}/edit", 200),
           ("logistics.delete_block", "POST", "/blocks/{block}/delete", 302),  # refused: in use
           ("logistics.block", "GET", "/blocks/{block}", 200),
           ("logistics.stay", "GET", "/stays/{stay}", 200),
           ("logistics.remove_stay", "POST", "/stays/{stay}/remove", 302),
           ("logistics.rooming_list", "GET", "/rooming-list", 200),
           ("logistics.rooming_file", "GET", "/hotels/{hotel}/rooming-list.csv", 200),
           ("logistics.prepare_rooming", "POST", "/hotels/{hotel}/rooming-list/prepare", 302))},
    # Meals and visas ({meal}: the first of the demo; {registration} asked for no visa). A head
    # sees who attends from their delegation; the Thai delegate answers for themselves (the
    # form without its status is refused with a message: 302). Removing the meal comes last.
    "catering.programme": ("GET", "/meetings/{slug}/meals", {"anonymous": LOGIN, "*": 200}),
    "catering.calendar": ("GET", "/meetings/{slug}/meals.ics", {"anonymous": LOGIN, "*": 200}),
    "catering.visas_page": ("GET", "/meetings/{slug}/visas", {"anonymous": LOGIN, "*": 200}),
    "catering.answer": ("POST", "/meetings/{slug}/meals/{meal}/answer", {
        "anonymous": LOGIN, "*": 400}),
    "catering.attendees": ("GET", "/meetings/{slug}/meals/{meal}", {
        "anonymous": LOGIN, "delegate": 403, "*": 200}),
    "catering.visa_status": ("POST", "/meetings/{slug}/visas/{registration}", {
        "anonymous": LOGIN, "other_head": 403, "*": 302}),
    **{endpoint: (method, "/meetings/{slug}" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": ok})
       for endpoint, method, path, ok in (
           ("catering.edit_meal", "GET", "/meals/{meal}/edit", 200),
           ("catering.counts", "GET", "/catering", 200),
           ("catering.counts_file", "GET", "/catering.xlsx", 200),
           ("catering.visas_file", "GET", "/visas.csv", 200),
           ("catering.delete_meal", "POST", "/meals/{meal}/delete", 302))},
    # Accreditation (issue 19): {accreditation} is the demo's liaison officer Han (no photo),
    # {badge} her badge code, {area} the plenary hall; the press form is open to anyone.
    "accreditation.apply": ("GET", "/meetings/{slug}/accreditation/press/apply", {"*": 200}),
    **{endpoint: (method, "/meetings/{slug}/accreditation" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": ok})
       for endpoint, method, path, ok in (
           ("accreditation.index", "GET", "/", 200),
           ("accreditation.detail", "GET", "/{accreditation}", 200),
           ("accreditation.photo", "GET", "/{accreditation}/photo", 404),
           ("accreditation.verify", "GET", "/verify/{badge}", 200),
           ("accreditation.decide", "POST", "/{accreditation}/approve", 302),
           ("accreditation.bulk_approve", "POST", "/approve", 302),
           ("accreditation.edit", "GET", "/{accreditation}/edit", 200),
           ("accreditation.new", "GET", "/new", 200),
           ("accreditation.settings", "GET", "/settings", 200),
           ("accreditation.category", "GET", "/categories/press", 200),
           ("accreditation.new_area", "GET", "/areas/new", 200),
           ("accreditation.area", "GET", "/areas/{area}", 200),
           ("accreditation.delete_area", "POST", "/areas/{area}/delete", 302),
           ("accreditation.badges", "GET", "/badges.pdf?category=liaison", 200),
           ("accreditation.selected_badges", "POST", "/badges.pdf", 302))},
    # Protocol: the protocol officers and the secretariat; heads see the seating plan. No rule
    # chosen is a bad request (400); the demo's lot is drawn, and drawing again must be ticked.
    **{endpoint: (method, "/meetings/{slug}/protocol" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": head, "*": ok})
       for endpoint, method, path, head, ok in (
           ("protocol.index", "GET", "/", 403, 200),
           ("protocol.rule", "POST", "/rule", 403, 400),
           ("protocol.lot", "POST", "/lot", 403, 400),
           ("protocol.seating", "GET", "/seating", 200, 200),
           ("protocol.seating_pdf", "GET", "/seating.pdf?lang=ar&paper=a4", 200, 200),
           ("protocol.name_plates", "GET", "/name-plates.pdf?lang=km", 403, 200),
           ("protocol.flags", "GET", "/flags.pdf?lang=th", 403, 200))},
    # Protocol: the protocol officers and the secretariat; heads see the seating plan. No rule
    # chosen is a bad request (400); the demo's lot is drawn, and drawing again must be ticked.
    **{endpoint: (method, "/meetings/{slug}/protocol" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": head, "*": ok})
       for endpoint, method, path, head, ok in (
           ("protocol.index", "GET", "/", 403, 200),
           ("protocol.rule", "POST", "/rule", 403, 400),
           ("protocol.lot", "POST", "/lot", 403, 400),
           ("protocol.seating", "GET", "/seating", 200, 200),
           ("protocol.seating_pdf", "GET", "/seating.pdf?lang=ar&paper=a4", 200, 200),
           ("protocol.name_plates", "GET", "/name-plates.pdf?lang=km", 403, 200),
           ("protocol.flags", "GET", "/flags.pdf?lang=th", 403, 200))},
    # List of speakers (issue 21): every role at the meeting reads and sees the room display;
    # heads and delegates ask for their own delegation (an empty form is 400), the narrower
    # roles hold no delegation (403); the secretariat chairs. {minuted} has the demo's list.
    **{endpoint: (method, "/meetings/{slug}/floor" + path, {"anonymous": LOGIN, "*": ok})
       for endpoint, method, path, ok in (
           ("floor.index", "GET", "/", 200), ("floor.item", "GET", "/items/{minuted}", 200),
           ("floor.ask", "POST", "/items/{minuted}/ask", 400),
           ("floor.withdraw", "POST", "/items/{minuted}/requests/0/withdraw", 404),
           ("floor.display", "GET", "/display", 200),
           ("floor.state", "GET", "/state.json?item={minuted}", 200))},
    **{endpoint: (method, "/meetings/{slug}/floor" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": ok})
       for endpoint, method, path, ok in (
           ("floor.console", "GET", "/items/{minuted}/console", 200),
           ("floor.open_list", "POST", "/items/{minuted}/open", 302),
           ("floor.show", "POST", "/items/{minuted}/show", 302),
           ("floor.give", "POST", "/items/{minuted}/give", 302),
           ("floor.end", "POST", "/items/{minuted}/end", 302),
           ("floor.move", "POST", "/items/{minuted}/requests/0/move", 404),
           ("floor.remove", "POST", "/items/{minuted}/requests/0/remove", 404),
           ("floor.item_limit", "POST", "/items/{minuted}/limit", 302),
           ("floor.to_minutes", "POST", "/items/{minuted}/minutes", 302),
           ("floor.close_list", "POST", "/items/{minuted}/close", 302),
           ("floor.meeting_limit", "POST", "/limit", 302),
           ("floor.display_link", "POST", "/display-link", 200),
           ("floor.revoke_display", "POST", "/display-link/revoke", 302))},
    # Documents register (issue 21): anyone reads the list and the ZIP of what they may read
    # (the demo meeting is public); {heads_doc} is CRP/1 (heads only), {draft_doc} the draft
    # WP/2, issued and then withdrawn by the secretariat; a file posted without its language
    # is a bad request.
    "doc_register.index": ("GET", "/meetings/{slug}/documents/", {"*": 200}),
    "doc_register.archive": ("GET", "/meetings/{slug}/documents/all.zip", {"*": 200}),
    # Background jobs: a job has an owner (the staff member in the test), so any member may
    # start one; a job's page, status and file are the owner's (and a site administrator's):
    # anyone else gets a 404, as for no job.
    "doc_register.prepare_archive": ("POST", "/meetings/{slug}/documents/all.zip/prepare", {
        "anonymous": LOGIN, "*": 302}),
    "registration.prepare_participants": ("POST",
                                          "/meetings/{slug}/registration/participants/prepare",
                                          {"anonymous": LOGIN, "*": 302}),
    "jobs.index": ("GET", "/meetings/{slug}/files/", {"anonymous": LOGIN, "*": 200}),
    **{endpoint: ("GET", "/meetings/{slug}/files/{job}" + path, {
        "anonymous": LOGIN, "staff": 200, "admin": 200, "*": 404})
       for endpoint, path in (("jobs.job", ""), ("jobs.status", "/status.json"),
                              ("jobs.download", "/download"))},
    **{endpoint: ("GET", "/meetings/{slug}/documents/" + path, {
        "anonymous": LOGIN, "delegate": 403, "*": 200}) for endpoint, path in (
            ("doc_register.document", "{heads_doc}"),
            ("doc_register.download", "{heads_doc}/file/en"))},
    **{endpoint: (method, "/meetings/{slug}/documents/" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": ok})
       for endpoint, method, path, ok in (
           ("doc_register.new", "GET", "new", 200),
           ("doc_register.edit", "GET", "{heads_doc}/edit", 200),
           ("doc_register.revise", "GET", "{heads_doc}/revise", 200),
           ("doc_register.upload", "POST", "{heads_doc}/files", 400),
           ("doc_register.issue", "POST", "{draft_doc}/issue", 302),
           ("doc_register.withdraw", "POST", "{draft_doc}/withdraw", 302))},
    # Votes (issue 21): every role at the meeting reads the closed votes (the demo's vote 1 is
    # closed); the secretariat runs them: an empty opening or statement is 400, a vote or a
    # closing on the closed vote is refused with a message (302).
    **{endpoint: ("GET", "/meetings/{slug}/votes" + path, {"anonymous": LOGIN, "*": 200})
       for endpoint, path in (("votes.index", "/"), ("votes.result", "/1"),
                              ("votes.result_pdf", "/1.pdf?lang=th"))},
    **{endpoint: (method, "/meetings/{slug}/votes" + path, {
        "anonymous": LOGIN, "delegate": 403, "other_head": 403, "*": ok})
       for endpoint, method, path, ok in (
           ("votes.open_vote", "POST", "/", 400),
           ("votes.console", "GET", "/1/console", 200),
           ("votes.cast", "POST", "/1/cast", 302),
           ("votes.close", "POST", "/1/close", 302),
           ("votes.statement", "POST", "/1/statements", 400),
           ("votes.to_minutes", "POST", "/1/minutes", 302))},
    "passwords.forgot": ("GET", "/auth/password/forgot", {"*": 200}),
    "passwords.choose": ("GET", "/auth/password/reset/forged-token", {"*": 400}),
    # Last: these end the session (for anonymous readers: to the sign-in page).
    "auth.end_all_sessions": ("POST", "/auth/sessions/end-all", {"*": 302}),
    "auth.sign_out": ("POST", "/auth/sign-out", {"*": 302}),
}


def test_every_route_is_in_the_matrix(app):
    assert {rule.endpoint for rule in app.url_map.iter_rules()} == set(MATRIX)


def _client_as(app, role: str):
    client = app.test_client()
    if role == "delegate":
        sign_in(app, client, "delegate.th@rtp.example.com")
    elif role == "other_head":
        sign_in(app, client, "head.ae@moi.example.com")
    elif role == "staff":
        sign_in_staff(app, client)
    elif role == "admin":
        _sign_in_admin(app, client)
    elif role in NARROW:
        _sign_in_narrow(app, client, role)
    return client


def _sign_in_narrow(app, client, role: str) -> None:
    """A new account with only this role at the demo meeting, signed in with its password."""
    from app.auth.models import Membership, Role, User
    from app.auth.services import hash_password
    from app.extensions import db
    from app.meetings.models import Meeting

    email, password = f"{role.replace('_', '-')}@knpa.example.com", "a long enough password"
    meeting = db.session.query(Meeting).filter_by(slug="bc-2025-seoul").one()
    user = User(email=email, name=role, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=Role(role)))
    db.session.commit()
    page = client.get("/auth/staff")
    response = client.post("/auth/staff", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "email": email,
        "password": password})
    assert response.status_code == 302


def _expected(endpoint: str, allowed: dict, role: str) -> int:
    if role not in NARROW:
        return allowed.get(role, allowed.get("*"))
    answers = NARROW_ANSWERS.get(endpoint, {})
    return answers.get(role, answers.get("*", allowed.get("other_head", allowed.get("*"))))


def _document_on_closed_item(app, db) -> tuple[int, int, int]:
    """A document attached to a heads-only item, published."""
    from app.agenda.models import AgendaDocument, VersionKind
    from app.agenda.publication import publish
    from app.meetings.models import Meeting

    closed = item_titled(db, "Joint operations and coordinated cross-border raids")
    staff = app.test_client()
    sign_in_staff(app, staff)
    page = staff.get(f"/meetings/bc-2025-seoul/agenda/items/{closed.id}/edit")
    staff.post(f"/meetings/bc-2025-seoul/agenda/items/{closed.id}/documents", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "title": "Operational plan",
        "file": (io.BytesIO(b"%PDF-1.7\n%%EOF"), "plan.pdf")},
        content_type="multipart/form-data")
    with app.test_request_context():
        meeting = db.session.query(Meeting).filter_by(slug="bc-2025-seoul").one()
        publish(meeting, VersionKind.PROVISIONAL, actor=None)
        db.session.commit()
    document = db.session.query(AgendaDocument).one()
    return closed.id, closed.session_id, document.id


def _prepared_file(db, owner_id: int) -> str:
    """A background job of the staff member, done, with its (encrypted) file."""
    from app.crypto import encrypt_bytes
    from app.jobs.models import Job, JobFile, JobStatus
    from app.meetings.models import Meeting
    from app.models_base import utcnow

    meeting = db.session.query(Meeting).filter_by(slug="bc-2025-seoul").one()
    job = Job(id="matrix-job-0123456789abcdef", kind="participants_pdf", meeting_id=meeting.id,
              owner_id=owner_id, params={}, status=JobStatus.DONE, done=1, total=1,
              finished_at=utcnow(), expires_at=utcnow() + timedelta(hours=1),
              filename="participants.pdf", mimetype="application/pdf", size=8)
    db.session.add(job)
    db.session.add(JobFile(job_id=job.id, data=encrypt_bytes(b"%PDF-1.7")))
    db.session.commit()
    return job.id


@pytest.mark.warm_pdf_cache  # the same documents for several roles: rendered once
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_it_may(app, db, demo, role):
    closed, session, document = _document_on_closed_item(app, db)
    from app.invitations.models import Invitation
    from app.mail.models import OutboxMessage

    invitation = db.session.query(Invitation).filter(
        Invitation.meeting.has(slug="bc-2025-seoul")).first().id
    message = db.session.query(OutboxMessage).first().id
    from app.registration.models import Registration

    registration = db.session.query(Registration).filter_by(
        email="delegate.th@rtp.example.com").one().id
    from app.minutes.models import ActionPoint, Decision

    minuted = item_titled(db, "Adoption of the agenda").id
    decision = db.session.query(Decision).first().id
    action = db.session.query(ActionPoint).first().id
    from app.meetings.models import SeriesMember

    member = db.session.query(SeriesMember).first().id
    from app.auth.models import User

    staffer = db.session.query(User).filter_by(email="staff@knpa.example.com").one().id
    from app.logistics.accommodation.models import Stay

    stay = db.session.query(Stay).filter_by(registration_id=registration).one()
    block = stay.room.block_id
    hotel = stay.room.block.hotel_id
    stay = stay.id
    from app.accreditation.models import Accreditation, AccreditationArea

    liaison = db.session.query(Accreditation).filter_by(family_name="Han").one()
    area = db.session.query(AccreditationArea).filter_by(code="PL").one().id
    from app.logistics.catering.models import Meal

    meal = db.session.query(Meal).order_by(Meal.id).first().id
    from app.doc_register.models import MeetingDocument

    heads_doc, draft_doc = (db.session.query(MeetingDocument).filter_by(symbol=symbol).one().id
                            for symbol in ("BC/1/CRP/1", "BC/1/WP/2"))
    job = _prepared_file(db, staffer)
    client = _client_as(app, role)
    token = csrf_token(client.get("/auth/sign-in").get_data(as_text=True))
    wrong = []
    for endpoint, (method, template, allowed) in MATRIX.items():
        url = template.format(slug=demo, closed=closed, session=session, document=document,
                              invitation=invitation, message=message,
                              registration=registration, minuted=minuted,
                              decision=decision, action=action, member=member,
                              staffer=staffer, meal=meal, accreditation=liaison.id,
                              badge=liaison.badge_code,
                              area=area, hotel=hotel, block=block, stay=stay,
                              heads_doc=heads_doc, draft_doc=draft_doc, job=job)
        expected = _expected(endpoint, allowed, role)
        if method == "GET":
            status = client.get(url).status_code
        else:
            status = client.post(url, data={"csrf_token": token}).status_code
        if status != expected:
            wrong.append(f"{method} {url}: {status}, expected {expected}")
    assert wrong == []
