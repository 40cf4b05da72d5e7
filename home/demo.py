"""Demo content for the portal: original Vietnamese texts and images drawn with Pillow.

``load_demo()`` only creates what is missing (found by type and slug, title or note), so running
it twice changes nothing. Embeds are stored as ``wagtail.embeds`` rows: no network needed.
"""

import io
from datetime import date, time, timedelta

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from articles.models import ArticleCategory, ArticlePage, NewsIndexPage
from engagement.demo import load_engagement_demo
from home.models import HomePage
from library.catalogue.demo import load_demo_catalogue
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
    UnitKind,
    VideoCategory,
    VideoIndexPage,
    VideoPage,
    WebsiteLink,
    Weekday,
    WeeklySession,
)

MORNING = (time(8, 0), time(12, 0))
AFTERNOON = (time(13, 30), time(16, 30))
OPEN_DAYS = [
    Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY, Weekday.SATURDAY,
    Weekday.SUNDAY,
]


def store_embed(url, title, provider="YouTube"):
    """Store an embed row for ``url`` so pages render it without asking the provider."""
    video_id = url.rsplit("=", 1)[-1].rsplit("/", 1)[-1]
    embed, _created = Embed.objects.get_or_create(
        hash=get_embed_hash(url),
        defaults={
            "url": url,
            "type": "video",
            "title": title,
            "provider_name": provider,
            "width": 560,
            "height": 315,
            "html": (
                f'<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/'
                f'{video_id}" title="{title}" allow="encrypted-media; picture-in-picture" '
                "allowfullscreen></iframe>"
            ),
            "last_updated": timezone.now(),
        },
    )
    return embed


def _font(size):
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def demo_image(title, label, colour, size=(1200, 800)):
    """A Wagtail image called ``title``: a coloured card with ``label`` drawn on it."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    width, height = size
    for step in range(0, width, 80):  # a light pattern so images are told apart
        draw.line([(step, 0), (step + height // 2, height)], fill=_lighter(colour), width=6)
    draw.rectangle([40, height - 220, width - 40, height - 40], fill=(255, 255, 255))
    draw.text((70, height - 190), label, fill=(20, 20, 20), font=_font(max(28, width // 24)))
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60]
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"demo-{slug}.png"))


def _lighter(colour):
    return tuple(min(255, part + 40) for part in colour)


def _child(parent, model, slug, **fields):
    """The live child page of ``parent`` with ``slug``, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, show_in_menus=True, **fields)
    return _publish(parent, page), True


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


CATEGORIES = [
    ("Hoạt động thư viện", "hoat-dong-thu-vien"),
    ("Văn hoá đọc", "van-hoa-doc"),
    ("Chuyển đổi số", "chuyen-doi-so"),
]

ARTICLES = [
    {
        "slug": "ngay-hoi-doc-sach-mua-thu",
        "title": "Ngày hội đọc sách mùa thu thu hút đông đảo học sinh",
        "lead": "Hơn năm trăm em học sinh các trường trong thành phố đã tham gia ngày hội đọc "
        "sách do thư viện tỉnh tổ chức, với các gian trưng bày, trò chơi và buổi kể chuyện.",
        "category": "van-hoa-doc",
        "days_ago": 0,
        "tags": ["học sinh", "ngày hội"],
        "body": [
            ("paragraph", "<p>Từ sáng sớm, sân thư viện đã rộn ràng tiếng cười. Các em được "
             "tự tay chọn sách, nghe các cô thủ thư kể chuyện và tham gia đố vui về những "
             "cuốn sách thiếu nhi quen thuộc.</p>"),
            ("heading", {"text": "Những gian trưng bày theo chủ đề", "level": "h2"}),
            ("paragraph", "<p>Mỗi gian trưng bày giới thiệu một chủ đề: biển đảo quê hương, "
             "khoa học vui, truyện cổ tích Việt Nam. Học sinh ghi cảm nhận lên những tấm "
             "thiệp nhỏ và treo lên cây sách.</p>"),
            ("image", {"image": "Ngày hội đọc sách", "alt_text": "Học sinh chọn sách tại "
                       "gian trưng bày", "caption": "Các em học sinh chọn sách tại gian "
                       "trưng bày chủ đề biển đảo."}),
            ("quote", {"text": "Em thích nhất là được nghe kể chuyện rồi tự tìm cuốn sách đó "
                       "để đọc tiếp.", "attribution": "Một học sinh lớp 5"}),
        ],
        "source": ("Thư viện tỉnh", ""),
    },
    {
        "slug": "so-hoa-tai-lieu-dia-chi",
        "title": "Thư viện số hoá thêm hai nghìn trang tài liệu địa chí",
        "lead": "Kho tài liệu địa chí về vùng mỏ và biển đảo tiếp tục được số hoá, giúp bạn "
        "đọc tra cứu trực tuyến mà không cần đến tận thư viện.",
        "category": "chuyen-doi-so",
        "days_ago": 2,
        "tags": ["số hoá", "địa chí"],
        "body": [
            ("paragraph", "<p>Trong quý này, bộ phận nghiệp vụ đã quét, hiệu đính và mô tả "
             "thêm khoảng hai nghìn trang tài liệu quý, phần lớn là sách và tạp chí xuất bản "
             "trước năm 1990.</p>"),
            ("table", {"data": [["Loại tài liệu", "Số trang"], ["Sách địa chí", "1.250"],
                                ["Tạp chí, bản tin", "600"], ["Bản đồ, ảnh", "150"]],
                       "first_row_is_table_header": True, "first_col_is_header": False,
                       "table_caption": "Tài liệu số hoá trong quý",
                       "table_header_choice": "row"}),
            ("paragraph", "<p>Bạn đọc có thể tra cứu các tài liệu này qua mục tìm kiếm trên "
             "cổng thông tin.</p>"),
        ],
        "source": ("Phòng Nghiệp vụ", ""),
    },
    {
        "slug": "lop-huong-dan-tra-cuu-truc-tuyen",
        "title": "Mở lớp hướng dẫn tra cứu tài liệu trực tuyến cho người cao tuổi",
        "lead": "Lớp học miễn phí giúp người cao tuổi làm quen với việc tìm sách, đặt mượn và "
        "đọc báo điện tử trên điện thoại.",
        "category": "chuyen-doi-so",
        "days_ago": 5,
        "tags": ["người cao tuổi", "kỹ năng số"],
        "body": [
            ("paragraph", "<p>Mỗi buổi học kéo dài chín mươi phút, có cán bộ thư viện hướng "
             "dẫn từng bước. Học viên được mang điện thoại của mình để thực hành ngay.</p>"),
            ("video", "https://www.youtube.com/watch?v=demoTraCuu01"),
        ],
        "source": ("", ""),
    },
    {
        "slug": "trung-bay-sach-ve-bien-dao",
        "title": "Trưng bày sách chuyên đề về biển đảo quê hương",
        "lead": "Gần ba trăm đầu sách, ảnh tư liệu và bản đồ được giới thiệu tại sảnh tầng một "
        "trong suốt tháng này.",
        "category": "hoat-dong-thu-vien",
        "days_ago": 8,
        "tags": ["trưng bày", "biển đảo"],
        "body": [
            ("paragraph", "<p>Khu trưng bày chia thành ba phần: lịch sử khai phá vùng biển, "
             "đời sống ngư dân và các công trình nghiên cứu về tài nguyên biển.</p>"),
            ("image", {"image": "Trưng bày sách biển đảo", "alt_text": "", "caption":
                       "Một góc khu trưng bày sách chuyên đề."}),
        ],
        "source": ("Báo điện tử của tỉnh (bài viết mẫu)", "https://example.org/bai-viet-mau"),
    },
    {
        "slug": "tiep-nhan-sach-tang",
        "title": "Tiếp nhận hơn một nghìn cuốn sách do bạn đọc trao tặng",
        "lead": "Sách được phân loại, xử lý nghiệp vụ và đưa ra phục vụ tại phòng đọc thiếu "
        "nhi cùng các điểm thư viện cơ sở.",
        "category": "hoat-dong-thu-vien",
        "days_ago": 12,
        "tags": ["sách tặng"],
        "body": [
            ("paragraph", "<p>Thư viện trân trọng cảm ơn các gia đình, nhà trường và doanh "
             "nghiệp đã chung tay làm phong phú thêm vốn tài liệu phục vụ cộng đồng.</p>"),
        ],
        "source": ("", ""),
    },
    {
        "slug": "cau-lac-bo-doc-sach-thang-nay",
        "title": "Câu lạc bộ đọc sách tháng này bàn về thói quen đọc mỗi ngày",
        "lead": "Buổi sinh hoạt chia sẻ cách dành mười lăm phút đọc sách mỗi ngày, kể cả khi "
        "bận rộn.",
        "category": "van-hoa-doc",
        "days_ago": 15,
        "tags": ["câu lạc bộ"],
        "body": [
            ("paragraph", "<p>Các thành viên kể về cuốn sách đã thay đổi thói quen của mình và "
             "cùng lập danh sách gợi ý cho bạn đọc trẻ.</p>"),
        ],
        "source": ("", ""),
    },
]

BOOKS = [
    ("Làm ít hơn, được nhiều hơn", "Nguyễn Minh An (sách mẫu)", (46, 125, 50)),
    ("Đọc chậm, hiểu sâu", "Trần Thu Hà (sách mẫu)", (121, 85, 72)),
    ("Biển kể chuyện", "Lê Hải Đăng (sách mẫu)", (2, 119, 189)),
    ("Khu vườn của bà", "Phạm Ngọc Lan (sách mẫu)", (142, 36, 170)),
    ("Những con số biết nói", "Đỗ Quang Vinh (sách mẫu)", (230, 81, 0)),
    ("Hành trang số", "Vũ Thanh Tâm (sách mẫu)", (69, 90, 100)),
    ("Mùa than hồng", "Hoàng Việt Cường (sách mẫu)", (183, 28, 28)),
]

VIDEOS = [
    ("gioi-thieu-thu-vien", "Giới thiệu Thư viện tỉnh", VideoCategory.INTRODUCTION,
     "https://www.youtube.com/watch?v=demoGioiThieu",
     "Một vòng tham quan các phòng đọc, kho sách và khu trải nghiệm số của thư viện."),
    ("sach-noi-lam-it-hon", "Sách nói: Làm ít hơn, được nhiều hơn", VideoCategory.AUDIOBOOK,
     "https://www.youtube.com/watch?v=demoSachNoi1",
     "Bản đọc rút gọn chương đầu, do cán bộ thư viện thực hiện."),
    ("sach-noi-bien-ke-chuyen", "Sách nói: Biển kể chuyện", VideoCategory.AUDIOBOOK,
     "https://www.youtube.com/watch?v=demoSachNoi2",
     "Những câu chuyện về biển dành cho thiếu nhi."),
]

UNITS = [
    (UnitKind.CITY, "Hạ Long", "Trung tâm hành chính của tỉnh"),
    (UnitKind.CITY, "Cẩm Phả", ""),
    (UnitKind.CITY, "Uông Bí", ""),
    (UnitKind.CITY, "Móng Cái", "Cửa khẩu quốc tế"),
    (UnitKind.CITY, "Đông Triều", ""),
    (UnitKind.TOWN, "Quảng Yên", ""),
    (UnitKind.DISTRICT, "Vân Đồn", ""),
    (UnitKind.DISTRICT, "Cô Tô", "Huyện đảo"),
    (UnitKind.DISTRICT, "Tiên Yên", ""),
    (UnitKind.DISTRICT, "Bình Liêu", ""),
    (UnitKind.DISTRICT, "Đầm Hà", ""),
    (UnitKind.DISTRICT, "Hải Hà", ""),
    (UnitKind.DISTRICT, "Ba Chẽ", ""),
]

LINKS = [
    ("Cổng thông tin điện tử tỉnh (mẫu)", "https://example.org/cong-thong-tin-tinh"),
    ("Thư viện Quốc gia Việt Nam", "https://nlv.gov.vn/"),
    ("Bộ Văn hoá, Thể thao và Du lịch", "https://bvhttdl.gov.vn/"),
]

CONTACTS = [
    ("Chị Nguyễn Thị Mai", "Tư vấn thẻ bạn đọc", "0203 3800 001", "ho-tro@thuvien.example.org",
     "https://zalo.me/0000000001"),
    ("Anh Trần Văn Nam", "Hỗ trợ tra cứu tài liệu", "0203 3800 002", "tra-cuu@thuvien.example.org",
     ""),
]


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
    for order, (title, url) in enumerate(LINKS):
        WebsiteLink.objects.get_or_create(url=url, defaults={"title": title, "sort_order": order})
    for order, (name, role, phone, email, chat) in enumerate(CONTACTS):
        SupportContact.objects.get_or_create(
            name=name,
            defaults={"role": role, "phone": phone, "email": email, "chat_url": chat,
                      "sort_order": order},
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


def _body(blocks):
    """Article body blocks with image titles and rich text turned into values."""
    value = []
    for kind, data in blocks:
        if kind == "paragraph":
            data = RichText(data)
        elif kind == "image":
            data = {**data, "image": demo_image(data["image"], data["image"], (0, 105, 92))}
        elif kind == "video":
            store_embed(data, "Hướng dẫn tra cứu trực tuyến")
        value.append((kind, data))
    return value


def load_news(home, today):
    """The news index, its categories and articles."""
    index, _created = _child(home, NewsIndexPage, "tin-tuc", title="Tin tức",
                             intro="Tin hoạt động của thư viện và văn hoá đọc trong tỉnh.")
    categories = {
        slug: ArticleCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in CATEGORIES
    }
    for number, data in enumerate(ARTICLES):
        if ArticlePage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        page = ArticlePage(
            slug=data["slug"],
            title=data["title"],
            lead=data["lead"],
            body=_body(data["body"]),
            main_image=demo_image(f"Ảnh tin {number + 1}", data["title"][:34],
                                  ((11 + 40 * number) % 200, 83, 148)),
            main_image_caption="Ảnh minh hoạ do thư viện thực hiện.",
            source_name=data["source"][0],
            source_url=data["source"][1],
            author="Ban biên tập",
            publish_date=today - timedelta(days=data["days_ago"]),
        )
        page.categories = [categories[data["category"]]]
        page.tags.add(*data["tags"])
        _publish(index, page)


def load_books(home, today):
    """A week of books of the day, from three days ago to three days ahead."""
    index, _created = _child(home, BookIndexPage, "moi-ngay-mot-cuon-sach",
                             title="Mỗi ngày một cuốn sách",
                             intro="Mỗi ngày, thư viện giới thiệu một cuốn sách đáng đọc.")
    for offset, (title, author, colour) in enumerate(BOOKS, start=-3):
        slug = f"sach-{BOOKS.index((title, author, colour)) + 1}"
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
        page.featured_dates = [BookFeatureDate(date=today + timedelta(days=offset))]
        _publish(index, page)


def load_videos(home):
    """The video index, an introduction video and audiobook videos, with stored embeds."""
    index, _created = _child(home, VideoIndexPage, "video", title="Video",
                             intro="Video giới thiệu thư viện và video sách nói.")
    for slug, title, category, url, description in VIDEOS:
        store_embed(url, title)
        if VideoPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        _publish(index, VideoPage(
            slug=slug, title=title, category=category, video_url=url, description=description,
            transcript=f"(Lời thoại mẫu) Xin chào các bạn. Đây là video “{title}”.",
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
    page.units = [AdministrativeUnit(kind=kind, name=name, note=note)
                  for kind, name, note in UNITS]
    _publish(home, page)


@transaction.atomic
def load_demo(today=None):
    """Create whatever part of the demo portal is missing."""
    today = today or timezone.localdate()
    home = HomePage.objects.first()
    load_hours(today)
    load_snippets()
    load_news(home, today)
    load_books(home, today)
    load_videos(home)
    load_map(home)
    load_engagement_demo(today)
    load_demo_catalogue()
