"""An editor translates (or copies) a procedure or a legal document through the admin: the copy
is made as a draft without the code or number, which are unique site-wide (it was a 500)."""

from __future__ import annotations

import pytest

from wagtail.models import Locale

from home.factories import (
    PolicyIndexPageFactory,
    PolicyPageFactory,
    ProcedureIndexPageFactory,
    ProcedurePageFactory,
)
from home.models import PolicyPage, ProcedurePage

from .conftest import translate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("index_factory", "page_factory", "model", "field", "value"),
    [
        (ProcedureIndexPageFactory, ProcedurePageFactory, ProcedurePage, "code", "1.009972"),
        (PolicyIndexPageFactory, PolicyPageFactory, PolicyPage, "number", "17/NQ-CP"),
    ],
    ids=["procedure", "document"],
)
def test_translate_and_copy_make_drafts_without_the_unique_key(
    admin_client, home_page, en_home, index_factory, page_factory, model, field, value
):
    index = index_factory(parent=home_page)
    translate(index, "Index", "index")
    page = page_factory(parent=index, **{field: value})
    english = Locale.objects.get(language_code="en")

    response = admin_client.post(f"/admin/translation/submit/page/{page.pk}/",
                                 {"locales": [english.pk]})
    assert response.status_code == 302
    translated = model.objects.get(locale=english)
    assert getattr(translated, field) is None and not translated.live
    assert getattr(model.objects.get(pk=page.pk), field) == value
    assert admin_client.get(f"/admin/pages/{translated.pk}/edit/").status_code == 200

    response = admin_client.post(
        f"/admin/pages/{page.pk}/copy/",
        {"new_title": "Bản sao", "new_slug": "ban-sao", "new_parent_page": index.pk},
    )
    assert response.status_code == 302
    copy = model.objects.get(slug="ban-sao")
    assert getattr(copy, field) is None and not copy.live
