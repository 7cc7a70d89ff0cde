"""The site administrator's pages: series, meetings from scratch, organisations."""
