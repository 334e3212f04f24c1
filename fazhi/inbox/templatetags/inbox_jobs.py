"""``{% job_progress "upload-batch" batch.pk %}``: the signed-in person's own job for that work, as
the polled fragment ``inbox/_job.html``; nothing when it is someone else's or there is none."""

from __future__ import annotations

from django import template

from ..jobs import jobs_for

register = template.Library()


@register.inclusion_tag("inbox/_job.html", takes_context=True)
def job_progress(context, kind: str, ident) -> dict:
    request = getattr(context, "request", None) or context.get("request")
    jobs = jobs_for(getattr(request, "user", None), [f"{kind}:{ident}"])
    return {"job": jobs[0] if jobs else None}
