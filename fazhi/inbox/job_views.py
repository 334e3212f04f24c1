"""The progress of one's own background job (``jobs.py``): the fragment a page polls with htmx
(``hx-trigger="every 2s"``, no script of our own under the CSP) until the job is done."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .jobs import access_job


@login_required
def job_fragment(request, job_id: int):
    """``inbox/_job.html`` for the user's own job; another person's is a 404."""
    return render(request, "inbox/_job.html", {"job": access_job(request.user, job_id)})
