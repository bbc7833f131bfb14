"""The portal's sections for the editorial setup (``cms.editorial``): procedures, documents and
the disclosure lists, each with its team, its media and the shared lists (lĩnh vực, cơ quan)
it maintains."""

from __future__ import annotations

from cms.editorial.setup import Section, register_admin_apps, register_section

GROUP_PROCEDURES = "Quản lý thủ tục hành chính"
GROUP_DOCUMENTS = "Quản lý văn bản"
GROUP_DISCLOSURES = "Quản lý công khai thông tin"

_TERMS = (("home", "sector"), ("home", "agency"))
PROCEDURES = Section(
    "home", "procedureindexpage", GROUP_PROCEDURES, "Thủ tục hành chính", models=_TERMS, order=20
)
DOCUMENTS = Section(
    "home", "policyindexpage", GROUP_DOCUMENTS, "Văn bản, chính sách", models=_TERMS, order=30
)

# The disclosure lists use no shared list (lĩnh vực, cơ quan): their team edits pages and files.
DISCLOSURES = Section(
    "home", "disclosureindexpage", GROUP_DISCLOSURES, "Công khai thông tin", order=35
)


def register() -> None:
    """Called from ``HomeConfig.ready``."""
    register_section(PROCEDURES)
    register_section(DOCUMENTS)
    register_section(DISCLOSURES)
    register_admin_apps("home")
