"""The repeated elements, as the writer (:mod:`.writer`) rewrites them: authors, subjects, ISBNs,
ISSNs and notes.

A field that already carries a wanted value is kept for it (its indicators, its other subfields,
its $0 authority link…), in the order now wanted; the others go, and a value no field carries
gets a new field: 100/700 $a $e, 650 _4 ($a, then $x for each subdivision), 020 $a, 022 $a,
500 $a.
"""

from copy import deepcopy

from pymarc import Field, Subfield

from catalogue.marc.elements import (
    author_of,
    authors,
    cleaned,
    joined,
    normalise_isbn,
    subject_heading,
    unique,
)
from catalogue.marc.field_edits import new_field, splice
from catalogue.marc.vocabulary import (
    ADDED_AUTHOR_TAGS,
    MAIN_AUTHOR_TAGS,
    NAME_CODES,
    NOTE_TAGS,
    ROLE_CODES,
    SUBDIVISION_MARK,
    SUBJECT_TAGS,
)


def _write_list(marc, tags, values_of, wanted, build, once=False):
    """Make the fields of ``tags`` carry ``wanted`` in order (fields that carry nothing stay).

    ``values_of(field)`` is what the mapping reads from a field; a field that carries exactly
    one wanted value is kept for it, in the new order; the others are dropped; values no field
    carries get ``build(value)``. ``once``: the mapping reads each value once.
    """
    carrying = [field for field in marc.get_fields(*tags) if values_of(field)]
    current = [value for field in carrying for value in values_of(field)]
    if once:
        current = unique(current)
    if current == wanted:
        return
    pool = list(carrying)
    block = []
    for value in wanted:
        field = next((f for f in pool if values_of(f) == [value]), None)
        if field is None:
            field = build(value)
        else:
            pool.remove(field)
        block.append(field)
    splice(marc, carrying, block, tags[0])


def write_isbns(marc, isbns):
    """020 $a: the normalised ``isbns``, each once."""
    _write_list(marc, ("020",), _isbns_of, isbns, lambda isbn: new_field("020", "  ", a=isbn),
                once=True)


def write_issns(marc, issns):
    """022 $a: ``issns``, each once."""
    _write_list(marc, ("022",), _issns_of, issns, lambda issn: new_field("022", "  ", a=issn),
                once=True)


def write_subjects(marc, headings):
    """600–651 and 653: ``headings`` (``"Lịch sử -- Việt Nam"``), each once."""
    _write_list(marc, SUBJECT_TAGS, _subject_of, headings, _subject_field, once=True)


def write_notes(marc, notes):
    """5XX (but 520) $a: ``notes``, in order."""
    _write_list(marc, NOTE_TAGS, _note_of, notes, lambda note: new_field("500", "  ", a=note))


def _isbns_of(field):
    return unique(map(normalise_isbn, cleaned(field.get_subfields("a"))))


def _issns_of(field):
    return unique(cleaned(field.get_subfields("a")))


def _subject_of(field):
    heading = subject_heading(field)
    return [heading] if heading else []


def _note_of(field):
    note = joined(field, "a")
    return [note] if note else []


def _subject_field(heading):
    """650 _4 (topical term, source not specified): $a, then $x for each subdivision."""
    parts = [part.strip() for part in heading.split(SUBDIVISION_MARK) if part.strip()]
    codes = ["a"] + ["x"] * (len(parts) - 1)
    return Field(tag="650", indicators=[" ", "4"],
                 subfields=[Subfield(code, part) for code, part in zip(codes, parts, strict=True)])


def _with_role(field, main, role):
    """A copy of an author field in the main (1XX) or added (7XX) entries, with role ``role``."""
    copy = deepcopy(field)
    copy.tag = ("1" if main else "7") + field.tag[1:]
    kept = [sub for sub in copy.subfields if sub.code not in ROLE_CODES]
    if role:
        last_name = max((i for i, sub in enumerate(kept) if sub.code in NAME_CODES), default=-1)
        kept.insert(last_name + 1, Subfield("e", role))
    copy.subfields = kept
    return copy


def _author_field(main, name, role):
    """100/700 for a new author; ind1 1 for an inverted name ("Smith, John"), else 0."""
    indicator = "1" if "," in name else "0"
    return new_field("100" if main else "700", indicator + " ", a=name, e=role)


def write_authors(marc, names):
    """1XX and 7XX: ``names`` (``[{"name", "role", "main"}]``), the main entries first.

    A field with the same name is kept (its $d dates, $0 link…) with the role rewritten, and
    moved between the main and the added entries when it must.
    """
    wanted = [(bool(a.get("main")), a.get("name") or "", a.get("role") or "") for a in names]
    wanted = [w for w in wanted if w[1]]
    wanted.sort(key=lambda w: not w[0])  # the mapping reads the main entries first
    if [(a["main"], a["name"], a["role"]) for a in authors(marc)] == wanted:
        return
    groups = {True: [f for f in marc.get_fields(*MAIN_AUTHOR_TAGS) if author_of(f)],
              False: [f for f in marc.get_fields(*ADDED_AUTHOR_TAGS) if author_of(f)]}
    pool = groups[True] + groups[False]
    blocks = {True: [], False: []}
    for main, name, role in wanted:
        same_group = [f for f in pool if (f.tag[0] == "1") == main]
        other_group = [f for f in pool if (f.tag[0] == "1") != main]
        field = (
            next((f for f in same_group if author_of(f) == (name, role)), None)
            or next((f for f in same_group + other_group if author_of(f)[0] == name), None)
        )
        if field is None:
            blocks[main].append(_author_field(main, name, role))
            continue
        pool.remove(field)
        same = author_of(field) == (name, role) and (field.tag[0] == "1") == main
        blocks[main].append(field if same else _with_role(field, main, role))
    splice(marc, groups[True], blocks[True], "100")
    splice(marc, groups[False], blocks[False], "700")
