"""In Chromium, every public template at a desktop and a 390-px phone width: WCAG 2.0/2.1 A and
AA rules by axe-core (0 violations: the gate), nothing wider than the screen, nothing loaded
from another host, Vietnamese whatever the browser's language; the poll after voting (both
widths); the phone's first screen; the menu button; a keyboard-only walk through the OPAC; a
video that loads only when asked. Screenshots of every page go to var/screenshots/public-*.png.
"""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import ArticlePage, NewsIndexPage
from catalogue.models import Record
from catalogue.tests.conftest import catalogue_index  # noqa: F401 -- a fresh engine index
from library.models import BookIndexPage, BookPage, MapPage, VideoIndexPage, VideoPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"desktop": (1280, 900), "mobile": (390, 844)}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def public_pages():
    """Every public template, by name: (name, path)."""
    article = ArticlePage.objects.live().order_by("-publish_date").first()
    record = Record.objects.exclude(cover=None).order_by("-pk").first()
    return [
        ("home", "/"),
        ("news", NewsIndexPage.objects.get().url),
        ("article", article.url),
        ("opac", "/opac/"),
        ("opac-results", "/opac/?q=sach"),
        ("opac-no-results", "/opac/?q=khongcosachnaodau"),
        ("record", record.get_absolute_url()),
        ("books", BookIndexPage.objects.get().url),
        ("book", BookPage.objects.live().first().url),
        ("videos", VideoIndexPage.objects.get().url),
        ("video", VideoPage.objects.get(slug="gioi-thieu-thu-vien").url),
        ("map", MapPage.objects.get().url),
        ("hours", "/lich-phuc-vu/"),
        ("search", "/search/?q=thu+vien"),
        ("not-found", "/khong-co-trang-nay/"),
    ]


class Visit:
    """A browser context of one width that records every request to another host."""

    def __init__(self, chromium, live_server, width, height):
        self.host = urlsplit(live_server.url).netloc
        self.context = chromium.new_context(
            locale="en-US", timezone_id="Asia/Ho_Chi_Minh",
            viewport={"width": width, "height": height},
        )
        self.context.set_default_timeout(30_000)
        self.elsewhere = []
        self.context.route("**/*", self.route)
        self.page = self.context.new_page()

    def route(self, route):
        url = urlsplit(route.request.url)
        if url.scheme in {"http", "https"} and url.netloc != self.host:
            self.elsewhere.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def open(self, url):
        response = self.page.goto(url)
        # Lazy images load once scrolled to: bring them all in before the screenshot.
        self.page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        self.page.wait_for_load_state("networkidle")
        return response

    def problems(self, name):
        """What is wrong with the open page: axe's WCAG A/AA violations, overflow, language."""
        found = []
        results = Axe().run(self.page, options=WCAG_AA)
        if results.violations_count:
            found.append(f"{name}: {results.generate_report()}")
        width = self.page.viewport_size["width"]
        wide = self.page.evaluate(
            """width => Array.from(document.querySelectorAll('body *'))
                 .filter(e => e.getBoundingClientRect().right > width + 1
                              && getComputedStyle(e).position !== 'absolute'
                              && !e.closest('.book-shelf, .table-wrap, .opac-holdings-wrap'))
                 .map(e => e.tagName + '.' + e.className).slice(0, 5)""", width)
        if wide or self.page.evaluate("document.documentElement.scrollWidth") > width:
            found.append(f"{name}: wider than {width} px: {wide}")
        if self.page.get_attribute("html", "lang") != "vi":
            found.append(f"{name}: <html lang> is not vi")
        return found


@pytest.fixture
def demo_site(request):
    """The demo portal, its records in a fresh catalogue index and its pages in a rebuilt page
    index (earlier tests' pages, rolled back in the database, would still be counted)."""
    refresh = request.getfixturevalue("catalogue_index")
    call_command("load_demo")
    call_command("update_index", stdout=StringIO())
    refresh()


@pytest.fixture
def phone(chromium, live_server, demo_site):
    """A 390-px phone's browser on the demo portal."""
    visit = Visit(chromium, live_server, *WIDTHS["mobile"])
    yield visit
    visit.context.close()


@pytest.fixture
def desktop(chromium, live_server, demo_site):
    """A desktop browser on the demo portal."""
    visit = Visit(chromium, live_server, *WIDTHS["desktop"])
    yield visit
    visit.context.close()


def test_every_public_page_at_two_widths(chromium, live_server, screenshot_dir, demo_site):
    pages = public_pages()
    problems = []
    for label, (width, height) in WIDTHS.items():
        visit = Visit(chromium, live_server, width, height)
        for name, path in pages:
            response = visit.open(f"{live_server.url}{path}")
            assert response.status == (404 if name == "not-found" else 200), (name, path)
            visit.page.screenshot(path=screenshot_dir / f"public-{name}-{label}.png",
                                  full_page=True)
            problems += visit.problems(f"{name} ({label})")
        problems += [f"{label}: loaded from another host: {url}" for url in visit.elsewhere]
        visit.context.close()
    assert not problems, "\n\n".join(problems)


def test_the_phones_first_screen_and_menu(phone, live_server, screenshot_dir):
    visit, page = phone, phone.page
    visit.open(f"{live_server.url}/")
    height = WIDTHS["mobile"][1]
    for selector in ("#header-q", ".today-hours"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, selector
    assert "Hôm nay" in page.locator(".today-hours").inner_text()

    menu = page.locator("#main-menu")
    toggle = page.get_by_role("button", name="Danh mục")
    expect(menu.get_by_role("link", name="Tin tức")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Tin tức")).to_be_visible()
    page.screenshot(path=screenshot_dir / "public-menu-mobile.png")
    page.keyboard.press("Escape")
    expect(menu.get_by_role("link", name="Tin tức")).to_be_hidden()


@pytest.mark.parametrize("label", WIDTHS)
def test_the_poll_after_voting(chromium, live_server, screenshot_dir, demo_site, label):
    """At each width on a fresh demo: one vote per client, so one width per test."""
    visit = Visit(chromium, live_server, *WIDTHS[label])
    visit.open(f"{live_server.url}/")
    poll = visit.page.locator("section.widget--poll")
    poll.get_by_text("Dễ sử dụng và có ích").click()
    poll.get_by_role("button", name="Bình chọn").click()
    expect(poll.get_by_text("Cảm ơn bạn đã bình chọn!")).to_be_visible()
    visit.page.screenshot(path=screenshot_dir / f"public-poll-voted-{label}.png", full_page=True)
    problems = visit.problems(f"poll after voting ({label})")
    visit.context.close()
    assert not problems and not visit.elsewhere, (problems, visit.elsewhere)


def test_a_video_loads_its_player_only_when_the_reader_asks(desktop, live_server):
    visit = desktop
    video = VideoPage.objects.get(slug="gioi-thieu-thu-vien")
    visit.open(f"{live_server.url}{video.url}")
    assert visit.page.locator("iframe").count() == 0 and not visit.elsewhere
    visit.page.get_by_role("link", name=f"Xem video “{video.title}”").click()
    frame = visit.page.locator(".video-frame iframe")
    expect(frame).to_have_count(1)
    assert "youtube-nocookie.com/embed/" in frame.get_attribute("src")


def test_keyboard_only_walk_through_the_opac(desktop, live_server, screenshot_dir):
    """Search, narrow by a facet, open a record, go back to the results: Tab and Enter only."""
    page = desktop.page
    page.goto(f"{live_server.url}/")

    def tab_to(selector, limit=200):
        for _step in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#header-q")
    page.keyboard.type("sach")
    page.keyboard.press("Enter")
    page.wait_for_url("**/opac/?q=sach")
    expect(page.locator("#opac-total")).to_contain_text("Tìm thấy")
    tab_to(".facet--branch a")
    branch = page.evaluate("document.activeElement.textContent").strip()
    page.keyboard.press("Enter")
    page.wait_for_url("**/opac/?*branch=*")
    expect(page.locator(".facet--branch a[aria-current='true']")).to_have_text(branch)
    results_url = page.url
    tab_to(".opac-hit__title a")
    title = page.evaluate("document.activeElement.textContent").strip()
    page.keyboard.press("Enter")
    page.wait_for_url("**/opac/record/**")
    expect(page.locator("h1")).to_have_text(title)
    page.screenshot(path=screenshot_dir / "public-opac-keyboard-record.png")
    tab_to(".opac-back a")
    page.keyboard.press("Enter")
    page.wait_for_url(results_url)
    expect(page.locator(".facet--branch a[aria-current='true']")).to_have_text(branch)
