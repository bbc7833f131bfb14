"""The choices of home's fields that the filter forms offer too: one list for the model field and
the form, so that ``home.forms`` needs no page model (the pages import their forms)."""

DOC_TYPE_CHOICES = [
    ("luat", "Luật"),
    ("nghi-dinh", "Nghị định"),
    ("nghi-quyet", "Nghị quyết"),
    ("quyet-dinh", "Quyết định"),
    ("thong-tu", "Thông tư"),
    ("chi-thi", "Chỉ thị"),
    ("cong-van", "Công văn"),
    ("thong-bao", "Thông báo"),
    ("ke-hoach", "Kế hoạch"),
    ("khac", "Văn bản khác"),
]
STATUS_CHOICES = [
    ("con-hieu-luc", "Còn hiệu lực"),
    ("het-hieu-luc-mot-phan", "Hết hiệu lực một phần"),
    ("het-hieu-luc-toan-bo", "Hết hiệu lực toàn bộ"),
]
LEVEL_CHOICES = [
    (4, "Mức độ 4"),
    (3, "Mức độ 3"),
    (2, "Mức độ 2"),
    (1, "Mức độ 1"),
]
