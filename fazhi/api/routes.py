"""The JSON API (django-ninja): the same permission-checked reads and writes as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.paginator import Paginator
from ninja import Body, NinjaAPI, Schema, Status
from ninja.security import django_auth

from fazhi.lib.edge import api_payload
from fazhi.lib.errors import FazhiError
from fazhi.orgs.access import Need, access_unit
from fazhi.orgs.queries import list_units_for_user
from fazhi.records import actions, queries
from fazhi.records.figures import compute_figures
from fazhi.records.forms import record_form_class, with_defaults
from fazhi.records.kinds import get_kind

api = NinjaAPI(title="法治政府建设平台 API", version="1", auth=django_auth, urls_namespace="api")


@api.exception_handler(FazhiError)
def fazhi_error(request, exc: FazhiError):
    payload, status = api_payload(exc)
    return api.create_response(request, payload, status=status)


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


@api.get("/units", response=list[UnitOut], summary="可查看的单位")
def units(request):
    return [UnitOut(id=u.pk, name=u.name, region=u.region.name) for u in list_units_for_user(request.user)]


@api.get("/units/{unit_id}/figures", response=list[FigureOut], summary="单位年度指标")
def figures(request, unit_id: int, year: int):
    unit = access_unit(request.user, unit_id)
    return [f.as_json() for f in compute_figures(unit.pk, year)]


@api.get("/units/{unit_id}/records/{kind}", response=RecordPage, summary="台账记录列表")
def record_list(request, unit_id: int, kind: str, year: int | None = None, q: str = "", page: int = 1):
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


@api.get("/units/{unit_id}/records/{kind}/{pk}", response=dict, summary="台账记录")
def record_detail(request, unit_id: int, kind: str, pk: int):
    kind_ = get_kind(kind)
    return _record_json(kind_, queries.access_record(request.user, kind_, pk, unit_id=unit_id))


@api.post("/units/{unit_id}/records/{kind}", response={201: dict, 400: dict}, summary="新增台账记录")
def record_create(request, unit_id: int, kind: str, payload: dict = Body(...)):
    kind_ = get_kind(kind)
    unit = access_unit(request.user, unit_id, Need.WRITE)
    form = record_form_class(kind_)(data=with_defaults(kind_, payload))
    if not form.is_valid():
        return Status(
            400, {"detail": "数据有误", "errors": {k: [str(m) for m in v] for k, v in form.errors.items()}}
        )
    record = actions.do_create_record(kind_, unit=unit, data=form.cleaned_data, acting_user=request.user)
    return Status(201, _record_json(kind_, record))
