"""Readers' words for codes: languages (MARC codes), material types, decades."""

from django.utils.translation import gettext_lazy as _

from catalogue.choices import MaterialType

LANGUAGES = {
    "vie": _("Tiếng Việt"), "eng": _("Tiếng Anh"), "fre": _("Tiếng Pháp"), "chi": _("Tiếng Trung"),
    "rus": _("Tiếng Nga"), "jpn": _("Tiếng Nhật"), "kor": _("Tiếng Hàn"), "ger": _("Tiếng Đức"),
}


def language_label(code):
    return LANGUAGES.get(code, code or _("Không rõ"))


def type_label(code):
    try:
        return MaterialType(code).label
    except ValueError:
        return code


def decade_label(start):
    return f"{start}–{start + 9}"
