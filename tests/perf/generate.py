"""Synthetic JSON Lines files in the import contract, as large as a benchmark needs.

``python -m tests.perf.generate OUT.jsonl --articles 100000 [--procedures 300]
[--documents 1000] [--seed 1]`` writes deterministic content (same seed, same bytes): Vietnamese
sentences drawn from the ministry's vocabulary, 8 categories, 150 tags, one article in twenty with
a photo from a pool of 20 (so media deduplication is exercised), procedures with codes in the
national format, documents with numbers such as ``123/2019/NĐ-CP``. Written line by line:
memory stays flat whatever the size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["generate", "records"]

VOCABULARY = (
    "Bộ Xây dựng dịch vụ công trực tuyến mức độ thủ tục hành chính người dân doanh nghiệp quy "
    "hoạch đô thị nhà ở thị trường bất động sản vật liệu xây dựng hạ tầng kỹ thuật cấp phép "
    "chứng chỉ năng lực hoạt động hạng giám định tư pháp kiến trúc phát triển Chính phủ điện "
    "tử giai đoạn định hướng nhiệm vụ giải pháp trọng tâm thẩm định dự án đầu tư công trình "
    "an toàn chất lượng kiểm định thí nghiệm chuyên ngành tiêu chuẩn quy chuẩn nông thôn mới "
    "chung cư cải tạo nhà ở xã hội thuê công vụ hồ sơ tiếp nhận giải quyết kết quả trả thời "
    "hạn lệ phí cơ quan thẩm quyền tổ chức cá nhân đăng ký công bố thông tin quản lý nhà nước "
    "địa phương tỉnh thành phố Hà Nội Hồ Chí Minh Đà Nẵng Cần Thơ Hải Phòng hội nghị tập huấn "
    "triển khai kế hoạch năm báo cáo tổng kết sơ kết thanh tra kiểm tra xử lý vi phạm chính "
    "sách pháp luật nghị định thông tư quyết định hướng dẫn sửa đổi bổ sung thay thế hiệu lực "
    "thi hành ý kiến góp ý dự thảo lấy ý kiến rộng rãi chuyển đổi số cơ sở dữ liệu quốc gia "
    "kết nối chia sẻ liên thông thủy lợi giao thông cấp thoát nước xử lý chất thải rắn cây "
    "xanh chiếu sáng công viên đường đô thị thông minh bền vững thích ứng biến đổi khí hậu "
    "tiết kiệm năng lượng xanh hiệu quả minh bạch công khai"
)
WORDS = tuple(VOCABULARY.split())
CATEGORIES = [
    "Cải cách hành chính", "Hoạt động của Bộ", "Quy hoạch – Kiến trúc",
    "Nhà ở – Thị trường bất động sản", "Hạ tầng kỹ thuật", "Vật liệu xây dựng",
    "Phát triển đô thị", "Chính sách mới",
]
FIELDS = [
    "Hoạt động xây dựng", "Kinh doanh bất động sản", "Nhà ở", "Quy hoạch xây dựng, kiến trúc",
    "Giám định tư pháp xây dựng", "Vật liệu xây dựng", "Hạ tầng kỹ thuật",
]
AGENCIES = [
    "Cục Quản lý hoạt động xây dựng", "Cục Quản lý nhà và thị trường bất động sản",
    "Vụ Quy hoạch – Kiến trúc", "Cục Hạ tầng kỹ thuật", "Vụ Vật liệu xây dựng",
]
ISSUERS = ["Chính phủ", "Thủ tướng Chính phủ", "Bộ Xây dựng", "Quốc hội"]
DOC_TYPES = [
    ("Nghị định", "NĐ-CP", "Chính phủ"), ("Thông tư", "TT-BXD", "Bộ Xây dựng"),
    ("Quyết định", "QĐ-TTg", "Thủ tướng Chính phủ"), ("Luật", "QH14", "Quốc hội"),
    ("Nghị quyết", "NQ-CP", "Chính phủ"),
]
IMAGE_POOL = 20
TZ = dt.timezone(dt.timedelta(hours=7))


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    sentence = " ".join(words)
    return sentence[0].upper() + sentence[1:]


def _images(folder: Path) -> list[str]:
    """A pool of small JPEGs (distinct contents), written once next to the file."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for n in range(IMAGE_POOL):
        path = folder / f"anh-{n:02d}.jpg"
        if not path.exists():
            image = Image.new("RGB", (320, 200), (20 + 11 * n, 80, 160 - 5 * n))
            ImageDraw.Draw(image).text((20, 90), f"Anh minh hoa {n}", fill=(255, 255, 255))
            image.save(path, "JPEG", quality=70)
        names.append(f"{folder.name}/{path.name}")
    return names


def records(
    articles: int, procedures: int = 0, documents: int = 0, seed: int = 1,
    images: list[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """The records, documents first (procedures cite them), then procedures, then articles."""
    rng = random.Random(seed)
    tags = sorted({_sentence(rng, 1, 3).lower() for _ in range(400)})[:150]
    numbers = []
    for n in range(documents):
        doc_type, suffix, issuer = DOC_TYPES[n % len(DOC_TYPES)]
        year = 2005 + n % 20
        number = f"{n + 1}/{year}/{suffix}"
        numbers.append(number)
        issued = dt.date(year, 1 + n % 12, 1 + n % 28)
        yield {
            "type": "legal_document", "number": number, "doc_type": doc_type, "issuer": issuer,
            "issued": issued.isoformat(), "effective": (issued + dt.timedelta(days=45)).isoformat(),
            "summary": _sentence(rng, 12, 25) + ".", "field": FIELDS[n % len(FIELDS)],
            "body": "".join(f"<p>{_sentence(rng, 20, 40)}.</p>" for _ in range(3)),
            "legacy_id": f"vb-{n + 1}",
        }
    for n in range(procedures):
        basis = f"{rng.choice(['Nghị định', 'Thông tư'])} {rng.choice(numbers)}" if numbers else ""
        yield {
            "type": "procedure", "code": f"1.{9000 + n:06d}",
            "name": _sentence(rng, 8, 16), "field": FIELDS[n % len(FIELDS)],
            "level": [4, 3, "toàn trình", "một phần", 2][n % 5],
            "agency": AGENCIES[n % len(AGENCIES)], "applicant": "Tổ chức, cá nhân",
            "processing_time": f"{rng.randint(5, 30)} ngày làm việc",
            "fee": f"{rng.randint(1, 20) * 100_000:,} đồng".replace(",", "."),
            "documents": [_sentence(rng, 4, 9) for _ in range(3)],
            "steps": "<ol>{}</ol>".format(
                "".join(f"<li>{_sentence(rng, 6, 12)}.</li>" for _ in range(3))
            ),
            "result": _sentence(rng, 5, 10), "legal_basis": basis,
        }
    start = dt.datetime(2010, 1, 1, 8, 0, tzinfo=TZ)
    for n in range(articles):
        record: dict[str, Any] = {
            "type": "article", "legacy_id": f"bench-{n + 1}",
            "title": _sentence(rng, 8, 16),
            "lead": _sentence(rng, 25, 45) + ".",
            "body": "".join(f"<p>{_sentence(rng, 40, 80)}.</p>" for _ in range(rng.randint(3, 6))),
            "published_at": (start + dt.timedelta(minutes=97 * n)).isoformat(),
            "category": CATEGORIES[n % len(CATEGORIES)],
            "tags": rng.sample(tags, rng.randint(1, 3)),
            "source": "Báo Xây dựng" if n % 3 == 0 else "Cổng TTĐT Bộ Xây dựng",
        }
        if n % 97 == 5:
            record["status"] = "draft"
        if images and n % 20 == 0:
            record["images"] = [{"file": images[n % len(images)], "caption": _sentence(rng, 6, 12)}]
        yield record


def generate(
    out: Path, articles: int, procedures: int = 0, documents: int = 0, seed: int = 1,
    with_images: bool = True,
) -> Path:
    """Write the file (and its image pool in ``<out stem>-files/``); return its path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    images = _images(out.parent / f"{out.stem}-files") if with_images else None
    with open(out, "w", encoding="utf-8") as handle:
        for record in records(articles, procedures, documents, seed, images):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Tạo tệp JSON Lines tổng hợp để đo hiệu năng.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--procedures", type=int, default=0)
    parser.add_argument("--documents", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-images", action="store_true")
    args = parser.parse_args(argv)
    generate(args.out, args.articles, args.procedures, args.documents, args.seed,
             with_images=not args.no_images)


if __name__ == "__main__":
    main()
