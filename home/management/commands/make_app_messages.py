"""Regenerate our apps' English catalogue: ``manage.py make_app_messages`` (needs xgettext).

Django's ``makemessages`` with the project's ignores, writing to ``locale/library_cms/`` (the
first of ``LOCALE_PATHS``) whatever directory the source lives in. New Vietnamese msgids arrive
with an empty English msgstr; ``scripts/i18n_coverage.py`` lists them until translated.
"""

from django.conf import settings
from django.core.management.commands import makemessages

IGNORED = [".venv", "var", "locale", "bench", "tests", "*/tests", "search/engine", "scripts"]
IGNORED += ["library_cms/templates/wagtailadmin"]  # Wagtail's templates: Wagtail's catalogues


class Command(makemessages.Command):
    help = "Cập nhật bản dịch tiếng Anh của các ứng dụng (locale/library_cms/en)."

    def handle(self, *args, **options):
        options["locale"] = options["locale"] or ["en"]
        options["ignore_patterns"] = [*options["ignore_patterns"], *IGNORED]
        options["no_obsolete"] = True
        options["add_location"] = options["add_location"] or "file"
        super().handle(*args, **options)

    def find_files(self, root):
        """Every file goes to our apps' catalogue, not to the nearest ``locale/``."""
        self.locale_paths = [str(settings.LOCALE_PATHS[0])]
        self.default_locale_path = self.locale_paths[0]
        return super().find_files(root)
