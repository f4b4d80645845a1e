"""The id suggested for the first comment of a new reply.

Comment ids are published (each comment's anchor and label on the site), so the suggestion must
not count anything a public reader cannot see.  Numbering on from the party's earlier comments
(``aut-2019-5`` after four) told readers of a public reply that an earlier reply with four
comments existed, although it was restricted.  The suggestion is therefore made of the new
reply's own public facts — the party and the date received — and the comments of one reply
are numbered from 1.  Only if that prefix is already taken (two replies from one party on one
day) does a random tag tell them apart: counting would reveal the other reply again.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable


def first_comment_id(party_code: str, received: dt.date, used: Iterable[str]) -> str:
    """``<party>-<yyyy>-<mm>-<dd>-1``; with a random tag before the ``-1`` if any id in ``used``
    already starts with that prefix."""
    prefix = f"{party_code.lower()}-{received.isoformat()}"
    taken = {comment_id for comment_id in used if comment_id.startswith(f"{prefix}-")}
    while taken:
        candidate = f"{prefix}-{secrets.token_hex(2)}"
        if not any(comment_id.startswith(f"{candidate}-") for comment_id in taken):
            prefix = candidate
            break
    return f"{prefix}-1"
