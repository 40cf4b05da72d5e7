"""Shared fixtures for the browser tests: Debian's Chromium driven by Playwright."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from tests.api.conftest import demo, demo_content  # noqa: F401 -- the demo portal, per module

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def screenshot_dir():
    """var/screenshots/, emptied once per run; its path is printed."""
    path = Path(settings.BASE_DIR) / "var" / "screenshots"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    print(f"\nẢnh chụp màn hình / screenshots: {path}")
    return path


@pytest.fixture
def chromium(monkeypatch):
    """A headless Chromium for one test (skipped when Debian's chromium is missing).

    Playwright's sync API runs an event loop in this thread while it is open, so the ORM calls a
    test makes between browser steps need DJANGO_ALLOW_ASYNC_UNSAFE; it is set for this test
    only (not for the rest of the run, whose subprocesses run Django's deploy checks), and the
    browser is closed before the test database is flushed.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # The ORM opened its connections in Playwright's event-loop context: close them there.
        connections.close_all()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell a failed test."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def browser_page(chromium, screenshot_dir, request):
    """A fresh Vietnamese-speaking browser tab, desktop sized; screenshotted if the test fails."""
    context = chromium.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(30_000)  # the admin is slow on a busy 2-core machine
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        page.screenshot(path=screenshot_dir / f"FAILED-{request.node.name}.png", full_page=True)
    context.close()
