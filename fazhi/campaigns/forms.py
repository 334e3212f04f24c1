from __future__ import annotations

from django import forms

from fazhi.lib.years import recent_years
from fazhi.orgs.models import Region
from fazhi.reports import genres


class OpenCampaignForm(forms.Form):
    genre = forms.ChoiceField(label="报告类别", choices=genres.CHOICES, initial="law", required=False)
    region = forms.ModelChoiceField(label="区域", queryset=Region.objects.none(), empty_label=None)
    year = forms.TypedChoiceField(label="报告年度", coerce=int)
    submit_due = forms.DateField(
        label="报送截止日期",
        required=False,
        help_text="留空即法定期限（法治政府建设年度报告：次年3月1日前；政府信息公开年报：次年1月31日）；可定得更早，不能更晚。",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    draft_due = forms.DateField(
        label="初稿截止日期",
        required=False,
        help_text="可选：本办要求的初稿时间。",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, regions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(pk__in=[r.pk for r in regions])
        years = recent_years(6)
        self.fields["year"].choices = [(y, f"{y}年度") for y in years]
        self.fields["year"].initial = years[1]  # last year's report is the one due
