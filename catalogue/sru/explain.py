"""What the explain record (ZeeRex 2.0) says of the indexes: names, titles, relations, sorting."""

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


def _split(name):
    return tuple(name.split(".", 1))


def explained_indexes():
    """``[{"id", "title", "maps": [(set, name)], "relations", "sort"}]`` of every index."""
    return [{
        "id": name,
        "title": TITLES[name],
        "maps": [_split(name), *(_split(a) for a, target in ALIASES.items() if target == name)],
        "relations": RELATIONS[kind],
        "sort": name in SORT_INDEXES,
    } for name, (kind, _field) in INDEXES.items()]
