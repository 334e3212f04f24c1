"""The administrator's pages for bringing a region in (``onboarding``) and for its accounts.

Parse → access → act → render: every page asks the door for ``Need.ADMINISTER`` (a clerk, a head
or a supervisor gets 403), and the actions ask again. The import's result is rendered in the
answer to the upload itself, never stored: the initial passwords are shown this once.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.lib.downloads import download_response
from fazhi.lib.errors import FazhiError
from fazhi.lib.uploads import check_spreadsheet
from fazhi.lib.workbooks import ImportRejected

from . import onboarding
from .access import Need, check_access
from .models import Region
from .queries import access_region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OnboardingForm(forms.Form):
    file = forms.FileField(label="填好的模板（.xlsx）")


def _administered_region(request, region_id: int) -> Region:
    check_access(request.user, None, Need.ADMINISTER)
    return access_region(request.user, region_id)


@login_required
def onboarding_index(request):
    check_access(request.user, None, Need.ADMINISTER)
    regions = Region.objects.select_related("parent").order_by("id")
    return render(request, "orgs/onboarding_index.html", {"regions": regions})


@login_required
def onboarding_template(request):
    check_access(request.user, None, Need.ADMINISTER)
    return download_response(
        onboarding.template_bytes(), content_type=XLSX, filename="单位和账号导入模板.xlsx"
    )


@login_required
def onboard_region(request, region_id: int):
    region = _administered_region(request, region_id)
    form = OnboardingForm(request.POST or None, request.FILES or None)
    errors: list = []
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_spreadsheet(upload)
            sheets = onboarding.read_workbook(upload)
            result = onboarding.do_onboard_region(region=region, sheets=sheets, acting_user=request.user)
        except ImportRejected as exc:
            form.add_error(None, exc.message)
            errors = exc.errors
        except FazhiError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "orgs/onboarding.html",
        {"region": region, "form": form, "errors": errors, "result": result},
    )


@login_required
def region_accounts(request, region_id: int):
    region = _administered_region(request, region_id)
    accounts = onboarding.accounts_of_region(region)
    return render(request, "orgs/accounts.html", {"region": region, "accounts": accounts})


@login_required
@require_POST
def set_account_active(request, region_id: int, user_id: int):
    region = _administered_region(request, region_id)
    account = onboarding.accounts_of_region(region).filter(pk=user_id).first()
    if account is None:
        raise Http404("该区域没有这个账号。")
    active = request.POST.get("active") == "1"
    onboarding.do_set_account_active(account, active=active, acting_user=request.user)
    name = account.get_full_name() or account.get_username()
    if active:
        messages.success(request, f"已启用账号“{name}”（{account.get_username()}）。")
    else:
        messages.success(
            request, f"已停用账号“{name}”（{account.get_username()}）：不能再登录，其填报记录和变更历史保留。"
        )
    return redirect("orgs:region-accounts", region_id=region.pk)
