"""The editor's commands: each act of a comment cycle as one checked change to the files.

An editing command never writes as it goes.  It gathers every file it would change in a
:class:`~redraft.editing.changeset.Changeset`, :func:`~redraft.editing.apply.apply` loads and
checks the knowledge base *as it would be* (through an overlay of the files on disk), refuses if
the result has a problem the knowledge base did not have, and only then writes, each file
atomically.  YAML is edited through :mod:`redraft.editing.yamledit`, a round trip that keeps the
editor's comments, order, quoting and line breaks, so ``git diff`` shows only what changed.
"""
