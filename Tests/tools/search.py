#!/usr/bin/env python3
"""The search of a built site, in headless Chromium (through Selenium), for the Swift tests and the benchmark.

Usage: search.py SITE REQUEST.json. Serves SITE on 127.0.0.1 and reads the request:
  {"queries": [{"q": "kol", "diagnose": "diagnose/kol.html", ...}, ...],   each a search page address's parameters
   "stems": ["lunger", ...],                                              words for soeg.js's stemmer
   "file": true,                                                           also search once from file://
   "shots": {"dir": DIR, "q": "kol"}}                                      screenshots at 1280 and 375 px
and prints one JSON object: for each query the heading, the help shown, the paths of the offers found
(after opening every municipality's group), and the bytes the browser fetched until the first result
(the page, its style, script and the index files; from an empty cache); the stems; errors in the console.
"""
import functools, http.server, json, os, sys, threading, time, urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

site = sys.argv[1]
request = json.load(open(sys.argv[2], encoding="utf-8"))

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}/"

options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)

def wait(condition, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        value = driver.execute_script(condition)
        if value:
            return value
        time.sleep(0.05)
    return None

def search(address):
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get(address)
    wait("return !document.getElementById('soeg').hidden")
    wait("return document.getElementById('antal').textContent !== ''", 5)
    # The bytes fetched until the first result, before any group is opened by hand.
    fetched = driver.execute_script(
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)")
    files = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name.replace(location.origin + '/', ''))")
    for button in driver.find_elements("css selector", "#resultater button.more"):
        button.click()
    wait("return [...document.querySelectorAll('#resultater section')].every(s => s.querySelector('li') || !s.querySelector('ul'))")
    return {
        "heading": driver.execute_script("return document.getElementById('resultat').hidden ? '' : "
                                         "document.getElementById('resultat-overskrift').textContent"),
        "status": driver.find_element("id", "antal").text or driver.execute_script("return document.getElementById('antal').textContent"),
        "help": driver.execute_script("return [...document.querySelectorAll('#resultater .help li, #resultater > p')].map(e => e.textContent)"),
        "found": driver.execute_script("return [...document.querySelectorAll('#resultater .modules a')]"
                                       ".map(a => new URL(a.href).pathname.replace(/^\\//, ''))"),
        "groups": driver.execute_script("return [...document.querySelectorAll('#resultater h3')].map(h => h.textContent)"),
        "fetched": fetched,
        "files": files,
    }

result = {"queries": [], "stems": [], "console": []}
try:
    driver.set_window_size(1280, 900)
    for query in request.get("queries", []):
        answer = search(base + "soeg.html?" + urllib.parse.urlencode(query))
        answer["query"] = query
        result["queries"].append(answer)
    if request.get("stems"):
        driver.get(base + "soeg.html")
        wait("return window.TILBUDSSOEG && window.TILBUDSSOEG.stem")
        result["stems"] = driver.execute_script("return arguments[0].map(w => window.TILBUDSSOEG.stem(w))", request["stems"])
    result["console"] = [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    shots = request.get("shots")
    if shots:
        os.makedirs(shots["dir"], exist_ok=True)
        for width in [1280, 375]:
            driver.set_window_size(width, 900)
            search(base + "soeg.html?" + urllib.parse.urlencode({"q": shots["q"]}))
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(height, 6000))
            driver.save_screenshot(f"{shots['dir']}/soeg-{width}.png")
    if request.get("file"):
        driver.get("file://" + os.path.abspath(site) + "/soeg.html?q=kol")
        result["fromFile"] = wait("return document.getElementById('antal').textContent")
        result["console"] += [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
finally:
    driver.quit()
    server.shutdown()
print(json.dumps(result, ensure_ascii=False))
