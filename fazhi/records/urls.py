from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("units/<int:unit_id>/records/", views.unit_records, name="list-kinds"),
    path("units/<int:unit_id>/figures/<int:year>/", views.unit_figures, name="show-figures"),
    path("units/<int:unit_id>/records/<slug:kind>/", views.record_list, name="list-records"),
    path("units/<int:unit_id>/records/<slug:kind>/new/", views.record_create, name="create-record"),
    path("units/<int:unit_id>/records/<slug:kind>/export.xlsx", views.record_export, name="export-records"),
    path("units/<int:unit_id>/records/<slug:kind>/import/", views.record_import, name="import-records"),
    path("units/<int:unit_id>/records/<slug:kind>/<int:pk>/", views.record_detail, name="show-record"),
    path("units/<int:unit_id>/records/<slug:kind>/<int:pk>/edit/", views.record_edit, name="edit-record"),
    path(
        "units/<int:unit_id>/records/<slug:kind>/<int:pk>/delete/", views.record_delete, name="delete-record"
    ),
    path(
        "units/<int:unit_id>/records/<slug:kind>/<int:pk>/attachments/",
        views.attachment_add,
        name="add-attachment",
    ),
    path("units/<int:unit_id>/attachments/<int:pk>/", views.attachment_download, name="download-attachment"),
    path(
        "units/<int:unit_id>/attachments/<int:pk>/delete/", views.attachment_delete, name="delete-attachment"
    ),
    path("records/<slug:kind>/template.xlsx", views.import_template, name="download-template"),
]
