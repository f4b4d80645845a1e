"""Redraft: versioned guideline drafts, comments by note verbale, dispositions and redlines."""

__version__ = "0.1.0"
