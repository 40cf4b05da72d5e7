"""Two app servers behind HAProxy share everything a reader or a librarian relies on: media
(S3), votes, the rate limit and sessions (the database and its cache table), import jobs.
Each request names the instance that must answer (``X-App-Server``) and checks it did."""

import io
import json
import time
from concurrent.futures import ThreadPoolExecutor

from PIL import Image

from bench.fault_harness import get, wait_until
from catalogue.tests.marc_samples import iso2709, marc_record
from tests.cluster.client import Client, attribute_values
from tests.cluster.conftest import ADMIN, BUCKET, PASSWORD


def test_the_balancer_spreads_requests_and_names_the_instance(cluster):
    answers = [Client(cluster.base).get("/healthz") for _ in range(6)]
    assert {a.status for a in answers} == {200}
    assert {a.server for a in answers} == {"app1", "app2"}
    for name in ("app1", "app2"):  # the header picks one
        assert {Client(cluster.base).get("/healthz", server=name).server
                for _ in range(3)} == {name}


def librarian(cluster, server="app1"):
    client = Client(cluster.base)
    answer = client.log_in(ADMIN, PASSWORD, server)
    assert (answer.status, answer.server, answer.headers["Location"]) == (302, server, "/admin/")
    return client


def png(width, height):
    data = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 60)).save(data, "PNG")
    return data.getvalue()


def test_an_image_uploaded_on_one_instance_is_served_with_renditions_by_the_other(
        cluster_parts):
    cluster, moto = cluster_parts.cluster, cluster_parts.moto
    client = librarian(cluster)
    client.get("/admin/images/add/", server="app1")
    answer = client.post("/admin/images/add/", {"title": "Ảnh cụm máy"},
                         files={"file": ("cum-may.png", png(1200, 900))}, server="app1")
    assert (answer.status, answer.server) == (302, "app1"), answer.text[-2000:]

    listing = Client(cluster.base).get("/api/v2/images/?title=%E1%BA%A2nh+c%E1%BB%A5m+m%C3%A1y",
                                       server="app2")
    assert listing.server == "app2"
    [image] = json.loads(listing.body)["items"]
    edit = client.get(f"/admin/images/{image['id']}/", server="app2")  # a rendition, made here
    assert (edit.status, edit.server) == (200, "app2")
    renditions = [src for src in attribute_values(edit.text, "img", "src")
                  if "cum-may" in src]
    assert renditions and all(src.startswith(f"{moto.url}/{BUCKET}/images/")
                              for src in renditions), renditions
    status, headers, body = get(renditions[0])
    assert status == 200
    rendition = Image.open(io.BytesIO(body))
    assert rendition.size[0] <= 800 and rendition.size[0] / rendition.size[1] == 1200 / 900

    detail = json.loads(Client(cluster.base).get(f"/api/v2/images/{image['id']}/",
                                                 server="app1").body)
    status, _headers, body = get(detail["meta"]["download_url"])  # the original, on S3
    assert status == 200 and Image.open(io.BytesIO(body)).size == (1200, 900)


def test_the_apis_renditions_come_from_the_bucket(cluster_parts):
    cluster, moto = cluster_parts.cluster, cluster_parts.moto
    for server in ("app1", "app2"):
        answer = Client(cluster.base).get(
            "/api/v2/pages/?type=articles.ArticlePage&fields=main_image&limit=1", server=server)
        assert answer.server == server
        renditions = json.loads(answer.body)["items"][0]["main_image"]["renditions"]
        for rendition in renditions.values():
            assert rendition["url"].startswith(f"{moto.url}/{BUCKET}/images/"), rendition
            status, _headers, body = get(rendition["url"])
            assert status == 200
            assert Image.open(io.BytesIO(body)).size == (rendition["width"], rendition["height"])


def test_a_document_uploaded_on_one_instance_is_downloaded_from_the_other(cluster):
    client = librarian(cluster)
    client.get("/admin/documents/add/", server="app1")
    content = "Nội quy thư viện — bản dùng chung\n".encode() * 100
    answer = client.post("/admin/documents/add/", {"title": "Nội quy cụm máy"},
                         files={"file": ("noi-quy.txt", content)}, server="app1")
    assert (answer.status, answer.server) == (302, "app1"), answer.text[-2000:]
    listing = json.loads(Client(cluster.base).get("/api/v2/documents/?limit=50",
                                                  server="app2").body)["items"]
    [document] = [item for item in listing if item["title"] == "Nội quy cụm máy"]
    path = document["meta"]["download_url"].split("://", 1)[1].split("/", 1)[1]
    download = Client(cluster.base).get("/" + path, server="app2")
    assert (download.status, download.server, download.body) == (200, "app2", content)


def new_poll(site, choices=3):
    """A poll open now whose results anyone may see; its id and its choices' ids."""
    output = site.manage("shell", "-c", (
        "from engagement.models import Poll, PollChoice\n"
        "poll = Poll.objects.create(question='Cụm máy có đếm đúng?', "
        "show_results_before_voting=True)\n"
        "ids = [PollChoice.objects.create(poll=poll, text=f'Lựa chọn {n}', sort_order=n).pk "
        f"for n in range({choices})]\n"
        "print(poll.pk, *ids)")).stdout.splitlines()[-1].split()
    return int(output[0]), [int(pk) for pk in output[1:]]


def vote(cluster, poll, choice, address, server):
    reader = Client(cluster.base, address=address)
    return reader.request("POST", f"/api/v3/polls/{poll}/vote", server=server,
                          body=json.dumps({"choice": choice}).encode(),
                          headers={"Content-Type": "application/json"})


def test_votes_spread_across_instances_are_counted_exactly(cluster_parts):
    cluster = cluster_parts.cluster
    poll, choices = new_poll(cluster_parts.site)
    # 30 readers, each from an address of its own (HAProxy passes it on: PROXY protocol), the
    # same browser; half of them on each instance, six at a time.
    ballots = [(choices[n % 3], f"127.0.0.{10 + n}", f"app{1 + n % 2}") for n in range(30)]
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda b: vote(cluster, poll, *b), ballots))
    assert [(a.status, a.server) for a in answers] == [(201, b[2]) for b in ballots]
    for server in ("app1", "app2"):
        answer = Client(cluster.base).get(f"/api/v3/polls/{poll}", server=server)
        results = json.loads(answer.body)["results"]
        assert (answer.server, results["total"]) == (server, 30)
        assert [c["votes"] for c in results["choices"]] == [10, 10, 10]
    again = vote(cluster, poll, choices[0], "127.0.0.10", "app2")  # voted on app1 before
    assert again.status == 409


def test_the_vote_rate_limit_holds_across_instances(cluster):
    attempts, seconds = 10, 60  # ENGAGEMENT_VOTE_RATE_LIMIT's default
    if seconds - time.time() % seconds < 20:  # all attempts in one window
        time.sleep(seconds - time.time() % seconds + 0.5)
    servers = [f"app{1 + n % 2}" for n in range(attempts + 2)]
    answers = [vote(cluster, 999_999, 1, "127.0.0.250", server) for server in servers]
    assert [a.server for a in answers] == servers
    assert [a.status for a in answers] == [404] * attempts + [429, 429]


def test_an_admin_session_holds_across_instances(cluster):
    client = librarian(cluster, "app1")
    dashboard = client.get("/admin/", server="app2")
    assert (dashboard.status, dashboard.server) == (200, "app2")
    assert ADMIN in dashboard.text
    answer = client.post("/admin/logout/", {}, server="app2")
    assert (answer.status, answer.server) == (302, "app2")
    again = client.get("/admin/", server="app1")
    assert (again.status, again.server) == (302, "app1")
    assert again.headers["Location"].startswith("/admin/login/")


def test_an_import_started_on_one_instance_is_followed_on_the_other(cluster):
    client = librarian(cluster, "app1")
    client.get("/admin/catalogue/import/", server="app1")
    marc = iso2709(marc_record("CUM1", "Sách nhập qua cụm máy"), marc_record("CUM2", ""))
    answer = client.post("/admin/catalogue/import/", {}, files={"files": ("cum.mrc", marc)},
                         server="app1")
    assert (answer.status, answer.server) == (302, "app1"), answer.text[-2000:]
    job = answer.headers["Location"]
    assert job.startswith("/admin/catalogue/import/")

    def state():
        answer = client.get(job + "status/", server="app2")
        assert (answer.status, answer.server) == (200, "app2")
        return json.loads(answer.body)

    wait_until(lambda: state()["finished"], 120, "the import job's end, seen from app2")
    assert (state()["status"], state()["read"], state()["rejected"]) == ("done", 2, 1)
    page = client.get(job, server="app2")
    assert (page.status, page.server) == (200, "app2") and "Đã xong" in page.text
