"""/gioi-thieu/lanh-dao-bo/: current leaders in order of rank, past leaders apart, Person JSON-LD,
a fixed number of queries."""

from __future__ import annotations

import json
import re

import pytest

from django.core.cache import cache

from home.factories import LeaderFactory, UnitSiteFactory
from news.factories import ImageFactory


def test_current_leaders_by_rank_then_past_ones(client, leaders_page):
    LeaderFactory(name="Thứ trưởng Hai", rank=3)
    minister = LeaderFactory(name="Bộ trưởng Một", title="Bộ trưởng", rank=1,
                             portfolio="<p>Lãnh đạo chung.</p>")
    minister.units.add(UnitSiteFactory(name="Vụ Tổ chức cán bộ", url=None))
    minister.save()
    LeaderFactory(name="Bộ trưởng Nhiệm kỳ trước", current=False, rank=1, term="2016 – 2021")
    LeaderFactory(name="Lãnh đạo bản nháp", live=False)

    html = client.get("/gioi-thieu/lanh-dao-bo/").content.decode()

    current, past = html.split('id="qua-cac-thoi-ky"')
    assert current.index("Bộ trưởng Một") < current.index("Thứ trưởng Hai")
    assert "Bộ trưởng Nhiệm kỳ trước" in past and "(2016 – 2021)" in past
    assert "Bộ trưởng Nhiệm kỳ trước" not in current
    assert "Lãnh đạo bản nháp" not in html
    assert "Lãnh đạo chung." in current and "<li>Vụ Tổ chức cán bộ</li>" in current


def test_json_ld_names_the_current_leaders_with_their_job_titles(client, leaders_page):
    LeaderFactory(name="Bộ trưởng Một", title="Bộ trưởng", rank=1)
    LeaderFactory(name="Bộ trưởng Cũ", title="Bộ trưởng", current=False)
    html = client.get("/gioi-thieu/lanh-dao-bo/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    (org,) = [json.loads(b) for b in blocks if '"employee"' in b]
    assert org["@type"] == "GovernmentOrganization"
    assert org["employee"] == [
        {"@type": "Person", "name": "Bộ trưởng Một", "jobTitle": "Bộ trưởng"}
    ]


# Measured 2026-12-04: routing and the shared layout as every page (i18n included) and the
# page's own part, which is the same for 2 and 10 leaders: leaders with their photos, their
# units, the photos' renditions.
LEADERS_QUERIES = 15


@pytest.mark.parametrize("n", [2, 10])
def test_leaders_page_costs_a_fixed_number_of_queries(
    client, leaders_page, django_assert_num_queries, n
):
    for i in range(n):
        leader = LeaderFactory(photo=ImageFactory(), current=i % 4 != 3)
        leader.units.add(UnitSiteFactory(url=None))
        leader.save()
    assert client.get("/gioi-thieu/lanh-dao-bo/").status_code == 200  # makes the renditions
    cache.clear()
    with django_assert_num_queries(LEADERS_QUERIES):
        response = client.get("/gioi-thieu/lanh-dao-bo/")
    assert response.content.decode().count('class="leader"') == n
