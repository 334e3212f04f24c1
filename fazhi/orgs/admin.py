from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Region, Role, Unit


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "parent"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "is_supervisor_office"]
    list_filter = ["region"]
    search_fields = ["name"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "kind", "unit", "region"]
    list_filter = ["kind"]
