from django.urls import path

from . import job_views, views

app_name = "inbox"

urlpatterns = [
    path("inbox/", views.inbox, name="list-notices"),
    path("inbox/<int:notice_id>/open/", views.open_notice, name="open-notice"),
    path("inbox/read/", views.mark_all_read, name="read-notices"),
    path("inbox/jobs/<int:job_id>/", job_views.job_fragment, name="show-job"),
]
