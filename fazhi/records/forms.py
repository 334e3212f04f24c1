from __future__ import annotations

from functools import cache

from django import forms

from fazhi.lib.params import MAX_INT
from fazhi.lib.years import validate_ledger_date, year_field

from . import hooks
from .kinds import RecordKind

OWNED_HELP = "由办理流程步骤确定，请在记录详情页的“办理流程”中记录"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RecordForm(forms.ModelForm):
    """A ledger record's form. Editing a record, the fields its workflow steps own
    (``hooks.fields_owned_elsewhere``) are read-only: a posted value is ignored; ``revision`` is the
    record's revision the form was loaded at (``actions.do_update_record`` refuses a stale one).
    Every date is within the ledgers' years."""

    revision = forms.IntegerField(
        label="修订号", widget=forms.HiddenInput, min_value=1, max_value=MAX_INT, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["revision"]  # a new record has none yet
        else:
            self.fields["revision"].initial = self.instance.revision
            for name in hooks.fields_owned_elsewhere(self.instance) & self.fields.keys():
                self.fields[name].disabled = True
                self.fields[name].help_text = OWNED_HELP
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.validators.append(validate_ledger_date)

    def record_data(self) -> dict:
        """The record's fields, as the actions take them (the revision aside)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "revision"}


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
    return forms.modelform_factory(
        kind.model, form=RecordForm, fields=kind.form_fields, widgets=widgets, labels=labels
    )


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
