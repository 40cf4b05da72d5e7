"""Demo content of the library's services for ``load_demo`` (idempotent): the reference's
service hours and holidays, links and contacts, books of the day (each with its record in the
catalogue), videos with stored embeds and the administrative map.
"""

from datetime import date, time, timedelta

from wagtail.rich_text import RichText

from base.dates import Weekday
from base.demo_tools import child_page, demo_data, demo_image, portal_root, publish, store_embed
from catalogue.demo import import_demo_books
from library.models import (
    AdministrativeUnit,
    BookFeatureDate,
    BookIndexPage,
    BookPage,
    ExceptionSession,
    HoursException,
    LibraryContact,
    MapPage,
    ServiceHours,
    SupportContact,
    VideoIndexPage,
    VideoPage,
    WebsiteLink,
    WeeklySession,
)

MORNING = (time(8, 0), time(12, 0))
AFTERNOON = (time(13, 30), time(16, 30))
OPEN_DAYS = [
    Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY, Weekday.SATURDAY,
    Weekday.SUNDAY,
]


CONTENT = demo_data(__file__)  # books, videos, units, links, contacts


def _next_date(today, month, day):
    candidate = date(today.year, month, day)
    return candidate if candidate >= today else date(today.year + 1, month, day)


def load_hours(today):
    """The reference's hours (Tuesday–Sunday, two sessions, closed Monday) and some holidays."""
    hours = ServiceHours.load()
    if not hours.weekly_sessions.exists():
        hours.weekly_sessions = [
            WeeklySession(weekday=day, opens=opens, closes=closes)
            for day in OPEN_DAYS
            for opens, closes in (MORNING, AFTERNOON)
        ]
        hours.note = "Thư viện phục vụ cả thứ Bảy và Chủ nhật."
        hours.save()
    holidays = [
        ("Nghỉ Tết Dương lịch", _next_date(today, 1, 1), None, []),
        ("Nghỉ lễ 30/4 và 1/5", _next_date(today, 4, 30), None, []),
        ("Ngày Sách và Văn hoá đọc Việt Nam: phục vụ kéo dài", _next_date(today, 4, 21), None,
         [(time(7, 30), time(11, 30)), (time(13, 30), time(20, 0))]),
        ("Nghỉ lễ Quốc khánh", _next_date(today, 9, 2), None, []),
    ]
    for note, start, end, sessions in holidays:
        if HoursException.objects.filter(note=note).exists():
            continue
        if start.month == 4 and start.day == 30:
            end = start + timedelta(days=1)
        exception = HoursException(note=note, start_date=start, end_date=end,
                                   closed=not sessions)
        exception.sessions = [ExceptionSession(opens=o, closes=c) for o, c in sessions]
        exception.save()


def load_snippets():
    """Website links, support contacts and the library's contact details."""
    for order, link in enumerate(CONTENT["links"]):
        WebsiteLink.objects.get_or_create(
            url=link["url"], defaults={"title": link["title"], "sort_order": order}
        )
    for order, person in enumerate(CONTENT["contacts"]):
        SupportContact.objects.get_or_create(
            name=person["name"], defaults={**person, "sort_order": order}
        )
    contact = LibraryContact.load()
    if not contact.address:
        contact.address = "Số 1 đường Mẫu, phường Mẫu, tỉnh Quảng Ninh (địa chỉ minh hoạ)"
        contact.phone = "0203 3800 000"
        contact.email = "lien-he@thuvien.example.org"
        contact.footer_text = (
            "Cổng thông tin Thư viện tỉnh — nội dung trình diễn.\n"
            "Cơ quan chủ quản: Sở Văn hoá và Thể thao (minh hoạ)."
        )
        contact.save()


def load_books(home, today):
    """A week of books of the day, from three days ago to three days ahead."""
    index, _created = child_page(home, BookIndexPage, "moi-ngay-mot-cuon-sach",
                                 title="Mỗi ngày một cuốn sách",
                                 intro="Mỗi ngày, thư viện giới thiệu một cuốn sách đáng đọc.")
    for number, book in enumerate(CONTENT["books"], start=1):
        title, author, colour = book["title"], book["author"], tuple(book["colour"])
        slug = f"sach-{number}"
        if BookPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = BookPage(
            slug=slug,
            title=title,
            author=author,
            cover=demo_image(f"Bìa sách: {title}", title, colour, size=(600, 850)),
            review=f"“{title}” là cuốn sách nhỏ, dễ đọc, gợi cho người đọc những thói quen "
            "tốt và cách nhìn mới về những điều quen thuộc quanh mình.",
            body=RichText(
                f"<p>Cuốn sách “{title}” được chia thành nhiều chương ngắn, mỗi chương là một "
                "câu chuyện kèm một gợi ý thực hành.</p><p>Thư viện giới thiệu cuốn sách này "
                "cho bạn đọc ở mọi lứa tuổi; sách có tại phòng đọc tổng hợp.</p>"
            ),
        )
        page.featured_dates = [BookFeatureDate(date=today + timedelta(days=number - 4))]
        publish(index, page)


def load_videos(home):
    """The video index, an introduction video and audiobook videos, with stored embeds."""
    index, _created = child_page(home, VideoIndexPage, "video", title="Video",
                                 intro="Video giới thiệu thư viện và video sách nói.")
    for video in CONTENT["videos"]:
        store_embed(video["url"], video["title"])
        if VideoPage.objects.child_of(index).filter(slug=video["slug"]).exists():
            continue
        publish(index, VideoPage(
            slug=video["slug"], title=video["title"], category=video["category"],
            video_url=video["url"], description=video["description"],
            transcript=f"(Lời thoại mẫu) Xin chào các bạn. Đây là video “{video['title']}”.",
        ))


def load_map(home):
    """The administrative map page with a drawn map and the province's units."""
    if MapPage.objects.child_of(home).exists():
        return
    page = MapPage(
        slug="ban-do-hanh-chinh",
        title="Bản đồ hành chính",
        show_in_menus=True,
        intro="Bản đồ minh hoạ các đơn vị hành chính cấp huyện của tỉnh.",
        map_image=demo_image("Bản đồ hành chính (minh hoạ)", "Bản đồ hành chính", (38, 166, 154)),
        body=RichText("<p>Danh sách dưới đây dùng cho mục đích trình diễn; thông tin chính "
                      "thức xin xem tại cổng thông tin của tỉnh.</p>"),
    )
    page.units = [AdministrativeUnit(**unit) for unit in CONTENT["units"]]
    publish(home, page)



def link_books_to_records():
    """Give each book of the day a record in the catalogue, and link the page to it."""
    books = BookPage.objects.order_by("pk")
    records = import_demo_books([(page.title, page.author) for page in books])
    for page in books.filter(record=None):
        page.record = records.get(page.title)
        if page.record:
            page.save_revision().publish()


def load(today):
    """Hours, snippets, books of the day, videos and the map, under the portal's home page."""
    home = portal_root()
    load_hours(today)
    load_snippets()
    load_books(home, today)
    load_videos(home)
    load_map(home)
    link_books_to_records()
