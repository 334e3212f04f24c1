"""Writing, sealing, verifying and purging the audit log (docs/deploy.md#audit).

``record`` writes an entry in the current transaction: work rolled back leaves no entry. Right
after the commit, ``seal`` numbers the entries not yet sealed and chains each to the one before
by SHA-256, in a short transaction of its own that locks only the chain's head row: two processes
never fork the chain, and the work's own transaction never waits on it. An entry a process did
not live to seal is sealed by the next one.

Every history row django-simple-history writes (every change of a ledger, a report, a role …)
is an entry too; sealing adds the SHA-256 of that history row as stored, so a history row edited
afterwards is found by ``verify`` as well.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connections, transaction
from django.http import HttpRequest
from django.utils import timezone

from fazhi.lib.errors import FazhiError

from .models import AuditEntry, AuditHead

log = logging.getLogger(__name__)
Action = AuditEntry.Action
LOCAL = "本机"  # the address of what the operator runs on the server (commands, jobs)
SYSTEM_NAME = "系统"
MIN_RETENTION_DAYS = 180  # 等保2.0: security audit records kept at least six months
SEAL_BATCH = 2000

_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "fazhi_audit_request", default=None
)


# --- who and from where -------------------------------------------------------------------------


def client_address(request: HttpRequest | None) -> str:
    """The client's address: ``X-Real-IP`` when the request came through a proxy we run (nginx,
    ``FAZHI_PROXY_ADDRESSES``), else the connection's own. Also fit for
    ``AXES_CLIENT_IP_CALLABLE``, so that lockouts see the same address."""
    if request is None:
        return LOCAL
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if remote in getattr(settings, "FAZHI_PROXY_ADDRESSES", ()):
        real = (request.META.get("HTTP_X_REAL_IP") or "").strip()
        if real:
            return real[:64]
    return remote


def current_request() -> HttpRequest | None:
    return _request.get()


def bind_request(request: HttpRequest | None) -> contextvars.Token:
    return _request.set(request)


def unbind_request(token: contextvars.Token) -> None:
    _request.reset(token)


def _person(user) -> tuple[int | None, str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    if getattr(user, "pk", None) is None:  # the SYSTEM actor of commands and jobs
        return None, SYSTEM_NAME
    return user.pk, user.get_username()


def _current_user():
    request = current_request()
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and getattr(user, "is_authenticated", False) else None


# --- writing ------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """JSON as the database gives it back (a date as text), so the hash is the same after reading."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def record(
    action: str,
    *,
    user=None,
    username: str = "",
    target: str = "",
    detail: dict | None = None,
    request: HttpRequest | None = None,
    at: dt.datetime | None = None,
    using: str = "default",
) -> AuditEntry:
    """Log one event in the current transaction; it is sealed into the chain once that commits.

    ``user`` defaults to the person of the request being served; ``username`` names someone who
    is not signed in (a failed sign-in); the address is the request's (``本机`` for commands)."""
    if request is None:
        request = current_request()
    if user is None:
        user = _current_user()
    user_id, name = _person(user)
    entry = AuditEntry.objects.using(using).create(
        at=at or timezone.now(),
        user_id=user_id,
        username=(name or username)[:150],
        address=client_address(request)[:64],
        action=str(action),
        target=target[:300],
        detail=_plain(detail or {}),
    )
    _seal_after_commit(using)
    return entry


def imported(what: str, *, user, summary: str = "", **detail) -> None:
    """An import (an Excel file into a ledger, a report file, a batch of report files): one line
    at the end of the importing action, in its transaction."""
    record(Action.IMPORT, user=user, target=what, detail={"summary": summary, **detail})


HISTORY_TYPES = {"+": "新增", "~": "修改", "-": "删除"}


def history_written(history_instance, instance, using: str = "default") -> None:
    """A history row was written (post_create_historical_record): an entry naming it."""
    model = type(history_instance)
    user = getattr(history_instance, "history_user", None)
    kind = history_instance.history_type
    record(
        Action.DATA,
        user=user if user is not None else _SystemName(),
        at=history_instance.history_date,
        target=f"{instance._meta.verbose_name}#{instance.pk}（{HISTORY_TYPES.get(kind, kind)}）",
        detail={"history": model._meta.label_lower, "history_id": history_instance.pk, "type": kind},
        using=using,
    )


class _SystemName:
    """No person: a command or a job."""

    is_authenticated = True
    pk = None


# --- sealing ------------------------------------------------------------------------------------


def _instant(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


FIELDS = ("seq", "at", "user_id", "username", "address", "action", "target", "detail")


def entry_hash(prev_hash: str, *, seq, at, user_id, username, address, action, target, detail) -> str:
    """SHA-256 of the previous entry's hash and every field of this one, in a canonical JSON."""
    canonical = json.dumps(
        [prev_hash, seq, _instant(at), user_id, username, address, action, target, detail],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _hash_of(entry: AuditEntry) -> str:
    return entry_hash(entry.prev_hash, **{f: getattr(entry, f) for f in FIELDS})


def _seal_after_commit(using: str) -> None:
    """``seal`` once the current transaction commits (at once outside one); once a transaction."""
    conn = connections[using]
    if conn.in_atomic_block:
        try:  # a seal already waiting for this transaction's commit (not one of a rolled-back savepoint)
            if any(getattr(item[1], "fazhi_seal", False) for item in conn.run_on_commit):
                return
        except (AttributeError, IndexError, TypeError):
            pass

    def after_commit() -> None:
        seal(using)

    after_commit.fazhi_seal = True  # type: ignore[attr-defined]
    transaction.on_commit(after_commit, using=using, robust=True)


def _locked_head(using: str) -> AuditHead:
    head = AuditHead.objects.using(using).select_for_update().filter(pk=1).first()
    if head is None:
        try:
            with transaction.atomic(using=using):
                AuditHead.objects.using(using).create(pk=1)
        except IntegrityError:  # another process made it first
            pass
        head = AuditHead.objects.using(using).select_for_update().get(pk=1)
    return head


def seal(using: str = "default") -> int:
    """Number and chain every committed entry not sealed yet, oldest first. Returns how many."""
    sealed = 0
    while True:
        with transaction.atomic(using=using):
            head = _locked_head(using)
            rows = list(AuditEntry.objects.using(using).filter(seq__isnull=True).order_by("pk")[:SEAL_BATCH])
            if not rows:
                return sealed
            digests = _history_digests(rows, using)
            prev, seq = head.last_hash, head.last_seq
            for entry in rows:
                if entry.action == Action.DATA and "history_id" in entry.detail:
                    key = (entry.detail.get("history"), entry.detail["history_id"])
                    fields, digest = digests.get(key, ("", None))
                    entry.detail = {**entry.detail, "fields": fields, "digest": digest}
                seq += 1
                entry.seq, entry.prev_hash = seq, prev
                entry.hash = prev = _hash_of(entry)
            _write_seals(rows, using)
            AuditHead.objects.using(using).filter(pk=1).update(last_seq=seq, last_hash=prev)
            sealed += len(rows)


def _write_seals(rows: list[AuditEntry], using: str) -> None:
    """One UPDATE a row, sent as one batch, and only to rows not sealed yet: the only change an
    entry ever sees (Django's ``bulk_update`` builds a CASE per row and field: 1.7 s for 1,000)."""
    conn = connections[using]
    q = conn.ops.quote_name
    detail = AuditEntry._meta.get_field("detail")
    sql = (
        f"UPDATE {q(AuditEntry._meta.db_table)} SET {q('seq')} = %s, {q('detail')} = %s, "  # noqa: S608
        f"{q('prev_hash')} = %s, {q('hash')} = %s WHERE {q('id')} = %s AND {q('seq')} IS NULL"
    )
    params = [(e.seq, detail.get_db_prep_save(e.detail, conn), e.prev_hash, e.hash, e.pk) for e in rows]
    with conn.cursor() as cursor:
        cursor.executemany(sql, params)


# Left out of a history row's digest: set to NULL by the database when the account is deleted
# (the entry itself keeps who it was).
UNSTABLE = {"history_user_id"}


def digested_fields(model) -> list[str]:
    """The history table's columns a digest covers, named in its entry: a column a later migration
    adds is not in the digests sealed before it."""
    return sorted(f.attname for f in model._meta.concrete_fields if f.attname not in UNSTABLE)


def _history_digests(rows: list[AuditEntry], using: str) -> dict[tuple[str, Any], tuple[str, str]]:
    ids: dict[str, list] = defaultdict(list)
    for entry in rows:
        if entry.action == Action.DATA and "history_id" in entry.detail:
            ids[entry.detail["history"]].append(entry.detail["history_id"])
    digests = {}
    for label, pks in ids.items():
        model = apps.get_model(label)
        fields = digested_fields(model)
        pk_name = model._meta.pk.attname
        for values in model.objects.using(using).filter(pk__in=pks).values(*fields):
            digests[label, values[pk_name]] = (",".join(fields), history_digest(values))
    return digests


def history_digest(values: dict) -> str:
    """SHA-256 of a history row's stored values (as ``.values()`` reads them), canonically."""
    plain = {k: _canonical(v) for k, v in values.items() if k not in UNSTABLE}
    text = json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _instant(value) if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, float):
        return repr(value)
    return value


# --- verify -------------------------------------------------------------------------------------


@dataclass
class Broken:
    entry: AuditEntry | None
    reason: str

    def __str__(self) -> str:
        if self.entry is None:
            return self.reason
        e = self.entry
        when = timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S")
        return f"第{e.seq}条（编号{e.pk}，{when}，{e.get_action_display()}，{e.username or '匿名'}）：{self.reason}"


@dataclass
class Verified:
    count: int  # sealed entries walked
    last_hash: str
    broken: Broken | None
    unsealed: int = 0
    uncheckable: int = 0  # history rows whose digested columns a later migration dropped


def _sealed(using: str, batch: int = 2000) -> Iterator[AuditEntry]:
    last = None
    entries = AuditEntry.objects.using(using).filter(seq__isnull=False).order_by("seq")
    while True:
        chunk = list((entries.filter(seq__gt=last) if last is not None else entries)[:batch])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].seq


def verify(using: str = "default", *, check_history: bool = True) -> Verified:
    """Walk the chain from its anchor: each entry must follow the one before (number and hash) and
    hash to what it says; the last must be the head's; a data entry's history row must still hash
    to the digest sealed with it. Names the first broken entry."""
    head = AuditHead.objects.using(using).filter(pk=1).first() or AuditHead(pk=1)
    prev, seq, count, last = head.anchor_hash, head.anchor_seq, 0, None
    to_check: dict[str, dict[Any, AuditEntry]] = defaultdict(dict)
    for entry in _sealed(using):
        if entry.prev_hash != prev or entry.seq != seq + 1:
            reason = (
                "与上一条不衔接：其前面的条目被删除或修改过" if count else "链的起点不对：最早的条目被删除过"
            )
            return Verified(count, prev, Broken(entry, reason))
        if _hash_of(entry) != entry.hash:
            return Verified(count, prev, Broken(entry, "内容与哈希不符：本条被修改过"))
        if check_history and entry.action == Action.DATA and "history_id" in entry.detail:
            to_check[entry.detail.get("history", "")][entry.detail["history_id"]] = entry
        prev, seq, count, last = entry.hash, entry.seq, count + 1, entry
    unsealed = AuditEntry.objects.using(using).filter(seq__isnull=True).count()
    if head.last_hash != prev or head.last_seq != seq:
        reason = f"链头记录的最后一条是第{head.last_seq}条：其后的条目被删除或修改过"
        return Verified(count, prev, Broken(last, reason), unsealed)
    broken, uncheckable = _check_history(to_check, using) if check_history else (None, 0)
    return Verified(count, prev, broken, unsealed, uncheckable)


def _check_history(to_check: dict[str, dict[Any, AuditEntry]], using: str) -> tuple[Broken | None, int]:
    """Each history row a data entry names still hashes to the digest sealed with it, over the
    columns named there. A row whose columns a migration has since dropped is counted, not judged."""
    found: list[Broken] = []
    uncheckable = 0
    for label, wanted in to_check.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            uncheckable += len(wanted)
            continue
        columns = {f.attname for f in model._meta.concrete_fields}
        pk_name = model._meta.pk.attname
        by_fields: dict[str, list] = defaultdict(list)
        for pk, entry in wanted.items():
            by_fields[entry.detail.get("fields") or ""].append(pk)
        for fields_text, pks in by_fields.items():
            fields = fields_text.split(",") if fields_text else []
            if pk_name not in fields or not set(fields) <= columns:
                uncheckable += len(pks)
                continue
            seen = set()
            for values in model.objects.using(using).filter(pk__in=pks).values(*fields).iterator():
                pk = values[pk_name]
                seen.add(pk)
                if history_digest(values) != wanted[pk].detail.get("digest"):
                    found.append(Broken(wanted[pk], f"所记录的变更历史（{label} #{pk}）被修改过"))
            for pk in set(pks) - seen:
                found.append(Broken(wanted[pk], f"所记录的变更历史（{label} #{pk}）被删除了"))
    broken = min(found, key=lambda b: b.entry.seq if b.entry else 0) if found else None
    return broken, uncheckable


# --- retention ----------------------------------------------------------------------------------


def retention_days() -> int:
    return max(int(getattr(settings, "FAZHI_AUDIT_RETENTION_DAYS", MIN_RETENTION_DAYS)), MIN_RETENTION_DAYS)


def purge_audit_log(*, older_than_days: int, using: str = "default", now: dt.datetime | None = None) -> int:
    """Remove the oldest sealed entries, those older than ``older_than_days`` (never fewer than
    the retention period, at least 180 days), and re-anchor the chain on the first entry kept;
    the purge itself is logged. Refused while the chain does not verify. Returns how many."""
    keep = retention_days()
    if older_than_days < keep:
        raise FazhiError(
            f"审计日志至少保留{keep}天，不能清理{older_than_days}天以内的记录。"
            f" Audit entries are kept at least {keep} days.",
            "audit-retention",
        )
    seal(using)
    result = verify(using, check_history=False)
    if result.broken is not None:
        raise FazhiError(f"审计日志校验未通过，未清理：{result.broken}", "audit-broken")
    cutoff = (now or timezone.now()) - dt.timedelta(days=older_than_days)
    sealed = AuditEntry.objects.using(using).filter(seq__isnull=False)
    with transaction.atomic(using=using):
        _locked_head(using)
        # The oldest entries, up to the first one young enough (the chain's order is by time).
        first_kept = sealed.filter(at__gte=cutoff).order_by("seq").first()
        old = sealed.filter(seq__lt=first_kept.seq) if first_kept else sealed
        last_removed = old.order_by("-seq").first()
        if last_removed is None:
            return 0
        removed = old.count()
        conn = connections[using]
        table, column = conn.ops.quote_name(AuditEntry._meta.db_table), conn.ops.quote_name("seq")
        with conn.cursor() as cursor:  # the one place entries are ever deleted
            cursor.execute(f"DELETE FROM {table} WHERE {column} <= %s", [last_removed.seq])  # noqa: S608
        AuditHead.objects.using(using).filter(pk=1).update(
            anchor_seq=last_removed.seq, anchor_hash=last_removed.hash
        )
        record(
            Action.PURGE,
            target=f"{removed}条",
            detail={"removed": removed, "up_to_seq": last_removed.seq, "older_than_days": older_than_days},
            using=using,
        )
    seal(using)
    return removed
