"""Protocol: the order of precedence, the plenary seating plan, name plates and the flag order."""
