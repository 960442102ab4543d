#!/usr/bin/env python3
"""Opens eksport/soft.csv in LibreOffice Calc with a Danish locale, as a municipality's Excel user would
open it (separator ';', UTF-8, no column types chosen), saves it as xlsx and reads every cell back with
openpyxl. Every identifier column must come back exactly as soft.json has it: leading zeros, all 16
digits of a SOR code, the 13 of an EAN, and a phone number's '+45'.

  soft_roundtrip.py SITE            prints "roundtrip rows=N identifiers=M", exits non-zero on the first change
  soft_roundtrip.py SITE --bare     the same CSV with its identifiers written bare (0991 rather than ="0991"):
                                    prints what Calc changed, and exits non-zero if it changed nothing
  soft_roundtrip.py SITE --xlsx     eksport/soft.xlsx: read with openpyxl (identifiers are text cells, dates are
                                    dates, numbers numbers), then opened and saved again by Calc and read back
"""
import csv, datetime, io, json, os, shutil, subprocess, sys, tempfile

import openpyxl

IDENTIFIERS = ["kommunekode", "modul_id", "fsiii_koder", "modtager_sor", "modtager_lokationsnummer", "telefon", "læger_telefon"]

site, bare, xlsx = sys.argv[1], "--bare" in sys.argv, "--xlsx" in sys.argv
records = json.load(open(os.path.join(site, "eksport", "soft.json"), encoding="utf-8"))["tilbud"]
raw = open(os.path.join(site, "eksport", "soft.xlsx" if xlsx else "soft.csv"), "rb").read()
DATES = ["opdateret", "gyldig_til", "projekt_slut"]
NUMBERS = ["uger", "gange_pr_uge", "minutter", "alder_fra", "alder_til"]


def typed(rows, header):
    """The workbook's own types: identifiers text, dates dates, numbers numbers (not text that looks like them)."""
    for row, record in zip(rows[1:], records):
        for name in DATES:
            cell = row[header.index(name)]
            assert (cell is None) == (record[name] is None), (name, cell)
            assert cell is None or (isinstance(cell, datetime.datetime) and cell.date().isoformat() == record[name]), (name, cell)
        for name in NUMBERS:
            cell = row[header.index(name)]
            assert cell == record[name] and (cell is None or isinstance(cell, int)), (name, cell, record[name])
        for name in IDENTIFIERS:
            cell = row[header.index(name)]
            assert cell is None or isinstance(cell, str), (name, cell)


work = tempfile.mkdtemp(prefix="soft-roundtrip-")
try:
    if xlsx:
        direct = os.path.join(work, "direct.xlsx")
        open(direct, "wb").write(raw)
        # The archive itself, as Python's zipfile reads it: every entry's CRC-32 and size.
        import zipfile
        with zipfile.ZipFile(direct) as archive:
            assert archive.testzip() is None, "soft.xlsx: an entry fails its CRC"
            assert "xl/worksheets/sheet1.xml" in archive.namelist(), archive.namelist()
        rows = list(openpyxl.load_workbook(direct).active.iter_rows(values_only=True))
        typed(rows, list(rows[0]))
    source = os.path.join(work, "soft.xlsx" if xlsx else "soft.csv")
    if bare:
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
        rows = [[c[2:-1] if c.startswith('="') and c.endswith('"') else c for c in row] for row in rows]
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
        raw = b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
    open(source, "wb").write(raw)
    # 59 = ';', 34 = '"', 76 = UTF-8, from line 1, no column formats, 1030 = Danish (Denmark),
    # quoted fields not forced to text, special numbers not detected: Calc's defaults when a user opens the file.
    options = "59,34,76,1,,1030,false,false"
    infilter = [] if xlsx else ["--infilter=Text - txt - csv (StarCalc):" + options]
    os.makedirs(os.path.join(work, "out"))
    result = subprocess.run(["soffice", "-env:UserInstallation=file://" + os.path.join(work, "profile"), "--headless"]
                            + infilter + ["--convert-to", "xlsx", "--outdir", os.path.join(work, "out"), source],
                            capture_output=True, text=True, timeout=180, env=dict(os.environ, LANG="da_DK.UTF-8", LC_ALL="C.UTF-8"))
    target = os.path.join(work, "out", "soft.xlsx")
    assert os.path.exists(target), f"LibreOffice wrote no xlsx: {result.stdout} {result.stderr}"
    sheet = openpyxl.load_workbook(target, data_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
finally:
    shutil.rmtree(work, ignore_errors=True)

header = list(rows[0])
assert len(rows) - 1 == len(records), f"{len(rows) - 1} rows, {len(records)} records"
changes, compared = [], 0
for row, record in zip(rows[1:], records):
    for name in IDENTIFIERS:
        expected = record[name]
        if isinstance(expected, list):
            # An empty list (no FSIII code outside the six interventions) is an empty cell.
            expected = " | ".join(expected) or None
        cell = row[header.index(name)]
        got = None if cell is None or cell == "" else cell
        compared += 1
        if expected != got:
            changes.append(f"{record['modul_id']} {name}: {expected!r} became {got!r}")

if bare:
    print("\n".join(changes[:10]))
    sys.exit(0 if changes else "Calc changed no bare identifier")
assert not changes, "\n".join(changes)
if xlsx:
    typed(rows, header)
print(f"roundtrip{' xlsx' if xlsx else ''} rows={len(records)} identifiers={compared}")
