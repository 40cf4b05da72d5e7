"""Demo content of the library's services for ``load_demo`` (idempotent): the reference's
service hours and holidays, links and contacts, books of the day (each with its record in the
catalogue), videos with stored embeds and the administrative map.
"""

from datetime import date, time, timedelta

from wagtail.rich_text import RichText

from base import demo_photos
from base.dates import Weekday
from base.demo_tools import (
    child_page,
    demo_cover,
    demo_data,
    demo_photo,
    portal_root,
    publish,
    store_embed,
    stored_image,
)
from catalogue.demo import give_cover, import_demo_books
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


CONTENT = demo_data(__file__)  # books, videos, units, map, links, contacts
# The demo's Tết closure: from the day before the last day of the lunar year to mùng 5.
TET_DAYS_BEFORE, TET_LAST_DAY = 2, 5
VIDEO_SCENES = {"gioi-thieu-thu-vien": "building", "sach-noi-lam-it-hon": "reading_room",
                "sach-noi-bien-ke-chuyen": "children"}


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
        hours.tet_days_before, hours.tet_last_day = TET_DAYS_BEFORE, TET_LAST_DAY
        hours.save()
    holidays = [
        ("Nghỉ Tết Dương lịch", _next_date(today, 1, 1), None, []),
        ("Nghỉ lễ 30/4 và 1/5", _next_date(today, 4, 30), None, []),
        ("Ngày Sách và Văn hoá đọc Việt Nam: phục vụ kéo dài", _next_date(today, 4, 21), None,
         [(time(7, 30), time(11, 30)), (time(13, 30), time(20, 0))]),
        ("Nghỉ lễ Quốc khánh", _next_date(today, 9, 1), None, []),
    ]
    for note, start, end, sessions in holidays:
        if HoursException.objects.filter(note=note).exists():
            continue
        if (start.month, start.day) in {(4, 30), (9, 1)}:  # two-day holidays
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
            cover=demo_cover(title, author.removesuffix(" (sách mẫu)"), colour),
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
            thumbnail=demo_photo(f"Ảnh video: {video['title']}", VIDEO_SCENES[video["slug"]]),
            transcript=f"(Lời thoại mẫu) Xin chào các bạn. Đây là video “{video['title']}”.",
        ))


MAP_INTRO = (
    "Từ ngày 01/7/2025, tỉnh Quảng Ninh tổ chức chính quyền địa phương hai cấp (tỉnh và xã), "
    "không còn cấp huyện. Tỉnh có 54 đơn vị hành chính cấp xã: 30 phường, 22 xã và 2 đặc khu."
)
MAP_BODY = (
    "<p>Theo Nghị quyết số 1679/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về "
    "việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025. Bản đồ chỉ để "
    "minh hoạ; ranh giới chính thức xin xem tại cổng thông tin điện tử của tỉnh.</p>"
)
DISTRICT_LEVEL = {"city", "town", "district"}  # the kinds of unit abolished on 01/7/2025


def load_map(home):
    """The administrative map page: a sketch map and the province's units since 01/7/2025.

    A demo map page of an earlier demo (listing districts, which no longer exist) is brought up
    to date; a map page an editor changed otherwise is left alone.
    """
    map_image = stored_image("Bản đồ hành chính tỉnh Quảng Ninh (minh hoạ)", lambda: (
        demo_photos.sketch_map(CONTENT["map_places"], CONTENT["map_bounds"],
                               CONTENT["map_coast"])))
    page = MapPage.objects.child_of(home).first()
    if page is None:
        page = MapPage(slug="ban-do-hanh-chinh", title="Bản đồ hành chính", show_in_menus=True)
    elif not page.units.filter(kind__in=DISTRICT_LEVEL).exists():
        return
    page.intro, page.map_image, page.body = MAP_INTRO, map_image, RichText(MAP_BODY)
    page.units = [AdministrativeUnit(**unit) for unit in CONTENT["units"]]
    if page.pk:
        page.save_revision().publish()
    else:
        publish(home, page)



def link_books_to_records():
    """Give each book of the day a record in the catalogue, and link the page to it."""
    books = BookPage.objects.order_by("pk")
    records = import_demo_books([(page.title, page.author) for page in books])
    for page in books.filter(record=None):
        page.record = records.get(page.title)
        if page.record:
            page.save_revision().publish()
    for page in books.exclude(record=None).exclude(cover=None):
        give_cover(page.record, page.cover)


def load(today):
    """Hours, snippets, books of the day, videos and the map, under the portal's home page."""
    home = portal_root()
    load_hours(today)
    load_snippets()
    load_books(home, today)
    load_videos(home)
    load_map(home)
    link_books_to_records()
