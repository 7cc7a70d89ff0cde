"""Invitations: who is invited, the letter, sending through the outbox, and the answers."""
