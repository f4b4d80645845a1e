"""Redlines as people and programs read them: one module per output form.

* :mod:`~redraft.redline.render.text`: plain text (``[-old-]{+new+}``) and the terminal (rich);
* :mod:`~redraft.redline.render.markdown`: CriticMarkup, and a whole report as Markdown;
* :mod:`~redraft.redline.render.html`: ``<del>``/``<ins>`` fragments (the site's too) and a
  standalone page;
* :mod:`~redraft.redline.render.json`: a whole report as plain data.

What every form needs lives in :mod:`~redraft.redline.render.marks` (labels as ops, the old and
new sides of a diff, where whitespace at a change's edge goes) and
:mod:`~redraft.redline.render.words` (what a report says about a comparison).  Each form renders
ops (:mod:`redraft.redline.textdiff`) and a :class:`~redraft.redline.compare.VersionDiff`; none
does I/O.
"""
