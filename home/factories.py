"""Factories for the portal's tests (wagtail-factories); slugs come from ``cms.text.slugify``."""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from cms import text

from .choices import DisclosureCategory
from .models import (
    Agency,
    DisclosureIndexPage,
    DisclosurePage,
    FocalPoint,
    Leader,
    LeadersPage,
    OrganisationPage,
    PolicyIndexPage,
    PolicyPage,
    ProcedureIndexPage,
    ProcedurePage,
    Sector,
    UnitSite,
    UnitSitesPage,
)
from .models.policies import DocType, LegalStatus
from .models.units import UnitKind


class SectorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Lĩnh vực xây dựng {n}")
    slug = factory.LazyAttribute(lambda obj: text.slugify(obj.name))

    class Meta:
        model = Sector
        django_get_or_create = ("slug",)


class AgencyFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Cục quản lý số {n}")
    slug = factory.LazyAttribute(lambda obj: text.slugify(obj.name))

    class Meta:
        model = Agency
        django_get_or_create = ("slug",)


class ProcedureIndexPageFactory(wagtail_factories.PageFactory):
    title = "Thủ tục hành chính"
    slug = "thu-tuc-hanh-chinh"

    class Meta:
        model = ProcedureIndexPage


class ProcedurePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Cấp giấy phép xây dựng số {n}")
    slug = factory.LazyAttribute(lambda obj: text.slugify(obj.title))
    code = factory.Sequence(lambda n: f"1.{n:06d}")
    level = 4
    sector = factory.SubFactory(SectorFactory, name="Hoạt động xây dựng")
    applicants = "Tổ chức, cá nhân"
    steps = "<p>Nộp hồ sơ trực tuyến.</p>"
    result = "Giấy phép."

    class Meta:
        model = ProcedurePage


class PolicyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Chính sách pháp luật"
    slug = "chinh-sach-phap-luat"

    class Meta:
        model = PolicyIndexPage


class PolicyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Thông tư số {n} hướng dẫn xây dựng")
    slug = factory.LazyAttribute(lambda obj: text.slugify(obj.title))
    number = factory.Sequence(lambda n: f"{n + 1:02d}/2021/TT-BXD")
    doc_type = DocType.CIRCULAR
    issuer = factory.SubFactory(AgencyFactory, name="Bộ Xây dựng")
    issued_on = factory.Sequence(lambda n: dt.date(2021, 1, 1) + dt.timedelta(days=n))
    status = LegalStatus.IN_FORCE
    summary = "Hướng dẫn một số nội dung về hoạt động xây dựng."

    class Meta:
        model = PolicyPage


class DisclosureIndexPageFactory(wagtail_factories.PageFactory):
    title = "Công khai thông tin"
    slug = "cong-khai-thong-tin"

    class Meta:
        model = DisclosureIndexPage


class DisclosurePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kế hoạch công tác số {n}")
    slug = factory.LazyAttribute(lambda obj: text.slugify(obj.title))
    category = DisclosureCategory.PLAN
    issued_on = factory.Sequence(lambda n: dt.date(2024, 1, 1) + dt.timedelta(days=n))
    summary = "Nhiệm vụ và tiến độ thực hiện trong năm."

    class Meta:
        model = DisclosurePage


class UnitSitesPageFactory(wagtail_factories.PageFactory):
    title = "Đơn vị trực thuộc"
    slug = "don-vi-truc-thuoc"

    class Meta:
        model = UnitSitesPage


class UnitSiteFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Viện nghiên cứu số {n}")
    url = factory.Sequence(lambda n: f"https://vien-{n}.example.vn")
    kind = UnitKind.UNIT
    order = factory.Sequence(lambda n: n)

    class Meta:
        model = UnitSite


class OrganisationPageFactory(wagtail_factories.PageFactory):
    title = "Giới thiệu"
    slug = "gioi-thieu"
    functions = "<p>Bộ Xây dựng là cơ quan của Chính phủ.</p>"

    class Meta:
        model = OrganisationPage


class LeadersPageFactory(wagtail_factories.PageFactory):
    title = "Lãnh đạo Bộ"
    slug = "lanh-dao-bo"

    class Meta:
        model = LeadersPage


class LeaderFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Lãnh đạo số {n} (dữ liệu mẫu)")
    title = "Thứ trưởng"
    title_en = "Deputy Minister"
    rank = factory.Sequence(lambda n: n + 1)

    class Meta:
        model = Leader


class FocalPointFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Đầu mối số {n}")
    title = "Chuyên viên"
    responsibility = "Cổng thông tin điện tử"
    responsibility_en = "The web portal"
    phone = "024 3821 5137"
    email = "bxd@moc.gov.vn"

    class Meta:
        model = FocalPoint
