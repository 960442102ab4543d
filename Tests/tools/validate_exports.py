#!/usr/bin/env python3
"""Validates the exports of a built site with independent tools, for the Swift test suite.

- FHIR: the Bundle and every HealthcareService parse as FHIR R4 (fhir.resources' R4B classes accept R4 HealthcareService).
- SOFT JSON: valid against the published JSON Schema (draft 2020-12, formats checked).
- SOFT CSV: UTF-8 with BOM, ';' separator, CRLF; round-trips through Python's csv module.
- Atom: well-formed XML in the Atom namespace.
- iCalendar (each eksport/<kommune>.ics): RFC 5545 as the icalendar package parses it, with CRLF lines
  folded at 75 octets, a UID, DTSTAMP and an all-day DTSTART in every event, and UIDs unique.
- Each module exactly once in each export.
Prints one line of counts; exits non-zero with a message on the first failure.
"""
import csv, datetime, glob, io, json, os, sys, xml.etree.ElementTree as ET

import icalendar

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.healthcareservice import HealthcareService
import jsonschema

site = sys.argv[1]
exp = site + "/eksport/"

bundle = json.load(open(exp + "fhir-healthcareservices.json", encoding="utf-8"))
Bundle.model_validate(bundle)
fhir_ids = []
for entry in bundle["entry"]:
    HealthcareService.model_validate(entry["resource"])
    fhir_ids.append(entry["resource"]["identifier"][0]["value"])

schema = json.load(open(exp + "soft.schema.json", encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
soft = json.load(open(exp + "soft.json", encoding="utf-8"))
jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(soft)
json_ids = [record["modul_id"] for record in soft["tilbud"]]

raw = open(exp + "soft.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "CSV lacks the UTF-8 BOM Excel needs"
text = raw.decode("utf-8-sig")
assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "CSV lines must end in CRLF"
rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
csv_ids = [row["modul_id"] for row in rows]
for row, record in zip(rows, soft["tilbud"]):
    assert row["titel"] == record["titel"], (row["titel"], record["titel"])
    assert row["kommune"] == record["kommune"]

ns = {"a": "http://www.w3.org/2005/Atom"}
feed = ET.parse(exp + "nyt.atom").getroot()
assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
atom_links = [e.find("a:link", ns).get("href") for e in feed.findall("a:entry", ns)]

for name, ids in [("fhir", fhir_ids), ("json", json_ids), ("csv", csv_ids)]:
    assert len(ids) == len(set(ids)), f"{name}: a module appears twice"
assert set(fhir_ids) == set(json_ids) == set(csv_ids), "exports disagree on the modules"
assert len(atom_links) == len(set(atom_links)) == len(json_ids), "atom: not every module once"

uids = []
calendars = sorted(glob.glob(exp + "*.ics"))
for path in calendars:
    raw = open(path, "rb").read()
    name = os.path.basename(path)
    assert raw.endswith(b"\r\n"), f"{name}: the last line must end in CRLF"
    for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        assert b"\n" not in line and b"\r" not in line, f"{name}:{number}: a line must end in CRLF"
        assert len(line) <= 75, f"{name}:{number}: {len(line)} octets, more than 75 (not folded)"
        line.decode("utf-8")  # folding never splits a UTF-8 sequence
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar.name == "VCALENDAR" and str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID"), name
    for component in calendar.walk():
        assert not component.errors, f"{name}: {component.name}: {component.errors}"
    for event in calendar.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert prop in event, f"{name}: an event lacks {prop}"
        start = event.decoded("DTSTART")
        assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime), f"{name}: DTSTART is not a date"
        assert event.decoded("DTSTAMP").tzinfo is not None, f"{name}: DTSTAMP must be UTC"
        assert str(event["SUMMARY"]).startswith("Holdstart: "), event["SUMMARY"]
        uids.append(str(event["UID"]))
assert len(uids) == len(set(uids)), "ics: a UID appears twice"

danish = sum(1 for row in rows if any(c in row["titel"] + row["resume"] for c in "æøåÆØÅ"))
print(f"fhir={len(fhir_ids)} json={len(json_ids)} csv={len(csv_ids)} atom={len(atom_links)} danish_rows={danish} ics={len(calendars)} events={len(uids)}")
