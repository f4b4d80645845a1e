"""Freezing the draft as a version (:mod:`.release`), sealing old releases (:mod:`.seal`),
editing ``versions.yml`` as text (:mod:`.versions_file`), and the draft's history from git
(:mod:`.provenance`)."""
