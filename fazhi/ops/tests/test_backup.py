"""``fazhi backup`` → an empty database → ``fazhi restore`` gives back the same platform: every
table's rows (history and the audit log included) byte for byte as the backup read them, every
media file with its SHA-256, and an audit chain that still verifies. Run on SQLite and, in
``make test``, on PostgreSQL. And ``fazhi audit verify`` on the demo: whole, then broken by a
row edited behind the application's back."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings

from fazhi.cli import main
from fazhi.demo.load import load_demo
from fazhi.lib.errors import FazhiError
from fazhi.ops import backup
from fazhi.security import audit
from fazhi.security.models import AuditEntry

TODAY = date(2026, 11, 24)
MEDIA = tempfile.mkdtemp(prefix="fazhi-backup-media-")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def files_under(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): backup.sha256_of(p) for p in sorted(root.rglob("*")) if p.is_file()
    }


@override_settings(MEDIA_ROOT=MEDIA)
class DemoBackupTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(today=TODAY)
        audit.seal()  # what the commit of the demo's loading would have done

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="fazhi-backup-"))
        self.addCleanup(shutil.rmtree, self.dir, True)

    def test_audit_verify_passes_on_the_demo(self):
        code, out, err = run("audit", "verify")
        self.assertEqual(code, 0, err)
        self.assertGreater(AuditEntry.objects.count(), 100)
        self.assertIn(f"共{AuditEntry.objects.count()}条", out)
        kinds = set(AuditEntry.objects.values_list("action", flat=True))
        self.assertLessEqual({"user_create", "role_grant", "data"}, kinds)

    def test_audit_verify_names_the_entry_edited_in_the_table(self):
        entry = AuditEntry.objects.filter(action="role_grant").order_by("seq")[3]
        table = connection.ops.quote_name(AuditEntry._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET target = %s WHERE id = %s", ["篡改后的角色", entry.pk])  # noqa: S608
        code, _, err = run("audit", "verify")
        self.assertEqual(code, 2)
        self.assertIn(f"第{entry.seq}条（编号{entry.pk}", err)
        self.assertIn("内容与哈希不符", err)

    def test_backup_then_restore_onto_an_empty_database_gives_back_the_same_rows_and_files(self):
        media = Path(MEDIA)
        self.assertTrue(files_under(media), "the demo keeps files (evidence, published reports)")
        code, out, err = run("backup", str(self.dir))
        self.assertEqual(code, 0, err)
        manifest = json.loads((self.dir / "manifest.json").read_text(encoding="utf-8"))
        counts = backup.row_counts()
        self.assertEqual(manifest["tables"], counts)
        self.assertGreater(counts["records.historicalstudysession"], 0)
        self.assertGreater(counts["security.auditentry"], 100)
        self.assertEqual(manifest["audit"]["whole"], True)
        self.assertEqual(
            {k: v for k, v in manifest["files"].items() if k.startswith("media/")},
            {f"media/{k}": v for k, v in files_under(media).items()},
        )

        # An empty database, as `migrate` leaves it; an empty media folder.
        connection.check_constraints()  # PostgreSQL truncates no table with checks still pending
        call_command("flush", interactive=False, verbosity=0)
        shutil.rmtree(media)
        media.mkdir()
        self.assertEqual(AuditEntry.objects.count(), 0)

        code, out, err = run("restore", str(self.dir))
        self.assertEqual(code, 0, err)
        self.assertIn("行数与清单一致", out)
        self.assertEqual(backup.row_counts(), manifest["tables"])
        again = self.dir / "again"
        backup.dump_tables(again)
        for name in sorted(p.name for p in (self.dir / "data").iterdir()):
            self.assertEqual(
                (again / name).read_bytes(), (self.dir / "data" / name).read_bytes(), f"{name} differs"
            )
        self.assertEqual(
            {f"media/{k}": v for k, v in files_under(media).items()},
            {k: v for k, v in manifest["files"].items() if k.startswith("media/")},
        )
        code, out, err = run("audit", "verify")
        self.assertEqual(code, 0, err)
        # The platform goes on: new entries chain onto the restored ones.
        audit.record(AuditEntry.Action.LOGIN, username="after-restore")
        audit.seal()
        self.assertIsNone(audit.verify().broken)

    def test_restore_refuses_a_database_that_has_data(self):
        backup.backup(self.dir)
        with self.assertRaisesMessage(FazhiError, "目标数据库不是空的"):
            backup.restore(self.dir)

    def test_restore_refuses_a_backup_whose_file_changed(self):
        backup.backup(self.dir)
        data = self.dir / "data" / "records.studysession.jsonl"
        data.write_text(data.read_text(encoding="utf-8").replace("学习", "学刁", 1), encoding="utf-8")
        with self.assertRaisesMessage(FazhiError, "SHA-256 不符"):
            backup.restore(self.dir)
        code, _, err = run("restore", str(self.dir))
        self.assertEqual(code, 2)
        self.assertIn("records.studysession.jsonl", err)

    def test_backup_refuses_a_folder_that_is_not_empty(self):
        (self.dir / "something").write_text("x")
        with self.assertRaisesMessage(FazhiError, "不是空的"):
            backup.backup(self.dir)

    def test_datetimes_keep_their_microseconds(self):
        entry = AuditEntry.objects.order_by("seq").first()
        backup.dump_tables(self.dir)
        line = json.loads(
            (self.dir / "security.auditentry.jsonl").read_text(encoding="utf-8").splitlines()[0]
        )
        self.assertEqual(line["fields"]["at"], entry.at.isoformat())
