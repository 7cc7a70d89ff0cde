"""Accreditation beyond delegations: categories with badge colours and areas, and the people
of the non-delegation categories (press, security, interpreters, drivers, liaison officers,
secretariat)."""
