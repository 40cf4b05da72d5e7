"""The record form of the admin: lists one per line, authors as "name | role", holdings inline.

What the form accepts is what the MARC can carry: ISBNs must look like ISBNs, the language is a
MARC code. On save the record's MARC is rewritten from these fields (``Record.save``).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from catalogue.marc.elements import normalise_isbn

ROLE_SEPARATOR = "|"


class LinesField(forms.Field):
    """A list of strings edited as lines of a textarea (blank lines ignored)."""

    widget = forms.Textarea

    def __init__(self, *, rows=3, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["rows"] = rows

    def line(self, item):
        return str(item)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(self.line(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        return [line.strip() for line in str(value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data):
        return self.to_python(self.prepare_value(initial)) != self.to_python(data)


class AuthorsField(LinesField):
    """Authors as lines ``name | role`` (the role may be left out)."""

    def line(self, item):
        role = item.get("role") or ""
        return f"{item['name']} {ROLE_SEPARATOR} {role}" if role else item["name"]

    def to_python(self, value):
        authors = []
        for line in super().to_python(value):
            if isinstance(line, dict):
                authors.append(line)
                continue
            name, _separator, role = line.partition(ROLE_SEPARATOR)
            if not name.strip():
                raise ValidationError(
                    _("Thiếu tên tác giả ở dòng “%(line)s”."), code="no_name", params={"line": line}
                )
            authors.append({"name": name.strip(), "role": role.strip()})
        return authors


class RecordForm(WagtailAdminModelForm):
    """A record with its holdings (``InlinePanel``); authors split into main and added entries."""

    main_author = AuthorsField(
        label=_("Tác giả chính (100/110/111)"), rows=1,
        help_text=_("Tên | vai trò, ví dụ: Nguyễn Văn Minh | chủ biên"),
    )
    added_authors = AuthorsField(
        label=_("Tác giả phụ (700/710/711)"),
        help_text=_("Mỗi dòng một người: Tên | vai trò"),
    )
    subjects = LinesField(
        label=_("Chủ đề (6XX)"),
        help_text=_("Mỗi dòng một chủ đề; phân mục cách nhau bằng “ -- ”, "
                    "ví dụ: Lịch sử -- Quảng Ninh"),
    )
    isbns = LinesField(label=_("ISBN (020)"), rows=2, help_text=_("Mỗi dòng một số."))
    issns = LinesField(label=_("ISSN (022)"), rows=1, help_text=_("Mỗi dòng một số."))
    notes = LinesField(label=_("Phụ chú (5XX)"), help_text=_("Mỗi dòng một phụ chú."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        authors = self.instance.authors or []
        self.initial.setdefault("main_author", [a for a in authors if a.get("main")])
        self.initial.setdefault("added_authors", [a for a in authors if not a.get("main")])
        if language := self.fields.get("language"):  # "VIE " is fine: clean_language says why not
            language.max_length = None
            language.validators = [v for v in language.validators
                                   if not isinstance(v, MaxLengthValidator)]
            language.widget.attrs.pop("maxlength", None)
        for formset in self.formsets.values():
            formset.get_unique_error_message = _unique_error_message(formset)

    def clean_language(self):
        language = (self.cleaned_data.get("language") or "").strip().lower()
        if language and not re.fullmatch("[a-z]{3}", language):
            raise ValidationError(
                _("Mã ngôn ngữ MARC gồm 3 chữ thường, ví dụ vie, eng, fre."), code="language")
        return language

    def clean_isbns(self):
        isbns = []
        for value in self.cleaned_data.get("isbns") or []:
            isbn = normalise_isbn(value)
            if not isbn:
                raise ValidationError(_("“%(value)s” không phải là ISBN."), code="isbn",
                                      params={"value": value})
            isbns.append(isbn)
        return list(dict.fromkeys(isbns))

    def clean(self):
        cleaned = super().clean()
        if "main_author" in cleaned and "added_authors" in cleaned:
            self.instance.authors = [
                {**author, "main": main}
                for main, field in ((True, "main_author"), (False, "added_authors"))
                for author in cleaned[field]
            ]
        return cleaned



def _unique_error_message(formset):
    """The formset's message for a value given twice, naming the fields by their labels."""
    django_message = formset.get_unique_error_message

    def message(unique_check):
        meta = formset.model._meta
        return django_message([str(meta.get_field(name).verbose_name) for name in unique_check])

    return message
