"""Arrivals and departures: flights per person, the manifest, vehicles and transfers, and the
pickup event of a person's calendar feed."""
