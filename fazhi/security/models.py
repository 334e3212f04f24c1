"""The security audit log (等保2.0 二级 安全审计): one append-only table of who did what, when, from
which address; each entry chained to the one before by SHA-256 (``audit.entry_hash``) so that an
entry changed or deleted in the database is found by ``fazhi audit verify``.

An entry is written in the transaction of the work it reports (rolled back with it) and sealed
into the chain — its number ``seq``, the previous entry's hash and its own — right after that
transaction commits (``audit.seal``). Once sealed it never changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

GENESIS = "0" * 64  # the "previous hash" of the very first entry


class AuditIsAppendOnly(Exception):
    def __init__(self) -> None:
        super().__init__("审计日志只能追加，不能修改或删除。Audit log entries are append-only.")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditIsAppendOnly

    def delete(self):
        raise AuditIsAppendOnly


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", "登录成功"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGOUT = "logout", "退出登录"
        LOCKOUT = "lockout", "账号锁定"
        REFUSED = "refused", "访问被拒绝"
        DOWNLOAD = "download", "导出或下载"
        IMPORT = "import", "导入"
        ROLE_GRANT = "role_grant", "授予角色"
        ROLE_CHANGE = "role_change", "变更角色"
        ROLE_REVOKE = "role_revoke", "撤销角色"
        USER_CREATE = "user_create", "新建账号"
        USER_CHANGE = "user_change", "账号权限变更"
        USER_DELETE = "user_delete", "删除账号"
        PASSWORD_CHANGE = "password_change", "修改密码"
        ADMIN = "admin", "系统管理操作"
        DATA = "data", "数据变更"
        BACKUP = "backup", "数据备份"
        PURGE = "purge", "清理过期审计日志"

    seq = models.BigIntegerField("链序号", null=True, blank=True, unique=True)  # null: not sealed yet
    at = models.DateTimeField("时间", db_index=True)
    user_id = models.BigIntegerField(
        "用户编号", null=True, blank=True
    )  # no foreign key: outlives the account
    username = models.CharField("用户", max_length=150, blank=True, db_index=True)
    address = models.CharField("来源地址", max_length=64, blank=True)
    action = models.CharField("事件", max_length=20, choices=Action.choices)
    target = models.CharField("对象", max_length=300, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    prev_hash = models.CharField("上一条的哈希", max_length=64, blank=True)
    hash = models.CharField("本条哈希", max_length=64, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "安全审计日志"
        ordering = ["-id"]
        indexes = [models.Index(fields=["action", "at"], name="audit_action_at")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.username or '匿名'} · {self.at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditIsAppendOnly
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditIsAppendOnly


class AuditHead(models.Model):
    """One row, locked while entries are sealed: the chain's last entry (so that entries cut off its
    end are found too) and, after a purge of entries older than the retention period, where the
    chain now starts."""

    last_seq = models.BigIntegerField("最后一条序号", default=0)
    last_hash = models.CharField("最后一条哈希", max_length=64, default=GENESIS)
    anchor_seq = models.BigIntegerField(
        "链起点序号", default=0
    )  # the first entry kept is number anchor_seq + 1
    anchor_hash = models.CharField("链起点哈希", max_length=64, default=GENESIS)

    class Meta:
        verbose_name = verbose_name_plural = "审计日志链头"

    def __str__(self) -> str:
        return f"审计日志链头（第{self.last_seq}条）"


class PasswordState(models.Model):
    """When an account's password was last set: a password older than
    ``FAZHI_PASSWORD_MAX_AGE_DAYS`` must be changed before the account is used again. An account
    given an initial password by someone else (``must_change``: the onboarding of a region) must
    change it at its first sign-in; setting a password clears it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="+"
    )
    changed_at = models.DateTimeField("密码设置时间")
    must_change = models.BooleanField("首次登录须修改初始密码", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "密码设置时间"

    def __str__(self) -> str:
        return f"{self.user_id} {self.changed_at:%Y-%m-%d}"
