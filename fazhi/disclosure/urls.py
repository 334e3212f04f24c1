from django.urls import path

from . import views

app_name = "disclosure"

urlpatterns = [
    path("units/<int:unit_id>/disclosure/<int:year>/", views.disclosure_page, name="show-disclosure"),
    path(
        "units/<int:unit_id>/disclosure/<int:year>/entries/",
        views.disclosure_year_save,
        name="save-disclosure-year",
    ),
    path(
        "units/<int:unit_id>/disclosure/<int:year>/cells/<int:table>/<str:row>/<str:column>/",
        views.disclosure_cell,
        name="show-disclosure-cell",
    ),
    path("units/<int:unit_id>/disclosure/<int:year>/write/", views.disclosure_write, name="write-disclosure"),
    path(
        "units/<int:unit_id>/disclosure/<int:year>/download.<str:fmt>",
        views.disclosure_download,
        name="download-disclosure",
    ),
]
