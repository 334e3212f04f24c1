from django.urls import path

from . import region_views

app_name = "home"

urlpatterns = [
    path(
        "regions/<int:region_id>/figures/<int:year>/", region_views.region_figures, name="show-region-figures"
    ),
    path(
        "regions/<int:region_id>/figures/<int:year>/export.xlsx",
        region_views.region_figures_export,
        name="export-region-figures",
    ),
]
