"""ctest selftest.ShardsMergeToOneRun: `mvconf run --shard I/N` jobs merged by `mvconf merge`
must give what one run with N times the cases gives, class by class (signature, cases, first
case, minimal case, RapidCheck's reproduction); expectations no shard met must fail the merge
and no shard; and shards that are not all of one run must be refused.

usage: shards_match_run.py MVCONF EXPECTATIONS_DIR WORK_DIR [CASES]  (per shard; default 150)"""
import json
import os
import subprocess
import sys

MVCONF, EXPECT, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
CASES = int(sys.argv[4]) if len(sys.argv) > 4 else 150
os.makedirs(WORK, exist_ok=True)
# A C-API property, a Python-level one and the corpus (which is not sharded: it runs whole in
# every shard and counts once); impl:3.12 judged by the default oracle differs by class.
FILTER = "--gtest_filter=GetContiguous.*:FromObject.*:PyLevel.ChainedViewsMatchCPython:Corpus.*"
RUN = ["run", "--port", "impl:3.12", "--oracle", "cpython", FILTER]
failures = []


def mvconf(*args):
    p = subprocess.run([MVCONF, *args], capture_output=True, text=True, cwd=WORK)
    return p.returncode, p.stdout + p.stderr


def check(ok, what, output=""):
    if not ok:
        failures.append(what + ("\n" + output[-3000:] if output else ""))


def shards(n, cases, extra, name):
    files = []
    for i in range(1, n + 1):
        f = f"{name}-{i}.json"
        rc, out = mvconf(*RUN, "--cases", str(cases), "--shard", f"{i}/{n}", "--json", f, *extra)
        check(rc in (0, 1) and os.path.exists(os.path.join(WORK, f)), f"shard {i}/{n} ran", out)
        files.append(f)
    return files


def by_class(path):
    r = json.load(open(os.path.join(WORK, path)))
    return {p["name"]: (p["cases"], p["failed"], p["status"],
                        [(k["signature"], k["cases"], k["first_at"], k["first_case"],
                          k["minimal_case"], k["reproduce"], k["status"]) for k in p["classes"]])
            for p in r["properties"]}, r


# 1. Two shards of CASES cases are one run of twice as many, class by class.
files = shards(2, CASES, [], "two")
rc_whole, out_whole = mvconf(*RUN, "--cases", str(2 * CASES), "--json", "whole.json")
rc_merged, out_merged = mvconf("merge", *files, "--json", "merged.json")
check(rc_merged == rc_whole == 1, f"merge exit {rc_merged}, whole run {rc_whole} (both 1)",
      out_merged)
whole, w = by_class("whole.json")
merged, m = by_class("merged.json")
classes = sum(len(v[3]) for v in whole.values())
check(classes >= 3, f"the whole run met {classes} classes: too few to compare", out_whole)
check(any(p["sharded"] for p in m["properties"]), "no property was sharded")
for name, want in whole.items():
    check(merged.get(name) == want, f"{name}: merged {merged.get(name)}\n   one run {want}")
check(m["compared"] == w["compared"], f"compared {m['compared']} against {w['compared']}")

# 2. An expectation whose class no shard meets: every shard passes, the merge fails.
stale = ["--expect", os.path.join(EXPECT, "stale.json")]
plain = ["run", "--port", "impl", "--gtest_filter=GetContiguous.*:FromObject.*"]
files = []
for i in (1, 2):
    f = f"stale-{i}.json"
    rc, out = mvconf(*plain, "--cases", "50", "--shard", f"{i}/2", "--json", f, *stale)
    check(rc == 0 and "judged when mvconf merge adds the shards up" in out,
          f"stale shard {i}: exit {rc}, the shard's line missing", out)
    files.append(f)
rc, out = mvconf("merge", *files, *stale)
check(rc == 1 and "1 unexpected-pass" in out and "stale expectation" in out,
      f"merge with a stale entry: exit {rc}", out)
rc, out = mvconf("merge", *files)
check(rc == 2 and "give mvconf merge --expect too" in out, "merge without --expect", out)

# 3. Shards that are not all of one run.
refusals = [
    ([files[0]], "shard 2/2 is missing"),
    ([files[0], files[0]], "shard 1/2 is given twice"),
    (["whole.json"], "whole.json is a whole run, not a shard"),
    ([files[0], "two-2.json"], "not shards of one run: port"),
]
for args, message in refusals:
    rc, out = mvconf("merge", *args, *stale)
    check(rc == 2 and message in out, f"merge {args}: exit {rc}, wanted 2 and '{message}'", out)

for f in failures:
    print("FAIL:", f)
print(f"{len(failures)} failure(s)" if failures else
      f"shards merge to one run: {classes} classes in {len(whole)} properties, refusals checked")
sys.exit(1 if failures else 0)
