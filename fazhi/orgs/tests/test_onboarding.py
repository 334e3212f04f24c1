"""Onboarding a region (issue 14, item 7): a 50-unit workbook creates the unit tree and the accounts
with their roles; one bad row imports nothing and is named by sheet, row and column; a new account's
first sign-in asks for a new password; a deactivated account keeps its history and cannot sign in;
only the administrator (or a superuser) reaches any of it."""

from __future__ import annotations

import io
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.lib.errors import FazhiError, Refused
from fazhi.lib.workbooks import CellError, ImportRejected
from fazhi.orgs import onboarding
from fazhi.orgs.models import Region, Role, Unit
from fazhi.security.models import AuditEntry, PasswordState
from fazhi.security.passwords import must_change
from fazhi.testing import BaseTestCase

User = get_user_model()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNIT_HEADER = ["单位名称", "简称", "上级单位", "是否依法治区办"]
ACCOUNT_HEADER = ["用户名", "姓名", "单位", "角色", "初始密码"]
GIVEN_PASSWORD = "Given-Pw-2024"
GOVERNMENT, OFFICE = "红桥区人民政府", "红桥区依法治区办"


def bureau(i: int) -> str:
    return f"红桥区第{i}局"


def station(i: int, j: int) -> str:
    return f"红桥区第{i}局第{j}所"


def region_rows() -> tuple[list[list], list[list]]:
    """50 units: 40 stations under 8 bureaus under the government (children listed before their
    parents), and the office; a clerk for every unit but the office, a head for every bureau, two
    supervisors. One account brings its own initial password; the others' are generated."""
    units: list[list] = []
    for i in range(1, 9):
        for j in range(1, 6):
            units.append([station(i, j), f"{i}局{j}所", bureau(i), "否"])
    for i in range(1, 9):
        units.append([bureau(i), f"第{i}局", GOVERNMENT, None])
    units.append([GOVERNMENT, "区政府", None, "否"])
    units.append([OFFICE, "区法治办", None, "是"])
    accounts: list[list] = []
    for n, row in enumerate(units[:-1], start=1):
        accounts.append([f"hq{n:02d}c", f"填报员{n}", row[0], "填报员", None])
    for i in range(1, 9):
        accounts.append([f"hq{i}h", f"局长{i}", bureau(i), "主要负责人", None])
    accounts.append(["hqban1", "督察一", OFFICE, "依法治区办", GIVEN_PASSWORD])
    accounts.append(["hqban2", "督察二", None, "依法治区办", None])
    return units, accounts


def workbook_bytes(units: list[list], accounts: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    for row in [UNIT_HEADER, *units]:
        ws.append(row)
    ws = wb.create_sheet("账号")
    for row in [ACCOUNT_HEADER, *accounts]:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def sheets_of(units: list[list], accounts: list[list]) -> onboarding.Sheets:
    return onboarding.read_workbook(io.BytesIO(workbook_bytes(units, accounts)))


class OnboardingCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.hongqiao = Region.objects.create(name="天津市红桥区", level=Region.Level.COUNTY, parent=cls.city)

    def page(self, region=None) -> str:
        return f"/onboarding/regions/{(region or self.hongqiao).pk}/"

    def upload(self, data: bytes, name: str = "红桥区.xlsx"):
        return self.client.post(self.page(), {"file": SimpleUploadedFile(name, data, content_type=XLSX)})

    def counts(self) -> tuple[int, ...]:
        return (
            Unit.objects.count(),
            User.objects.count(),
            Role.objects.count(),
            PasswordState.objects.count(),
            Unit.history.count(),
            Role.history.count(),
            AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).count(),
        )

    def onboard(self, units=None, accounts=None):
        default_units, default_accounts = region_rows()
        return onboarding.do_onboard_region(
            region=self.hongqiao,
            sheets=sheets_of(units or default_units, accounts or default_accounts),
            acting_user=self.admin,
        )


class FiftyUnitsTest(OnboardingCase):
    def test_a_50_unit_workbook_creates_the_unit_tree_and_the_accounts_with_their_roles(self):
        self.client.force_login(self.admin)  # the administrator's role, not a superuser
        self.assertFalse(self.admin.is_superuser)
        units, accounts = region_rows()
        page = self.upload(workbook_bytes(units, accounts))
        self.assertEqual(page.status_code, 200)
        result = page.context["result"]
        self.assertIsNotNone(result, page.context["form"].errors)
        self.assertContains(page, "新建单位50个，账号59个（填报员49个、主要负责人8个、依法治区办2个）")

        created = Unit.objects.filter(region=self.hongqiao)
        self.assertEqual(created.count(), 50)
        parent_of = dict(created.values_list("name", "parent__name"))
        self.assertIsNone(parent_of[GOVERNMENT])
        self.assertIsNone(parent_of[OFFICE])
        for i in range(1, 9):
            self.assertEqual(parent_of[bureau(i)], GOVERNMENT)
            for j in range(1, 6):
                self.assertEqual(parent_of[station(i, j)], bureau(i))
        self.assertEqual(
            list(created.filter(is_supervisor_office=True).values_list("name", flat=True)), [OFFICE]
        )
        self.assertEqual(Unit.objects.get(name=station(3, 2)).short_name, "3局2所")

        roles = {r.user.username: r for r in Role.objects.filter(user__username__startswith="hq")}
        self.assertEqual(len(roles), 59)
        self.assertEqual((roles["hq01c"].kind, roles["hq01c"].unit.name), (Role.Kind.CLERK, station(1, 1)))
        self.assertEqual((roles["hq3h"].kind, roles["hq3h"].unit.name), (Role.Kind.HEAD, bureau(3)))
        for name in ("hqban1", "hqban2"):
            self.assertEqual(
                (roles[name].kind, roles[name].region, roles[name].unit), ("supervisor", self.hongqiao, None)
            )
        self.assertEqual(User.objects.get(username="hq3h").first_name, "局长3")
        # Every new account starts on a password someone else gave it.
        self.assertTrue(all(must_change(role.user) for role in roles.values()))
        self.assertTrue(User.objects.get(username="hqban1").check_password(GIVEN_PASSWORD))
        # The generated passwords are shown once, and they open the accounts.
        generated = {a.user.username: a.password for a in result.accounts if a.generated}
        self.assertEqual(len(generated), 58)
        self.assertContains(page, generated["hq01c"])
        self.assertNotContains(page, GIVEN_PASSWORD)
        self.assertTrue(User.objects.get(username="hq01c").check_password(generated["hq01c"]))
        # The history names the administrator; the audit log has the import and each account.
        self.assertEqual(Unit.history.filter(name=GOVERNMENT).get().history_user, self.admin)
        entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT)
        self.assertEqual((entry.username, entry.target), ("guanliyuan", "天津市红桥区·单位和账号"))
        self.assertEqual(len(entry.detail["units"]), 50)
        self.assertNotIn(generated["hq01c"], str(entry.detail))
        self.assertEqual(
            AuditEntry.objects.filter(action=AuditEntry.Action.USER_CREATE, target__startswith="hq").count(),
            59,
        )

        # The supervisors supervise the new units; the new clerk writes only its own.
        from fazhi.orgs.access import scope_for

        self.assertEqual(len(scope_for(User.objects.get(username="hqban2")).supervised), 50)
        self.assertEqual(
            scope_for(User.objects.get(username="hq01c")).writable, {Unit.objects.get(name=station(1, 1)).pk}
        )

    def test_the_downloaded_template_filled_in_imports(self):
        self.client.force_login(self.admin)
        download = self.client.get("/onboarding/template.xlsx")
        self.assertEqual(download.status_code, 200)
        self.assertIn("attachment", download["Content-Disposition"])
        wb = load_workbook(io.BytesIO(download.content))
        self.assertEqual(wb.sheetnames, ["单位", "账号", "填写说明"])
        self.assertEqual([c.value for c in wb["单位"][1]], UNIT_HEADER)
        self.assertEqual([c.value for c in wb["账号"][1]], ACCOUNT_HEADER)
        wb["单位"].append(["红桥区司法局", "司法局", None, "否"])
        wb["单位"].append(["红桥区司法局办公室", "", "红桥区司法局", ""])
        wb["账号"].append(["hqsf", "司法填报员", "红桥区司法局办公室", "填报员", ""])
        buffer = io.BytesIO()
        wb.save(buffer)
        page = self.upload(buffer.getvalue())
        self.assertContains(page, "新建单位2个，账号1个")
        self.assertEqual(Unit.objects.get(name="红桥区司法局办公室").parent.name, "红桥区司法局")

    def test_units_and_accounts_may_refer_to_units_the_region_already_has(self):
        Unit.objects.create(name="红桥区原有局", region=self.hongqiao)
        result = self.onboard(
            units=[["红桥区原有局下属所", "", "红桥区原有局", "否"]],
            accounts=[["hqold", "老单位填报员", "红桥区原有局", "填报员", ""]],
        )
        self.assertEqual(result.units[0].parent.name, "红桥区原有局")
        self.assertEqual(result.accounts[0].role.unit.name, "红桥区原有局")


class BadRowTest(OnboardingCase):
    def test_one_bad_row_imports_nothing_and_is_named(self):
        self.client.force_login(self.admin)
        units, accounts = region_rows()
        units[9][2] = "红桥区不存在局"  # row 11 of 单位: its parent is nowhere
        before = self.counts()
        page = self.upload(workbook_bytes(units, accounts))
        self.assertEqual(self.counts(), before)
        self.assertIsNone(page.context["result"])
        self.assertEqual(
            page.context["errors"],
            [
                CellError(
                    11,
                    "上级单位",
                    "找不到单位“红桥区不存在局”：它既不在“单位”表中，也不是天津市红桥区已有的单位",
                    "单位",
                )
            ],
        )
        self.assertContains(page, "文件中有1行数据有误，未导入任何数据。")
        self.assertContains(page, "<td>单位</td><td>第11行</td><td>上级单位</td>", html=False)

    def test_a_role_typo_imports_nothing_and_is_named(self):
        self.client.force_login(self.admin)
        units, accounts = region_rows()
        accounts[4][3] = "填报人"  # row 6 of 账号
        before = self.counts()
        page = self.upload(workbook_bytes(units, accounts))
        self.assertEqual(self.counts(), before)
        (error,) = page.context["errors"]
        self.assertEqual((error.sheet, error.row, error.column), ("账号", 6, "角色"))
        self.assertIn("“填报人”不是可选的角色（填报员、主要负责人、依法治区办）", error.message)
        self.assertEqual(
            str(error), "“账号”工作表第6行“角色”列：“填报人”不是可选的角色（填报员、主要负责人、依法治区办）"
        )

    def test_every_bad_cell_is_named_at_once(self):
        units = [
            ["红桥区甲局", "", None, "否"],
            ["红桥区甲局", "", None, "否"],  # 3: repeated
            ["甲局", "", None, "否"],  # 4: a unit of 南开区 already
            ["红桥区乙局", "", "丙局", "否"],  # 5: 丙局 is 河西区's
            ["红桥区丙所", "", "红桥区丁所", "否"],  # 6, 7: a cycle
            ["红桥区丁所", "", "红桥区丙所", "也许"],  # 7: not 是/否 either
            ["", "无名", None, "否"],  # 8: no name
            ["红桥区自指局", "", "红桥区自指局", "否"],  # 9: its own parent
        ]
        accounts = [
            ["zhang", "张某", "红桥区甲局", "填报员", ""],  # 2: taken
            ["HQX", "某甲", "红桥区甲局", "填报员", ""],
            ["hqx", "某乙", "红桥区甲局", "主要负责人", ""],  # 4: the same name in another case
            ["hq y", "某丙", "红桥区甲局", "填报员", ""],  # 5: a space
            ["hqz", "", "", "主要负责人", "abc"],  # 6: no name, no unit, a weak password
            ["hqw", "某丁", "乙局", "填报员", ""],  # 7: 乙局 is 南开区's
            ["hqv", "某戊", "红桥区无此局", "填报员", ""],  # 8: nowhere
        ]
        with self.assertRaises(ImportRejected) as raised:
            self.onboard(units, accounts)
        named = {(e.sheet, e.row, e.column) for e in raised.exception.errors}
        self.assertEqual(
            named,
            {
                ("单位", 3, "单位名称"),
                ("单位", 4, "单位名称"),
                ("单位", 5, "上级单位"),
                ("单位", 6, "上级单位"),
                ("单位", 7, "上级单位"),
                ("单位", 7, "是否依法治区办"),
                ("单位", 8, "单位名称"),
                ("单位", 9, "上级单位"),
                ("账号", 2, "用户名"),
                ("账号", 4, "用户名"),
                ("账号", 5, "用户名"),
                ("账号", 6, "姓名"),
                ("账号", 6, "单位"),
                ("账号", 6, "初始密码"),
                ("账号", 7, "单位"),
                ("账号", 8, "单位"),
            },
        )
        messages = {(e.sheet, e.row, e.column): e.message for e in raised.exception.errors}
        self.assertIn("天津市南开区", messages["单位", 4, "单位名称"])
        self.assertEqual(messages["单位", 5, "上级单位"], "“丙局”是天津市河西区的单位，不属于天津市红桥区")
        self.assertIn("循环", messages["单位", 6, "上级单位"])
        self.assertEqual(messages["账号", 4, "用户名"], "与第3行的用户名重复")
        self.assertEqual(messages["账号", 2, "用户名"], "用户名“zhang”已被使用")
        self.assertNotIn("abc", messages["账号", 6, "初始密码"])
        self.assertFalse(Unit.objects.filter(region=self.hongqiao).exists())

    def test_a_failure_while_writing_leaves_nothing_behind(self):
        """The checks pass and the writing fails half-way: the transaction takes back what was written."""
        before = self.counts()
        calls = []

        def fail_at_the_tenth(user_id):
            calls.append(user_id)
            if len(calls) == 10:
                raise FazhiError("模拟写入中途失败", "boom")

        with mock.patch.object(onboarding, "require_change", side_effect=fail_at_the_tenth):
            with self.assertRaises(FazhiError):
                self.onboard()
        self.assertEqual(len(calls), 10)
        self.assertEqual(self.counts(), before)

    def test_files_that_are_no_template_are_told_so(self):
        self.client.force_login(self.admin)
        wb = Workbook()
        wb.active.title = "单位"
        wb.active.append(UNIT_HEADER)
        buffer = io.BytesIO()
        wb.save(buffer)
        self.assertContains(self.upload(buffer.getvalue()), "文件中缺少工作表：“账号”")
        self.assertContains(self.upload(b"PK\x03\x04 not really a zip"), "不是有效的Excel 表格")
        self.assertContains(self.upload(b"name,parent\n", name="units.csv"), "只接受 .xlsx 文件")
        units, accounts = region_rows()
        renamed = workbook_bytes(units, accounts)
        wb = load_workbook(io.BytesIO(renamed))
        wb["账号"]["D1"] = "身份"
        buffer = io.BytesIO()
        wb.save(buffer)
        self.assertContains(self.upload(buffer.getvalue()), "“账号”工作表的表头缺少必填列：角色")
        self.assertFalse(Unit.objects.filter(region=self.hongqiao).exists())


class FirstLoginTest(OnboardingCase):
    def test_a_new_account_must_change_its_initial_password_at_first_sign_in(self):
        result = self.onboard()
        initial = next(a.password for a in result.accounts if a.user.username == "hq01c")
        signed_in = self.client.post("/login/", {"username": "hq01c", "password": initial})
        self.assertRedirects(signed_in, "/", fetch_redirect_response=False)
        home = self.client.get("/")
        self.assertRedirects(home, "/password/", fetch_redirect_response=False)
        page = self.client.get("/password/")
        self.assertContains(
            page, "这是您的首次登录：请先将管理员设置的初始密码修改为只有您自己知道的新密码。"
        )
        records = self.client.get(f"/units/{Unit.objects.get(name=station(1, 1)).pk}/records/")
        self.assertRedirects(records, "/password/", fetch_redirect_response=False)
        api = self.client.get("/api/units")
        self.assertEqual((api.status_code, api.json()["code"]), (403, "password-initial"))
        # The initial password "changed" to itself is no change.
        same = self.client.post(
            "/password/", {"old_password": initial, "new_password1": initial, "new_password2": initial}
        )
        self.assertContains(same, "新密码不能与原密码相同。")
        self.assertRedirects(self.client.get("/"), "/password/", fetch_redirect_response=False)
        changed = self.client.post(
            "/password/",
            {"old_password": initial, "new_password1": "Mein-Pw-2025", "new_password2": "Mein-Pw-2025"},
        )
        self.assertRedirects(changed, "/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/").status_code, 200)
        user = User.objects.get(username="hq01c")
        self.assertFalse(must_change(user))
        # The next sign-in goes straight home.
        self.client.post("/logout/")
        self.client.post("/login/", {"username": "hq01c", "password": "Mein-Pw-2025"})
        self.assertEqual(self.client.get("/").status_code, 200)

    def test_an_account_of_before_signs_in_as_before(self):
        self.client.post("/login/", {"username": "zhang", "password": "Pw-for-tests-1"})
        self.assertEqual(self.client.get("/").status_code, 200)


class DeactivationTest(OnboardingCase):
    def test_a_deactivated_account_keeps_its_history_and_cannot_sign_in(self):
        study = self.make_study(self.unit_a)
        other = self.client_class()
        other.post("/login/", {"username": "zhang", "password": "Pw-for-tests-1"})
        self.assertEqual(other.get("/").status_code, 200)

        self.client.force_login(self.admin)
        accounts = self.client.get(f"/onboarding/regions/{self.region1.pk}/accounts/")
        self.assertContains(accounts, "zhang")
        done = self.client.post(
            f"/onboarding/regions/{self.region1.pk}/accounts/{self.zhang.pk}/active/", {"active": "0"}
        )
        self.assertRedirects(
            done, f"/onboarding/regions/{self.region1.pk}/accounts/", fetch_redirect_response=False
        )
        self.zhang.refresh_from_db()
        self.assertFalse(self.zhang.is_active)
        # Its role, its records and their history stay.
        self.assertTrue(Role.objects.filter(user=self.zhang, unit=self.unit_a).exists())
        self.assertTrue(type(study).objects.filter(pk=study.pk).exists())
        self.assertTrue(
            AuditEntry.objects.filter(action=AuditEntry.Action.USER_CHANGE, target="zhang").exists()
        )
        # The open session stops counting; a new sign-in is refused.
        self.assertRedirects(other.get("/"), "/login/?next=/", fetch_redirect_response=False)
        refused = self.client_class().post("/login/", {"username": "zhang", "password": "Pw-for-tests-1"})
        self.assertEqual(refused.status_code, 200)
        self.assertFalse(refused.wsgi_request.user.is_authenticated)
        # Brought back, it signs in again.
        self.client.post(
            f"/onboarding/regions/{self.region1.pk}/accounts/{self.zhang.pk}/active/", {"active": "1"}
        )
        again = self.client_class()
        self.assertRedirects(again.post("/login/", {"username": "zhang", "password": "Pw-for-tests-1"}), "/")

    def test_not_ones_own_account_nor_a_superusers_and_only_the_regions(self):
        from fazhi.orgs.onboarding import do_set_account_active

        with self.assertRaises(FazhiError):
            do_set_account_active(self.admin, active=False, acting_user=self.admin)
        root = User.objects.create_superuser("root", password="Pw-for-tests-1")
        with self.assertRaises(FazhiError):
            do_set_account_active(root, active=False, acting_user=self.admin)
        do_set_account_active(self.zhang, active=False, acting_user=root)
        self.client.force_login(self.admin)
        # 陈 works in 河西区: not an account of 南开区's page.
        wrong = self.client.post(
            f"/onboarding/regions/{self.region1.pk}/accounts/{self.chen.pk}/active/", {"active": "0"}
        )
        self.assertEqual(wrong.status_code, 404)
        self.chen.refresh_from_db()
        self.assertTrue(self.chen.is_active)


class WhoMayTest(OnboardingCase):
    def test_a_clerk_a_head_and_a_supervisor_reach_none_of_it(self):
        units, accounts = region_rows()
        data = workbook_bytes(units, accounts)
        before = self.counts()
        for person in (self.zhang, self.li, self.han, self.nobody):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                for url in (
                    "/onboarding/",
                    "/onboarding/template.xlsx",
                    self.page(),
                    f"/onboarding/regions/{self.region1.pk}/accounts/",
                ):
                    self.assertIn(self.client.get(url).status_code, (403, 404), url)
                self.assertIn(self.upload(data).status_code, (403, 404))
                deactivate = f"/onboarding/regions/{self.region1.pk}/accounts/{self.wang.pk}/active/"
                self.assertIn(self.client.post(deactivate, {"active": "0"}).status_code, (403, 404))
                with self.assertRaises(Refused):
                    onboarding.do_onboard_region(
                        region=self.hongqiao, sheets=sheets_of(units, accounts), acting_user=person
                    )
                with self.assertRaises(Refused):
                    onboarding.do_set_account_active(self.wang, active=False, acting_user=person)
        self.assertEqual(self.counts(), before)
        self.wang.refresh_from_db()
        self.assertTrue(self.wang.is_active)

    def test_the_administrator_and_a_superuser_reach_it(self):
        self.client.force_login(self.admin)
        index = self.client.get("/onboarding/")
        self.assertContains(index, "天津市红桥区")
        self.assertContains(index, "下载导入模板")
        root = User.objects.create_superuser("root", password="Pw-for-tests-1")
        self.client.force_login(root)
        self.assertEqual(self.client.get(self.page()).status_code, 200)
        self.assertEqual(self.client.get("/onboarding/regions/999999/").status_code, 404)


class AdminAddedAccountTest(BaseTestCase):
    def test_an_account_a_superuser_adds_in_the_admin_must_change_its_password_too(self):
        root = User.objects.create_superuser("root", password="Root-pass-2025")
        self.client.force_login(root)
        added = self.client.post(
            "/admin/auth/user/add/",
            {"username": "xinren", "password1": "Given-pass-2025", "password2": "Given-pass-2025"},
        )
        self.assertEqual(added.status_code, 302, added.content[:500])
        self.assertTrue(must_change(User.objects.get(username="xinren")))
        self.assertFalse(must_change(root))  # changing an existing account is not adding one
        self.client.logout()
        self.client.post("/login/", {"username": "xinren", "password": "Given-pass-2025"})
        self.assertRedirects(self.client.get("/"), "/password/", fetch_redirect_response=False)
