from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from fazhi.api.routes import api
from fazhi.home import views as home_views
from fazhi.ops.views import healthz
from fazhi.security.passwords import ChangePassword

admin.site.site_header = "法治政府建设平台 · 系统管理"
admin.site.site_title = "法治政府建设平台"
admin.site.index_title = "组织机构、用户与节假日安排"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", ChangePassword.as_view(), name="password-change"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("fazhi.records.urls")),
    path("", include("fazhi.reports.urls")),
    path("", include("fazhi.disclosure.urls")),
    path("", include("fazhi.deadlines.urls")),
    path("", include("fazhi.campaigns.urls")),
    path("", include("fazhi.inbox.urls")),
    path("", include("fazhi.orgs.urls")),
    path("", include("fazhi.home.urls")),
    path("", include("fazhi.portal.urls")),
]
