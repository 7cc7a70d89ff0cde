"""iCalendar files (RFC 5545/5546) for meetings, agenda items and personal feeds."""
