"""Arrivals and departures pages: the manifest, a person's flights, vehicles and transfers."""
