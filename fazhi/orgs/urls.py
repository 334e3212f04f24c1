from django.urls import path

from . import onboarding_views as views

app_name = "orgs"

urlpatterns = [
    path("onboarding/", views.onboarding_index, name="onboarding"),
    path("onboarding/template.xlsx", views.onboarding_template, name="onboarding-template"),
    path("onboarding/regions/<int:region_id>/", views.onboard_region, name="onboard-region"),
    path("onboarding/regions/<int:region_id>/accounts/", views.region_accounts, name="region-accounts"),
    path(
        "onboarding/regions/<int:region_id>/accounts/<int:user_id>/active/",
        views.set_account_active,
        name="set-account-active",
    ),
]
