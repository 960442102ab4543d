#!/usr/bin/env python3
"""Accessibility check of a built site in a real browser, for the Swift test suite.

Serves the site on 127.0.0.1 (a random free port), opens each page type in headless Chromium
(Debian's chromium + chromium-driver, through Selenium) and runs axe-core 4.x with the WCAG 2.1
A and AA tags. It also checks, in the browser:
- the page does not scroll sideways at 320 px (WCAG 1.4.10 reflow);
- the search page filters with JavaScript on (selecting KOL and Fjordby narrows the list);
and takes screenshots at 1280 and 375 px of the front page, a module page and the GP page.

It also checks that no page breaks its own Content-Security-Policy, and that search works from file://.

Usage: a11y.py SITE AXE_JS SCREENSHOT_DIR. Prints one line per page and a summary line
"axe: N pages, V violations"; exits 1 if any check fails.
"""
import functools, http.server, json, os, sys, threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import Select

site, axe_path, shots = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(shots, exist_ok=True)
axe_source = open(axe_path, encoding="utf-8").read()

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

handler = functools.partial(QuietHandler, directory=site)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}/"

pages = {
    "forside": "index.html",
    "kommune": "fjordby/index.html",
    "for-laeger": "fjordby/for-laeger.html",
    "modul": "fjordby/traening-paa-hold.html",
    "indsats": "indsats/fysisk-aktivitet.html",
    "sygdom": "diagnose/kol.html",
    "sygdom-i-kommune": "fjordby/sygdom/kol.html",
    "format": "format/digital.html",
    "tidspunkt": "tidspunkt/aften.html",
    "postnumre": "postnumre.html",
    "soeg": "soeg.html",
    "kvalitet": "kvalitet/index.html",
    "kvalitet-kommune": "kvalitet/kommune/fjordby.html",
    "kvalitet-modul": "kvalitet/fjordby-traening-paa-hold.html",
    "forloeb": "skovlund/kol-rehabilitering.html",
    "oversigt": "oversigt/index.html",
}

options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"]:
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)
failures = 0
violations_total = 0

def axe(url):
    driver.get(url)
    driver.execute_script(axe_source)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(JSON.stringify({v: r.violations.map(x => ({id: x.id, impact: x.impact, nodes: x.nodes.map(n => n.target.join(' ')).slice(0, 3)})), p: r.passes.length, version: axe.version})))"
        ".catch(e => done(JSON.stringify({error: String(e)})));")

try:
    driver.set_window_size(1280, 900)
    for name, path in pages.items():
        result = json.loads(axe(base + path))
        if "error" in result:
            print(f"{name}: axe failed: {result['error']}"); failures += 1; continue
        violations_total += len(result["v"])
        status = "ok" if not result["v"] else "VIOLATIONS " + json.dumps(result["v"], ensure_ascii=False)
        print(f"{name} ({path}): axe {result['version']}, {result['p']} passes, {len(result['v'])} violations {status}")
        failures += len(result["v"])
        # The page's own Content-Security-Policy must not block anything the page itself uses.
        csp = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
        if csp:
            print(f"{name}: CSP violations: {csp[:2]}"); failures += 1

    # Reflow: no horizontal scrolling at 320 px.
    driver.set_window_size(320, 800)
    for name, path in pages.items():
        driver.get(base + path)
        wide = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if wide > 1:
            print(f"{name}: scrolls sideways at 320 px by {wide} px"); failures += 1

    # The search filter works with JavaScript on.
    driver.set_window_size(1280, 900)
    driver.get(base + "soeg.html")
    visible = lambda: driver.execute_script("return [...document.querySelectorAll('#resultater li')].filter(li => !li.hidden).length")
    everything = visible()
    Select(driver.find_element("id", "f-diagnose")).select_by_value("kol")
    Select(driver.find_element("id", "f-kommune")).select_by_value("fjordby")
    Select(driver.find_element("id", "f-indsats")).select_by_value("alkohol")
    narrowed = visible()
    status = driver.find_element("id", "antal").text
    print(f"soeg: {everything} tilbud, filtered to {narrowed}: '{status}'")
    if not (everything > narrowed >= 1 and status == f"{narrowed} tilbud passer."):
        failures += 1
    # Anonymous offers, and offers in another language than Danish (choices made from the index).
    driver.get(base + "soeg.html")
    driver.find_element("id", "f-anonym").click()
    anonymous = visible()
    driver.find_element("id", "f-anonym").click()
    languages = [o.get_attribute("value") for o in Select(driver.find_element("id", "f-sprog")).options]
    Select(driver.find_element("id", "f-sprog")).select_by_value("arabisk")
    arabic = visible()
    driver.find_element("id", "f-tolk").click()
    interpreter = visible()
    print(f"soeg: anonymt {anonymous}, sprog {languages[1:]}, arabisk {arabic}, arabisk med tolk {interpreter}")
    if not (everything > anonymous >= 1 and "dansk" not in languages and everything > arabic >= 1 and interpreter <= arabic):
        failures += 1
    # An age leaves out the offers whose stated limits exclude it, and keeps those that state none.
    driver.get(base + "soeg.html")
    limited = driver.execute_script("return window.TILBUDSINDEKS.filter(e => (e.alderFra != null && e.alderFra > 15) || (e.alderTil != null && e.alderTil < 15)).length")
    driver.find_element("id", "f-alder").send_keys("15")
    young = visible()
    print(f"soeg: alder 15 {young} of {everything} ({limited} state limits without 15)")
    if not (limited >= 1 and young == everything - limited):
        failures += 1
    # The same from file://, as when a GP opens the site from a folder.
    driver.get("file://" + os.path.abspath(site) + "/soeg.html")
    Select(driver.find_element("id", "f-indsats")).select_by_value("alkohol")
    from_file = driver.find_element("id", "antal").text
    print(f"soeg from file://: '{from_file}'")
    if not from_file.endswith("tilbud passer.") or driver.get_log("browser"):
        failures += 1

    # Print: every module page is a one-page A4 handout a GP can give the patient.
    import base64, re
    from selenium.webdriver.common.print_page_options import PrintOptions
    print_options = PrintOptions()
    print_options.page_width, print_options.page_height = 21.0, 29.7
    module_pages = []
    for path in sorted(os.listdir(site)):
        folder = os.path.join(site, path)
        if os.path.isdir(folder) and os.path.exists(os.path.join(folder, "for-laeger.html")):
            module_pages += [f"{path}/{f}" for f in sorted(os.listdir(folder)) if f.endswith(".html") and f not in ("index.html", "for-laeger.html")]
    multi = []
    for path in module_pages:
        driver.get(base + path)
        pdf = base64.b64decode(driver.print_page(print_options))
        pages_in_pdf = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        if pages_in_pdf != 1:
            multi.append(f"{path} ({pages_in_pdf} pages)")
    print(f"print: {len(module_pages)} pages of offers and courses, {len(module_pages) - len(multi)} on one page")
    if multi or not module_pages:
        print("print: more than one page: " + ", ".join(multi)); failures += 1

    for name in ["forside", "modul", "for-laeger"]:
        for width in [1280, 375]:
            driver.set_window_size(width, 900)
            driver.get(base + pages[name])
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(height, 6000))
            driver.save_screenshot(f"{shots}/{name}-{width}.png")
finally:
    driver.quit()
    server.shutdown()

print(f"axe: {len(pages)} pages, {violations_total} violations; failures: {failures}")
sys.exit(1 if failures else 0)
