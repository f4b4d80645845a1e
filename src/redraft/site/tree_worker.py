"""``python -m redraft.site.tree_worker PARENT``: build the trees asked for on stdin, one after
the other (:func:`redraft.site.tree_builds.serve_trees`), for a build running trees in
parallel."""

from __future__ import annotations

import sys

from redraft.site.tree_builds import serve_trees

if __name__ == "__main__":
    serve_trees(int(sys.argv[1]), sys.stdin.buffer, sys.stdout.buffer)
