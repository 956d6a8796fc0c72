#!/usr/bin/env python3
"""The committed conformance site is what `mvconf matrix` makes of the committed results: every
page of COMMITTED equals the page of the same name in REBUILT (made from the same results into
another directory), apart from the regeneration command and the links to the Markdown reports, which depend on
that directory.

usage: conformance_page_current.py COMMITTED_DIR REBUILT_DIR
"""
import os
import re
import sys

# What names the output directory: the regeneration command, and the links to the rows'
# Markdown reports (relative to the site's directory).
COMMAND = re.compile(r'<code>mvconf matrix[^<]*</code>|href="[^"]*[.]md"')


def pages(d):
    return sorted(f for f in os.listdir(d) if f.endswith(".html") or f.endswith(".css"))


def main():
    committed, rebuilt = sys.argv[1:3]
    a, b = pages(committed), pages(rebuilt)
    bad = []
    if a != b:
        bad.append(f"pages differ: only committed {sorted(set(a) - set(b))}, "
                   f"only rebuilt {sorted(set(b) - set(a))}")
    for name in sorted(set(a) & set(b)):
        x = COMMAND.sub("", open(os.path.join(committed, name), encoding="utf-8").read())
        y = COMMAND.sub("", open(os.path.join(rebuilt, name), encoding="utf-8").read())
        if x != y:
            bad.append(f"{name} is stale: regenerate with `build/properties/mvconf matrix` "
                       "(or `--run` for fresh results)")
    for line in bad:
        print("FAIL:", line)
    print(f"{len(a)} committed pages compared with {rebuilt}: {len(bad)} problem(s)")
    return 1 if bad or not a else 0


if __name__ == "__main__":
    sys.exit(main())
