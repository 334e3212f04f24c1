"""The portal's search index (docs/architecture.md#portal): one row per report (unit, year, genre), on its current
published version, with the words of its title and text as segmented by ``search.py``.

The database's own full-text machinery indexes these words (created by the migration, not by
Django): on SQLite an FTS5 table ``portal_search_fts`` kept in step by triggers, on PostgreSQL a
generated ``tsvector`` column ``search`` with a GIN index. A later migration that alters this table
must keep them: on SQLite Django rebuilds an altered table, which drops the triggers (create them
again, then ``INSERT INTO portal_search_fts(portal_search_fts) VALUES ('rebuild')``).
"""

from __future__ import annotations

from django.db import models

from fazhi.campaigns.publication_models import Publication
from fazhi.orgs.models import Region, Unit
from fazhi.reports import genres


class SearchEntry(models.Model):
    publication = models.OneToOneField(
        Publication, verbose_name="公开版本", on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(Unit, verbose_name="发布机构", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, verbose_name="区域", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("报告年度")
    genre = models.CharField("报告类别", max_length=12, choices=genres.CHOICES, default="law")
    number = models.PositiveSmallIntegerField("公开版本")  # the highest published: the current one
    head = models.TextField("标题分词")  # the title, the unit's and the region's names
    body = models.TextField("正文分词")

    class Meta:
        verbose_name = verbose_name_plural = "检索索引"
        ordering = ["unit_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "genre"], name="one_search_entry_per_report")
        ]
        indexes = [models.Index(fields=["region", "year"], name="search_entry_region_year")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year} v{self.number}"
