"""Comparisons: word-level text diffs, the structural redline of two versions, its renderers,
and the drift of translations from their original."""
