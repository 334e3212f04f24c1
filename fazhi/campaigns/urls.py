from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", views.campaign_list, name="list-campaigns"),
    path("campaigns/<int:campaign_id>/", views.board, name="show-board"),
    path("campaigns/<int:campaign_id>/board.xlsx", views.board_export, name="export-board"),
    path("campaigns/<int:campaign_id>/reports.zip", views.board_zip, name="download-reports"),
    path("campaigns/<int:campaign_id>/remind/", views.remind_late, name="remind-late"),
    path("submissions/<int:submission_id>/", views.review, name="review-submission"),
    path("submissions/<int:submission_id>/<str:decision>/", views.decide, name="decide-submission"),
    path("campaigns/reports/<int:report_id>/send/", views.send_report, name="send-report"),
]
