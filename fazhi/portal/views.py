"""The public portal (公开门户), no login: regions → units → years → the published report.

A report keeps one address per unit and year (``/public/units/<unit>/<year>/``), whatever the
portal's columns: the current version there, every earlier version and its correction beside it.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from fazhi.reports.queries import document_from_json

from . import queries

PUBLIC = cache_control(public=True, max_age=300)


@PUBLIC
def index(request):
    return render(
        request,
        "portal/index.html",
        {"regions": queries.list_public_regions(), "latest": queries.list_latest_publications()},
    )


@PUBLIC
def region(request, region_id: int):
    region = queries.public_region(region_id)
    return render(
        request, "portal/region.html", {"region": region, "units": queries.list_public_units(region)}
    )


@PUBLIC
def unit(request, unit_id: int):
    unit, entries = queries.public_unit(unit_id)
    return render(request, "portal/unit.html", {"unit": unit, "entries": entries})


@PUBLIC
def report(request, unit_id: int, year: int, number: int | None = None, genre: str = "law"):
    publication, versions = queries.public_version(unit_id, year, number, genre)
    _, entries = queries.public_unit(unit_id)
    return render(
        request,
        "portal/report.html",
        {
            "publication": publication,
            "document": document_from_json(publication.document),
            "versions": versions,
            "current": versions[-1],
            "others": [e for e in entries if (e.year, e.genre) != (year, genre)],
        },
    )


@PUBLIC
def download(request, unit_id: int, year: int, number: int, fmt: str, genre: str = "law"):
    publication, _ = queries.public_version(unit_id, year, number, genre)
    stored = {"docx": publication.docx, "pdf": publication.pdf}.get(fmt)
    if not stored:
        raise Http404("该格式的文件暂未生成。")
    name = f"{publication.title}{'（更正版）' if publication.is_correction else ''}.{fmt}"
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)
