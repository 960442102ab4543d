"""Save-to-reload time of `katalog serve`, measured in a real browser.

Usage: preview_latency.py KATALOG CONTENT [ROUNDS]
Copies CONTENT to a temporary folder, starts `KATALOG serve` on it, opens a module page in headless
Chromium, then ROUNDS times changes that module's title on disk and waits until the browser shows
the new title (the page reloads itself after the rebuild). Prints each time and the median. Needs
chromium, chromium-driver and selenium (script/setup --test installs them).
"""
import os, re, shutil, socket, statistics, subprocess, sys, tempfile, time
from selenium import webdriver
from selenium.webdriver.common.by import By

katalog, content = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
work = tempfile.mkdtemp(prefix="katalog-preview-")
shutil.copytree(content, os.path.join(work, "Content"))
folder = sorted(d for d in os.listdir(os.path.join(work, "Content")) if os.path.isdir(os.path.join(work, "Content", d)))[0]
module = sorted(f for f in os.listdir(os.path.join(work, "Content", folder)) if f.endswith(".md") and f != "README.md")[0]
path = os.path.join(work, "Content", folder, module)
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen([katalog, "serve", "--port", str(port), "--content", os.path.join(work, "Content"),
                           "--output", os.path.join(work, "Site")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
try:
    for line in server.stdout:
        if line.startswith("Forhåndsvisning"):
            break
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"), options=options)
    page = re.sub(r"[^a-z0-9]+", "-", module[:-3].lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")).strip("-")
    driver.get(f"http://127.0.0.1:{port}/{folder}/{page}.html")
    time.sleep(1.5)  # the reload script's first poll
    times = []
    for round_ in range(1, rounds + 1):
        text = open(path, encoding="utf-8").read()
        title = f"Målt titel nummer {round_}"
        text = re.sub(r"^titel: .*$", f"titel: {title}", text, count=1, flags=re.M)
        start = time.monotonic()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        while True:
            try:
                if title in driver.find_element(By.TAG_NAME, "h1").text:
                    break
            except Exception:
                pass
            if time.monotonic() - start > 30:
                sys.exit("the page did not show the edit within 30 s")
            time.sleep(0.02)
        times.append(time.monotonic() - start)
        time.sleep(1.0)
    driver.quit()
    print("save to reloaded page in the browser, s:", " ".join(f"{t:.2f}" for t in times))
    print(f"median {statistics.median(times):.2f} s over {rounds} edits ({sum(1 for _ in os.scandir(os.path.join(work, 'Site')))} entries in Site/)")
finally:
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
