from django.urls import path

from . import views

app_name = "inbox"

urlpatterns = [
    path("inbox/", views.inbox, name="list-notices"),
    path("inbox/<int:notice_id>/open/", views.open_notice, name="open-notice"),
    path("inbox/read/", views.mark_all_read, name="read-notices"),
]
