"""The project's gettext catalogues: one directory per catalogue under ``locale/``.

``python -m library_cms.catalogues`` compiles every ``.po`` whose ``.mo`` is missing or older
(with polib, so GNU gettext need not be installed); the ``.mo`` files are build products.
"""

import importlib.util
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
APPS_CATALOGUE = "library_cms"  # our own apps; makemessages writes here
DJANGO_CATALOGUE = "django"  # completes Django's own messages

# catalogue -> the packages whose locale/ holds the English template and the upstream catalogue
SOURCES = {
    APPS_CATALOGUE: [],  # our own apps: the template is our catalogue itself
    DJANGO_CATALOGUE: ["django.conf", "django.contrib.auth", "django.contrib.admin"],
    "wagtail_core": ["wagtail"],
    "wagtail_admin": ["wagtail.admin"],
    "wagtail_admin_js": ["wagtail.admin"],
    "wagtail_documents": ["wagtail.documents"],
    "wagtail_embeds": ["wagtail.embeds"],
    "wagtail_forms": ["wagtail.contrib.forms"],
    "wagtail_images": ["wagtail.images"],
    "wagtail_modeladmin": ["wagtail_modeladmin"],
    "wagtail_redirects": ["wagtail.contrib.redirects"],
    "wagtail_search": ["wagtail.search"],
    "wagtail_settings": ["wagtail.contrib.settings"],
    "wagtail_sites": ["wagtail.sites"],
    "wagtail_snippets": ["wagtail.snippets"],
    "wagtail_table_block": ["wagtail.contrib.table_block"],
    "wagtail_users": ["wagtail.users"],
    "taggit": ["taggit"],
    "django_filters": ["django_filters"],
}


def locale_paths():
    """Every catalogue directory, in INSTALLED_APPS' order: the first wins a msgid two share.

    Our apps' first, then Wagtail's, other packages' and Django's last, each group sorted by
    name, so a new directory joins by itself.
    """
    dirs = [path for path in LOCALE_DIR.iterdir() if path.is_dir()]
    return sorted(
        dirs,
        key=lambda path: (
            path.name != APPS_CATALOGUE,
            not path.name.startswith("wagtail"),
            path.name == DJANGO_CATALOGUE,
            path.name,
        ),
    )


def package_po(module, lang, domain):
    """The package's ``locale/<lang>/LC_MESSAGES/<domain>.po`` (None when it has none).

    ``lang="en"`` falls back to another language's catalogue for its message list, for a
    package that ships no English template (django-filter).
    """
    import polib

    spec = importlib.util.find_spec(module)
    locale = Path(spec.submodule_search_locations[0]) / "locale"
    found = sorted(locale.glob(f"{lang}/LC_MESSAGES/{domain}.po"))
    if not found and lang == "en":
        found = sorted(locale.glob(f"*/LC_MESSAGES/{domain}.po"))
    return polib.pofile(str(found[0]), wrapwidth=0) if found else None


def po_files():
    return sorted(LOCALE_DIR.glob("*/*/LC_MESSAGES/*.po"))


def stale_mo_files():
    """The ``.mo`` files that are missing or older than their ``.po``."""
    mos = [po.with_suffix(".mo") for po in po_files()]
    return [
        mo
        for mo in mos
        if not mo.exists() or mo.stat().st_mtime < mo.with_suffix(".po").stat().st_mtime
    ]


def compile_messages():
    import polib  # a development requirement, like the compile step itself

    for mo in stale_mo_files():
        polib.pofile(str(mo.with_suffix(".po"))).save_as_mofile(str(mo))
        print(f"compiled {mo.relative_to(LOCALE_DIR.parent)}")


if __name__ == "__main__":
    compile_messages()
