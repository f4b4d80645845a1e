"""Freezing the draft as a version, sealing old releases, and the draft's history from git."""
