"""The audit log in the admin: searched and filtered, never added to, changed or deleted there.
And the users' admin: an account a superuser adds there must change its password at first login,
as one the region's onboarding creates (``passwords.require_change``)."""

from __future__ import annotations

import json

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html

from .models import AuditEntry
from .passwords import require_change


class FirstLoginUserAdmin(UserAdmin):
    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change:  # the password was set by the administrator, not by its owner
            require_change(obj.pk)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), FirstLoginUserAdmin)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "username", "address", "target"]
    list_filter = ["action", "at"]
    search_fields = ["username", "address", "target"]
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False  # a count of a large log is a full scan on PostgreSQL
    fields = [
        "number",
        "at",
        "action",
        "username",
        "user_id",
        "address",
        "target",
        "shown_detail",
        "prev_hash",
        "hash",
    ]
    readonly_fields = fields

    @admin.display(description="编号")
    def number(self, obj: AuditEntry) -> int:
        return obj.pk

    @admin.display(description="详情")
    def shown_detail(self, obj: AuditEntry) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.detail, ensure_ascii=False, indent=2))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
