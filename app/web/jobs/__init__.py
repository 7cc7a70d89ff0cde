"""The pages of background jobs: start (for the domains' buttons), follow, download."""
