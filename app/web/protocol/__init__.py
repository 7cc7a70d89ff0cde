"""Protocol pages: the order of precedence, the lot, the seating plan, name plates, flags."""
