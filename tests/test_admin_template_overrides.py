"""Our copies of Wagtail admin templates translate its hard-coded English, and nothing else.

Each override under library_cms/templates/ must equal the installed Wagtail template with the
replacements below applied: after a Wagtail upgrade this fails until the copy is refreshed
(or deleted, once Wagtail translates the string itself).
"""

from pathlib import Path

import pytest
import wagtail.admin
from django.conf import settings

SEARCH_BUTTON = (
    '<input type="submit" value="Search" class="button" />',
    '<input type="submit" value="{% translate "Search" %}" class="button" />',
)
OVERRIDES = {
    "wagtailadmin/home.html": [SEARCH_BUTTON],
    "wagtailadmin/shared/header.html": [SEARCH_BUTTON],
    "wagtailadmin/shared/headers/_actions.html": [
        ('<nav aria-label="Actions"', '{% load i18n %}<nav aria-label="{% translate "Actions" %}"')
    ],
}
WAGTAIL_TEMPLATES = Path(wagtail.admin.__file__).parent / "templates"
OUR_TEMPLATES = settings.PROJECT_DIR / "templates"


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_override_is_wagtails_template_translated(name):
    expected = (WAGTAIL_TEMPLATES / name).read_text()
    for english, translated in OVERRIDES[name]:
        assert english in expected, f"Wagtail changed {name}: refresh or delete our copy"
        expected = expected.replace(english, translated)
    assert (OUR_TEMPLATES / name).read_text() == expected


def test_every_override_is_listed():
    ours = {str(p.relative_to(OUR_TEMPLATES)) for p in (OUR_TEMPLATES / "wagtailadmin").rglob("*")}
    assert {name for name in ours if name.endswith(".html")} == set(OVERRIDES)
