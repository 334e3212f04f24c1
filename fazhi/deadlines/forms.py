from __future__ import annotations

from django import forms

from fazhi.lib.params import MAX_INT
from fazhi.records.forms import DateInput

from .models import WorkflowStep


class StepForm(forms.Form):
    """Every input a step may take; which ones a step needs is checked by ``actions.check_record_step``.
    ``revision`` names the steps the form was shown with (``actions.steps.steps_revision``): a step
    recorded by someone else since refuses this one."""

    code = forms.CharField(max_length=24, widget=forms.HiddenInput)
    revision = forms.IntegerField(
        label="修订号", widget=forms.HiddenInput, min_value=0, max_value=MAX_INT, required=False
    )
    date = forms.DateField(label="日期", widget=DateInput())
    result = forms.CharField(label="结果", max_length=16, required=False)
    reviewer = forms.ChoiceField(
        label="审查人员", choices=[("", "—"), *WorkflowStep.Reviewer.choices], required=False
    )
    court_level = forms.ChoiceField(
        label="审级", choices=[("", "—"), *WorkflowStep.Instance.choices], required=False
    )
    head_appeared = forms.NullBooleanField(
        label="负责人是否出庭/参加",
        required=False,
        widget=forms.Select(choices=[("", "—"), ("true", "是"), ("false", "否")]),
    )
    days = forms.IntegerField(label="天数", min_value=1, max_value=366, required=False)
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    dissent = forms.CharField(label="不同意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    file = forms.FileField(label="佐证材料", required=False)

    def step_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("code", "file", "revision"):
            data.pop(name)
        return data


class CalendarImportForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    notice = forms.CharField(label="依据（通知名称或文号）", max_length=200, required=False)
    text = forms.CharField(
        label="节假日安排",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 70}),
        help_text="每行一个日期或日期段：日期, 放假或上班, 名称。例如“2027-02-06 至 2027-02-12, 放假, 春节”。",
    )
    file = forms.FileField(label="或上传文本/CSV 文件", required=False)

    def schedule_text(self) -> str:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return self.cleaned_data.get("text") or ""
        raw = upload.read(64 * 1024)
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError("文件编码无法识别，请保存为 UTF-8 文本。")
