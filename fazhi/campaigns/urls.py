from django.urls import path

from . import publication_views, upload_views, views

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", views.campaign_list, name="list-campaigns"),
    path("campaigns/<int:campaign_id>/", views.board, name="show-board"),
    path("campaigns/<int:campaign_id>/board.xlsx", views.board_export, name="export-board"),
    path("campaigns/<int:campaign_id>/reports.zip", views.board_zip, name="download-reports"),
    path("campaigns/<int:campaign_id>/remind/", views.remind_late, name="remind-late"),
    path("campaigns/<int:campaign_id>/bulletin.docx", views.board_bulletin, name="download-bulletin"),
    path("submissions/<int:submission_id>/", views.review, name="review-submission"),
    path("submissions/<int:submission_id>/<str:decision>/", views.decide, name="decide-submission"),
    path("campaigns/reports/<int:report_id>/send/", views.send_report, name="send-report"),
    # 保密审查 and publication (publication_views.py)
    path("campaigns/reports/<int:report_id>/review/", publication_views.record_review, name="record-review"),
    path("campaigns/reports/<int:report_id>/publish/", publication_views.publish, name="publish-report"),
    # Reports written outside the platform (upload_views.py)
    path("campaigns/reports/<int:report_id>/file/", upload_views.file_upload, name="upload-report-file"),
    path("campaigns/reports/<int:report_id>/file/check/", upload_views.file_check, name="check-report-file"),
    path("campaigns/reports/<int:report_id>/file/send/", upload_views.file_send, name="send-report-file"),
    path("campaigns/submissions/<int:sub_id>/file/", upload_views.submission_file, name="download-file"),
    path("campaigns/<int:campaign_id>/uploads/", upload_views.batch_upload, name="upload-batch"),
    path("campaigns/<int:campaign_id>/uploads/progress/", upload_views.batch_progress, name="show-uploads"),
    path("campaigns/uploads/<int:item_id>/assign/", upload_views.item_assign, name="assign-upload-item"),
]
