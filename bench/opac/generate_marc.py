"""Write N synthetic MARC21 records (ISO 2709, UTF-8) with Vietnamese and some English data.

    .venv/bin/python bench/opac/generate_marc.py 100000 var/bench/opac-100000.mrc

Deterministic (seeded): titles, authors, subjects, publishers, years, 1–3 copies per record.
"""

import random
import sys

from pymarc import Field, Leader, MARCWriter, Record, Subfield

TITLE_HEADS = [
    "Lịch sử", "Địa lý", "Văn hoá", "Kinh tế", "Giáo trình", "Tuyển tập", "Truyện ngắn",
    "Thơ", "Hỏi đáp về", "Sổ tay", "Cẩm nang", "Nghiên cứu", "Tìm hiểu", "Những câu chuyện về",
    "Kỹ thuật", "Sách hướng dẫn", "Từ điển", "Khoa học", "Nghệ thuật", "Phong tục",
]
TITLE_TOPICS = [
    "Quảng Ninh", "Hạ Long", "vùng biển Đông Bắc", "làng nghề truyền thống", "nông nghiệp sạch",
    "nuôi trồng thuỷ sản", "than đá", "tiếng Việt", "người Dao", "lễ hội dân gian",
    "ẩm thực ba miền", "trẻ em", "tuổi học trò", "sức khoẻ cộng đồng", "môi trường",
    "du lịch sinh thái", "chuyển đổi số", "thư viện", "đọc sách", "gia đình Việt",
    "khởi nghiệp", "toán học vui", "vật lý", "hoá học", "Bác Hồ", "chiến tranh và hoà bình",
    "biển đảo quê hương", "cây thuốc nam", "kiến trúc cổ", "âm nhạc dân tộc",
]
SUBTITLES = ["", "", "", "tái bản có sửa chữa", "dành cho học sinh", "song ngữ Việt – Anh",
             "tập 1", "tập 2", "từ xưa đến nay", "những điều cần biết"]
EN_TITLES = [
    "A history of", "An introduction to", "Essays on", "The economics of", "Stories from",
    "A field guide to", "Modern", "Teaching", "Understanding", "The culture of",
]
EN_TOPICS = ["Vietnam", "Ha Long Bay", "coal mining", "libraries", "reading", "the sea",
             "rice farming", "folk music", "climate change", "digital skills", "mathematics"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLES = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Hữu", "Ngọc", "Quang", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Long", "Mai",
         "Nam", "Nga", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]
EN_NAMES = ["Smith, John", "Brown, Anna", "Nguyen, Peter", "Taylor, Mary", "Wilson, James",
            "Clark, Emma", "Walker, David"]
SUBJECTS = ["Lịch sử Việt Nam", "Văn học Việt Nam", "Địa chí Quảng Ninh", "Kinh tế", "Giáo dục",
            "Y học", "Nông nghiệp", "Thuỷ sản", "Du lịch", "Văn hoá dân gian", "Thiếu nhi",
            "Khoa học tự nhiên", "Tin học", "Pháp luật", "Tôn giáo", "Âm nhạc", "Mỹ thuật",
            "Môi trường", "Biển đảo", "Công nghiệp than"]
PUBLISHERS = ["Nxb. Trẻ", "Nxb. Kim Đồng", "Nxb. Giáo dục Việt Nam", "Nxb. Văn học",
              "Nxb. Chính trị quốc gia Sự thật", "Nxb. Hội Nhà văn", "Nxb. Khoa học xã hội",
              "Nxb. Thông tin và Truyền thông", "Nxb. Quảng Ninh"]
PLACES = ["Hà Nội", "TP. Hồ Chí Minh", "Hạ Long", "Đà Nẵng"]
BRANCHES = ["Thư viện tỉnh", "Chi nhánh Hạ Long", "Chi nhánh Cẩm Phả", "Chi nhánh Uông Bí",
            "Chi nhánh Móng Cái"]
DDC = ["959.7", "895.922", "915.97", "330.9597", "370", "610", "630", "639", "338.4791",
       "398.209597", "005", "340", "780", "700", "363.7"]
LEADER_TYPES = ["am"] * 18 + ["as", "gm"]


def vietnamese_name(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _field(tag, ind, *pairs):
    return Field(tag=tag, indicators=list(ind), subfields=[Subfield(c, v) for c, v in pairs if v])


def synthetic_record(number, rng):
    """The ``number``-th synthetic record."""
    english = rng.random() < 0.12
    year = rng.randint(1960, 2026)
    if english:
        title, author, lang = f"{rng.choice(EN_TITLES)} {rng.choice(EN_TOPICS)}", \
            rng.choice(EN_NAMES), "eng"
    else:
        title, author, lang = f"{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_TOPICS)}", \
            vietnamese_name(rng), "vie"
    subtitle = "" if english else rng.choice(SUBTITLES)
    ddc = rng.choice(DDC)
    record = Record(force_utf8=True)
    record.leader = Leader(f"00000n{rng.choice(LEADER_TYPES)} a22000007a 4500")
    record.add_field(Field(tag="001", data=f"BENCH{number:08d}"))
    record.add_field(Field(tag="008", data=f"200101s{year}    vm            000 0 {lang} d"))
    fields = [
        _field("020", "  ", ("a", f"978604{number:07d}")),
        _field("082", "04", ("a", ddc)),
        _field("090", "  ", ("a", ddc), ("b", author[:3].upper())),
        _field("100", "1 ", ("a", author), ("e", "tác giả")),
        _field("245", "10", ("a", title), ("b", subtitle), ("c", author)),
        _field("264", " 1", ("a", rng.choice(PLACES)), ("b", rng.choice(PUBLISHERS)),
               ("c", str(year))),
        _field("300", "  ", ("a", f"{rng.randint(40, 600)} tr."), ("c", "21 cm")),
        _field("520", "  ", ("a", f"Cuốn sách trình bày {title.lower()} một cách dễ hiểu.")),
    ]
    for subject in rng.sample(SUBJECTS, rng.randint(1, 3)):
        fields.append(_field("650", " 7", ("a", subject)))
    if rng.random() < 0.3:
        fields.append(_field("700", "1 ", ("a", vietnamese_name(rng)), ("e", "biên dịch")))
    for copy in range(rng.randint(1, 3)):
        status = rng.random()
        extra = ("q", "2026-12-20") if status < 0.25 else ("7", "1") if status < 0.3 else ("", "")
        fields.append(_field("952", "  ", ("a", rng.choice(BRANCHES)),
                             ("p", f"B{number:08d}-{copy}"), extra))
    for marc_field in fields:
        record.add_field(marc_field)
    return record


def main(count, path):
    rng = random.Random(20261127)
    with open(path, "wb") as out:
        writer = MARCWriter(out)
        for number in range(1, count + 1):
            writer.write(synthetic_record(number, rng))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
