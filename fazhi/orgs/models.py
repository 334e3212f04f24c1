"""Regions (省/市/区县), units (单位) and who holds which role where."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", "省"
        CITY = "city", "市"
        COUNTY = "county", "区县"

    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "行政区域"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def descendant_ids(self) -> set[int]:
        """This region and every region below it (trees here are a few dozen rows)."""
        ids = {self.pk}
        frontier = [self.pk]
        while frontier:
            frontier = list(Region.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.update(frontier)
        return ids


class Unit(models.Model):
    name = models.CharField("单位名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    region = models.ForeignKey(
        Region, verbose_name="所属区域", on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_supervisor_office = models.BooleanField("是否依法治区办（督察机构）", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["region_id", "id"]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    """A user's role: clerk/head of one unit, supervisor of one region, or admin."""

    class Kind(models.TextChoices):
        CLERK = "clerk", "填报员"
        HEAD = "head", "主要负责人"
        SUPERVISOR = "supervisor", "依法治区办"
        ADMIN = "admin", "系统管理员"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="fazhi_roles"
    )
    kind = models.CharField("角色", max_length=12, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name="单位", null=True, blank=True, on_delete=models.CASCADE, related_name="roles"
    )
    region = models.ForeignKey(
        Region, verbose_name="区域", null=True, blank=True, on_delete=models.CASCADE, related_name="roles"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_kind",
                condition=(
                    models.Q(kind__in=["clerk", "head"], unit__isnull=False, region__isnull=True)
                    | models.Q(kind="supervisor", unit__isnull=True, region__isnull=False)
                    | models.Q(kind="admin", unit__isnull=True, region__isnull=True)
                ),
            ),
            models.UniqueConstraint(fields=["user", "kind", "unit", "region"], name="role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.unit or self.region or '全局'}"
