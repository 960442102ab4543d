#!/usr/bin/env python3
"""Validates the exports of a built site with independent tools, for the Swift test suite.

- FHIR: the Bundle, every HealthcareService and Organization parse as FHIR R4 (fhir.resources' R4B classes accept R4
  HealthcareService), and the rules the models do not check hold: ids as strict R4 allows them (at most 64 characters),
  DK Core's SOR (11+ digits) and GLN (13 digits, modulus 10) identifiers and its mandatory SOR/KOMBIT/CVR identifier on a
  receiving unit, MedCom's receiving organisation with both SOR and EAN, providedBy resolving in the Bundle, and only
  absolute URLs.
- SOFT JSON: valid against the published JSON Schema (draft 2020-12, formats checked).
- SOFT CSV: UTF-8 with BOM, ';' separator, CRLF; round-trips through Python's csv module.
- Atom: well-formed XML in the Atom namespace.
- iCalendar (each eksport/<kommune>.ics): RFC 5545 as the icalendar package parses it, with CRLF lines
  folded at 75 octets, a UID, DTSTAMP and an all-day DTSTART in every event, and UIDs unique.
- Each module exactly once in each export.
Prints one line of counts; exits non-zero with a message on the first failure.
"""
import csv, datetime, glob, io, json, os, re, sys, xml.etree.ElementTree as ET

import icalendar

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.organization import Organization
import jsonschema

site = sys.argv[1]
exp = site + "/eksport/"

SOR, GLN = "urn:oid:1.2.208.176.1.1", "http://www.gs1.org/gln"
MUNICIPALITY = "http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes"
# DK Core invariant dk-core-organization-mandatory-identifier: one of SOR, KOMBIT or CVR.
CVR, KOMBIT = "urn:oid:2.16.840.1.113883.2.24.1.1", "https://kombit.dk/sts/organisation"


def gln_valid(value):
    """DK Core's invariants gln-length and gln-modulus-10."""
    if not re.fullmatch(r"[0-9]{13}", value):
        return False
    digits = [int(c) for c in value]
    return (10 - sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12])) % 10) % 10 == digits[12]


def urls(node):
    """Every url-typed value a system would follow: ContactPoint url values and references that are not urn: or #."""
    if isinstance(node, dict):
        if node.get("system") == "url":
            yield node["value"]
        for value in node.values():
            yield from urls(value)
    elif isinstance(node, list):
        for value in node:
            yield from urls(value)


bundle = json.load(open(exp + "fhir-healthcareservices.json", encoding="utf-8"))
Bundle.model_validate(bundle)
fhir_ids = []
resources = {}
for entry in bundle["entry"]:
    resource = entry["resource"]
    assert re.fullmatch(r"[A-Za-z0-9\-.]{1,64}", resource["id"]), f"R4 id rule (at most 64 characters): {resource['id']}"
    assert entry["fullUrl"] not in resources, f"fullUrl twice: {entry['fullUrl']}"
    resources[entry["fullUrl"]] = resource
    for url in urls(resource):
        assert url.startswith("https://") or url.startswith("http://"), f"a relative url in FHIR: {url}"
    if resource["resourceType"] == "Organization":
        Organization.model_validate(resource)
        for identifier in resource.get("identifier", []):
            if identifier["system"] == SOR:
                assert re.fullmatch(r"[0-9]{11,}", identifier["value"]), f"DK Core min-digits-sor: {identifier['value']}"
            if identifier["system"] == GLN:
                assert gln_valid(identifier["value"]), f"DK Core gln-modulus-10: {identifier['value']}"
            if identifier["system"] == MUNICIPALITY:
                assert re.fullmatch(r"[0-9]{4}", identifier["value"]), f"DK Core kommunekode: {identifier['value']}"
        continue
    assert resource["resourceType"] == "HealthcareService", resource["resourceType"]
    HealthcareService.model_validate(resource)
    fhir_ids.append(resource["identifier"][0]["value"])
services = [r for r in resources.values() if r["resourceType"] == "HealthcareService"]
for service in services:
    provider = resources.get(service["providedBy"]["reference"])
    assert provider and provider["resourceType"] == "Organization", f"providedBy does not resolve: {service['providedBy']}"
    systems = {i["system"] for i in provider.get("identifier", [])}
    if "partOf" in provider:
        # The receiving unit: DK Core's mandatory identifier, and MedCom's receiving organisation (SOR and EAN).
        assert systems & {SOR, KOMBIT, CVR}, f"dk-core-organization-mandatory-identifier: {provider['name']}"
        assert {SOR, GLN} <= systems, f"MedComMessagingOrganization needs SOR and EAN: {provider['name']}"
        assert resources.get(provider["partOf"]["reference"], {}).get("resourceType") == "Organization", "partOf does not resolve"

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
