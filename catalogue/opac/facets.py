"""Facet links for the results page: each value with its count and the URL that adds or drops it."""

from django.utils.translation import gettext_lazy as _

from catalogue.choices import HoldingStatus
from catalogue.opac.labels import decade_label, language_label, type_label

FACET_TITLES = {
    "available": _("Tình trạng"), "language": _("Ngôn ngữ"), "type": _("Loại tài liệu"),
    "branch": _("Thư viện chi nhánh"), "decade": _("Năm xuất bản"),
}
LABELS = {"language": language_label, "type": type_label, "branch": str}


def _url(query, changes):
    query = query.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query.setlist(name, value if isinstance(value, list) else [value])
    return "?" + query.urlencode()


def facet_groups(query, result):
    """``[{"name", "title", "values": [{"label", "count", "url", "selected"}]}]``."""
    groups = []
    params = result.params
    for name in ("available", "language", "type", "branch", "decade"):
        values = []
        for key, count in result.facets.get(name, []):
            if name == "available":
                selected = params.available
                url = _url(query, {"available": None if selected else "1"})
                label = HoldingStatus.AVAILABLE.label
            elif name == "decade":
                selected = (params.year_from, params.year_to) == (key, key + 9)
                url = _url(query, {"year_from": None if selected else str(key),
                                   "year_to": None if selected else str(key + 9)})
                label = decade_label(key)
            else:
                chosen = list(getattr(params, name))
                selected = key in chosen
                chosen = [v for v in chosen if v != key] if selected else [*chosen, key]
                url = _url(query, {name: chosen})
                label = LABELS[name](key)
            if count or selected:
                values.append({"label": label, "count": count, "url": url, "selected": selected})
        if name == "decade":
            values.reverse()
        if values:
            groups.append({"name": name, "title": FACET_TITLES[name], "values": values})
    return groups
