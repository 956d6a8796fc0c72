#!/usr/bin/env python3
"""Opens the conformance site (mvconf matrix) in headless Chromium and checks it against the
JSON results it was made from: every row is on the page, every cell says what the results say
(computed here independently of mvconf), every link and anchor resolves, every class has its
memory map and a reproduction. Saves a screenshot. Exit 77 (ctest: skipped) without Chromium.

usage: conformance_page_check.py SITE_DIR RESULTS_DIR ENTRIES_FILE SCREENSHOT.png [--index-only]

--index-only renders only index.html in Chromium and reads the row pages as files (the same
checks, a minute less for a large committed site whose pages the browser test has rendered
in their small form).
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars"]

# The exporter contract's clauses and the words of their class signatures, first match wins:
# written here a second time on purpose, so that the test checks matrix_model.cpp's table.
CLAUSES = [("factory", ["the factory raised"]), ("memoryview(obj)", ["memoryview(obj)"]),
           ("release", ["getbuffer and releasebuffer", "reference count"]),
           ("refusal", ["refus"]), ("contiguity", ["CONTIGUOUS"]), ("writable", ["WRITABLE"]),
           ("len/itemsize", ["len is not", "itemsize is not"]), ("format", ["format"]),
           ("shape", ["shape"]), ("strides", ["strides"]), ("suboffsets", ["suboffsets"]),
           ("items", ["items differ", "outside the memory", "cannot be read"]),
           ("repeat", ["same request"]), ("view->obj", ["view->obj"])]
RANK = ["none", "pass", "skipped", "expected", "crashed", "new"]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def clause(sig):
    for name, words in CLAUSES:
        if any(w in sig for w in words):
            return name
    return "other"


def stale_class(line):
    """The class a stale-expectation line names: ...: class "SIG" (REASON) did not occur."""
    m = re.search(r'class "(.*?)"(?: \(| did not occur)', line)
    return m.group(1) if m else ""


def expected_cells(kind, result):
    """family -> (status, classes, stale), from a run's JSON result."""
    cells = {}

    def worsen(fam, status, n=0, stale=0):
        s, c, t = cells.get(fam, ("none", 0, 0))
        cells[fam] = (status if RANK.index(status) > RANK.index(s) else s, c + n, t + stale)

    if kind == "exporter":
        for name, _ in CLAUSES:
            cells[name] = ("none", 0, 0)
    for p in result["properties"]:
        suite = p["name"].split(".")[0]
        fams = [suite] if kind != "exporter" else [name for name, _ in CLAUSES] + ["other"]
        for fam in fams:
            if p["status"] == "skipped":
                worsen(fam, "skipped")
                continue
            for line in p["stale"]:
                if kind != "exporter" or clause(stale_class(line)) == fam:
                    worsen(fam, "new", 0, 1)
            if ((p["status"] == "unexpected-pass" and not p["stale"])
                    or (p["status"] == "failed" and not p["classes"])):
                worsen(fam, "new")
            worsen(fam, "pass")
            for k in p["classes"]:
                if kind == "exporter" and clause(k["signature"]) != fam:
                    continue
                st = ("crashed" if "port failure" in k["signature"]
                      else "expected" if k["status"] == "expected" else "new")
                worsen(fam, st, 1)
    return cells


class Page(html.parser.HTMLParser):
    """The parts of a rendered page the checks need."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.rows, self.drift = set(), [], {}, set()
        self.articles = []  # (id, has_svg, text)
        self._table = self._row = None
        self._article = None
        self._pre = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if key in a:
                self.links.append(a[key])
        if tag == "table" and a.get("id", "").startswith("matrix-"):
            self._table = a["id"][len("matrix-"):]
        if tag == "tr" and self._table and "data-row" in a:
            self._row = a["data-row"]
            self.rows[self._row] = {"kind": self._table, "cells": {}, "status": None}
        if tag == "li" and "data-row" in a:
            self.drift.add(a["data-row"])
        if tag == "td" and self._row:
            if "data-family" in a:
                self.rows[self._row]["cells"][a["data-family"]] = (
                    a["data-status"], int(a["data-classes"]), int(a["data-stale"]))
            elif a.get("data-status") in ("unavailable", "crashed"):
                self.rows[self._row]["status"] = a["data-status"]
        if tag == "article":
            self._article = [a.get("id"), False, ""]
        if tag == "svg" and self._article:
            self._article[1] = True

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        if tag == "tr":
            self._row = None
        if tag == "article" and self._article:
            self.articles.append(tuple(self._article))
            self._article = None

    def handle_data(self, data):
        if self._article:
            self._article[2] += data


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def read(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    return p


def render(browser, path):
    url = "file://" + urllib.parse.quote(os.path.abspath(path))
    r = subprocess.run([browser] + CHROMIUM_FLAGS + ["--dump-dom", url], capture_output=True,
                       text=True, timeout=120)
    if r.returncode != 0 or "<html" not in r.stdout:
        fail(f"Chromium could not render {path}: {r.stderr.strip()[-300:]}")
        return None
    p = Page()
    p.feed(r.stdout)
    return p


def main():
    if len(sys.argv) not in (5, 6) or (len(sys.argv) == 6 and sys.argv[5] != "--index-only"):
        print(__doc__)
        return 2
    site, results, entries_file, shot = sys.argv[1:5]
    index_only = len(sys.argv) == 6
    browser = chromium()
    if not browser:
        print("SKIP: no Chromium on PATH (ci/setup.sh installs Debian's chromium)")
        return 77
    entries = json.load(open(entries_file))["entries"]
    index = render(browser, os.path.join(site, "index.html"))
    if index is None:
        return 1
    ids = [e["id"] for e in entries]
    drift = sorted(f[:-5] for f in os.listdir(results)
                   if f.endswith(".json") and f[:-5] not in ids)
    checked_cells = 0
    for e in entries:
        row = index.rows.get(e["id"])
        if row is None:
            fail(f"row {e['id']} is not in the table")
            continue
        if row["kind"] != e["kind"]:
            fail(f"row {e['id']} is in the {row['kind']} table, not {e['kind']}")
        result = json.load(open(os.path.join(results, e["id"] + ".json")))
        if "unavailable" in result:
            want = "crashed" if result.get("crashed") else "unavailable"
            if row["status"] != want:
                fail(f"row {e['id']}: shown as {row['status']}, its result says {want}")
            continue
        want = expected_cells(e["kind"], result)
        for fam, cell in want.items():
            got = row["cells"].get(fam)
            if fam == "other" and got is None and cell[1:] == (0, 0):
                continue  # no exporter has a class outside the clauses: no such column
            if got != cell:
                fail(f"row {e['id']}, column {fam}: page shows {got}, the results say {cell}")
            checked_cells += 1
        for fam in row["cells"]:
            if fam not in want and row["cells"][fam][0] != "none":
                fail(f"row {e['id']}, column {fam}: shown as {row['cells'][fam]}, not in results")
    for d in drift:
        if d not in index.drift:
            fail(f"version step {d} has a result but is not on the timeline")
    if checked_cells == 0:
        fail("no cell was checked: the results hold no row with properties")
    # Every page the site links to, rendered, with its links and anchors resolved.
    pages, todo, articles = {}, ["index.html"], 0
    pages["index.html"] = index
    seen = {"index.html"}
    while todo:
        name = todo.pop()
        page = pages[name]
        for link in page.links:
            u = urllib.parse.urlparse(link)
            if u.scheme or link.startswith("//"):
                fail(f"{name} links outside the site: {link}")
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(name), u.path)) if u.path else name
            path = os.path.join(site, target)
            if not os.path.exists(path):
                fail(f"{name}: link {link} does not resolve ({path} is missing)")
                continue
            if target.endswith(".html") and target not in seen and os.path.dirname(target) == "":
                seen.add(target)
                p = read(path) if index_only else render(browser, path)
                if p is None:
                    continue
                pages[target] = p
                todo.append(target)
            if u.fragment and target in pages and u.fragment not in pages[target].ids:
                fail(f"{name}: anchor #{u.fragment} is not on {target}")
    for name, page in pages.items():
        for aid, has_svg, text in page.articles:
            articles += 1
            case = text.split("case:", 1)[-1]
            if "layout" in case and not has_svg:
                fail(f"{name}#{aid}: a class with a layout has no memory map")
            if "replay" not in text:
                fail(f"{name}#{aid}: a class without a replay line")
    os.makedirs(os.path.dirname(os.path.abspath(shot)), exist_ok=True)
    if os.path.exists(shot):
        os.remove(shot)
    url = "file://" + urllib.parse.quote(os.path.abspath(os.path.join(site, "index.html")))
    subprocess.run([browser] + CHROMIUM_FLAGS + [f"--screenshot={os.path.abspath(shot)}",
                                                 "--window-size=1280,1400", url],
                   capture_output=True, timeout=120)
    if not os.path.exists(shot) or os.path.getsize(shot) < 10000:
        fail(f"no screenshot was saved at {shot}")
    print(f"{len(index.rows)} table rows and {len(index.drift)} version steps, {checked_cells} "
          f"cells checked against {results}, {len(pages)} pages "
          f"{'checked (index rendered)' if index_only else 'rendered'}, {articles} classes; "
          f"screenshot {shot}")
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
