"""A caching proxy in front (``FRONTEND_CACHE_PURGE_URL``): a publish, unpublish or move sends
it HTTP PURGE requests for the page and its API details, through Wagtail's frontend_cache."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.models import NewsIndexPage, live_articles


@pytest.fixture
def proxy(settings):
    """A real HTTP server on a free port recording the PURGE requests it gets, configured as
    the site's frontend cache."""
    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {"proxy": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": f"http://127.0.0.1:{server.server_port}",
    }}
    yield purged
    server.shutdown()
    server.server_close()


def test_publish_unpublish_and_move_purge_the_page_and_its_api_details(
        demo, proxy, django_capture_on_commit_callbacks):
    article = live_articles()[0]
    details = {f"/api/v2/pages/{article.pk}/", f"/api/v3/pages/{article.pk}/"}
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert details <= set(proxy), proxy
    assert any(path.endswith(f"/{article.slug}/") for path in proxy), proxy  # its own page
    for change in (
        article.unpublish,
        lambda: article.move(NewsIndexPage.objects.get().get_parent(), pos="last-child"),
    ):
        proxy.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert details <= set(proxy), proxy
