"""Text is stored in Unicode NFC, however it was typed or sent: a title typed decomposed (NFD,
as some keyboards and macOS pastes write it) is saved composed, so that it compares, sorts,
slugs and searches like the same words typed composed. Display keeps every other choice of the
writer (spelling, case)."""

import unicodedata

from django.db.models.signals import pre_save
from wagtail.fields import StreamField

# Apps whose saved text editors, API clients and imports write: ours and Wagtail's own
# (page titles, revisions, images, documents, tags).
NFC_APPS = {
    "base", "search", "catalogue", "articles", "library", "engagement", "home",
    "wagtailcore", "wagtailimages", "wagtaildocs", "taggit", "wagtailredirects",
}


def nfc(value):
    """``value`` with every string in it (nested in lists and dicts too) in NFC."""
    if isinstance(value, str):
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize(
            "NFC", value)
    if isinstance(value, list | tuple):
        return [nfc(item) for item in value]
    if isinstance(value, dict):
        return {nfc(key): nfc(item) for key, item in value.items()}
    return value


def store_nfc(sender, instance, raw=False, **kwargs):
    """Before a save, put the instance's text fields, JSON and StreamField content in NFC."""
    if raw or sender._meta.app_label not in NFC_APPS:
        return
    for field in sender._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(field, StreamField):
            data = field.get_prep_value(value)
            if nfc(data) != data:
                setattr(instance, field.attname, nfc(data))
        elif isinstance(value, str | list | dict):
            normalised = nfc(value)
            if normalised != value:
                setattr(instance, field.attname, normalised)


def store_text_in_nfc():
    """Connect :func:`store_nfc` to every model's ``pre_save``."""
    pre_save.connect(store_nfc, dispatch_uid="base.nfc.store_nfc")
