"""Spreadsheet exports of citizens' data: Wagtail's machinery, made safe for CSV.

Wagtail's XLSX export already turns anything that looks like a formula into text; its CSV export
writes values as they are, so a comment starting with ``=``, ``+``, ``-`` or ``@`` would run as a
formula when the drafting unit opens the file in Excel (OWASP "CSV injection"). Such values get a
leading apostrophe here. The CSV also starts with a byte-order mark, without which Excel reads
UTF-8 Vietnamese as mojibake.
"""

from __future__ import annotations

from wagtail.snippets.views.snippets import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: object) -> object:
    """``'=HYPERLINK(…)`` for a string a spreadsheet would evaluate; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvMixin:
    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: defuse(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)


class SafeExportIndexView(SafeCsvMixin, IndexView):
    """The snippet listing whose CSV export is formula-safe."""
