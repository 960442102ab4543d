#!/usr/bin/env python3
"""Generates a synthetic catalog of N modules from the example catalog, and the equivalent Hugo site.

Usage: generate.py N OUT
  OUT/Content  a katalog catalog: min(98, N // M) municipalities (M: the example's modules, 31 today),
               each with every example module (so the whole-catalog rules hold), repeated with
               new names until N modules exist;
  OUT/hugo-minimal  the Hugo site of earlier versions of this benchmark, for comparison: the same
               bodies and titles, a page per module and a list per municipality, nothing else;
  OUT/hugo     the equivalent Hugo site: the same files (the whole front matter, which Hugo parses,
               plus Hugo's title/summary/date), and as much to build as katalog's site: a page per
               module and a second one with the standard's rules (katalog's compliance page; the
               rules come from `katalog rules --format json`, which Benchmarks/run writes to
               data/regler.json), a list per municipality, lists by intervention, diagnosis, format
               and time of day (taxonomies), and a JSON export of every module (katalog's exports).
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
        # katalog's front matter as it is, plus the names Hugo reads; `indsats`, `diagnoser`, `format`
        # and `tidspunkter` become taxonomies (top level, as Hugo wants them).
        diagnoses = re.search(r"^  diagnoser: (.*)$", front, re.M)
        extra = f'title: "{title}"\nsummary: "{summary}"\ndate: {updated}\ndiagnoser: {diagnoses.group(1) if diagnoses else "[]"}\n'
        open(os.path.join(hugo, "content", slug, file + ".md"), "w", encoding="utf-8").write(front + "\n" + extra + "---\n" + body)
        minimal_front = f'---\ntitle: "{title}"\nsummary: "{summary}"\ndate: {updated}\nindsats: {re.search(r"^indsats: (.*)$", front, re.M).group(1)}\n---\n'
        open(os.path.join(minimal, "content", slug, file + ".md"), "w", encoding="utf-8").write(minimal_front + body)
        written += 1
    for name, text in courses:
        parts = re.search(r"^forløb: \[(.*)\]$", text, re.M).group(1).split(", ")
        if all(os.path.exists(os.path.join(content, slug, part + ".md")) for part in parts):
            open(os.path.join(content, slug, name + ".md"), "w", encoding="utf-8").write(text)

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
[outputFormats.kvalitet]
  mediaType = "text/html"
  baseName = "kvalitet"
  isHTML = true
  path = ""
[outputs]
  page = ["HTML", "kvalitet"]
  home = ["HTML", "JSON"]
""")
os.makedirs(os.path.join(hugo, "data"), exist_ok=True)
open(os.path.join(layouts, "baseof.html"), "w").write('<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="stylesheet" href="/style.css"></head>\n<body><a href="#indhold">Gå til indholdet</a><header><a href="/">Forebyggelsestilbud</a></header><main id="indhold">{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Title }}</footer></body></html>\n')
open(os.path.join(layouts, "single.html"), "w").write('{{ define "main" }}<article><h1>{{ .Title }}</h1><p class="lead">{{ .Summary }}</p><dl><dt>Type</dt><dd>{{ .Params.indsats }}</dd><dt>Opdateret</dt><dd>{{ .Date.Format "2006-01-02" }}</dd>{{ range $key, $value := .Params }}<dt>{{ $key }}</dt><dd>{{ $value }}</dd>{{ end }}</dl>{{ .Content }}</article>{{ end }}\n')
open(os.path.join(layouts, "single.kvalitet.html"), "w").write('{{ define "main" }}<h1>{{ .Title }}: kvalitetsstandarden</h1><p>{{ .Params.indsats }} · <a href="{{ .RelPermalink }}">Se siden</a></p><ul>{{ $p := . }}{{ range first 40 site.Data.regler }}<li><strong>{{ if isset $p.Params "differentiering" }}Opfyldt{{ else }}Ikke opfyldt{{ end }}:</strong> {{ .id }} (§{{ .section }}) {{ .wording }}</li>{{ end }}</ul>{{ end }}\n')
open(os.path.join(layouts, "index.json"), "w").write('[{{ range $i, $p := where site.RegularPages "Section" "!=" "" }}{{ if $i }},{{ end }}{{ dict "titel" .Title "resume" .Summary "indsats" .Params.indsats "diagnoser" .Params.diagnoser "format" .Params.format "side" .RelPermalink "tekst" .Plain | jsonify }}{{ end }}]\n')
open(os.path.join(layouts, "list.html"), "w").write('{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Summary }}</p></li>{{ end }}</ul>{{ end }}\n')

# The minimal site: one page per module, a list per municipality.
layouts = os.path.join(minimal, "layouts", "_default")
os.makedirs(layouts)
open(os.path.join(minimal, "hugo.toml"), "w").write('baseURL = "https://example.invalid/"\nlanguageCode = "da"\ntitle = "Forebyggelsestilbud"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n')
shutil.copy(os.path.join(hugo, "layouts", "_default", "baseof.html"), layouts)
shutil.copy(os.path.join(hugo, "layouts", "_default", "list.html"), layouts)
open(os.path.join(layouts, "single.html"), "w").write('{{ define "main" }}<article><h1>{{ .Title }}</h1><p class="lead">{{ .Summary }}</p><dl><dt>Type</dt><dd>{{ .Params.indsats }}</dd><dt>Opdateret</dt><dd>{{ .Date.Format "2006-01-02" }}</dd></dl>{{ .Content }}</article>{{ end }}\n')
print(f"{written} modules in {municipalities} municipalities")
