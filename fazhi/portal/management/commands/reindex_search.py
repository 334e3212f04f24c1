"""Index every published report again (the portal's search: fazhi/portal/search.py)."""

from django.core.management.base import BaseCommand

from fazhi.portal.search import rebuild_index


class Command(BaseCommand):
    help = "重建公开门户的全文检索索引（每个单位每年一条，为其最新公开版本）。"

    def handle(self, *args, **options) -> None:
        count = rebuild_index()
        self.stdout.write(f"已索引 {count} 份公开的报告。")
