"""Circulars: an ad-hoc message from the secretariat to chosen recipients of a meeting."""
