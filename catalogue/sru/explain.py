"""What the explain record (ZeeRex 2.0) says of the indexes: names, titles, relations, sorting."""

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue.sru.cql import ALIASES, INDEXES, RELATIONS, SORT_INDEXES

CONTEXT_SETS = {
    "cql": "info:srw/cql-context-set/1/cql-v1.2",
    "dc": "info:srw/cql-context-set/1/dc-v1.1",
    "bath": "http://zing.z3950.org/cql/bath/2.0/",
    "rec": "info:srw/cql-context-set/2/rec-1.1",
}
TITLES = {
    "cql.anywhere": _("Mọi trường"),
    "cql.serverChoice": _("Mọi trường (mặc định)"),
    "dc.title": _("Nhan đề"),
    "dc.creator": _("Tác giả"),
    "dc.subject": _("Chủ đề"),
    "dc.date": _("Năm xuất bản"),
    "bath.isbn": _("ISBN"),
    "rec.identifier": _("Số kiểm soát (001)"),
    "cql.allRecords": _("Mọi biểu ghi"),
}


LANGUAGES = ("vi", "en")


def database_info(site_name):
    """``[(language, title, description)]`` of the catalogue, in Vietnamese and English."""
    described = []
    for language in LANGUAGES:
        with translation.override(language):
            described.append((
                language, gettext("Mục lục – %(site)s") % {"site": site_name},
                gettext("Biểu ghi thư mục (MARC 21) và vốn tài liệu của thư viện; tìm kiếm "
                        "không phân biệt dấu tiếng Việt."),
            ))
    return described


def _in(language, text):
    with translation.override(language):
        return str(text)


def _split(name):
    return tuple(name.split(".", 1))


def explained_indexes():
    """``[{"id", "titles": [(language, title)], "maps": [(set, name)], "relations", "sort"}]``
    of every index."""
    return [{
        "id": name,
        "titles": [(language, _in(language, TITLES[name])) for language in LANGUAGES],
        "maps": [_split(name), *(_split(a) for a, target in ALIASES.items() if target == name)],
        "relations": RELATIONS[kind],
        "sort": name in SORT_INDEXES,
    } for name, (kind, _field) in INDEXES.items()]
