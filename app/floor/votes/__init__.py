"""Decisions by delegation: recorded and roll-call votes, one vote per member delegation, the
majority and quorum each decision needs, explanations of vote and reservations."""
