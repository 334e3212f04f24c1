"""The region's figures as an Excel workbook: units as rows, indicators as columns, the region's row first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font

from fazhi.lib.spreadsheets import inert, workbook_bytes

if TYPE_CHECKING:
    from .region_views import RegionFigures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOTE = (
    "区域合计：次数、件数、人数为各单位之和；比率由各单位的分子之和除以分母之和重新计算（不是各单位比率的平均）；"
    "平均成绩按参考人数加权。空白表示无可计算的记录。"
)
HEADER_ROW = 3  # title, note, header; the region's row follows


def region_figures_workbook(page: RegionFigures) -> bytes:
    indicators = [f.indicator for f in page.figures]
    wb = Workbook()
    ws = wb.active
    ws.title = f"{page.year}年"
    ws.append(
        [inert(f"{page.region.name}{page.year}年度法治政府建设指标（区域汇总，{len(page.units)}个单位）")]
    )
    ws.append([NOTE])
    ws.append(["单位", "所属区域", *(inert(f"{i.name}（{i.unit}）") for i in indicators)])
    ws.append(
        [inert(f"{page.region.name}（合计）"), inert(page.region.name), *(f.value for f in page.figures)]
    )
    for unit in page.units:
        ws.append([inert(unit.name), inert(unit.region.name), *(f.value for f in page.by_unit[unit.pk])])
    for cell in (*ws[HEADER_ROW], *ws[HEADER_ROW + 1]):
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 16
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 2, column=3)

    history = wb.create_sheet("近五年")
    history.append([inert(f"{page.region.name}近五年指标（区域汇总）")])
    history.append(["指标", "单位", *(f"{y}年" for y in page.years)])
    for index, indicator in enumerate(indicators):
        values = [page.history[y][index].value for y in page.years]
        history.append([inert(indicator.name), inert(indicator.unit), *values])
    for cell in history[2]:
        cell.font = Font(bold=True)
    history.column_dimensions["A"].width = 34
    history.freeze_panes = "C3"

    return workbook_bytes(wb)
