"""The admin's pages for the official calendar: a year's days inline, and an import of a year's schedule."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from fazhi.lib.errors import FazhiError

from . import actions
from .calendar import needless_workday
from .calendar_text import ScheduleTextError
from .forms import CalendarImportForm
from .models import CalendarDay, CalendarYear, DueItem, WorkflowStep
from .workflows import WORKFLOWS


class CalendarDayFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        year = self.instance.year
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            day = data.get("date")
            if not day or data.get("DELETE"):
                continue
            if year and day.year != year:
                form.add_error("date", f"日期 {day.isoformat()} 不在{year}年")
            problem = needless_workday(day) if data.get("kind") == CalendarDay.Kind.WORKDAY else None
            if problem:
                form.add_error("kind", problem)


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    formset = CalendarDayFormSet
    extra = 3
    fields = ["date", "kind", "name"]


@admin.register(CalendarYear)
class CalendarYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "source", "notice", "holiday_count", "workday_count", "updated_at"]
    inlines = [CalendarDayInline]
    change_list_template = "admin/deadlines/calendaryear/change_list.html"

    @admin.display(description="放假天数")
    def holiday_count(self, obj: CalendarYear) -> int:
        return obj.days.filter(kind=CalendarDay.Kind.HOLIDAY).count()

    @admin.display(description="调休上班天数")
    def workday_count(self, obj: CalendarYear) -> int:
        return obj.days.filter(kind=CalendarDay.Kind.WORKDAY).count()

    def save_model(self, request, obj, form, change) -> None:
        obj.source = CalendarYear.Source.ADMIN
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        moved = actions.do_calendar_year_changed(form.instance.year, acting_user=request.user)
        if moved:
            messages.info(request, f"已按新的节假日安排重新计算{moved}条记录的法定期限。")

    def delete_model(self, request, obj) -> None:
        actions.do_delete_calendar_year(obj, acting_user=request.user)

    def get_urls(self):
        extra = [
            path(
                "import/", self.admin_site.admin_view(self.import_view), name="deadlines_calendaryear_import"
            )
        ]
        return extra + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = CalendarImportForm(request.POST or None, request.FILES or None)
        errors: list[str] = []
        if request.method == "POST" and form.is_valid():
            try:
                year = form.cleaned_data["year"]
                actions.do_import_calendar_year(
                    year=year,
                    text=form.schedule_text(),
                    acting_user=request.user,
                    notice=form.cleaned_data["notice"],
                )
            except ScheduleTextError as exc:
                errors = exc.errors
            except (FazhiError, forms.ValidationError) as exc:
                errors = [getattr(exc, "message", str(exc))]
            else:
                messages.success(request, f"已导入{year}年节假日安排，暂定的法定期限已重新计算。")
                return redirect(reverse("admin:deadlines_calendaryear_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "errors": errors,
            "opts": self.model._meta,
            "title": "导入年度节假日安排",
        }
        return TemplateResponse(request, "admin/deadlines/calendaryear/import.html", context)


class RuleFilter(admin.SimpleListFilter):
    """The due items' rules by name, not by code."""

    title = "期限规则"
    parameter_name = "rule"

    def lookups(self, request, model_admin):
        rules = DueItem.objects.order_by("rule").values_list("rule", flat=True).distinct()
        return [(rule, DueItem(rule=rule).label) for rule in rules]

    def queryset(self, request, queryset):
        return queryset.filter(rule=self.value()) if self.value() else queryset


@admin.register(DueItem)
class DueItemAdmin(SimpleHistoryAdmin):
    list_display = ["item", "unit", "start", "due_on", "provisional", "status", "done_on"]
    list_filter = ["status", "provisional", RuleFilter, "unit"]

    @admin.display(description="期限事项", ordering="rule")
    def item(self, obj: DueItem) -> str:
        return obj.label

    date_hierarchy = "due_on"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # computed by actions; an edit here would be overwritten


class StepFilter(admin.SimpleListFilter):
    """The steps by name (one code may name a step of two workflows: 答复, 归档 ...)."""

    title = "步骤"
    parameter_name = "code"

    def lookups(self, request, model_admin):
        names: dict[str, list[str]] = {}
        for workflow in WORKFLOWS:
            for step in workflow.steps:
                if step.label not in names.setdefault(step.code, []):
                    names[step.code].append(step.label)
        return [(code, "／".join(labels)) for code, labels in names.items()]

    def queryset(self, request, queryset):
        return queryset.filter(code=self.value()) if self.value() else queryset


@admin.register(WorkflowStep)
class WorkflowStepAdmin(SimpleHistoryAdmin):
    list_display = ["step", "date", "unit", "result", "recorded_by", "recorded_at"]
    list_filter = [StepFilter, "unit"]
    list_select_related = ["content_type", "unit", "recorded_by"]

    @admin.display(description="步骤", ordering="code")
    def step(self, obj: WorkflowStep) -> str:
        return obj.label

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # steps are recorded on the record's page, through the workflow rules
