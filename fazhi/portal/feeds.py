"""What higher offices and outside evaluators harvest: every published report as JSON, and an
Atom feed of new publications, corrections included (issue 11, item 4). No login, like the portal.

Both read only ``Publication`` (published versions), like every public page (``queries.py``).
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_control

from fazhi.campaigns.publication_models import Publication

PUBLIC = cache_control(public=True, max_age=300)
FEED_SIZE = 50


@PUBLIC
def reports_json(request):
    """Every published report, one entry per unit and year: its current version, with the versions
    after the first (the corrections) listed with their date, reason and hash.

    ``published_at``, ``sha256`` and the URLs are the current version's; the first publication's
    date, the one that counts against the publish date, is also given as ``first_published_at``.
    """
    rows = Publication.objects.order_by("region_id", "unit__name", "year", "number").values_list(
        "unit_id", "unit__name", "region__name", "year", "number", "title", "published_at", "sha256",
        "reason", "pdf", "genre",
    )  # fmt: skip
    grouped: dict[tuple[int, int, str], list[tuple]] = {}
    for row in rows:
        grouped.setdefault((row[0], row[3], row[10]), []).append(row)
    root = request.build_absolute_uri("/").removesuffix("/")  # reverse() adds any script prefix
    pages = {
        "law": _path_template("portal:show-report", "unit", "year"),
        "disclosure": _path_template("portal:show-disclosure-report", "unit", "year"),
    }
    downloads = {
        "law": _path_template("portal:download-version", "unit", "year", "number", "fmt"),
        "disclosure": _path_template("portal:download-disclosure-version", "unit", "year", "number", "fmt"),
    }
    local = timezone.get_current_timezone()

    def when(moment) -> str:
        return moment.astimezone(local).isoformat()

    reports = []
    for (unit_id, year, genre), versions in grouped.items():
        _, unit, region, _, number, title, published_at, digest, _, pdf, _ = versions[-1]
        page, download = pages[genre], downloads[genre]
        files = {"unit": unit_id, "year": year, "number": number}
        reports.append(
            {
                "unit": unit,
                "region": region,
                "year": year,
                "genre": genre,
                "title": title,
                "published_at": when(published_at),
                "first_published_at": when(versions[0][6]),
                "sha256": digest,
                "url": root + page.format(unit=unit_id, year=year),
                "docx_url": root + download.format(**files, fmt="docx"),
                "pdf_url": root + download.format(**files, fmt="pdf") if pdf else None,
                "corrections": [
                    {"published_at": when(v[6]), "reason": v[8], "sha256": v[7]} for v in versions[1:]
                ],
            }
        )
    response = JsonResponse(reports, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public data, for harvesters in a browser too
    return response


# Numbers no real address contains, to turn a reversed URL into a template once per request:
# reverse() is too slow to call three times for each of 10,000 reports.
_STAND_INS = {"unit": 900000001, "year": 9001, "number": 9002, "fmt": "fmt9003"}


def _path_template(name: str, *keys: str) -> str:
    """The path of ``name`` with ``{unit}``, ``{year}`` … in place of its arguments, to fill in."""
    path = reverse(name, args=[_STAND_INS[key] for key in keys])
    for key in keys:
        path = path.replace(str(_STAND_INS[key]), "{" + key + "}")
    return path


class PublicationFeed(Feed):
    """New publications, newest first; a correction is an entry of its own, with its reason."""

    feed_type = Atom1Feed
    title = "法治政府建设年度报告公开：最新发布"
    subtitle = "各单位公开的法治政府建设年度报告及其更正，每个版本附正文 SHA-256 校验值。"
    language = "zh-CN"

    def link(self) -> str:
        return reverse("portal:index")

    def items(self) -> list[Publication]:
        return list(
            Publication.objects.select_related("unit", "region").order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: Publication) -> str:
        return str(item)

    def item_description(self, item: Publication) -> str:
        what = f"更正理由：{item.reason}" if item.is_correction else "首次公开。"
        return (
            f"{item.unit.name}（{item.region.name}）{item.year}年度报告。{what} 正文 SHA-256：{item.sha256}"
        )

    def item_link(self, item: Publication) -> str:
        return item.version_url()

    def item_pubdate(self, item: Publication):
        return timezone.localtime(item.published_at)  # Beijing time, as the portal shows it

    def item_updateddate(self, item: Publication):
        return timezone.localtime(item.published_at)

    def item_author_name(self, item: Publication) -> str:
        return item.unit.name

    def item_categories(self, item: Publication) -> list[str]:
        return [item.region.name, f"{item.year}年度", *(["更正"] if item.is_correction else [])]


publication_feed = PUBLIC(PublicationFeed())
