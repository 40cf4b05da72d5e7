"""Demo news for ``load_demo``: categories and original Vietnamese articles (idempotent)."""

from datetime import timedelta

from wagtail.rich_text import RichText

from articles.models import ArticleCategory, ArticlePage, NewsIndexPage
from base.demo_tools import child_page, demo_image, portal_root, publish, store_embed

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
    index, _created = child_page(home, NewsIndexPage, "tin-tuc", title="Tin tức",
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
        publish(index, page)



def load(today):
    """The news index, its categories and articles, under the portal's home page."""
    load_news(portal_root(), today)
