"""A small demo catalogue for ``load_demo``: original Vietnamese (and some English) records,
built as MARC21 with pymarc and loaded through the import code. The library's demo adds one
record per book of the day (:func:`import_demo_books`). Running it again changes nothing.
"""

import io

from pymarc import Field, Leader, MARCWriter, Subfield
from pymarc import Record as MarcRecord

from base.demo_tools import demo_cover, demo_data
from catalogue.importing.files import import_files
from catalogue.index import update_after_commit
from catalogue.models import Record

CONTENT = demo_data(__file__, "demo_records.json")  # branches and records
BRANCHES = CONTENT["branches"]
COVER_COLOURS = [(31, 78, 121), (128, 38, 36), (46, 104, 74), (92, 60, 104), (176, 84, 44),
                 (70, 120, 130)]
RECORDS_WITH_COVERS = 6  # the newest demo records get a cover, for the "Sách mới" block


def _record(number, title, subtitle, author, year, publisher, subjects, ddc, language):
    record = MarcRecord(force_utf8=True)
    record.leader = Leader("00000nam a22000007a 4500")
    record.add_field(Field(tag="001", data=f"DEMO{number:04d}"))
    record.add_field(Field(tag="008", data=f"250101s{year}    vm            000 0 {language} d"))
    fields = [
        ("020", " ", " ", [("a", f"978604{number:07d}")]),
        ("082", "0", "4", [("a", ddc)]),
        ("090", " ", " ", [("a", ddc), ("b", author.split()[-1][:3].upper())]),
        ("100", "1", " ", [("a", author), ("e", "tác giả")]),
        ("245", "1", "0", [("a", title), *([("b", subtitle)] if subtitle else []),
                           ("c", author)]),
        ("264", " ", "1", [("a", "Hà Nội"), ("b", publisher), ("c", str(year))]),
        ("300", " ", " ", [("a", f"{120 + number * 7 % 300} tr."), ("c", "21 cm")]),
        ("520", " ", " ", [("a", f"“{title}” — biểu ghi mẫu, dùng để trình diễn OPAC.")]),
        *[("650", " ", "7", [("a", subject)]) for subject in subjects],
    ]
    for copy in range(1 + number % 3):
        status = [] if (number + copy) % 4 else [("q", "2026-12-31")]
        fields.append(("952", " ", " ", [("a", BRANCHES[(number + copy) % len(BRANCHES)]),
                                         ("p", f"DEMO-{number:04d}-{copy + 1}"), *status]))
    for tag, ind1, ind2, subfields in fields:
        record.add_field(Field(tag=tag, indicators=[ind1, ind2],
                               subfields=[Subfield(code, value) for code, value in subfields]))
    return record


def _import(entries, first_number):
    out = io.BytesIO()
    writer = MARCWriter(out)
    for number, entry in enumerate(entries, start=first_number):
        writer.write(_record(number, **entry))
    out.seek(0)
    return import_files([("demo.mrc", out)])


def import_demo_books(books):
    """Records for ``[(title, author)]`` (the books of the day), numbered after the demo records;
    return ``{title: Record}``."""
    entries = [{"title": title, "subtitle": "", "author": author, "year": 2024,
                "publisher": "Nxb. Trẻ", "subjects": ["Sách hay", "Kỹ năng sống"],
                "ddc": "158.1", "language": "vie"} for title, author in books]
    _import(entries, len(CONTENT["records"]) + 1)
    titles = [title for title, _author in books]
    return {record.title: record for record in Record.objects.filter(title__in=titles)}


def give_cover(record, image):
    """Make ``image`` the cover of ``record`` if it has none, without rewriting its MARC (a
    cover uploaded in the admin is not MARC either), and update its search document."""
    if Record.objects.filter(pk=record.pk, cover=None).update(cover=image):
        update_after_commit([record.pk])


def load(today):
    """Import the demo records (the import leaves unchanged records alone); covers for the
    newest few."""
    _import(CONTENT["records"], 1)
    count = len(CONTENT["records"])
    numbers = range(count - RECORDS_WITH_COVERS + 1, count + 1)
    newest = Record.objects.filter(control_number__in=[f"DEMO{n:04d}" for n in numbers])
    for index, record in enumerate(newest.order_by("pk")):
        colour = COVER_COLOURS[index % len(COVER_COLOURS)]
        give_cover(record, demo_cover(record.title, record.main_author, colour))
