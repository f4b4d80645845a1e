"""The published site: pages generated from the model as plain Material-flavoured Markdown.

:func:`~redraft.site.generate.generate_site` turns a knowledge base into the files of every
language tree (pure: nothing read or written); :mod:`redraft.site.build` writes them and runs
MkDocs.  One small module per family of pages: :mod:`.home`, :mod:`.versions`,
:mod:`.guidelines`, :mod:`.compare`, :mod:`.concordance`, :mod:`.parties`, :mod:`.comments`,
:mod:`.stats`.  See docs/site.md for the URL scheme and the decisions behind it.
"""
