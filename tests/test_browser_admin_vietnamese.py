"""In Chromium: an editor with the default language meets no English msgid in the admin.

Every screen of SCREENS is visited (its side panels opened one by one, its clicks clicked); all
visible text, placeholders, titles and aria-labels are collected and compared with the English
templates of the catalogues we ship: a text that is an English msgid (and not also some
Vietnamese translation, like "Email") fails the test. Screenshots and the collected texts go to
var/screenshots/admin-vi-*.
"""

from dataclasses import dataclass

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.models import ArticlePage, NewsIndexPage
from catalogue.models import Record
from home.models import HomePage
from library_cms.catalogues import SOURCES, package_po, po_files

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-bien-tap"


@dataclass(frozen=True)
class Screen:
    name: str
    url: str  # formatted with the ids of demo_ids()
    clicks: tuple = ()  # selectors (or tuples of them) clicked in turn; Escape closes each


FILTERS = "button.w-slim-header-action-button[data-w-dropdown-target='toggle']"  # filters
ROW_ACTIONS = "table.listing [data-w-dropdown-target='toggle']"  # a row's "More options"
SAVE_MENU = "footer [data-w-dropdown-target='toggle']"  # the editor's other actions
EDITOR_CLICKS = (
    SAVE_MENU,
    ".c-sf-add-button",  # the block picker
    ".public-DraftEditor-content",  # a rich text field's toolbar
    # the image chooser's menu, then its modal:
    (".chooser .chosen [data-w-dropdown-target='toggle']", "[data-chooser-action-choose]"),
)
SCREENS = [
    Screen("dashboard", "/admin/"),
    Screen("explorer", "/admin/pages/{news_index}/", (ROW_ACTIONS, FILTERS)),
    Screen("page-create", "/admin/pages/{home}/add_subpage/"),  # one type: its form
    Screen("page-editor", "/admin/pages/{article}/edit/", EDITOR_CLICKS),
    Screen("images", "/admin/images/", (FILTERS,)),
    Screen("documents", "/admin/documents/"),
    Screen("snippets", "/admin/snippets/articles/articlecategory/"),
    Screen("polls", "/admin/snippets/engagement/poll/"),
    Screen("catalogue", "/admin/library/record/"),
    Screen("catalogue-import", "/admin/catalogue/import/"),
    # a record's form, and a new row of its inline holdings
    Screen("catalogue-edit", "/admin/library/record/edit/{record}/", ("#id_holdings-ADD",)),
    Screen("account", "/admin/account/"),
    Screen("identity", "/admin/settings/home/branding/"),
    Screen("hours", "/admin/settings/library/servicehours/"),
]

# {text: where} of visible text nodes and of the placeholder/title/aria-label/value of visible
# elements; "where" is the opening tag of the element, to find the text's source.
COLLECT_TEXTS = """() => {
  const texts = {};
  const tag = (el) =>
    el.outerHTML.slice(0, el.outerHTML.indexOf(">") + 1).replace(/\\s+/g, " ").slice(0, 160);
  const add = (text, el, how) => {
    text = (text || "").replace(/\\s+/g, " ").trim();
    if (text && !(text in texts)) texts[text] = `${how} of ${tag(el)}`;
  };
  const visible = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("script, style, noscript, template") || !visible(el)) continue;
    add(node.textContent, el, "text");
  }
  const attributes = "[placeholder], [title], [aria-label], input[type=submit], input[type=button]";
  for (const el of document.querySelectorAll(attributes)) {
    if (!visible(el)) continue;
    ["placeholder", "title", "aria-label"].forEach((name) => add(el.getAttribute(name), el, name));
    if (el.matches("input[type=submit], input[type=button]")) add(el.value, el, "value");
  }
  add(document.title, document.head, "title");
  return texts;
}"""


def english_msgids():
    """{English msgid: catalogue} of the shipped Vietnamese catalogues' English templates."""
    found = {}
    for po_path in po_files():
        catalogue, lang, domain = po_path.parts[-4], po_path.parts[-3], po_path.stem
        for module in SOURCES[catalogue] if lang == "vi" else []:
            for entry in package_po(module, "en", domain) or []:
                for msgid in (entry.msgid, entry.msgid_plural):
                    found.setdefault(msgid, catalogue)
    found.pop("", None)
    return found


def vietnamese_translations():
    """{msgid or msgid_plural: msgstr} of every Vietnamese translation we ship."""
    translations = {}
    for po_path in po_files():
        if po_path.parts[-3] == "vi":
            for entry in polib.pofile(str(po_path)).translated_entries():
                text = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
                for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                    translations.setdefault(msgid, text)
    return translations


def demo_ids():
    return {
        "home": HomePage.objects.get().pk,
        "news_index": NewsIndexPage.objects.get().pk,
        "article": ArticlePage.objects.live().first().pk,
        "record": Record.objects.filter(holdings__isnull=False).first().pk,
    }


def visit(page, screen, shots):
    """{text: where} of one screen: as loaded, with each side panel open, after each click."""
    page.wait_for_load_state("networkidle")
    texts = page.evaluate(COLLECT_TEXTS)
    page.screenshot(path=shots / f"admin-vi-{screen.name}.png", full_page=True)
    toggles = page.locator("button[data-side-panel-toggle]")
    for index in range(toggles.count()):
        toggle = toggles.nth(index)
        name = toggle.get_attribute("data-side-panel-toggle")
        toggle.click()
        page.locator(f"[data-side-panel='{name}']").wait_for(state="visible")
        page.wait_for_timeout(1_500)  # the checker and the preview render late (and poll)
        texts = page.evaluate(COLLECT_TEXTS) | texts
        page.screenshot(path=shots / f"admin-vi-{screen.name}-panel-{name}.png", full_page=True)
    for number, click in enumerate(screen.clicks, start=1):
        for selector in (click,) if isinstance(click, str) else click:
            page.locator(selector).filter(visible=True).first.click()
        page.wait_for_timeout(3_000)  # a modal fetches its content
        texts = page.evaluate(COLLECT_TEXTS) | texts
        page.screenshot(path=shots / f"admin-vi-{screen.name}-click-{number}.png", full_page=True)
        page.keyboard.press("Escape")  # close the menu or modal it opened
    return texts


@pytest.fixture
def default_editor(django_user_model):
    """A member of "Editors" with no language preference."""
    user = django_user_model.objects.create_user("bientap", "bientap@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_the_admin_shows_no_untranslated_english(
    live_server, browser_page, screenshot_dir, default_editor
):
    call_command("load_demo")
    english, translations = english_msgids(), vietnamese_translations()
    # the check below passes on any screen when these lists are empty: they must be whole
    assert len(english) > 2000 and len(translations) > 2000, (len(english), len(translations))
    assert set(english.values()) == {name for name, modules in SOURCES.items() if modules}
    assert {"Dashboard", "Save draft", "Sign in", "This field is required."} <= set(english)
    vietnamese = set(translations.values())  # "Email" is Vietnamese too
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    seen = {"login": visit(page, Screen("login", "/admin/login/"), screenshot_dir)}
    page.fill("#id_username", default_editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    ids = demo_ids()
    for screen in SCREENS:
        page.goto(live_server.url + screen.url.format(**ids))
        seen[screen.name] = visit(page, screen, screenshot_dir)

    found = []
    for name, texts in seen.items():
        assert set(texts) & vietnamese, f"{name}: no Vietnamese text collected"
        lines = [f"{text}\t{where}" for text, where in sorted(texts.items())]
        (screenshot_dir / f"admin-vi-{name}.txt").write_text("\n".join(lines) + "\n")
        for text, where in sorted(texts.items()):
            msgid = next((m for m in (text, text.rstrip(":")) if m in english), None)
            if msgid and text not in vietnamese:
                known = translations.get(msgid)
                state = f"translated {known!r}, shown untranslated" if known else "untranslated"
                found.append(f"{name}: {text!r} ({english[msgid]}: {state}) — {where}")
    assert not found, "English msgids on screen:\n" + "\n".join(found)
