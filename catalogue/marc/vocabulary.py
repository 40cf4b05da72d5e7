"""The MARC21 vocabulary of the codec: one table for each thing it reads and writes.

The mapping (MARC → catalogue fields), the writer (fields → MARC), the copies' 952 item fields
and the CSV import take their tags and codes from here, so that what one side writes the other
reads: each reading table is derived from the writing one, never kept beside it.
"""

from catalogue.choices import HoldingStatus, MaterialType

# --- leader/06-07: the kind of material -----------------------------------------------------------

MONOGRAPH = "m"  # leader/07, bibliographic level; "s": a serial, whatever its leader/06
# material: (leader/06 type-of-record codes: the first is written, all of them are read as this
# material; leader/07 written). A level other than MONOGRAPH decides alone when it is read.
MATERIAL_LEADER = {
    MaterialType.BOOK: ("a", MONOGRAPH),
    MaterialType.SERIAL: ("a", "s"),
    MaterialType.MAP: ("ef", MONOGRAPH),  # f: a manuscript map
    MaterialType.MUSIC: ("cd", MONOGRAPH),  # d: manuscript music
    MaterialType.AUDIO: ("ij", MONOGRAPH),  # i: non-musical, j: musical sound recording
    MaterialType.VIDEO: ("g", MONOGRAPH),
    MaterialType.ELECTRONIC: ("m", MONOGRAPH),
    MaterialType.MANUSCRIPT: ("t", MONOGRAPH),
    MaterialType.OTHER: ("p", MONOGRAPH),  # mixed materials; any unknown type reads as other
}
LEADER_BY_MATERIAL = {
    material: types[0] + level for material, (types, level) in MATERIAL_LEADER.items()
}
MATERIAL_BY_LEVEL = {
    level: material for material, (_types, level) in MATERIAL_LEADER.items() if level != MONOGRAPH
}
MATERIAL_BY_TYPE = {
    code: material for material, (types, level) in MATERIAL_LEADER.items()
    if level == MONOGRAPH for code in types
}

# --- data fields ----------------------------------------------------------------------------------

MAIN_AUTHOR_TAGS = ("100", "110", "111")  # main entry: personal, corporate, meeting name
ADDED_AUTHOR_TAGS = ("700", "710", "711")  # added entries
NAME_CODES = "abcdq"  # what makes the name (dates and numbers included)
ROLE_CODES = "e4"  # relator term, relator code
SUBJECT_TAGS = ("600", "610", "611", "630", "648", "650", "651", "653")
SUBJECT_CODES = "abcdtvxyz"  # a heading and its subdivisions, joined by SUBDIVISION
SUBDIVISION_MARK = "--"  # how an editor or a CSV separates the subdivisions of a heading
SUBDIVISION = f" {SUBDIVISION_MARK} "
SUMMARY_TAG = "520"
NOTE_TAGS = tuple(str(tag) for tag in range(500, 600) if str(tag) != SUMMARY_TAG)

# --- 856: links, the cover image among them -------------------------------------------------------

COVER_WORDS = ("cover", "bìa")  # $3/$y/$z saying the link is the cover image
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")  # or its address ending so
COVER_LABEL = "Ảnh bìa"  # the $3 written with a cover (a CSV's cover_url)
COVER_INDICATORS = "42"  # HTTP; a related resource

# --- 952: Koha's item field, one a copy -----------------------------------------------------------

ITEM_TAG = "952"
ITEM_BRANCH = "a"  # home branch
ITEM_HOLDING_BRANCH = "b"  # holding branch: read when $a is empty, written the same as $a
ITEM_LOCATION = "c"  # shelving location
ITEM_CALL_NUMBER = "o"  # the copy's own, when not the record's
ITEM_BARCODE = "p"  # a 952 without one is no copy
ITEM_DUE_DATE = "q"  # on loan until then (ISO 8601)
UNKNOWN_DUE_DATE = "?"  # the $q of a copy on loan whose due date nobody gave
# A copy's status: the first of these whose subfield is set, $q to anything, a flag to anything
# but "0" (the flags are written "1"); a 952 with none of them is a copy available.
ITEM_STATUS_CODES = {
    HoldingStatus.LOST: "1",  # Koha's itemlost
    HoldingStatus.DAMAGED: "4",  # damaged
    HoldingStatus.ON_LOAN: ITEM_DUE_DATE,  # onloan
    HoldingStatus.REFERENCE: "7",  # notforloan
}
ITEM_FLAGS = {status: code for status, code in ITEM_STATUS_CODES.items() if code != ITEM_DUE_DATE}
# The subfields a copy's values are written in; a changed copy's 952 keeps its others.
ITEM_CODES = (ITEM_BRANCH, ITEM_HOLDING_BRANCH, ITEM_LOCATION, ITEM_CALL_NUMBER, ITEM_BARCODE,
              *ITEM_STATUS_CODES.values())
