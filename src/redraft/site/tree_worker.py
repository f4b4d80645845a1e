"""``python -m redraft.site.tree_worker PARENT``: build the one tree asked for on stdin
(:func:`redraft.site.tree_builds.serve_one_tree`), for a build running trees in parallel."""

from __future__ import annotations

import sys

from redraft.site.tree_builds import serve_one_tree

if __name__ == "__main__":
    serve_one_tree(int(sys.argv[1]), sys.stdin.buffer, sys.stdout.buffer)
