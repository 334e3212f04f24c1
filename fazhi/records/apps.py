from django.apps import AppConfig


def _stamp(sender, instance, **kwargs) -> None:
    """Every save and delete of a ledger record, whoever makes it: the unit's figures are new."""
    from .models.stamp import touch

    touch(instance.unit_id)


class RecordsConfig(AppConfig):
    name = "fazhi.records"
    verbose_name = "台账"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .kinds import KINDS

        for kind in KINDS.values():
            post_save.connect(_stamp, sender=kind.model, dispatch_uid=f"ledger-stamp-save-{kind.slug}")
            post_delete.connect(_stamp, sender=kind.model, dispatch_uid=f"ledger-stamp-delete-{kind.slug}")
