#!/usr/bin/env python3
"""Reads the schema.org JSON-LD of every module page of a built site as a consumer would: extruct finds
it in the HTML, pyld expands it (JSON-LD 1.1, with https://schema.org as @vocab, offline). Checks that
each page has one WebPage whose mainEntity is a GovernmentService, and that each object uses only
properties schema.org defines for its type (dateModified and inLanguage are CreativeWork's, so they
belong to the page, not to the service).
Prints "jsonld pages=N services=N"; exits non-zero with a message on the first failure.
"""
import glob, os, sys

import extruct
from pyld import jsonld

SCHEMA = "https://schema.org/"
THING = {"name", "description", "url", "identifier", "image", "sameAs", "alternateName", "additionalType"}
# From schema.org's pages for each type (properties of the type and of the types it inherits from).
ALLOWED = {
    "WebPage": THING | {"inLanguage", "dateModified", "datePublished", "mainEntity", "about", "breadcrumb", "isPartOf"},
    # isRelatedTo: Service's (a course relates to the services that are its parts).
    "GovernmentService": THING | {"jurisdiction", "serviceOperator", "provider", "areaServed", "audience", "availableChannel",
                                  "serviceType", "offers", "hoursAvailable", "termsOfService", "category", "serviceOutput",
                                  "isRelatedTo"},
    "PeopleAudience": THING | {"audienceType", "healthCondition", "suggestedMinAge", "suggestedMaxAge", "requiredMinAge",
                               "requiredMaxAge", "suggestedGender", "requiredGender", "geographicArea"},
    "ServiceChannel": THING | {"availableLanguage", "servicePhone", "serviceLocation", "serviceUrl", "servicePostalAddress",
                               "serviceSmsNumber", "processingTime", "providesService"},
    "ContactPoint": THING | {"telephone", "email", "contactType", "availableLanguage", "areaServed", "hoursAvailable"},
    "GovernmentOrganization": THING | {"telephone", "email", "address"},
    "Organization": THING | {"telephone", "email", "address"},
    "AdministrativeArea": THING,
    "MedicalCondition": THING | {"code"},
    "Place": THING | {"address"},
    "PostalAddress": THING | {"streetAddress", "postalCode", "addressLocality", "addressCountry"},
    "Offer": THING | {"price", "priceCurrency"},
}


def loader(url, options=None):
    """schema.org's context, offline: every term is a schema.org property or type."""
    assert url.rstrip("/") == SCHEMA.rstrip("/"), f"unexpected context {url}"
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}}}


jsonld.set_document_loader(loader)


def check(node, path):
    """Every object's properties are its type's (expanded form: keys are IRIs)."""
    if isinstance(node, list):
        for item in node:
            check(item, path)
        return
    if not isinstance(node, dict) or "@value" in node:
        return
    types = [t.removeprefix(SCHEMA) for t in node.get("@type", [])]
    assert len(types) == 1 and types[0] in ALLOWED, f"{path}: type {types}"
    for key, value in node.items():
        if key.startswith("@"):
            continue
        name = key.removeprefix(SCHEMA)
        assert key.startswith(SCHEMA) and name in ALLOWED[types[0]], f"{path}: {name} is not a property of {types[0]}"
        check(value, f"{path}.{name}")


site = sys.argv[1]
pages = services = 0
for path in sorted(glob.glob(os.path.join(site, "*", "*.html"))):
    html = open(path, encoding="utf-8").read()
    base = "https://example.invalid/" + os.path.relpath(path, site)
    found = extruct.extract(html, base_url=base, syntaxes=["json-ld"], uniform=False)["json-ld"]
    if not found:
        continue
    assert len(found) == 1, f"{path}: {len(found)} JSON-LD objects"
    expanded = jsonld.expand(found[0], {"base": base})
    assert len(expanded) == 1, f"{path}: {len(expanded)} top nodes"
    page = expanded[0]
    assert page["@type"] == [SCHEMA + "WebPage"], f"{path}: {page['@type']}"
    assert page[SCHEMA + "inLanguage"][0]["@value"] == "da", path
    main = page[SCHEMA + "mainEntity"]
    assert len(main) == 1 and main[0]["@type"] == [SCHEMA + "GovernmentService"], f"{path}: mainEntity {main}"
    assert main[0]["@id"].startswith(page["@id"] + "#"), f"{path}: the service's @id is not on its page"
    check(page, os.path.relpath(path, site))
    pages += 1
    services += 1
assert pages > 0, "no page carries JSON-LD"
print(f"jsonld pages={pages} services={services}")
