"""``fazhi backup DIR`` and ``fazhi restore DIR`` (docs/deploy.md#backup).

A backup is a folder: ``data/<app>.<model>.jsonl`` (every row of every table, history and the
audit log included, one JSON object a line, as Django's serializers read and write them but with
datetimes to the microsecond), ``media/`` (the uploaded and generated files), and
``manifest.json`` (the migrations the data belongs to, each table's row count, each file's
SHA-256). It is database-neutral: a backup of SQLite restores onto PostgreSQL and back.

The rows are read in one transaction (a consistent snapshot: REPEATABLE READ on PostgreSQL).
Sign-in sessions are left out: a copy of them would let whoever holds the backup act as the
people signed in.

``restore`` needs a migrated database with no data (only what ``migrate`` itself adds) and an
empty media folder; it checks every file against the manifest before it writes anything, loads
everything in one transaction, and checks the row counts again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from fazhi.lib.errors import FazhiError
from fazhi.security import audit
from fazhi.security.models import AuditEntry

FORMAT = "fazhi-backup/1"
LEFT_OUT = {"sessions.session"}
# Rows ``migrate`` writes by itself (post_migrate): replaced by the backup's own, ids and all.
MADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
BATCH = 2000
CHUNK = 1024 * 1024


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder keeps milliseconds only; a restored row must be the row that was saved."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def copied_models() -> list[type[models.Model]]:
    """Every table Django manages, in a stable order (many-to-many tables go with their model)."""
    found = [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in LEFT_OUT
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def row_counts(using: str = "default") -> dict[str, int]:
    """Rows per table: every model's, and the many-to-many tables' (``app.model.field``)."""
    counts = {}
    for model in copied_models():
        counts[model._meta.label_lower] = model._base_manager.using(using).count()
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                counts[f"{model._meta.label_lower}.{field.name}"] = through._base_manager.using(using).count()
    return counts


def applied_migrations(using: str = "default") -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _rows(model: type[models.Model], using: str) -> Iterator[dict]:
    queryset = model._base_manager.using(using).order_by("pk")
    last = None
    while True:
        chunk = list((queryset.filter(pk__gt=last) if last is not None else queryset)[:BATCH])
        if not chunk:
            return
        yield from serializers.serialize("python", chunk)
        last = chunk[-1].pk


def dump_tables(folder: Path, using: str = "default") -> tuple[dict[str, int], audit.Verified]:
    """Every table into ``folder/<label>.jsonl``, read in one snapshot; each table's row count and
    the audit chain as that snapshot holds them (what the manifest records)."""
    folder.mkdir(parents=True, exist_ok=True)
    with _snapshot(connections[using]):
        for model in copied_models():
            with (folder / f"{model._meta.label_lower}.jsonl").open("w", encoding="utf-8") as out:
                for row in _rows(model, using):
                    out.write(json.dumps(row, cls=ExactEncoder, ensure_ascii=False, sort_keys=True))
                    out.write("\n")
        return row_counts(using), audit.verify(using, check_history=False)


@contextmanager
def _snapshot(connection) -> Iterator[None]:
    """One consistent read of every table that holds no writer back: REPEATABLE READ on PostgreSQL;
    on SQLite a deferred read transaction (WAL: the writers go on), not Django's IMMEDIATE one."""
    if connection.in_atomic_block:  # read in the transaction already open (the tests)
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
    else:
        with transaction.atomic(using=connection.alias):
            yield


def _media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def backup(target: Path, *, using: str = "default", acting: str = "") -> dict:
    """Write a backup of the database and the media folder into ``target`` (new or empty)."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise FazhiError(f"备份目录“{target}”不是空的，请指定一个新目录。", "backup-not-empty")
    audit.record(AuditEntry.Action.BACKUP, target=str(target), detail={"by": acting}, using=using)
    data = target / "data"
    audit.seal(using)
    counts, chain = dump_tables(data, using)
    media_root = Path(settings.MEDIA_ROOT)
    files: dict[str, str] = {}
    for path in sorted(data.iterdir()):
        files[f"data/{path.name}"] = sha256_of(path)
    for path in _media_files(media_root):
        relative = path.relative_to(media_root).as_posix()
        copy = target / "media" / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        files[f"media/{relative}"] = sha256_of(copy)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": connections[using].vendor,
        "migrations": applied_migrations(using),
        "tables": counts,
        "files": files,
        "audit": {"entries": chain.count, "last_hash": chain.last_hash, "whole": chain.broken is None},
    }
    (target / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return manifest


# --- restore ------------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FazhiError(f"“{source}”不是本系统的备份：没有可读的 manifest.json。", "not-a-backup") from exc
    if manifest.get("format") != FORMAT:
        raise FazhiError(f"备份格式“{manifest.get('format')}”不是 {FORMAT}。", "not-a-backup")
    return manifest


def check_files(source: Path, manifest: dict) -> None:
    """Every file the manifest names is there with its SHA-256, and no other data file."""
    for name, digest in manifest["files"].items():
        path = source / name
        if not path.is_file():
            raise FazhiError(f"备份缺少文件：{name}。", "backup-incomplete")
        if sha256_of(path) != digest:
            raise FazhiError(f"备份文件已损坏或被修改（SHA-256 不符）：{name}。", "backup-corrupt")
    extra = {f"data/{p.name}" for p in (source / "data").glob("*.jsonl")} - set(manifest["files"])
    if extra:
        raise FazhiError(f"备份中有清单之外的数据文件：{'、'.join(sorted(extra))}。", "backup-corrupt")


def _check_empty(using: str, media_root: Path) -> None:
    busy = {label: n for label, n in row_counts(using).items() if n and not _made_by_migrate(label)}
    if busy:
        shown = "、".join(f"{label}（{n}行）" for label, n in sorted(busy.items())[:5])
        raise FazhiError(
            f"目标数据库不是空的：{shown}。请在新建并迁移（migrate）过的空数据库上恢复。", "restore-not-empty"
        )
    if any(_media_files(media_root)):
        raise FazhiError(f"媒体目录“{media_root}”中已有文件，请先清空或换一个目录。", "restore-not-empty")


def _made_by_migrate(label: str) -> bool:
    return ".".join(label.split(".")[:2]) in MADE_BY_MIGRATE


def _lines(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert_raw(model: type[models.Model], rows: list[models.Model], using: str) -> None:
    """INSERT the rows as they are, as ``loaddata`` does (``raw``): no ``auto_now`` stamps,
    no ``save()`` of the model's own, no signals — but many rows a statement."""
    fields = list(model._meta.local_concrete_fields)
    size = max(connections[using].ops.bulk_batch_size(fields, rows) or len(rows), 1)
    for start in range(0, len(rows), size):
        model._base_manager.using(using)._insert(
            rows[start : start + size], fields=fields, raw=True, using=using
        )


def _load(model: type[models.Model], path: Path, using: str) -> None:
    for batch in _batches(_lines(path), BATCH):
        objects = list(serializers.deserialize("python", batch, using=using))
        _insert_raw(model, [o.object for o in objects], using)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            links = [
                through(**{f"{source}_id": o.object.pk, f"{target}_id": pk})
                for o in objects
                for pk in (o.m2m_data or {}).get(field.name, [])
            ]
            through._base_manager.using(using).bulk_create(links)


def restore(source: Path, *, using: str = "default") -> dict[str, int]:
    """Load the backup in ``source`` into the (empty, migrated) database and media folder."""
    source = Path(source)
    manifest = read_manifest(source)
    check_files(source, manifest)
    here = applied_migrations(using)
    if here != manifest["migrations"]:
        missing = sorted(
            f"{app}.{name}"
            for app in set(here) | set(manifest["migrations"])
            for name in set(manifest["migrations"].get(app, [])) ^ set(here.get(app, []))
        )
        raise FazhiError(
            f"目标数据库的迁移与备份不一致（{'、'.join(missing[:5])}…）：请用与备份时相同版本的程序，"
            "并先运行 manage.py migrate。",
            "restore-migrations",
        )
    media_root = Path(settings.MEDIA_ROOT)
    _check_empty(using, media_root)
    by_label = {m._meta.label_lower: m for m in copied_models()}
    unknown = {p.stem for p in (source / "data").glob("*.jsonl")} - set(by_label)
    if unknown:
        raise FazhiError(f"备份中有本程序没有的表：{'、'.join(sorted(unknown))}。", "restore-unknown-table")
    connection = connections[using]
    with transaction.atomic(using=using), connection.constraint_checks_disabled():
        connection.check_constraints()  # PostgreSQL truncates no table with checks still pending
        # Empty what migrate wrote (content types, permissions): the backup's rows replace them, ids and all.
        call_command("flush", database=using, interactive=False, inhibit_post_migrate=True, verbosity=0)
        for label, model in by_label.items():
            path = source / "data" / f"{label}.jsonl"
            if path.exists():
                _load(model, path, using)
        connection.check_constraints()
        every = apps.get_models(include_auto_created=True)
        statements = connection.ops.sequence_reset_sql(no_style(), every)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    ContentType.objects.clear_cache()  # the ids are the backup's now
    for name in manifest["files"]:
        if name.startswith("media/"):
            copy = media_root / name.removeprefix("media/")
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, copy)
    counts = row_counts(using)
    if counts != manifest["tables"]:
        wrong = sorted(
            k for k in set(counts) | set(manifest["tables"]) if counts.get(k) != manifest["tables"].get(k)
        )
        raise FazhiError(f"恢复后的行数与备份清单不符：{'、'.join(wrong)}。", "restore-mismatch")
    return counts
