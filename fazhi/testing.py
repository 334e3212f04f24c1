"""The named cast of the tests (docs/architecture.md#permissions): permission tests read like sentences.

天津市 (city, supervisor 周) holds region 1 (南开区: unit A with clerk 张 and head 李,
unit B with clerk 王; supervisor 韩) and region 2 (河西区: unit C with clerk 陈).
管理员 is the admin; nobody has no role.
"""

from __future__ import annotations

import io
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import TestCase

from fazhi.orgs.models import Region, Role, Unit
from fazhi.records.models import StudySession

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Browser tests run wherever Chromium is (make test installs Debian's); in CI they must.
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="chromium 未安装（make test 会安装）"
)


def browser_login(page, base_url: str, username: str, password: str = "Pw-for-tests-1") -> None:
    """Sign in through the login form, as a person would, and land on the home page."""
    page.goto(f"{base_url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")


# The study ledger's Excel columns as a clerk fills the template (what the import tests send).
STUDY_HEADER = [
    "日期",
    "学习主题",
    "学习形式",
    "学习的法律法规",
    "主讲人",
    "参加人数",
    "主要负责人组织/主持",
    "备注",
]


def xlsx_bytes(rows: list[list]) -> bytes:
    """A workbook whose first sheet holds ``rows``."""
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SEEDS_DIR = (
    Path(__file__).resolve().parent / "reportcheck" / "tests" / "fixtures"
)  # the seed reports: docs/architecture.md#seed-reports
INVESTMENT_SEED = SEEDS_DIR / "000_de61297b1667e9da.txt"
GOV_OFFICE_SEED = SEEDS_DIR / "001_e556737ff1ee303e.txt"


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        User = get_user_model()
        city = Region.objects.create(name="天津市", level=Region.Level.CITY)
        cls.region1 = Region.objects.create(name="天津市南开区", level=Region.Level.COUNTY, parent=city)
        cls.region2 = Region.objects.create(name="天津市河西区", level=Region.Level.COUNTY, parent=city)
        cls.unit_a = Unit.objects.create(name="甲局", region=cls.region1)
        cls.unit_b = Unit.objects.create(name="乙局", region=cls.region1)
        cls.unit_c = Unit.objects.create(name="丙局", region=cls.region2)

        def person(username: str, kind: str, **scope):
            user = User.objects.create_user(username, password="Pw-for-tests-1")
            Role.objects.create(user=user, kind=kind, **scope)
            return user

        cls.zhang = person("zhang", Role.Kind.CLERK, unit=cls.unit_a)
        cls.li = person("li", Role.Kind.HEAD, unit=cls.unit_a)
        cls.wang = person("wang", Role.Kind.CLERK, unit=cls.unit_b)
        cls.chen = person("chen", Role.Kind.CLERK, unit=cls.unit_c)
        cls.han = person("han", Role.Kind.SUPERVISOR, region=cls.region1)
        cls.city = city
        cls.zhou = person("zhou", Role.Kind.SUPERVISOR, region=city)
        cls.admin = person("guanliyuan", Role.Kind.ADMIN)
        cls.nobody = User.objects.create_user("nobody", password="Pw-for-tests-1")

    @staticmethod
    def reasons_for_errors(report) -> dict[str, str]:
        """A reason for each checker error of the report as it stands: what a head gives to approve it."""
        from fazhi.reports.checking import finding_key, findings_of
        from fazhi.reports.queries import document_of

        findings = findings_of(report, document_of(report))
        return {finding_key(f): "测试：按现稿审定" for f in findings.error_list}

    @classmethod
    def clerk_of(cls, unit: Unit):
        return {cls.unit_a.pk: cls.zhang, cls.unit_b.pk: cls.wang, cls.unit_c.pk: cls.chen}[unit.pk]

    @staticmethod
    def make_study(
        unit: Unit, *, on: date = date(2024, 5, 6), title: str = "学习宪法", **fields
    ) -> StudySession:
        fields.setdefault("form", StudySession.Form.CENTER_GROUP)
        return StudySession.objects.create(unit=unit, date=on, title=title, **fields)
