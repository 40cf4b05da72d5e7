"""A small demo catalogue for ``load_demo``: original Vietnamese (and some English) records,
built as MARC21 with pymarc and loaded through the import code. The library's demo adds one
record per book of the day (:func:`import_demo_books`). Running it again changes nothing.
"""

import io

from pymarc import Field, Leader, MARCWriter, Subfield
from pymarc import Record as MarcRecord

from catalogue.importing.files import import_files
from catalogue.models import Record

BRANCHES = ["Thư viện tỉnh", "Chi nhánh Hạ Long", "Chi nhánh Cẩm Phả", "Chi nhánh Uông Bí"]
# (title, subtitle, author, year, publisher, subjects, DDC, language)
BOOKS = [
    ("Lịch sử vùng mỏ Quảng Ninh", "", "Đặng Văn Khoa", 2012, "Nxb. Quảng Ninh",
     ["Lịch sử", "Quảng Ninh", "Công nghiệp than"], "959.729", "vie"),
    ("Vịnh Hạ Long qua những trang sách", "tuyển chọn", "Lê Thị Thu Hà", 2018, "Nxb. Văn học",
     ["Du lịch", "Vịnh Hạ Long"], "915.97", "vie"),
    ("Sách hay cho tuổi học trò", "", "Phạm Minh Châu", 2020, "Nxb. Kim Đồng",
     ["Thiếu nhi", "Đọc sách"], "028.5", "vie"),
    ("Nuôi trồng thuỷ sản ven biển", "kỹ thuật và kinh nghiệm", "Vũ Đức Thắng", 2016,
     "Nxb. Nông nghiệp", ["Thuỷ sản", "Nông nghiệp"], "639.8", "vie"),
    ("Lễ hội dân gian vùng Đông Bắc", "", "Hoàng Thị Mai", 2009, "Nxb. Khoa học xã hội",
     ["Văn hoá dân gian", "Lễ hội"], "394.269597", "vie"),
    ("Tiếng Việt giàu và đẹp", "", "Nguyễn Quang Huy", 2015, "Nxb. Giáo dục Việt Nam",
     ["Tiếng Việt", "Ngôn ngữ học"], "495.922", "vie"),
    ("Cây thuốc nam quanh nhà", "", "Trần Văn Bình", 2011, "Nxb. Y học",
     ["Y học cổ truyền", "Cây thuốc"], "615.32", "vie"),
    ("Chuyển đổi số cho thư viện công cộng", "", "Đỗ Thanh Tùng", 2023,
     "Nxb. Thông tin và Truyền thông", ["Thư viện", "Chuyển đổi số"], "025.04", "vie"),
    ("Truyện cổ tích các dân tộc Việt Nam", "tập 1", "Nhiều tác giả", 2008, "Nxb. Kim Đồng",
     ["Truyện cổ tích", "Văn học dân gian"], "398.2", "vie"),
    ("Biển đảo quê hương", "", "Lý Văn Sơn", 2019, "Nxb. Chính trị quốc gia Sự thật",
     ["Biển đảo", "Chủ quyền"], "320.1", "vie"),
    ("Ẩm thực Quảng Ninh", "hương vị miền biển", "Bùi Thị Hạnh", 2021, "Nxb. Phụ nữ",
     ["Ẩm thực", "Quảng Ninh"], "641.59597", "vie"),
    ("Người Dao ở Quảng Ninh", "", "Triệu Văn Dìn", 2014, "Nxb. Dân tộc",
     ["Dân tộc Dao", "Dân tộc học"], "305.895", "vie"),
    ("Toán học vui", "dành cho học sinh tiểu học", "Ngô Bảo Ngọc", 2017, "Nxb. Giáo dục Việt Nam",
     ["Toán học", "Thiếu nhi"], "510", "vie"),
    ("Sống xanh mỗi ngày", "", "Dương Thu Trang", 2022, "Nxb. Trẻ",
     ["Môi trường", "Lối sống"], "363.7", "vie"),
    ("Thơ chọn lọc về biển", "", "Nhiều tác giả", 2005, "Nxb. Hội Nhà văn",
     ["Thơ Việt Nam", "Biển"], "895.9221", "vie"),
    ("Kiến trúc cổ Yên Tử", "", "Phan Đức Long", 2013, "Nxb. Xây dựng",
     ["Kiến trúc", "Yên Tử", "Phật giáo"], "720.9597", "vie"),
    ("Khởi nghiệp ở nông thôn", "những câu chuyện thật", "Hồ Minh Nhật", 2020,
     "Nxb. Lao động", ["Khởi nghiệp", "Kinh tế nông thôn"], "338.04", "vie"),
    ("Sổ tay kỹ năng số cho người cao tuổi", "", "Đinh Thị Yến", 2024,
     "Nxb. Thông tin và Truyền thông", ["Kỹ năng số", "Người cao tuổi"], "004.1", "vie"),
    ("Âm nhạc dân tộc Việt Nam", "", "Lương Văn Hải", 2010, "Nxb. Âm nhạc",
     ["Âm nhạc dân tộc"], "781.6", "vie"),
    ("Địa chí Quảng Ninh", "tập 2", "Ban biên soạn địa chí", 2003, "Nxb. Thế giới",
     ["Địa chí", "Quảng Ninh"], "915.9729", "vie"),
    ("Sạch nhà, sạch ngõ", "cẩm nang vệ sinh môi trường", "Tạ Quang Vinh", 2016,
     "Nxb. Y học", ["Vệ sinh môi trường"], "363.72", "vie"),
    ("Cẩm nang đọc sách hiệu quả", "", "Mai Anh Tuấn", 2019, "Nxb. Lao động",
     ["Đọc sách", "Kỹ năng"], "028.9", "vie"),
    ("Đất và người Móng Cái", "", "Chu Văn Lâm", 2007, "Nxb. Văn hoá dân tộc",
     ["Móng Cái", "Lịch sử địa phương"], "959.729", "vie"),
    ("Hỏi đáp về pháp luật cho người dân", "", "Lưu Thị Nga", 2021, "Nxb. Tư pháp",
     ["Pháp luật", "Hỏi đáp"], "349.597", "vie"),
    ("Vietnamese folk tales", "", "Nguyen, Thi Lan", 2011, "The Gioi Publishers",
     ["Folk literature", "Vietnam"], "398.209597", "eng"),
    ("A short history of Ha Long Bay", "", "Walker, David", 2016, "Routledge",
     ["Ha Long Bay", "History"], "959.7", "eng"),
    ("Public libraries in the digital age", "", "Clark, Emma", 2020, "Facet Publishing",
     ["Public libraries", "Digital transformation"], "027.4", "eng"),
    ("Coal mining communities", "", "Brown, Anna", 2014, "Palgrave",
     ["Coal mining", "Communities"], "338.2724", "eng"),
    ("Learning Vietnamese", "a beginner's course", "Tran, Minh", 2018, "Tuttle",
     ["Vietnamese language"], "495.922", "eng"),
    ("Reading for pleasure", "", "Taylor, Mary", 2019, "Penguin",
     ["Reading", "Books and reading"], "028.8", "eng"),
]


def _record(number, title, subtitle, author, year, publisher, subjects, ddc, language):
    record = MarcRecord(force_utf8=True)
    record.leader = Leader("00000nam a22000007a 4500")
    record.add_field(Field(tag="001", data=f"DEMO{number:04d}"))
    record.add_field(Field(tag="008", data=f"250101s{year}    vm            000 0 {language} d"))
    fields = [
        ("020", " ", " ", [("a", f"978604{number:07d}")]),
        ("082", "0", "4", [("a", ddc)]),
        ("090", " ", " ", [("a", ddc), ("b", author.split()[-1][:3].upper())]),
        ("100", "1", " ", [("a", author), ("e", "tác giả")]),
        ("245", "1", "0", [("a", title), *([("b", subtitle)] if subtitle else []),
                           ("c", author)]),
        ("264", " ", "1", [("a", "Hà Nội"), ("b", publisher), ("c", str(year))]),
        ("300", " ", " ", [("a", f"{120 + number * 7 % 300} tr."), ("c", "21 cm")]),
        ("520", " ", " ", [("a", f"“{title}” — biểu ghi mẫu, dùng để trình diễn OPAC.")]),
        *[("650", " ", "7", [("a", subject)]) for subject in subjects],
    ]
    for copy in range(1 + number % 3):
        status = [] if (number + copy) % 4 else [("q", "2026-12-31")]
        fields.append(("952", " ", " ", [("a", BRANCHES[(number + copy) % len(BRANCHES)]),
                                         ("p", f"DEMO-{number:04d}-{copy + 1}"), *status]))
    for tag, ind1, ind2, subfields in fields:
        record.add_field(Field(tag=tag, indicators=[ind1, ind2],
                               subfields=[Subfield(code, value) for code, value in subfields]))
    return record


def _import(entries, first_number):
    out = io.BytesIO()
    writer = MARCWriter(out)
    for number, entry in enumerate(entries, start=first_number):
        writer.write(_record(number, *entry))
    out.seek(0)
    return import_files([("demo.mrc", out)])


def import_demo_books(books):
    """Records for ``[(title, author)]`` (the books of the day), numbered after :data:`BOOKS`;
    return ``{title: Record}``."""
    entries = [(title, "", author, 2024, "Nxb. Trẻ", ["Sách hay", "Kỹ năng sống"], "158.1", "vie")
               for title, author in books]
    _import(entries, len(BOOKS) + 1)
    titles = [title for title, _author in books]
    return {record.title: record for record in Record.objects.filter(title__in=titles)}


def load(today):
    """Import the demo records (the import leaves unchanged records alone)."""
    _import(BOOKS, 1)
