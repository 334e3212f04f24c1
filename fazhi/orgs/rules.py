"""django-rules predicates over units, backed by the scope in queries.py.

``user.has_perm("orgs.view_unit", unit)`` and ``("orgs.change_unit_records", unit)``
read the same scope as the views, so templates and the API agree with them.
"""

import rules

from .queries import can_read_unit, can_write_unit, is_head_of


@rules.predicate
def reads_unit(user, unit) -> bool:
    return unit is not None and can_read_unit(user, unit.pk)


@rules.predicate
def writes_unit(user, unit) -> bool:
    return unit is not None and can_write_unit(user, unit.pk)


@rules.predicate
def heads_unit(user, unit) -> bool:
    return unit is not None and is_head_of(user, unit.pk)


rules.add_perm("orgs.view_unit", reads_unit)
rules.add_perm("orgs.change_unit_records", writes_unit)
rules.add_perm("orgs.approve_unit_report", heads_unit)
