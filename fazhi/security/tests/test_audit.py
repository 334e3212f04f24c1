"""The security audit log: sign-ins, failures, lockouts, sign-outs, downloads, imports, role and
account changes and every history row end up in one chain; a row changed or deleted behind the
application's back is named by ``fazhi audit verify``; entries are never updated or deleted in code,
and only those past the retention period are purged.

An entry is written with the work and sealed into the chain when the work commits; a TestCase
never commits, so ``run_committed`` seals after the work as the commit would. Each test starts
from an empty log (the cast's own accounts and roles were logged as they were made)."""

from __future__ import annotations

import datetime as dt
import io
from contextlib import redirect_stderr, redirect_stdout

import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from fazhi.cli import main
from fazhi.lib.errors import FazhiError
from fazhi.orgs.models import Role
from fazhi.records.models import StudySession
from fazhi.security import audit
from fazhi.security.models import AuditEntry, AuditHead, AuditIsAppendOnly
from fazhi.testing import STUDY_HEADER, BaseTestCase, xlsx_bytes

Action = AuditEntry.Action
User = get_user_model()
PASSWORD = "Pw-for-tests-1"


def sql(statement: str, params: list) -> None:
    """Behind the application's back, as someone with the database's password would."""
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=table), params)


def actions(**filters) -> list[str]:
    return list(AuditEntry.objects.filter(**filters).order_by("pk").values_list("action", flat=True))


def empty_log() -> None:
    sql("DELETE FROM {table}", [])
    AuditHead.objects.all().delete()


class AuditTestCase(BaseTestCase):
    def setUp(self):
        empty_log()

    def run_committed(self, work):
        """Run ``work``, then seal what it logged, as its commit would."""
        result = work()
        audit.seal()
        return result


class SecurityEventsTest(AuditTestCase):
    def test_a_sign_in_a_failure_and_a_sign_out_are_logged_with_the_address(self):
        self.run_committed(
            lambda: self.client.post(
                "/login/", {"username": "zhang", "password": "wrong"}, REMOTE_ADDR="10.1.2.3"
            )
        )
        self.run_committed(
            lambda: self.client.post(
                "/login/", {"username": "zhang", "password": PASSWORD}, REMOTE_ADDR="10.1.2.4"
            )
        )
        self.run_committed(lambda: self.client.post("/logout/", REMOTE_ADDR="10.1.2.4"))
        rows = list(AuditEntry.objects.filter(action__in=["login", "login_failed", "logout"]).order_by("pk"))
        self.assertEqual(
            [(r.action, r.username, r.address) for r in rows],
            [
                ("login_failed", "zhang", "10.1.2.3"),
                ("login", "zhang", "10.1.2.4"),
                ("logout", "zhang", "10.1.2.4"),
            ],
        )
        self.assertEqual(rows[1].user_id, self.zhang.pk)
        self.assertIsNone(rows[0].user_id)  # who tried is what they typed, not an account

    def test_a_lockout_is_logged(self):
        for _ in range(6):
            self.run_committed(
                lambda: self.client.post(
                    "/login/", {"username": "wang", "password": "wrong"}, REMOTE_ADDR="10.9.9.9"
                )
            )
        self.assertIn(Action.LOCKOUT, actions(username="wang"))
        self.assertEqual(actions(username="wang").count(Action.LOGIN_FAILED), 6)

    def test_an_export_and_a_report_download_are_logged_with_the_file_name(self):
        self.make_study(self.unit_a)
        self.client.force_login(self.zhang)
        url = reverse("records:export-records", args=[self.unit_a.pk, "study"])
        response = self.run_committed(lambda: self.client.get(url, {"year": 2024}))
        self.assertEqual(response.status_code, 200)
        entry = AuditEntry.objects.get(action=Action.DOWNLOAD)
        self.assertEqual(entry.username, "zhang")
        self.assertEqual(entry.target, "甲局学法活动台账2024年.xlsx")
        self.assertEqual(entry.detail["view"], "records:export-records")
        self.assertEqual(entry.detail["query"], {"year": "2024"})
        self.assertEqual(entry.detail["bytes"], len(response.content))

    def test_a_refusal_is_logged(self):
        self.client.force_login(self.zhang)
        url = reverse("records:create-record", args=[self.unit_b.pk, "study"])
        response = self.run_committed(lambda: self.client.get(url))
        self.assertIn(response.status_code, (403, 404))
        self.client.force_login(self.han)  # reads unit B, may not write it
        response = self.run_committed(lambda: self.client.get(url))
        self.assertEqual(response.status_code, 403)
        entry = AuditEntry.objects.get(action=Action.REFUSED)
        self.assertEqual((entry.username, entry.target), ("han", url))

    def test_an_excel_import_is_logged_with_its_summary(self):
        workbook = xlsx_bytes(
            [
                STUDY_HEADER,
                ["2024-03-12", "学习行政复议法", "政府常务会议集体学法", "行政复议法", "", 24, "否", ""],
            ]
        )
        self.client.force_login(self.zhang)
        url = reverse("records:import-records", args=[self.unit_a.pk, "study"])
        response = self.run_committed(
            lambda: self.client.post(url, {"file": SimpleUploadedFile("学法.xlsx", workbook)})
        )
        self.assertEqual(response.status_code, 302)
        entry = AuditEntry.objects.get(action=Action.IMPORT)
        self.assertEqual((entry.username, entry.target), ("zhang", "甲局·学法活动台账"))
        self.assertIn("新增 1 条", entry.detail["summary"])
        # The record written is in the chain too, with its history row's digest.
        data = AuditEntry.objects.filter(action=Action.DATA, detail__history="records.historicalstudysession")
        self.assertEqual(data.count(), 1)
        self.assertEqual(data.get().username, "zhang")
        self.assertEqual(len(data.get().detail["digest"]), 64)

    def test_role_and_account_changes_are_logged(self):
        def change():
            role = Role.objects.create(user=self.nobody, kind=Role.Kind.CLERK, unit=self.unit_b)
            role.delete()
            self.nobody.is_superuser = True
            self.nobody.save()
            self.nobody.set_password("Another-pass-9")
            self.nobody.save()

        self.run_committed(change)
        self.assertEqual(
            actions(action__in=["role_grant", "role_revoke", "user_change", "password_change"]),
            ["role_grant", "role_revoke", "user_change", "password_change"],
        )
        grant = AuditEntry.objects.get(action=Action.ROLE_GRANT)
        self.assertEqual(grant.target, "nobody · 填报员 · 乙局")
        change_ = AuditEntry.objects.get(action=Action.USER_CHANGE)
        self.assertEqual(change_.detail["is_superuser"], [False, True])

    def test_work_rolled_back_leaves_no_entry(self):
        def refused():
            try:
                from django.db import transaction

                with transaction.atomic():
                    Role.objects.create(user=self.nobody, kind=Role.Kind.CLERK, unit=self.unit_b)
                    raise RuntimeError("rolled back")
            except RuntimeError:
                pass

        self.run_committed(refused)
        self.assertEqual(actions(action__in=["role_grant", "data"]), [])


class ChainTest(AuditTestCase):
    def setUp(self):
        super().setUp()

        def work():
            self.client.post("/login/", {"username": "zhang", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
            self.make_study(self.unit_a, title="第一次")
            study = self.make_study(self.unit_a, title="第二次")
            study.title = "第二次（改）"
            study.save()

        self.run_committed(work)
        self.entries = list(AuditEntry.objects.order_by("seq"))

    def verify_cli(self) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["audit", "verify"])
        return code, out.getvalue(), err.getvalue()

    def test_the_chain_verifies(self):
        self.assertGreaterEqual(len(self.entries), 4)
        result = audit.verify()
        self.assertIsNone(result.broken)
        self.assertEqual(result.count, len(self.entries))
        code, out, _ = self.verify_cli()
        self.assertEqual(code, 0)
        self.assertIn(f"共{len(self.entries)}条", out)

    def test_an_entry_edited_in_the_database_is_named(self):
        second = self.entries[1]
        sql("UPDATE {table} SET username = %s WHERE id = %s", ["someone-else", second.pk])
        code, _, err = self.verify_cli()
        self.assertEqual(code, 2)
        self.assertIn(f"第{second.seq}条（编号{second.pk}", err)
        self.assertIn("被修改过", err)

    def test_an_entry_deleted_in_the_database_is_found_at_the_next_one(self):
        second, third = self.entries[1], self.entries[2]
        sql("DELETE FROM {table} WHERE id = %s", [second.pk])
        result = audit.verify()
        self.assertEqual(result.broken.entry.pk, third.pk)
        self.assertIn(f"第{third.seq}条", str(result.broken))
        self.assertIn("不衔接", str(result.broken))

    def test_the_last_entry_deleted_is_found_through_the_head(self):
        sql("DELETE FROM {table} WHERE id = %s", [self.entries[-1].pk])
        result = audit.verify()
        self.assertIsNotNone(result.broken)
        self.assertIn("其后的条目被删除或修改过", str(result.broken))

    def test_a_rehashed_forgery_is_still_caught_by_the_head(self):
        """Rewriting an entry and recomputing every later hash is caught by the head row, unless
        that too is rewritten: the head hash printed by verify and kept in each backup's manifest
        is what such a forger cannot reach."""
        last = self.entries[-1]
        fields = {f: getattr(last, f) for f in audit.FIELDS}
        fields["username"] = "forger"
        forged = audit.entry_hash(last.prev_hash, **fields)
        sql("UPDATE {table} SET username = %s, hash = %s WHERE id = %s", ["forger", forged, last.pk])
        self.assertIn("其后的条目被删除或修改过", str(audit.verify().broken))

    def test_a_history_row_edited_in_the_database_is_named_through_its_entry(self):
        history = StudySession.history.model
        row = history.objects.filter(title="第一次").get()
        history.objects.filter(pk=row.pk).update(title="从未学过")
        entry = AuditEntry.objects.get(
            detail__history="records.historicalstudysession", detail__history_id=row.pk
        )
        result = audit.verify()
        self.assertEqual(result.broken.entry.pk, entry.pk)
        self.assertIn("变更历史", str(result.broken))
        self.assertIsNone(audit.verify(check_history=False).broken)

    def test_a_column_a_later_migration_adds_does_not_break_the_digests_sealed_before(self):
        """The digest covers the columns named in the entry, not whatever the table has today."""
        from unittest import mock

        history = StudySession.history.model
        older_schema = [f for f in audit.digested_fields(history) if f != "title"]
        with mock.patch.object(audit, "digested_fields", return_value=older_schema):
            self.run_committed(lambda: self.make_study(self.unit_a, title="旧表结构"))
        entry = AuditEntry.objects.order_by("-seq").first()
        self.assertNotIn("title", entry.detail["fields"].split(","))
        history.objects.filter(pk=entry.detail["history_id"]).update(title="后加的列")  # not covered
        self.assertIsNone(audit.verify().broken)
        history.objects.filter(pk=entry.detail["history_id"]).update(attendees=999)  # covered
        self.assertEqual(audit.verify().broken.entry.pk, entry.pk)

    def test_the_log_refuses_updates_and_deletes_in_code(self):
        entry = self.entries[0]
        with self.assertRaises(AuditIsAppendOnly):
            entry.save()
        with self.assertRaises(AuditIsAppendOnly):
            entry.delete()
        with self.assertRaises(AuditIsAppendOnly):
            AuditEntry.objects.filter(pk=entry.pk).update(username="x")
        with self.assertRaises(AuditIsAppendOnly):
            AuditEntry.objects.all().delete()
        self.assertIsNone(audit.verify().broken)


class PurgeTest(AuditTestCase):
    def test_only_entries_past_the_retention_period_go_and_the_chain_is_re_anchored(self):
        start = timezone.now() - dt.timedelta(days=400)
        with time_machine.travel(start, tick=False):
            self.run_committed(lambda: self.make_study(self.unit_a, title="很久以前"))
        with time_machine.travel(start + dt.timedelta(days=300), tick=False):
            self.run_committed(lambda: self.make_study(self.unit_a, title="半年以内"))
        self.run_committed(lambda: self.make_study(self.unit_a, title="今天"))
        self.assertEqual(AuditEntry.objects.count(), 3)

        with self.assertRaises(FazhiError):  # younger than 180 days: never
            audit.purge_audit_log(older_than_days=30)
        removed = self.run_committed(lambda: audit.purge_audit_log(older_than_days=180))
        self.assertEqual(removed, 1)
        kept = list(AuditEntry.objects.order_by("seq").values_list("action", "target"))
        self.assertEqual([a for a, _ in kept], ["data", "data", "purge"])
        self.assertIsNone(audit.verify().broken)
        self.assertEqual(AuditHead.objects.get().anchor_seq, 1)
        self.assertNotEqual(AuditHead.objects.get().anchor_hash, "0" * 64)

    def test_the_retention_period_cannot_be_set_below_180_days(self):
        with override_settings(FAZHI_AUDIT_RETENTION_DAYS=30):
            self.assertEqual(audit.retention_days(), 180)
        with override_settings(FAZHI_AUDIT_RETENTION_DAYS=400):
            with self.assertRaises(FazhiError):
                audit.purge_audit_log(older_than_days=200)


class AdminPageTest(AuditTestCase):
    def test_the_admin_searches_and_filters_and_changes_nothing(self):
        self.run_committed(
            lambda: self.client.post(
                "/login/", {"username": "zhang", "password": "wrong"}, REMOTE_ADDR="10.3.3.3"
            )
        )
        self.admin.is_staff = self.admin.is_superuser = True
        self.admin.save()
        self.client.force_login(self.admin)
        url = reverse("admin:security_auditentry_changelist")
        page = self.client.get(url, {"q": "10.3.3.3", "action__exact": "login_failed"})
        self.assertContains(page, "安全审计日志")
        self.assertContains(page, "登录失败")
        self.assertContains(page, "10.3.3.3")
        entry = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
        detail = self.client.get(reverse("admin:security_auditentry_change", args=[entry.pk]))
        self.assertContains(detail, entry.hash)
        self.assertNotContains(detail, 'name="_save"')
        self.assertEqual(self.client.get(reverse("admin:security_auditentry_add")).status_code, 403)
        delete = self.client.post(
            reverse("admin:security_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        )
        self.assertEqual(delete.status_code, 403)
        self.assertTrue(AuditEntry.objects.filter(pk=entry.pk).exists())


class AddressTest(AuditTestCase):
    def test_the_address_behind_nginx_is_the_clients_and_only_nginx_is_believed(self):
        def sign_in(remote: str, real: str) -> str:
            self.client.logout()
            self.run_committed(
                lambda: self.client.post(
                    "/login/",
                    {"username": "zhang", "password": PASSWORD},
                    REMOTE_ADDR=remote,
                    HTTP_X_REAL_IP=real,
                )
            )
            return AuditEntry.objects.filter(action=Action.LOGIN).order_by("-seq").first().address

        with override_settings(FAZHI_PROXY_ADDRESSES=["127.0.0.1"]):
            self.assertEqual(sign_in("127.0.0.1", "10.8.8.8"), "10.8.8.8")
            self.assertEqual(sign_in("10.5.5.5", "1.2.3.4"), "10.5.5.5")  # not our proxy: header ignored
        self.assertEqual(sign_in("127.0.0.1", "10.8.8.8"), "127.0.0.1")  # no proxy configured
