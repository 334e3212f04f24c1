from django.urls import path

from . import views

app_name = "deadlines"

urlpatterns = [
    path("units/<int:unit_id>/records/<slug:kind>/<int:pk>/steps/", views.record_step, name="record-step"),
    path("deadlines/", views.due_list, name="list-due"),
]
