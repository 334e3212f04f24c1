"""django-rules permissions for templates, one per need, answered by the door in ``access``.

``{% has_perm "orgs.write_unit" user unit as can_write %}`` in a template asks the
same scope as the actions; nothing else decides.
"""

import rules

from .access import UNIT_FREE, Need, allows


def _holds(need: Need):
    @rules.predicate(name=f"holds_{need}")
    def predicate(user, unit) -> bool:
        return unit is not None and allows(user, unit.pk, need)

    return predicate


for _need in Need:
    if _need not in UNIT_FREE:
        rules.add_perm(f"orgs.{_need}_unit", _holds(_need))
