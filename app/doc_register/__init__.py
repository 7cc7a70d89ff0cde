"""The register of meeting documents: symbols in the series' pattern, revisions, a file per
language, distribution, the notice e-mail and the meeting's ZIP."""
