"""Readers' query syntax: words, "exact phrases", AND / OR / NOT (also VÀ / HOẶC / KHÔNG) and -word.

AND binds tighter than OR, as in every library catalogue: ``a b OR c NOT d`` means
``(a AND b) OR (c AND NOT d)``. Anything else (``*:*``, brackets, ``field:value``) is plain text
that the analyzer reduces to words; nothing reaches the engine as query syntax.
"""

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
OR_WORDS = {"OR", "HOẶC", "||"}
AND_WORDS = {"AND", "VÀ", "&&", "+"}
NOT_WORDS = {"NOT", "KHÔNG", "!"}


@dataclass(frozen=True)
class Term:
    """A word or phrase, wanted or excluded."""

    text: str
    phrase: bool = False
    negated: bool = False


def parse(text):
    """Return the query as a list of alternatives (OR), each a list of :class:`Term` (AND).

    Alternatives with no wanted term are dropped (a reader cannot ask for "everything but").
    """
    groups, current, negate = [], [], False
    for match in _TOKEN.finditer(text or ""):
        phrase, word = match.group(1), match.group(2)
        if word in OR_WORDS:
            groups.append(current)
            current, negate = [], False
            continue
        if word in AND_WORDS:
            continue
        if word in NOT_WORDS:
            negate = True
            continue
        if phrase is not None:
            term = Term(" ".join(phrase.split()), phrase=True, negated=negate)
        elif word.startswith("-") and len(word) > 1:
            term = Term(word[1:], negated=True)
        else:
            term = Term(word, negated=negate)
        negate = False
        if term.text.strip():
            current.append(term)
    groups.append(current)
    return [group for group in groups if any(not term.negated for term in group)]
