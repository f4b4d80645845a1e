"""Comparisons: the word diff of two texts (``textdiff``), the structural comparison of two
versions (``compare``), its renderers, one module per output form (``render``), and the drift of
translations from their original (``drift``)."""
