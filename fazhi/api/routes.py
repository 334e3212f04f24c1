"""The JSON API (django-ninja): the same permission-checked reads and writes as the pages.

Every parameter is bounded in the schema (``/api/openapi.json``): ids fit a BIGINT, years are the
ledgers' years, pages are counted from 1. A value out of its bounds or of the wrong type is a 400 with
a Chinese message naming it, an unknown unit, kind or record a 404; never a 500
(``fazhi/api/tests/test_fuzz.py`` runs schemathesis over the schema).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from ninja import Body, NinjaAPI, Path, Query, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import django_auth

from fazhi.lib.edge import PATH_INT_MAX, api_payload
from fazhi.lib.errors import FazhiError
from fazhi.lib.params import MAX_INT
from fazhi.lib.years import FIRST_YEAR, LAST_YEAR
from fazhi.orgs.access import Need, access_unit
from fazhi.orgs.queries import list_units_for_user
from fazhi.records import actions, queries
from fazhi.records.figures import compute_figures
from fazhi.records.forms import record_form_class, with_defaults
from fazhi.records.kinds import get_kind

api = NinjaAPI(title="法治政府建设平台 API", version="1", auth=django_auth, urls_namespace="api")

# What a parameter is called in a message.
LABELS = {
    "unit_id": "单位编号",
    "kind": "台账类型",
    "pk": "记录编号",
    "year": "年份",
    "page": "页码",
    "q": "搜索词",
    "payload": "请求内容",
}
# pydantic's error types, in Chinese; ``{…}`` are filled from the error's context.
PROBLEMS = {
    "missing": "必须填写",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "greater_than_equal": "不能小于{ge}",
    "less_than_equal": "不能大于{le}",
    "greater_than": "应大于{gt}",
    "less_than": "应小于{lt}",
    "string_type": "应为文字",
    "string_too_long": "不能超过{max_length}个字",
    "dict_type": "应为 JSON 对象（{…}）",
    "json_invalid": "不是有效的 JSON",
}
STATUS_WORDS = {
    400: "请求有误。",
    401: "请先登录。",
    403: "无权进行此操作。",
    404: "不存在或无权查看。",
    405: "不支持这种请求方法。",
    429: "请求过于频繁，请稍后再试。",
}


class ErrorOut(Schema):
    detail: str
    code: str = ""


class FormErrorOut(ErrorOut):
    errors: dict[str, list[str]]


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _problem(error: dict) -> str:
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
    name = loc[0] if loc else ""
    label = LABELS.get(name, name) or "请求"
    words = PROBLEMS.get(error.get("type", ""), "取值无效")
    try:
        words = words.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        words = "取值无效"
    return f"{label}{words}"


@api.exception_handler(NinjaValidationError)
def bad_parameters(request, exc: NinjaValidationError):
    problems = list(dict.fromkeys(_problem(e) for e in exc.errors))
    return api.create_response(
        request, {"detail": "请求有误：" + "；".join(problems) + "。", "code": "invalid"}, status=400
    )


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    message = str(exc) if exc.args and isinstance(exc.args[0], str) else STATUS_WORDS[404]
    return api.create_response(request, {"detail": message, "code": "not-found"}, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    detail = STATUS_WORDS.get(exc.status_code, str(exc))
    return api.create_response(
        request, {"detail": detail, "code": str(exc.status_code)}, status=exc.status_code
    )


@api.exception_handler(FazhiError)
def fazhi_error(request, exc: FazhiError):
    payload, status = api_payload(exc)
    return api.create_response(request, payload, status=status)


def an_id(description: str):
    """A path's id: what a BIGINT holds, from 1."""
    return Path(..., ge=1, le=PATH_INT_MAX, description=description)


KindSlug = Path(..., max_length=40, description="台账类型，如 study")


class UnitOut(Schema):
    id: int
    name: str
    region: str


class FigureOut(Schema):
    indicator: str
    name: str
    value: float | int | None
    unit: str


class RecordPage(Schema):
    count: int
    page: int
    pages: int
    results: list[dict]


def _record_json(kind, record) -> dict:
    data = {"id": record.pk, "unit_id": record.unit_id}
    for name in kind.form_fields:
        value = getattr(record, name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = float(value)
        data[name] = value
        if record._meta.get_field(name).choices:
            data[f"{name}_display"] = getattr(record, f"get_{name}_display")()
    return data


def form_data(form_class: type[forms.BaseForm], payload: dict) -> dict:
    """A JSON body as the form's data, the way a browser would post it: numbers as text, ``null`` as
    empty, true/false for the yes/no fields; a list or an object is no field's value (``FazhiError``).
    Names the form does not have are left out, as a form leaves them."""
    data, wrong = {}, []
    for name, value in payload.items():
        field = form_class.base_fields.get(name)
        if field is None:
            continue
        if isinstance(value, list | dict):
            wrong.append(f"“{field.label or name}”")
        elif value is None:
            data[name] = ""
        elif isinstance(field, forms.BooleanField | forms.NullBooleanField):
            data[name] = value
        else:
            data[name] = str(value).lower() if isinstance(value, bool) else str(value)
    if wrong:
        raise FazhiError(f"{'、'.join(wrong)}应为文字、数字或 true/false，不能是列表或对象。", "invalid")
    return data


@api.get("/units", response={200: list[UnitOut], **ERRORS}, summary="可查看的单位")
def units(request):
    return [UnitOut(id=u.pk, name=u.name, region=u.region.name) for u in list_units_for_user(request.user)]


@api.get("/units/{unit_id}/figures", response={200: list[FigureOut], **ERRORS}, summary="单位年度指标")
def figures(
    request,
    unit_id: int = an_id("单位编号"),
    year: int = Query(..., ge=FIRST_YEAR, le=LAST_YEAR, description="年份"),
):
    unit = access_unit(request.user, unit_id)
    return [f.as_json() for f in compute_figures(unit.pk, year)]


@api.get("/units/{unit_id}/records/{kind}", response={200: RecordPage, **ERRORS}, summary="台账记录列表")
def record_list(
    request,
    unit_id: int = an_id("单位编号"),
    kind: str = KindSlug,
    year: int | None = Query(None, ge=FIRST_YEAR, le=LAST_YEAR, description="年份"),
    q: str = Query("", max_length=100, description="搜索词"),
    page: int = Query(1, ge=1, le=MAX_INT, description="页码"),
):
    unit, kind_ = access_unit(request.user, unit_id), get_kind(kind)
    records = queries.list_records_for_unit(kind_, unit_id=unit.pk, year=year, search=q)
    paginator = Paginator(records, 50)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "results": [_record_json(kind_, r) for r in current],
    }


@api.get("/units/{unit_id}/records/{kind}/{pk}", response={200: dict, **ERRORS}, summary="台账记录")
def record_detail(
    request, unit_id: int = an_id("单位编号"), kind: str = KindSlug, pk: int = an_id("记录编号")
):
    kind_ = get_kind(kind)
    return _record_json(kind_, queries.access_record(request.user, kind_, pk, unit_id=unit_id))


@api.post(
    "/units/{unit_id}/records/{kind}",
    response={201: dict, **ERRORS, 400: FormErrorOut},
    summary="新增台账记录",
)
def record_create(request, unit_id: int = an_id("单位编号"), kind: str = KindSlug, payload: dict = Body(...)):
    kind_ = get_kind(kind)
    unit = access_unit(request.user, unit_id, Need.WRITE)
    form_class = record_form_class(kind_)
    form = form_class(data=with_defaults(kind_, form_data(form_class, payload)))
    if not form.is_valid():
        return Status(
            400,
            {
                "detail": "数据有误",
                "code": "invalid",
                "errors": {k: [str(m) for m in v] for k, v in form.errors.items()},
            },
        )
    record = actions.do_create_record(kind_, unit=unit, data=form.cleaned_data, acting_user=request.user)
    return Status(201, _record_json(kind_, record))
