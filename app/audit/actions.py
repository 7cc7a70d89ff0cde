"""What each audit action key means, in words the secretariat reads in its own language.

Every key passed to `record()` anywhere in the code has a label here;
tests/audit/test_action_labels.py collects the keys from the code and checks it. The log page
shows the label, with the raw key beside it for technical reference.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTIONS = {
    # signing in and accounts
    # meals and visas
    "catering.meal_saved": _l("Meal or reception saved"),
    "catering.meal_deleted": _l("Meal or reception removed"),
    "catering.choice_set": _l("Attendance at a meal set for someone"),
    "catering.visa_status": _l("Visa status reported"),
    "auth.link_sent": _l("Sign-in link sent"),
    "auth.link_not_sent": _l("Sign-in link asked for an address without a link account"),
    "auth.sign_in_link": _l("Signed in with a link"),
    "auth.sign_in_password": _l("Signed in with a password"),
    "auth.sign_in_password_totp": _l("Signed in with a password and code"),
    "auth.sign_in_failed": _l("Failed sign-in"),
    "auth.totp_enrolled": _l("Two-step verification set up"),
    "auth.totp_failed": _l("Wrong verification code"),
    "auth.locked": _l("Sign-in paused after repeated failures"),
    "auth.sign_out": _l("Signed out"),
    "auth.sign_out_elsewhere": _l("Signed out on other browsers"),
    "auth.sign_out_everywhere": _l("Signed out everywhere"),
    "auth.profile_changed": _l("Profile changed"),
    "auth.email_change_requested": _l("New e-mail address asked for"),
    "auth.email_changed": _l("E-mail address changed"),
    "users.create": _l("Account created"),
    "users.deactivated": _l("Account deactivated"),
    "staff.invited": _l("Staff member invited"),
    "staff.role_changed": _l("Staff role changed"),
    "staff.removed": _l("Staff member removed from the meeting"),
    "auth.password_set": _l("Password set from an e-mailed link"),
    "auth.password_reset_sent": _l("Password reset link sent"),
    "auth.password_reset_not_sent": _l("Password reset asked for an address without a "
                                       "staff account"),
    "auth.totp_reset": _l("Two-step verification reset by an administrator"),
    "auth.signed_out_by_admin": _l("Signed out everywhere by an administrator"),
    # meetings and series
    "meetings.cloned": _l("Meeting created from an earlier one"),
    "meetings.dates_changed": _l("Meeting dates changed"),
    "meetings.settings_changed": _l("Meeting settings changed"),
    "meetings.translations_saved": _l("Translations saved"),
    "meetings.create": _l("Meeting created"),
    "meetings.rooms_added": _l("Rooms added to the meeting"),
    "meetings.participant_added": _l("Organisation added to the meeting"),
    "series.create": _l("Series created"),
    "series.change": _l("Series changed"),
    "organisations.create": _l("Organisation created"),
    "organisations.change": _l("Organisation changed"),
    "series.joined": _l("Organisation joined the series"),
    "series.left": _l("Organisation left the series"),
    # invitations
    "invitations.added": _l("Invitee added"),
    "invitations.changed": _l("Invitation changed"),
    "invitations.removed": _l("Invitation removed"),
    "invitations.letter_saved": _l("Invitation letter saved"),
    "invitations.sent": _l("Invitation sent"),
    "invitations.reminded": _l("Reminder sent"),
    "invitations.opened": _l("Invitation opened"),
    "invitations.accepted": _l("Invitation accepted"),
    "invitations.declined": _l("Invitation declined"),
    # accreditation beyond delegations
    "accreditation.category_saved": _l("Accreditation category saved"),
    "accreditation.area_saved": _l("Accreditation area saved"),
    "accreditation.area_deleted": _l("Accreditation area removed"),
    "accreditation.applied": _l("Accreditation requested"),
    "accreditation.entered": _l("Person accredited by the secretariat"),
    "accreditation.approved": _l("Accreditation approved"),
    "accreditation.rejected": _l("Accreditation rejected"),
    # registration
    "registration.created": _l("Registration received"),
    "registration.changed": _l("Registration changed"),
    "registration.back_for_approval": _l("Registration sent back for approval"),
    "registration.approved": _l("Registration approved"),
    "registration.rejected": _l("Registration rejected"),
    "registration.cancelled": _l("Registration cancelled"),
    "registration.quota_changed": _l("Delegation size changed"),
    "registration.link_renewed": _l("Registration link renewed"),
    "registration.checked_in": _l("Checked in at the desk"),
    "registration.sensitive_access": _l("Passport data viewed"),
    "privacy.purged": _l("Personal data erased after the meeting"),
    # agenda
    "agenda.session_saved": _l("Agenda session saved"),
    "agenda.item_created": _l("Agenda item added"),
    "agenda.item_changed": _l("Agenda item changed"),
    "agenda.item_moved": _l("Agenda item moved"),
    "agenda.item_cancelled": _l("Agenda item cancelled"),
    "agenda.item_scheduled": _l("Agenda item reinstated"),
    "agenda.document_added": _l("Document attached"),
    "agenda.published": _l("Agenda published"),
    "calendar.feed_created": _l("Calendar link created"),
    "calendar.feed_revoked": _l("Calendar link stopped"),
    # minutes
    "minutes.saved": _l("Minutes saved"),
    "minutes.circulated": _l("Minutes circulated"),
    "minutes.approved": _l("Minutes approved"),
    "minutes.commented": _l("Comment on the minutes"),
    "minutes.decision_added": _l("Decision added to the minutes"),
    "minutes.action_added": _l("Action point added"),
    "minutes.action_status": _l("Action point status changed"),
    "minutes.removed": _l("Decision or action point removed"),
    # resolutions
    "resolutions.created": _l("Resolution created"),
    "resolutions.text_saved": _l("Resolution text saved"),
    "resolutions.paragraph_added": _l("Paragraph added to a resolution"),
    "resolutions.paragraph_removed": _l("Paragraph removed from a resolution"),
    "resolutions.sponsors": _l("Sponsors of a resolution changed"),
    "resolutions.draft": _l("Resolution returned to draft"),
    "resolutions.tabled": _l("Resolution tabled"),
    "resolutions.adopted": _l("Resolution adopted"),
    "resolutions.withdrawn": _l("Resolution withdrawn"),
    "resolutions.rejected": _l("Resolution rejected"),
    "resolutions.amendment_proposed": _l("Amendment proposed"),
    "resolutions.amendment_accepted": _l("Amendment accepted"),
    "resolutions.amendment_rejected": _l("Amendment rejected"),
    # e-mail
    "outbox.retry": _l("E-mail queued again"),
    "outbox.send_now": _l("Queued e-mails sent at once"),
    "circulars.sent": _l("Circular sent"),
    # accommodation
    "accommodation.hotel_created": _l("Hotel added"),
    "accommodation.hotel_changed": _l("Hotel changed"),
    "accommodation.block_created": _l("Room block added"),
    "accommodation.block_changed": _l("Room block changed"),
    "accommodation.block_deleted": _l("Room block deleted"),
    "accommodation.assigned": _l("Room given to a participant"),
    "accommodation.nights_changed": _l("Hotel nights changed"),
    "accommodation.removed": _l("Room place freed"),
    # arrivals, departures and transfers
    "travel.flights_changed": _l("Flights changed"),
    "travel.greeter_set": _l("Liaison officer chosen to meet an arrival"),
    "travel.vehicle_added": _l("Vehicle added"),
    "travel.vehicle_changed": _l("Vehicle changed"),
    "travel.trip_added": _l("Transfer trip added"),
    "travel.trip_changed": _l("Transfer trip changed"),
    "travel.trip_removed": _l("Transfer trip removed"),
    "travel.passenger_added": _l("Passenger put on a transfer"),
    "travel.passenger_removed": _l("Passenger taken off a transfer"),
    "protocol.rule_changed": _l("Rule of the order of precedence changed"),
    "protocol.lot_drawn": _l("Lot drawn for the order of precedence"),
    "protocol.seating_changed": _l("Seating plan layout changed"),
}


def label(action: str) -> str:
    """The action in the reader's language; an unknown key (an older release's) as itself."""
    found = ACTIONS.get(action)
    return str(found) if found is not None else action
