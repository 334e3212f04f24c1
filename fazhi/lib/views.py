from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    """A refused form in Chinese, saying what to do (the reason stays in the log)."""
    return render(request, "403_csrf.html", status=403)
