from django.urls import path

from . import feeds, search_views, views

app_name = "portal"
DISCLOSURE = {"genre": "disclosure"}

urlpatterns = [
    path("public/", views.index, name="index"),
    path("public/search/", search_views.search_page, name="search"),
    path("public/reports.json", feeds.reports_json, name="reports-json"),
    path("public/feed.atom", feeds.publication_feed, name="feed"),
    path("public/regions/<int:region_id>/", views.region, name="show-region"),
    path("public/units/<int:unit_id>/", views.unit, name="show-unit"),
    path("public/units/<int:unit_id>/<int:year>/", views.report, name="show-report"),
    path("public/units/<int:unit_id>/<int:year>/v<int:number>/", views.report, name="show-version"),
    path(
        "public/units/<int:unit_id>/<int:year>/v<int:number>.<str:fmt>",
        views.download,
        name="download-version",
    ),
    # The 政府信息公开工作年度报告 of the same unit and year (Publication.public_url).
    path(
        "public/units/<int:unit_id>/<int:year>/disclosure/",
        views.report,
        DISCLOSURE,
        name="show-disclosure-report",
    ),
    path(
        "public/units/<int:unit_id>/<int:year>/disclosure/v<int:number>/",
        views.report,
        DISCLOSURE,
        name="show-disclosure-version",
    ),
    path(
        "public/units/<int:unit_id>/<int:year>/disclosure/v<int:number>.<str:fmt>",
        views.download,
        DISCLOSURE,
        name="download-disclosure-version",
    ),
]
