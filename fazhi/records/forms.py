from __future__ import annotations

from functools import cache

from django import forms

from fazhi.lib.years import year_field

from .kinds import RecordKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


@cache
def record_form_class(kind: RecordKind) -> type[forms.ModelForm]:
    widgets = {}
    for name in kind.form_fields:
        field = kind.model._meta.get_field(name)
        if field.get_internal_type() == "DateField":
            widgets[name] = DateInput()
        elif field.get_internal_type() == "TextField":
            widgets[name] = forms.Textarea(attrs={"rows": 3})
    labels = {name: kind.field_label(name) for name in kind.form_fields}
    return forms.modelform_factory(kind.model, fields=kind.form_fields, widgets=widgets, labels=labels)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="佐证材料（PDF、Word、Excel、图片、OFD）")


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")


class RecordFilterForm(forms.Form):
    """A record list's query: year, search words, indicator, page."""

    year = year_field()
    q = forms.CharField(max_length=100, required=False)
    indicator = forms.CharField(max_length=60, required=False)
    page = forms.IntegerField(min_value=1, required=False)


def with_defaults(kind: RecordKind, data: dict) -> dict:
    """Form data for an API or script caller: fields left out take their model default."""
    defaults = {}
    for name in kind.form_fields:
        field = kind.model._meta.get_field(name)
        if field.has_default() and field.get_internal_type() != "BooleanField":
            defaults[name] = field.get_default()
    return defaults | data
