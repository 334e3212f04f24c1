from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_list, name="list-reports"),
    path("reports/new/", views.report_create, name="create-report"),
    path("reports/<int:report_id>/", views.report_edit, name="edit-report"),
    path("reports/<int:report_id>/preamble/", views.preamble_save, name="save-preamble"),
    path("reports/<int:report_id>/sections/<int:section_id>/", views.section_save, name="save-section"),
    path("reports/<int:report_id>/sections/new/", views.section_add, name="add-section"),
    path(
        "reports/<int:report_id>/sections/<int:section_id>/move/<str:direction>/",
        views.section_move,
        name="move-section",
    ),
    path(
        "reports/<int:report_id>/sections/<int:section_id>/delete/",
        views.section_delete,
        name="delete-section",
    ),
    path(
        "reports/<int:report_id>/sections/<int:section_id>/restate/",
        views.figure_restate,
        name="restate-figure",
    ),
    path(
        "reports/<int:report_id>/conflicts/<int:conflict_id>/",
        views.conflict_resolve,
        name="resolve-conflict",
    ),
    path("reports/<int:report_id>/import/", views.report_import, name="import-report"),
    path("reports/<int:report_id>/refresh/", views.report_refresh, name="refresh-figures"),
    path("reports/<int:report_id>/download.<str:fmt>", views.report_download, name="download-report"),
    path("reports/<int:report_id>/versions/<int:number>/", views.version_show, name="show-version"),
    path("reports/<int:report_id>/diff/", views.version_diff, name="diff-versions"),
    path("reports/<int:report_id>/<str:action>/", views.report_transition, name="transition-report"),
]
