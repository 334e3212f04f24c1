"""Bringing a region in from one Excel workbook: its units (the tree), their clerks and heads, the
supervisors (依法治区办), all rows or none (docs/architecture.md#writes).

The template (``template_bytes``) has two sheets of data:

- 单位: 单位名称 · 简称 · 上级单位 · 是否依法治区办. 上级单位 names a unit of the same sheet (in
  any order) or a unit the region already has; blank for a unit at the top of the tree;
- 账号: 用户名 · 姓名 · 单位 · 角色 · 初始密码. 角色 is 填报员 or 主要负责人 (of the unit named) or
  依法治区办 (the supervisor of the whole region; 单位 may be left blank). A blank 初始密码 is
  generated.

``read_workbook`` reads the file (through ``fazhi.lib.workbooks``: bounded cost, damaged files named);
``plan_onboarding`` checks every cell against the sheets and the database, each error naming
sheet, row and column in Chinese; ``do_onboard_region`` (the administrator, ``Need.ADMINISTER``)
writes everything in one transaction or nothing. Every account it creates must change its initial
password at first sign-in (``fazhi.security.passwords.require_change``); the initial passwords are
shown once, to the administrator, and kept nowhere.

``do_set_account_active`` deactivates an account (or brings it back): it keeps its roles, its
history and everything it wrote, and can no longer sign in (Django refuses an inactive account, and
a session it still has stops counting as signed in).

Who may: ``Role.Kind.ADMIN`` has no region (``role_scope_matches_kind``), so the administrator, and
a superuser, onboard any region; a supervisor, a clerk or a head may not.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.lib.errors import FazhiError
from fazhi.lib.history import attributed
from fazhi.lib.spreadsheets import workbook_bytes
from fazhi.lib.workbooks import CellError, ImportRejected, cell_text, open_workbook, read_rows
from fazhi.security import audit
from fazhi.security.passwords import require_change

from .access import Need, door
from .models import Region, Role, Unit

UNITS = "单位"
ACCOUNTS = "账号"
NOTES = "填写说明"

NAME, SHORT, PARENT, OFFICE = "单位名称", "简称", "上级单位", "是否依法治区办"
USERNAME, FULL_NAME, UNIT, ROLE, PASSWORD = "用户名", "姓名", "单位", "角色", "初始密码"
COLUMNS = {
    UNITS: (NAME, SHORT, PARENT, OFFICE),
    ACCOUNTS: (USERNAME, FULL_NAME, UNIT, ROLE, PASSWORD),
}
REQUIRED = {UNITS: (NAME,), ACCOUNTS: (USERNAME, FULL_NAME, UNIT, ROLE)}
HINTS = {
    NAME: "必填；单位全称，全平台唯一，如“天津市南开区司法局”",
    SHORT: "可不填；最多50个字",
    PARENT: "可不填（顶层单位）；填本表中另一个单位的全称，或本区域已有单位的全称",
    OFFICE: "填“是”或“否”，空白视为“否”；依法治区办（督察机构）本身填“是”",
    USERNAME: "必填；登录用的用户名，字母、数字和 @ . + - _，全平台唯一",
    FULL_NAME: "必填；本人姓名",
    UNIT: "填报员、主要负责人必填：“单位”表中或本区域已有单位的全称；依法治区办可不填",
    ROLE: "必填：填报员、主要负责人或依法治区办（督察本区域全部单位）",
    PASSWORD: "可不填：不填则由系统生成；填写的须符合密码规则。首次登录时本人须修改",
}
ROLE_WORDS = {
    Role.Kind.CLERK.label: Role.Kind.CLERK,
    Role.Kind.HEAD.label: Role.Kind.HEAD,
    Role.Kind.SUPERVISOR.label: Role.Kind.SUPERVISOR,
}
UNIT_ROLES = (Role.Kind.CLERK, Role.Kind.HEAD)
TRUE_WORDS = {"是", "√", "1", "true", "y", "yes"}
FALSE_WORDS = {"否", "×", "0", "false", "n", "no", ""}

# A region has some hundreds of units and accounts; far beyond that a file is no region.
MAX_ROWS = 5000
MAX_COLUMNS = 30
MAX_ELEMENTS = 500_000
MAX_UNPACKED = 20 * 1024 * 1024
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
# Generated passwords: no 0/O, 1/l/I, so that they can be read out and typed.
_LOWER = "abcdefghijkmnpqrstuvwxyz"
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_DIGITS = "23456789"
_SYMBOLS = "-_@#%+"
GENERATED_LENGTH = 12

User = get_user_model()
USERNAME_VALIDATOR = UnicodeUsernameValidator()


# --- the template -------------------------------------------------------------------------------


def template_bytes() -> bytes:
    """The blank workbook: the two sheets with their column titles, drop-downs for 是否依法治区办
    and 角色, and a sheet saying what each column takes."""
    wb = Workbook()
    units = wb.active
    units.title = UNITS
    accounts = wb.create_sheet(ACCOUNTS)
    for ws in (units, accounts):
        titles = COLUMNS[ws.title]
        ws.append(list(titles))
        for idx, cell in enumerate(ws[1], start=1):
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            ws.column_dimensions[cell.column_letter].width = (
                36 if titles[idx - 1] in (NAME, PARENT, UNIT) else 16
            )
        ws.freeze_panes = "A2"
    _drop_down(units, "D", ["是", "否"], "请选择“是”或“否”")
    _drop_down(accounts, "D", list(ROLE_WORDS), "请从下拉列表中选择角色")
    notes = wb.create_sheet(NOTES)
    notes.append(["工作表", "列", "填写要求"])
    for sheet, titles in COLUMNS.items():
        for title in titles:
            notes.append([sheet, title, HINTS[title]])
    notes.append([])
    notes.append(
        [
            "",
            "",
            "两个工作表全部无误才会导入；有一处错误则什么都不导入，系统列出每一处错误（工作表、行、列）。",
        ]
    )
    notes.append(
        ["", "", "新账号首次登录时须修改初始密码。系统生成的初始密码只在导入结果页显示一次，请妥善转交本人。"]
    )
    notes.column_dimensions["A"].width = 10
    notes.column_dimensions["B"].width = 16
    notes.column_dimensions["C"].width = 90
    return workbook_bytes(wb)


def _drop_down(ws, letter: str, options: list[str], error: str) -> None:
    dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
    dv.error = error
    ws.add_data_validation(dv)
    dv.add(f"{letter}2:{letter}{MAX_ROWS}")


# --- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    number: int  # as Excel numbers it
    cells: dict[str, str]  # column title -> the text typed

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class Sheets:
    """The data rows of the two sheets, blank rows left out."""

    units: list[Row]
    accounts: list[Row]


def read_workbook(stream: BinaryIO) -> Sheets:
    """The rows of 单位 and 账号 as text; ``FazhiError`` for a file that is no usable template
    (not a workbook, damaged, a sheet or a required column missing)."""
    wb = open_workbook(stream, max_rows=MAX_ROWS, max_elements=MAX_ELEMENTS, max_unpacked=MAX_UNPACKED)
    try:
        missing = [name for name in COLUMNS if name not in wb.sheetnames]
        if missing:
            raise FazhiError(
                "文件中缺少工作表：" + "、".join(f"“{m}”" for m in missing) + "。请使用本系统下载的模板。",
                "bad-template",
            )
        return Sheets(units=_sheet_rows(wb, UNITS), accounts=_sheet_rows(wb, ACCOUNTS))
    finally:
        wb.close()


def _title(value: Any) -> str:
    return cell_text(value).replace(" ", "").replace("\u3000", "").strip("*＊")


def _sheet_rows(wb, name: str) -> list[Row]:
    ws = wb[name]
    ws.reset_dimensions()  # the sheet's own <dimension> claim neither widens nor cuts its rows
    first = next(read_rows(ws.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), 0, name), ())
    header = [_title(v) for v in first]
    missing = [title for title in REQUIRED[name] if title not in header]
    if missing:
        raise FazhiError(
            f"“{name}”工作表的表头缺少必填列：" + "、".join(missing) + "。请使用本系统下载的模板。",
            "bad-header",
        )
    positions = {title: header.index(title) for title in COLUMNS[name] if title in header}
    width = max(positions.values()) + 1
    rows = []
    for number, values in enumerate(
        read_rows(ws.iter_rows(min_row=2, max_col=width, values_only=True), 1, name), start=2
    ):
        if number > MAX_ROWS + 1:
            raise FazhiError(f"“{name}”工作表超过 {MAX_ROWS} 行，请分批导入。", "too-many-rows")
        cells = {
            title: cell_text(values[pos]) if pos < len(values) else "" for title, pos in positions.items()
        }
        if any(cells.values()):
            rows.append(Row(number, cells))
    return rows


# --- checking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitPlan:
    row: int
    name: str
    short_name: str
    parent: str  # a unit of the file, an existing unit of the region, or ""
    is_supervisor_office: bool


@dataclass(frozen=True)
class AccountPlan:
    row: int
    username: str
    full_name: str
    kind: str
    unit: str  # "" for a supervisor who names none
    password: str
    generated: bool


@dataclass
class Plan:
    region: Region
    units: list[UnitPlan] = field(default_factory=list)  # parents before their children
    accounts: list[AccountPlan] = field(default_factory=list)


class _Errors(list[CellError]):
    def add(self, sheet: str, row: int, column: str, message: str) -> None:
        self.append(CellError(row, column, message, sheet))


def plan_onboarding(region: Region, sheets: Sheets) -> Plan:
    """What the workbook would create in ``region``; ``ImportRejected`` naming every bad cell
    (unknown parent or unit, a unit of another region, a name or user name taken or repeated, an
    unknown role, a password the rules refuse …)."""
    errors = _Errors()
    if not sheets.units and not sheets.accounts:
        raise FazhiError("“单位”和“账号”工作表中都没有数据行。", "empty-import")
    units = _check_units(region, sheets.units, errors)
    in_file = {r[NAME] for r in sheets.units if r[NAME]}  # a bad unit row is named once, not again here
    accounts = _check_accounts(region, sheets.accounts, in_file, errors)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: (e.sheet != UNITS, e.row)))
    return Plan(region, _parents_first(units), accounts)


def _existing_units(names: Iterable[str]) -> dict[str, Unit]:
    wanted = {n for n in names if n}
    return {u.name: u for u in Unit.objects.filter(name__in=wanted).select_related("region")}


def _check_units(region: Region, rows: list[Row], errors: _Errors) -> list[UnitPlan]:
    existing = _existing_units([r[NAME] for r in rows] + [r[PARENT] for r in rows])
    first_row: dict[str, int] = {}
    plans = []
    for row in rows:
        name, short, parent, office = row[NAME], row[SHORT], row[PARENT], row[OFFICE]
        bad = len(errors)
        if not name:
            errors.add(UNITS, row.number, NAME, "不能为空")
        elif len(name) > 100:
            errors.add(UNITS, row.number, NAME, f"不能超过100个字（现有{len(name)}个）")
        elif name in first_row:
            errors.add(UNITS, row.number, NAME, f"与第{first_row[name]}行的单位名称重复")
        elif name in existing:
            errors.add(UNITS, row.number, NAME, _taken(existing[name], region))
        if name:
            first_row.setdefault(name, row.number)
        if len(short) > 50:
            errors.add(UNITS, row.number, SHORT, f"不能超过50个字（现有{len(short)}个）")
        if office.lower() not in TRUE_WORDS | FALSE_WORDS:
            errors.add(UNITS, row.number, OFFICE, f"“{office}”不是“是”或“否”")
        if len(errors) == bad:
            plans.append(UnitPlan(row.number, name, short, parent, office.lower() in TRUE_WORDS))
    in_file = {r[NAME] for r in rows if r[NAME]}
    for row in rows:
        parent = row[PARENT]
        if not parent:
            continue
        if parent == row[NAME]:
            errors.add(UNITS, row.number, PARENT, "上级单位不能是本单位自己")
        elif parent not in in_file:
            problem = _unknown_unit(parent, existing.get(parent), region)
            if problem:
                errors.add(UNITS, row.number, PARENT, problem)
    _check_cycles(rows, errors)
    return plans


def _taken(unit: Unit, region: Region) -> str:
    if unit.region_id == region.pk:
        return f"本区域已有单位“{unit.name}”：已有的单位不必再导入，可在其他行的“上级单位”或“单位”中直接引用"
    return f"单位名称“{unit.name}”已被{unit.region.name}的单位使用（单位名称全平台唯一）"


def _unknown_unit(name: str, unit: Unit | None, region: Region) -> str:
    """Why ``name`` (not a unit of the file) cannot be referred to, or "" when it is the region's."""
    if unit is None:
        return f"找不到单位“{name}”：它既不在“单位”表中，也不是{region.name}已有的单位"
    if unit.region_id != region.pk:
        return f"“{name}”是{unit.region.name}的单位，不属于{region.name}"
    return ""


def _check_cycles(rows: list[Row], errors: _Errors) -> None:
    parent_of = {r[NAME]: r[PARENT] for r in rows if r[NAME]}
    for row in rows:
        seen = [row[NAME]]
        current = parent_of.get(row[NAME], "")
        while current in parent_of and current not in seen:
            seen.append(current)
            current = parent_of[current]
        if current == row[NAME] and len(seen) > 1:
            chain = "→".join([*seen, current])
            errors.add(UNITS, row.number, PARENT, f"上级单位形成循环（{chain}）")


def _parents_first(units: list[UnitPlan]) -> list[UnitPlan]:
    """The units in an order that saves each after its parent (the plan has no cycle)."""
    pending = {u.name for u in units}
    ordered: list[UnitPlan] = []
    while pending:
        ready = [u for u in units if u.name in pending and u.parent not in pending]
        ordered += ready
        pending -= {u.name for u in ready}
    return ordered


def _check_accounts(
    region: Region, rows: list[Row], new_units: set[str], errors: _Errors
) -> list[AccountPlan]:
    usernames = [r[USERNAME] for r in rows if r[USERNAME]]
    # Taken whatever the case: "Zhang" beside "zhang" would be two accounts nobody tells apart.
    taken = set(
        User.objects.annotate(key=Lower("username"))
        .filter(key__in={n.lower() for n in usernames})
        .values_list("key", flat=True)
    )
    existing = _existing_units(r[UNIT] for r in rows if r[UNIT] not in new_units)
    first_row: dict[str, int] = {}
    plans = []
    for row in rows:
        bad = len(errors)
        username, full_name, unit, role, password = (
            row[USERNAME],
            row[FULL_NAME],
            row[UNIT],
            row[ROLE],
            row[PASSWORD],
        )
        key = username.lower()
        if not username:
            errors.add(ACCOUNTS, row.number, USERNAME, "不能为空")
        elif len(username) > 150:
            errors.add(ACCOUNTS, row.number, USERNAME, "不能超过150个字符")
        elif not _valid_username(username):
            errors.add(
                ACCOUNTS, row.number, USERNAME, f"“{username}”含有不允许的字符：只能用字母、数字和 @ . + - _"
            )
        elif key in first_row:
            errors.add(ACCOUNTS, row.number, USERNAME, f"与第{first_row[key]}行的用户名重复")
        elif key in taken:
            errors.add(ACCOUNTS, row.number, USERNAME, f"用户名“{username}”已被使用")
        if username:
            first_row.setdefault(key, row.number)
        if not full_name:
            errors.add(ACCOUNTS, row.number, FULL_NAME, "不能为空")
        elif len(full_name) > 150:
            errors.add(ACCOUNTS, row.number, FULL_NAME, "不能超过150个字")
        kind = ROLE_WORDS.get(role.replace(" ", ""))
        if not role:
            errors.add(ACCOUNTS, row.number, ROLE, "不能为空")
        elif kind is None:
            errors.add(ACCOUNTS, row.number, ROLE, f"“{role}”不是可选的角色（{'、'.join(ROLE_WORDS)}）")
        if unit and unit not in new_units:
            problem = _unknown_unit(unit, existing.get(unit), region)
            if problem:
                errors.add(ACCOUNTS, row.number, UNIT, problem)
        elif not unit and kind in UNIT_ROLES:
            errors.add(ACCOUNTS, row.number, UNIT, f"{role}须填写所在单位")
        if password:
            try:
                candidate = User(username=username, first_name=full_name)
                password_validation.validate_password(password, candidate)
            except ValidationError as exc:
                errors.add(ACCOUNTS, row.number, PASSWORD, "初始密码不符合密码规则：" + "".join(exc.messages))
        if len(errors) == bad and kind is not None:
            generated = not password
            plans.append(
                AccountPlan(
                    row.number,
                    username,
                    full_name,
                    kind,
                    unit,
                    password or generate_password(),
                    generated,
                )
            )
    return plans


def _valid_username(username: str) -> bool:
    try:
        USERNAME_VALIDATOR(username)
    except ValidationError:
        return False
    return True


def generate_password() -> str:
    """Twelve characters, each of the four kinds among them, none that reads like another."""
    alphabet = _LOWER + _UPPER + _DIGITS + _SYMBOLS
    while True:
        chars = [secrets.choice(kind) for kind in (_LOWER, _UPPER, _DIGITS, _SYMBOLS)]
        chars += [secrets.choice(alphabet) for _ in range(GENERATED_LENGTH - len(chars))]
        secrets.SystemRandom().shuffle(chars)
        password = "".join(chars)
        if password[0] not in string.punctuation:  # a leading "-" or "+" is a formula to Excel
            return password


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatedAccount:
    user: Any
    role: Role
    password: str  # the initial password, shown once to the administrator
    generated: bool


@dataclass
class OnboardingResult:
    region: Region
    units: list[Unit] = field(default_factory=list)
    accounts: list[CreatedAccount] = field(default_factory=list)

    @property
    def summary(self) -> str:
        by_kind = {label: 0 for label in ROLE_WORDS}
        for account in self.accounts:
            by_kind[account.role.get_kind_display()] += 1
        roles = "、".join(f"{label}{n}个" for label, n in by_kind.items() if n)
        return f"新建单位{len(self.units)}个，账号{len(self.accounts)}个" + (f"（{roles}）" if roles else "")


@door(Need.ADMINISTER)
@transaction.atomic
def do_onboard_region(*, region: Region, sheets: Sheets, acting_user) -> OnboardingResult:
    """Create the workbook's units and accounts in ``region``, all or none: every cell is checked
    first (``plan_onboarding``, ``ImportRejected`` naming each bad one), in this transaction.
    Each account gets its role and must change its initial password at first sign-in."""
    plan = plan_onboarding(region, sheets)
    # Hashing is the slow part (Argon2): done before the first write, so the write is short.
    hashed = {a.username: make_password(a.password) for a in plan.accounts}
    result = OnboardingResult(region)
    units = {u.name: u for u in Unit.objects.filter(region=region)}
    try:
        for unit_plan in plan.units:
            unit = Unit(
                name=unit_plan.name,
                short_name=unit_plan.short_name,
                region=region,
                parent=units.get(unit_plan.parent),
                is_supervisor_office=unit_plan.is_supervisor_office,
            )
            attributed(unit, acting_user).save()
            units[unit.name] = unit
            result.units.append(unit)
        for account in plan.accounts:
            user = User(
                username=account.username, first_name=account.full_name, password=hashed[account.username]
            )
            user.save()
            require_change(user.pk)
            if account.kind == Role.Kind.SUPERVISOR:
                role = Role(user=user, kind=account.kind, region=region)
            else:
                role = Role(user=user, kind=account.kind, unit=units[account.unit])
            attributed(role, acting_user).save()
            result.accounts.append(CreatedAccount(user, role, account.password, account.generated))
    except IntegrityError as exc:  # a name or user name taken since the check, by someone else
        raise FazhiError(
            "导入时有单位名称或用户名刚被他人占用，未导入任何数据。请重新上传。", "import-conflict"
        ) from exc
    audit.imported(
        f"{region.name}·单位和账号",
        user=acting_user,
        summary=result.summary,
        region=region.pk,
        units=[u.name for u in result.units],
        accounts=[
            {
                "username": a.user.username,
                "role": a.role.kind,
                "unit": a.role.unit.name if a.role.unit else "",
            }
            for a in result.accounts
        ],
    )
    return result


def accounts_of_region(region: Region):
    """Every account holding a role in the region (its units' clerks and heads, its supervisors),
    active or not, with their roles."""
    user_ids = Role.objects.filter(Q(unit__region=region) | Q(region=region)).values_list(
        "user_id", flat=True
    )
    return User.objects.filter(pk__in=user_ids).order_by("username").prefetch_related("fazhi_roles__unit")


@door(Need.ADMINISTER)
@transaction.atomic
def do_set_account_active(account, *, active: bool, acting_user) -> None:
    """Deactivate an account (or bring it back). Nothing it did is removed: its roles, its history,
    its records stay; an inactive account cannot sign in. Not one's own account, and a superuser's
    only by a superuser."""
    if account.pk == getattr(acting_user, "pk", None):
        raise FazhiError("不能停用或启用自己的账号。", "own-account")
    if account.is_superuser and not getattr(acting_user, "is_superuser", False):
        raise FazhiError("超级管理员的账号只能由超级管理员停用或启用。", "superuser-account")
    if account.is_active == active:
        return
    account.is_active = active
    account.save(update_fields=["is_active"])  # the account's change is logged (security.signals)
