"""Reads a workbook with openpyxl, an independent reader, and prints every sheet as JSON: for each cell its
value and openpyxl's data type ('n' number, 's' string, 'b' boolean), plus each column's number format."""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1], read_only=False, data_only=True)
out = {}
for ws in book.worksheets:
    rows = []
    for row in ws.iter_rows():
        rows.append([[c.value, c.data_type, c.number_format] for c in row])
    out[ws.title] = rows
# Dates as ISO text: JSON has no date.
json.dump(out, sys.stdout, ensure_ascii=False, default=str)
