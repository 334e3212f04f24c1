from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.demo.load import DEMO_PASSWORD, load_demo
from fazhi.orgs.models import Role, Unit


class Command(BaseCommand):
    help = "载入演示数据（天津市南开区及两个样例单位的2024年台账）"

    def handle(self, *args, **options):
        if Unit.objects.exists():
            self.stdout.write("数据库中已有单位数据，跳过演示数据载入。")
            self._print_accounts()
            return
        load_demo(today=timezone.localdate())
        self._print_accounts()

    def _print_accounts(self):
        self.stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
        for role in Role.objects.select_related("user", "unit", "region").order_by("pk"):
            scope = role.unit or role.region or "全部"
            self.stdout.write(f"  {role.user.username:<12} {role.get_kind_display():<6} {scope}")
        self.stdout.write("\n打开 http://127.0.0.1:8000/ 登录。")
