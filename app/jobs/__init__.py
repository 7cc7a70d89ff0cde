"""Background jobs: long work (badges for thousands, the participants list, bulk sends, ZIPs of
documents) run by a Huey worker, with progress shown on the page and the file kept, encrypted,
until it expires. The domains above register their kinds of job (services.register_kind)."""
