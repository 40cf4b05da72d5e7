"""The leader and the control fields, as the writer (:mod:`.writer`) keeps them in step with the
catalogue fields.

Leader/05 ``c`` on a revised record, 06-07 the material type (:mod:`.vocabulary`), 09 ``a``
(Unicode); 001 the control number; 005 the time of the edit; 008/07-10 the year and 008/35-37
the language, with the first 041 $a. A new record gets a book's 008 with no year nor language.
"""

from pymarc import Field, Leader, Subfield

from catalogue.choices import MaterialType
from catalogue.marc.elements import cleaned, language_of, material_type_of, publication, year_of
from catalogue.marc.field_edits import drop_empty, insert
from catalogue.marc.vocabulary import LEADER_BY_MATERIAL

NEW_LEADER = "00000nam a2200000 i 4500"
UNKNOWN_YEAR = "uuuu"
NO_LANGUAGE = "|||"  # fill characters: "no attempt to code"


def write_leader(marc, material_type, revised):
    """A full leader saying Unicode, ``material_type`` and, when ``revised``, a revised record."""
    marc.leader = Leader(str(marc.leader).ljust(24)[:24])
    if revised and marc.leader[5] == "n":
        marc.leader[5] = "c"  # corrected or revised
    marc.leader[9] = "a"  # what we write is Unicode
    if material_type_of(marc) != material_type:
        code = LEADER_BY_MATERIAL.get(material_type, LEADER_BY_MATERIAL[MaterialType.OTHER])
        marc.leader[6], marc.leader[7] = code[0], code[1]


def write_control(marc, tag, data):
    """Set the data of the first control field ``tag`` (added when there is none)."""
    existing = marc.get_fields(tag)
    if existing:
        existing[0].data = data
    else:
        insert(marc, Field(tag=tag, data=data))


def write_control_number(marc, control_number):
    """001, unless it already reads as ``control_number``; none is added for an empty one."""
    current = marc.get("001")
    if current is None:
        if control_number:
            insert(marc, Field(tag="001", data=control_number))
    elif cleaned([current.data]) != [control_number]:
        current.data = control_number


def ensure_008(marc, entered):
    """The 008 of a new record: date entered ``entered`` (yymmdd, or blank), a book's defaults,
    no year nor language yet."""
    if not marc.get_fields("008"):
        data = f"{entered}n{UNKNOWN_YEAR}    xx {' ' * 11}000 0 {NO_LANGUAGE} d"
        insert(marc, Field(tag="008", data=data))


def _set_008(marc, start, text, entered):
    ensure_008(marc, entered)
    fixed = marc.get_fields("008")[0]
    data = fixed.data.ljust(40)
    fixed.data = data[:start] + text + data[start + len(text):]


def write_year(marc, year, entered, new=False):
    """008/07-10 (and 008/06 ``s`` for a single known date); a new record's 008 always has it."""
    date_text = publication(marc)[2]
    if year_of(marc, date_text) == year and not (new and year is not None):
        return
    if year is None:
        _set_008(marc, 7, UNKNOWN_YEAR, entered)
        return
    _set_008(marc, 7, f"{year:04d}", entered)
    fixed = marc.get_fields("008")[0]
    if fixed.data[6] in " n|":  # date type: single known date
        fixed.data = fixed.data[:6] + "s" + fixed.data[7:]


def write_language(marc, language, entered):
    """008/35-37 and the first 041 $a (when the record has a 041)."""
    if language_of(marc) == language:
        return
    _set_008(marc, 35, language.ljust(3) if language else NO_LANGUAGE, entered)
    for field in marc.get_fields("041"):
        if language:  # the first $a is the language of the text
            codes = [sub for sub in field.subfields if sub.code == "a"]
            rest = [v for v in codes[1:] if v.value.strip().lower() != language]
            field.subfields = [Subfield("a", language), *rest] + [
                sub for sub in field.subfields if sub.code != "a"]
            break
        field.subfields = [sub for sub in field.subfields if sub.code != "a"]
    drop_empty(marc, marc.get_fields("041"))
