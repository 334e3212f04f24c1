"""What is logged without anyone calling ``audit.record``: sign-ins and failures, sign-outs,
lockouts (django-axes), accounts and their permissions, roles, the admin's own log, and every
history row (django-simple-history). Rows loaded from a fixture or a backup (``raw``) are not
events."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from fazhi.orgs.models import Role

from . import audit, passwords
from .models import AuditEntry

Action = AuditEntry.Action
User = get_user_model()
WATCHED = ("password", "is_active", "is_staff", "is_superuser", "username")


@receiver(user_logged_in, dispatch_uid="fazhi-audit-login")
def _logged_in(sender, request, user, **kwargs) -> None:
    audit.record(Action.LOGIN, user=user, request=request)
    passwords.check_at_login(request, user)


@receiver(user_logged_out, dispatch_uid="fazhi-audit-logout")
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(Action.LOGOUT, user=user, request=request)


@receiver(user_login_failed, dispatch_uid="fazhi-audit-login-failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")
    audit.record(Action.LOGIN_FAILED, username=username, target=username, request=request)


@receiver(user_locked_out, dispatch_uid="fazhi-audit-lockout")
def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    audit.record(Action.LOCKOUT, username=str(username or ""), target=str(username or ""), request=request)


# --- accounts -----------------------------------------------------------------------------------


@receiver(pre_save, sender=User, dispatch_uid="fazhi-audit-user-before")
def _user_before(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    instance._fazhi_audit_changes = {}
    if raw or instance.pk is None or (update_fields is not None and not set(update_fields) & set(WATCHED)):
        return
    old = sender.objects.filter(pk=instance.pk).values(*WATCHED).first()
    if old is None:
        return
    changes = {f: (old[f], getattr(instance, f)) for f in WATCHED if old[f] != getattr(instance, f)}
    raw_password = getattr(instance, "_password", None)
    if "password" in changes and raw_password and check_password(raw_password, old["password"]):
        del changes["password"]  # the same password hashed anew (a hasher upgrade at sign-in)
    instance._fazhi_audit_changes = changes


@receiver(post_save, sender=User, dispatch_uid="fazhi-audit-user")
def _user_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:
        return
    flags = {f: getattr(instance, f) for f in ("is_active", "is_staff", "is_superuser")}
    if created:
        audit.record(Action.USER_CREATE, target=instance.get_username(), detail=flags)
        passwords.note_password_set(instance.pk)
        return
    changes = getattr(instance, "_fazhi_audit_changes", {})
    if "password" in changes:
        passwords.note_password_set(instance.pk)
        # The account's own change, a reset by an administrator, or a re-hash on sign-in.
        audit.record(Action.PASSWORD_CHANGE, target=instance.get_username(), detail={"user_id": instance.pk})
    shown = {f: list(v) for f, v in changes.items() if f != "password"}
    if shown:
        audit.record(
            Action.USER_CHANGE, target=instance.get_username(), detail={"user_id": instance.pk, **shown}
        )


@receiver(post_delete, sender=User, dispatch_uid="fazhi-audit-user-deleted")
def _user_deleted(sender, instance, **kwargs) -> None:
    audit.record(Action.USER_DELETE, target=instance.get_username(), detail={"user_id": instance.pk})


def _permissions_changed(sender, instance, action, pk_set, model, reverse, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    name = getattr(instance, "get_username", None)
    target = name() if name else str(instance)
    audit.record(
        Action.USER_CHANGE,
        target=target,
        detail={
            "what": f"{type(instance)._meta.label_lower}.{sender._meta.model_name}",
            "change": action.removeprefix("post_"),
            "of": model._meta.label_lower,
            "ids": sorted(pk_set or []),
        },
    )


for _through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
    m2m_changed.connect(
        _permissions_changed, sender=_through, dispatch_uid=f"fazhi-audit-{_through.__name__}"
    )


# --- roles --------------------------------------------------------------------------------------


def _role_target(role: Role) -> str:
    try:
        user = User.objects.filter(pk=role.user_id).values_list("username", flat=True).first() or "?"
        scope = role.unit or role.region or "全局"
    except Exception:  # noqa: BLE001 - a role deleted along with its unit
        user, scope = str(role.user_id), "?"
    return f"{user} · {role.get_kind_display()} · {scope}"


def _role_detail(role: Role) -> dict:
    return {
        "role_id": role.pk,
        "user_id": role.user_id,
        "kind": role.kind,
        "unit_id": role.unit_id,
        "region_id": role.region_id,
    }


@receiver(post_save, sender=Role, dispatch_uid="fazhi-audit-role")
def _role_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if not raw:
        action = Action.ROLE_GRANT if created else Action.ROLE_CHANGE
        audit.record(action, target=_role_target(instance), detail=_role_detail(instance))


@receiver(post_delete, sender=Role, dispatch_uid="fazhi-audit-role-deleted")
def _role_deleted(sender, instance, **kwargs) -> None:
    audit.record(Action.ROLE_REVOKE, target=_role_target(instance), detail=_role_detail(instance))


# --- the admin's log and the change history -----------------------------------------------------


@receiver(post_save, sender=LogEntry, dispatch_uid="fazhi-audit-admin")
def _admin_logged(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        audit.record(
            Action.ADMIN,
            target=f"{instance.content_type.name if instance.content_type_id else ''}：{instance.object_repr}"[
                :300
            ],
            detail={
                "flag": instance.get_action_flag_display(),
                "content_type": instance.content_type_id,
                "object_id": instance.object_id,
                "message": instance.get_change_message(),
            },
        )


@receiver(post_create_historical_record, dispatch_uid="fazhi-audit-history")
def _history_written(sender, instance, history_instance, using=None, **kwargs) -> None:
    audit.history_written(history_instance, instance, using or "default")
