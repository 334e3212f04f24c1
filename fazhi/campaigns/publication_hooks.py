"""What the layers above campaigns do when a report is published (docs/architecture.md#extension-points).

``portal`` registers here, in its ``AppConfig.ready()``, the search index's update: every new
published version (a first publication or a correction) is indexed inside ``do_publish_report``'s
own transaction, so the index never shows a version that was rolled back, and a failing hook
rolls the publication back. Campaigns never imports the portal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .publication_models import Publication

AfterPublish = Callable[[Publication], Any]

_after_publish: list[AfterPublish] = []


def register(*, after_publish: AfterPublish) -> None:
    if after_publish not in _after_publish:
        _after_publish.append(after_publish)


def publication_published(publication: Publication) -> None:
    for hook in _after_publish:
        hook(publication)
