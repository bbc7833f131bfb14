"""Submit the real Wagtail admin forms as a browser would: read every field of the rendered form,
change a few, post them all (so the tests do not hard-code Wagtail's form layout).

StreamFields are drawn by JavaScript from a JSON description, so they are posted empty
(``<name>-count = 0``): fine for the pages these tests write.
"""

from __future__ import annotations

from typing import Any

from lxml import html

from cms import text


def form_fields(content: bytes | str, form_id: str = "page-edit-form") -> dict[str, Any]:
    """The values a browser would send for the form ``form_id`` (buttons excluded)."""
    doc = html.fromstring(content)
    forms = doc.xpath(f'//form[@id="{form_id}"]') or doc.xpath("//form[@method='post']")
    assert forms, "no form in the page"
    data: dict[str, Any] = {}
    for element in forms[0].xpath(".//input|.//textarea|.//select"):
        name = element.get("name")
        if not name:
            continue
        if element.tag == "input":
            kind = (element.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image"}:
                continue
            if kind in {"checkbox", "radio"}:
                if element.get("checked") is not None:
                    data[name] = element.get("value", "on")
                continue
            data[name] = element.get("value", "")
        elif element.tag == "textarea":
            data[name] = element.text or ""
        else:
            selected = element.xpath(".//option[@selected]")
            if selected:
                data[name] = selected[0].get("value", "")
            elif element.get("multiple") is None:
                options = element.xpath(".//option")
                data[name] = options[0].get("value", "") if options else ""
    for stream in forms[0].xpath('.//div[@data-controller="w-block"][@id]'):
        data[f"{stream.get('id')}-count"] = "0"
    return data


def form_errors(response) -> str:
    form = response.context and response.context.get("form")
    return f"{form.errors!r} {[f.errors for f in getattr(form, 'formsets', {}).values()]}"


def write_article(client, news, category, title: str, action: str = "action-submit"):
    """Fill the real "add article" form and press a button (submit for review by default)."""
    url = f"/admin/pages/add/news/newsarticlepage/{news.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    data = form_fields(response.content)
    data.update(
        title=title,
        slug=text.slugify(title),  # what the admin's slug field fills in as the title is typed
        lead="Sáng nay, Bộ Xây dựng tổ chức hội nghị tổng kết công tác năm.",
        category=str(category.pk),
    )
    data[action] = action
    return client.post(url, data)
