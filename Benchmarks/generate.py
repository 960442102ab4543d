#!/usr/bin/env python3
"""Generates a synthetic catalog of N modules from the example catalog, and the equivalent Hugo site.

Usage: generate.py N OUT
  OUT/Content  a katalog catalog: min(98, N // M) municipalities (M: the example's modules, 31 today),
               each with every example module (so the whole-catalog rules hold), repeated with
               new names until N modules exist;
  OUT/hugo-minimal  the Hugo site of earlier versions of this benchmark, for comparison: the same
               bodies and titles, a page per module and a list per municipality, nothing else;
  OUT/hugo     the equivalent Hugo site: the same files (the whole front matter, which Hugo parses,
               plus Hugo's title/summary/date), and what katalog's site has: a page per module (with
               schema.org JSON-LD) and a second one with the standard's rules (katalog's compliance
               page; the rules come from `katalog rules --format json`, which Benchmarks/run writes
               to data/regler.json); per municipality a list, a GP page, a compliance list, lists by
               diagnosis, format and time of day, an Atom feed, an iCalendar feed of team starts and
               a search index; national overviews by intervention, diagnosis, format and time of day
               (taxonomies, grouped by municipality), the overview intervention × municipality, an
               Atom feed, FHIR HealthcareService records, the SOFT CSV and a JSON export of every
               module with its text. Still less than katalog does: no validation (the compliance
               pages list the rules unchecked), a flat list per municipality where katalog's search
               index is stemmed and sharded, no soft.json, no xlsx, shorter FHIR records and CSV rows.
"""
import os, re, shutil, sys

n, out = int(sys.argv[1]), sys.argv[2]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Content")
examples, courses = [], []
for municipality in sorted(os.listdir(root)):
    folder = os.path.join(root, municipality)
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            if name.endswith(".md"):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                # A course (front matter `forløb:`) names its parts: it is added once to each municipality that has them.
                (courses if re.search(r"^forløb:", text, re.M) else examples).append((name[:-3], text))
template_yml = open(os.path.join(root, "fjordby", "kommune.yml"), encoding="utf-8").read()


def hugo_page(slug, front, body):
    """A module or course as the equivalent Hugo site has it: katalog's front matter as it is, plus
    the names Hugo reads. `indsats`, `diagnoser`, `format` and `tidspunkter` become national
    taxonomies (top level, as Hugo wants them); the same terms prefixed with the municipality
    become the municipality's own lists (katalog's `kommuneNN/sygdom/kol.html` and the like)."""
    field = lambda pattern: (re.search(pattern, front, re.M) or [None, ""])[1]
    title, summary = field(r"^titel: (.*)$").strip('"'), field(r"^resume: (.*)$").strip('"')
    terms = lambda pattern: [t.strip() for t in field(pattern).strip("[]").split(",") if t.strip()]
    diagnoses, formats, times = terms(r"^  diagnoser: (.*)$"), terms(r"^format: (.*)$"), terms(r"^tidspunkter: (.*)$")
    local = lambda values: "[" + ", ".join(f"{slug}-{v}" for v in values) + "]"
    extra = (f'title: "{title}"\nsummary: "{summary}"\ndate: {field(r"^opdateret: (.*)$")}\n'
             f'diagnoser: [{", ".join(diagnoses)}]\nkommunediagnoser: {local(diagnoses)}\n'
             f'kommuneformater: {local(formats)}\nkommunetidspunkter: {local(times)}\n')
    return front + "\n" + extra + "---\n" + body

municipalities = max(1, min(98, n // len(examples)))
shutil.rmtree(out, ignore_errors=True)
content, hugo, minimal = os.path.join(out, "Content"), os.path.join(out, "hugo"), os.path.join(out, "hugo-minimal")
written = 0
for m in range(municipalities):
    slug = f"kommune{m + 1:02d}"
    share = n // municipalities + (1 if m < n % municipalities else 0)
    os.makedirs(os.path.join(content, slug))
    os.makedirs(os.path.join(hugo, "content", slug))
    os.makedirs(os.path.join(minimal, "content", slug))
    yml = template_yml.replace("Fjordby Kommune", f"Kommune {m + 1}").replace('kommunekode: "0991"', f'kommunekode: "{900 + m:04d}"')
    open(os.path.join(content, slug, "kommune.yml"), "w", encoding="utf-8").write(yml)
    for site in (hugo, minimal):
        open(os.path.join(site, "content", slug, "_index.md"), "w", encoding="utf-8").write(f"---\ntitle: Kommune {m + 1}\n---\n")
    for i in range(share):
        name, text = examples[i % len(examples)]
        round_ = i // len(examples)
        file = name if round_ == 0 else f"{name}-{round_ + 1}"
        open(os.path.join(content, slug, file + ".md"), "w", encoding="utf-8").write(text)
        front, body = text.split("\n---\n", 1)
        title = re.search(r"^titel: (.*)$", front, re.M).group(1).strip('"')
        summary = re.search(r"^resume: (.*)$", front, re.M).group(1).strip('"')
        updated = re.search(r"^opdateret: (.*)$", front, re.M).group(1)
        open(os.path.join(hugo, "content", slug, file + ".md"), "w", encoding="utf-8").write(hugo_page(slug, front, body))
        minimal_front = f'---\ntitle: "{title}"\nsummary: "{summary}"\ndate: {updated}\nindsats: {re.search(r"^indsats: (.*)$", front, re.M).group(1)}\n---\n'
        open(os.path.join(minimal, "content", slug, file + ".md"), "w", encoding="utf-8").write(minimal_front + body)
        written += 1
    for name, text in courses:
        parts = re.search(r"^forløb: \[(.*)\]$", text, re.M).group(1).split(", ")
        if all(os.path.exists(os.path.join(content, slug, part + ".md")) for part in parts):
            open(os.path.join(content, slug, name + ".md"), "w", encoding="utf-8").write(text)
            front, body = text.split("\n---\n", 1)
            open(os.path.join(hugo, "content", slug, name + ".md"), "w", encoding="utf-8").write(hugo_page(slug, front, body))

layouts = os.path.join(hugo, "layouts", "_default")
os.makedirs(layouts)
open(os.path.join(hugo, "hugo.toml"), "w").write("""baseURL = "https://example.invalid/"
languageCode = "da"
title = "Forebyggelsestilbud"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
  indsats = "indsats"
  diagnose = "diagnoser"
  format = "format"
  tidspunkt = "tidspunkter"
  kommunediagnose = "kommunediagnoser"
  kommuneformat = "kommuneformater"
  kommunetidspunkt = "kommunetidspunkter"
[mediaTypes."application/atom+xml"]
  suffixes = ["atom"]
[outputFormats.kvalitet]
  mediaType = "text/html"
  baseName = "kvalitet"
  isHTML = true
  path = ""
[outputFormats.laeger]
  mediaType = "text/html"
  baseName = "for-laeger"
  isHTML = true
[outputFormats.oversigt]
  mediaType = "text/html"
  baseName = "oversigt"
  isHTML = true
[outputFormats.atom]
  mediaType = "application/atom+xml"
  baseName = "nyt"
  isPlainText = true
[outputFormats.soeg]
  mediaType = "application/json"
  baseName = "soeg"
  isPlainText = true
[outputFormats.fhir]
  mediaType = "application/json"
  baseName = "fhir-healthcareservices"
  isPlainText = true
[outputFormats.soft]
  mediaType = "text/csv"
  baseName = "soft"
  isPlainText = true
[outputs]
  page = ["HTML", "kvalitet"]
  section = ["HTML", "laeger", "kvalitet", "atom", "Calendar", "soeg"]
  home = ["HTML", "JSON", "fhir", "soft", "atom", "oversigt"]
""")
os.makedirs(os.path.join(hugo, "data"), exist_ok=True)
layout = lambda name, text: open(os.path.join(layouts, name), "w", encoding="utf-8").write(text + "\n")
layout("baseof.html", '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="stylesheet" href="/style.css"></head>\n<body><a href="#indhold">Gå til indholdet</a><header><a href="/">Forebyggelsestilbud</a></header><main id="indhold">{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Title }}</footer></body></html>')
# A module's page, with its schema.org JSON-LD as katalog's has.
layout("single.html", '{{ define "main" }}<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "GovernmentService" "name" .Title "description" .Summary "serviceType" .Params.indsats "areaServed" .Section "url" .Permalink | jsonify | safeJS }}</script><article><h1>{{ .Title }}</h1><p class="lead">{{ .Summary }}</p><dl><dt>Type</dt><dd>{{ .Params.indsats }}</dd><dt>Opdateret</dt><dd>{{ .Date.Format "2006-01-02" }}</dd>{{ range $key, $value := .Params }}<dt>{{ $key }}</dt><dd>{{ $value }}</dd>{{ end }}</dl>{{ .Content }}</article>{{ end }}')
# katalog's compliance page of a module, and of a municipality (the kvalitet output of a section).
layout("single.kvalitet.html", '{{ define "main" }}<h1>{{ .Title }}: kvalitetsstandarden</h1><p>{{ .Params.indsats }} · <a href="{{ .RelPermalink }}">Se siden</a></p><ul>{{ $p := . }}{{ range first 40 site.Data.regler }}<li><strong>{{ if isset $p.Params "differentiering" }}Opfyldt{{ else }}Ikke opfyldt{{ end }}:</strong> {{ .id }} (§{{ .section }}) {{ .wording }}</li>{{ end }}</ul>{{ end }}')
layout("list.kvalitet.html", '{{ define "main" }}<h1>{{ .Title }}: kvalitetsstandarden</h1><table><thead><tr><th>Tilbud</th><th>Indsats</th><th>Vurdering</th></tr></thead><tbody>{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}kvalitet.html">{{ .Title }}</a></td><td>{{ .Params.indsats }}</td><td>{{ if isset .Params "differentiering" }}Opfyldt{{ else }}Ikke opfyldt{{ end }}</td></tr>{{ end }}</tbody></table>{{ end }}')
# katalog's GP page per municipality: each offer with who may refer, where, and the price.
layout("list.laeger.html", '{{ define "main" }}<h1>For læger: henvisning i {{ .Title }}</h1><table><thead><tr><th>Tilbud</th><th>Hvem kan henvise</th><th>Sted</th><th>Pris</th></tr></thead><tbody>{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a><br>{{ .Summary }}</td><td>{{ with .Params.adgang }}{{ with index . "henvisning-fra" }}{{ delimit . ", " }}{{ end }}{{ end }}</td><td>{{ range .Params.steder }}{{ .navn }}, {{ .adresse }}, {{ .postnummer }} {{ .by }}<br>{{ end }}</td><td>{{ .Params.pris }}</td></tr>{{ end }}</tbody></table>{{ end }}')
# Lists: a municipality, a taxonomy; a national term is an overview by municipality (as katalog's
# `diagnose/kol.html`), a municipality's own term lists its offers.
layout("list.html", '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Summary }}</p></li>{{ end }}</ul>{{ end }}')
layout("term.html", '{{ define "main" }}<h1>{{ .Title }}</h1>{{ if hasPrefix .Data.Plural "kommune" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Summary }}</p></li>{{ end }}</ul>{{ else }}<ul>{{ range .Pages.GroupBy "Section" }}<li><a href="/{{ .Key }}/">{{ .Key }}</a>: {{ len .Pages }} tilbud</li>{{ end }}</ul>{{ end }}{{ end }}')
# The overview across municipalities: intervention × municipality.
layout("index.oversigt.html", '{{ define "main" }}<h1>Oversigt</h1><table><thead><tr><th>Kommune</th>{{ range site.Taxonomies.indsats }}<th>{{ .Page.Title }}</th>{{ end }}</tr></thead><tbody>{{ range site.Sections }}{{ $s := . }}<tr><th>{{ .Title }}</th>{{ range $term, $_ := site.Taxonomies.indsats }}<td>{{ len (where $s.Pages "Params.indsats" $term) }}</td>{{ end }}</tr>{{ end }}</tbody></table>{{ end }}')
# Exports. Atom feeds (national and per municipality), an iCalendar feed of team starts per
# municipality, a search index per municipality, FHIR HealthcareService records and the SOFT CSV;
# the home's JSON is the export of every module with its text.
atom = '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>{{ .Title | htmlEscape }}</title><id>{{ .Permalink }}</id><updated>{{ now.Format "2006-01-02T15:04:05Z07:00" }}</updated>{{ range PAGES }}\n<entry><title>{{ .Title | htmlEscape }}</title><id>{{ .Permalink }}</id><link href="{{ .Permalink }}"/><updated>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</updated><summary>{{ .Summary | htmlEscape }}</summary></entry>{{ end }}\n</feed>'
layout("list.atom.atom", atom.replace("PAGES", ".Pages"))
layout("index.atom.atom", atom.replace("PAGES", "site.RegularPages"))
layout("list.calendar.ics", 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Benchmark//Holdstarter//DA\r\nNAME:{{ .Title }}\r\n{{ range .Pages }}{{ $p := . }}{{ range .Params.holdstart }}BEGIN:VEVENT\r\nUID:holdstart-{{ time.Format "20060102" . }}-{{ $p.File.ContentBaseName }}@benchmark\r\nDTSTAMP:{{ $p.Date.Format "20060102" }}T000000Z\r\nDTSTART;VALUE=DATE:{{ time.Format "20060102" . }}\r\nSUMMARY:Holdstart: {{ $p.Title }}\r\nDESCRIPTION:{{ $p.Summary }}\r\nURL:{{ $p.Permalink }}\r\nEND:VEVENT\r\n{{ end }}{{ end }}END:VCALENDAR')
layout("list.soeg.json", '[{{ range $i, $p := .Pages }}{{ if $i }},{{ end }}{{ slice .Title .RelPermalink .Summary .Params.indsats .Params.diagnoser | jsonify }}{{ end }}]')
layout("index.json", '[{{ range $i, $p := where site.RegularPages "Section" "!=" "" }}{{ if $i }},{{ end }}{{ dict "titel" .Title "resume" .Summary "indsats" .Params.indsats "diagnoser" .Params.diagnoser "format" .Params.format "side" .RelPermalink "tekst" .Plain | jsonify }}{{ end }}]')
layout("index.fhir.json", '{"resourceType": "Bundle", "type": "collection", "entry": [{{ range $i, $p := site.RegularPages }}{{ if $i }},{{ end }}\n{{ dict "fullUrl" .Permalink "resource" (dict "resourceType" "HealthcareService" "id" .File.ContentBaseName "name" .Title "comment" .Summary "extraDetails" .Plain "program" .Params.indsats "type" .Params.variant "characteristic" .Params.indhold "eligibility" (index .Params "målgruppe") "referralMethod" .Params.adgang "location" .Params.steder "availableTime" .Params.tidspunkter "serviceProvisionCode" .Params.pris) | jsonify (dict "indent" "  ") }}{{ end }}]}')
layout("index.soft.csv", 'kommune;titel;resume;indsats;variant;diagnoser;henvisning_fra;egen_henvendelse;form;format;tidspunkter;holdstart;pladser_pr_hold;steder;pris;opdateret;side\r\n{{ range site.RegularPages }}{{ .Section }};"{{ .Title }}";"{{ .Summary }}";{{ .Params.indsats | default "" }};{{ .Params.variant | default "" }};{{ delimit (.Params.diagnoser | default slice) "," }};{{ with .Params.adgang }}{{ with index . "henvisning-fra" }}{{ delimit . "," }}{{ end }};{{ index . "egen-henvendelse" | default "" }}{{ end }};{{ with .Params.form }}{{ delimit . "," }}{{ end }};{{ with .Params.format }}{{ delimit . "," }}{{ end }};{{ with .Params.tidspunkter }}{{ delimit . "," }}{{ end }};{{ with .Params.holdstart }}{{ delimit . "," }}{{ end }};{{ index .Params "pladser-pr-hold" | default "" }};"{{ range .Params.steder }}{{ .navn }}, {{ .adresse }}, {{ .postnummer }} {{ .by }}; {{ end }}";"{{ .Params.pris | default "" }}";{{ .Date.Format "2006-01-02" }};{{ .Permalink }}\r\n{{ end }}')

# The minimal site: one page per module, a list per municipality.
layouts = os.path.join(minimal, "layouts", "_default")
os.makedirs(layouts)
open(os.path.join(minimal, "hugo.toml"), "w").write('baseURL = "https://example.invalid/"\nlanguageCode = "da"\ntitle = "Forebyggelsestilbud"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n')
shutil.copy(os.path.join(hugo, "layouts", "_default", "baseof.html"), layouts)
shutil.copy(os.path.join(hugo, "layouts", "_default", "list.html"), layouts)
open(os.path.join(layouts, "single.html"), "w").write('{{ define "main" }}<article><h1>{{ .Title }}</h1><p class="lead">{{ .Summary }}</p><dl><dt>Type</dt><dd>{{ .Params.indsats }}</dd><dt>Opdateret</dt><dd>{{ .Date.Format "2006-01-02" }}</dd></dl>{{ .Content }}</article>{{ end }}\n')
print(f"{written} modules in {municipalities} municipalities")
