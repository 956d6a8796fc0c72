#!/usr/bin/env python3
"""Checks the JSON Schemas of docs/schema/ against real documents.

  schema_check.py --mvconf MVCONF --source DIR [--cases N] [--port COMMAND]...
                  [--allow-port-failures]
  schema_check.py --source DIR --self-test
  schema_check.py --record LOG -- COMMAND...      (internal: a recording proxy port)

The check validates every line of DIR/fixtures/cases/*.jsonl against case.schema.json, the
"mvconf-case:" lines of a report (a small run of the first mutant), and live traffic: the
harness (`mvconf replay` of the corpus, then `mvconf run --cases N`) talks to each port through
a proxy that records every line both ways; each request must match request.schema.json, each
answer answer.schema.json, and each outcome outcome.schema.json#/$defs/OP for its case's op.
The ports are `mvconf serve --port impl` and fixtures/ports/py_driver.py (py_chain cases), or
the COMMANDs given (split like a shell does, run without one). A self-test first checks that
deliberately invalid documents are rejected, and the check fails if it validated nothing, or
if a port crashed or failed on a case (whose outcome then went unchecked) unless
--allow-port-failures is given.

Needs the jsonschema module (4.10 or newer: Debian's python3-jsonschema); without it, prints
MVCONF_SKIP and exits 77. Exit status: 0 all valid, 1 a document is invalid, 2 bad usage.
"""
import argparse
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import warnings

try:
    import jsonschema
except ImportError:
    print("MVCONF_SKIP: needs python3-jsonschema")
    sys.exit(77)

SCHEMAS = ("case.schema.json", "outcome.schema.json", "request.schema.json", "answer.schema.json")
# RefResolver is what jsonschema 4.10 has; newer versions deprecate it but still use it.
warnings.simplefilter("ignore", DeprecationWarning)


class Failed(Exception):
    pass


class Schemas:
    def __init__(self, schema_dir):
        self.store = {}
        for name in SCHEMAS:
            path = os.path.join(schema_dir, name)
            try:
                with open(path, encoding="utf-8") as f:
                    doc = json.load(f)
            except (OSError, ValueError) as e:
                raise Failed("%s: %s" % (path, e))
            try:
                jsonschema.Draft202012Validator.check_schema(doc)
            except jsonschema.exceptions.SchemaError as e:
                raise Failed("%s: not a valid draft 2020-12 schema: %s" % (path, e.message))
            self.store[name] = doc
        self.validators = {}

    def problem(self, ref, doc, precise=None):
        """Why doc does not match ref ("case.schema.json", "outcome.schema.json#/$defs/py"),
        or None. When it does not, the reason given is precise's (a part of ref that doc
        should match) if doc does not match that either: oneOf's own messages say little."""
        if ref not in self.validators:
            root = {"$ref": ref}
            resolver = jsonschema.RefResolver("", root, store=self.store)
            self.validators[ref] = jsonschema.Draft202012Validator(root, resolver=resolver)
        error = jsonschema.exceptions.best_match(self.validators[ref].iter_errors(doc))
        if error is None:
            return None
        if precise:
            return self.problem(precise, doc) or self.problem(ref, doc)
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        message = error.message if len(error.message) <= 300 else error.message[:300] + "..."
        return "%s: at %s: %s" % (ref, where, message)


def excerpt(text):
    text = text.rstrip("\n")
    return text if len(text) <= 200 else text[:200] + "..."


# ---- the self-test: documents that must be rejected, so no check can pass vacuously ----

CASE = {"op": "is_contiguous",
        "layout": {"format": "B", "itemsize": 1, "ndim": 2, "shape": [2, 3], "strides": [3, 1],
                   "offset": 0, "memlen": 6},
        "args": {"order": 70}}
PY = {"op": "py", "layout": CASE["layout"], "args": {"calls": [{"method": "tolist"}]}}


DELETE = object()


def changed(doc, path, value):
    """A deep copy of doc with the key at path (a list of keys) set to value (or deleted
    when value is DELETE)."""
    doc = json.loads(json.dumps(doc))
    at = doc
    for key in path[:-1]:
        at = at[key]
    if value is DELETE:
        del at[path[-1]]
    else:
        at[path[-1]] = value
    return doc


def call_case(call):
    return changed(PY, ["args", "calls"], [call])


def invalid_documents():
    """(what, schema, document) that the schemas must reject."""
    case, answer = "case.schema.json", "answer.schema.json"
    return [
        ("an unknown top-level key", case, changed(CASE, ["bogus"], 1)),
        ("an unknown layout key", case, changed(CASE, ["layout", "strides_"], [1])),
        ("a misspelt argument", case, changed(CASE, ["args"], {"ordr": 67})),
        ("an itemsize of 1.5", case, changed(CASE, ["layout", "itemsize"], 1.5)),
        ("ndim as a string", case, changed(CASE, ["layout", "ndim"], "2")),
        ("an unknown op", case, changed(CASE, ["op"], "frobnicate")),
        ("no layout", case, changed(CASE, ["layout"], DELETE)),
        ("an order beyond a byte", case, changed(CASE, ["args", "order"], 256)),
        ("a negative fill", case, changed(CASE, ["layout", "fill"], -1)),
        ("a misspelt via", case, {"op": "from_object", "layout": CASE["layout"],
                                  "args": {"via": "veiw"}}),
        ("copy_data without src_layout", case,
         {"op": "copy_data", "layout": CASE["layout"], "args": {"dest_via": "view"}}),
        ("a py_chain base of format 'h'", case,
         {"op": "py_chain", "layout": {"format": "h", "itemsize": 1, "ndim": 1, "shape": [4],
                                       "strides": [1], "offset": 0, "memlen": 4}}),
        ("an unknown py method", case, call_case({"method": "tolytes"})),
        ("getitem of two arguments", case, call_case({"method": "getitem", "args": [0, 1]})),
        ("getattr of bytes", case, call_case({"method": "getattr", "args": [{"bytes": "6f"}]})),
        ("the value {\"float\": \"1.5\"}", case,
         call_case({"method": "tobytes", "args": [{"float": "1.5"}]})),
        ("the value {\"view\": -1}", case, call_case({"method": "eq", "args": [{"view": -1}]})),
        ("a slice of one value", case,
         call_case({"method": "getitem", "args": [{"slice": [1]}]})),
        ("odd hex", case, call_case({"method": "eq", "args": [{"bytes": "abc"}]})),
        ("a call with an unknown key", case, call_case({"method": "tolist", "of": 0})),
        ("a handshake without hello", "request.schema.json", {"mvconf": 2}),
        ("a string id", "request.schema.json", {"id": "1", "case": CASE}),
        ("a request with an invalid case", "request.schema.json",
         {"id": 1, "case": changed(CASE, ["bogus"], 1)}),
        ("protocol 3", answer, {"mvconf": 3, "name": "x", "version": "3.11", "features": []}),
        ("features as a string", answer, {"mvconf": 2, "features": "constructors"}),
        ("an answer without id", answer, {"outcome": {"result": 0}}),
        ("an outcome that is a list", answer, {"id": 1, "outcome": []}),
        ("an outcome with an unknown key", answer, {"id": 1, "outcome": {"result": 0, "x": 1}}),
        ("a port_failure with more", answer, {"id": 1, "outcome": {"port_failure": "x", "y": 1}}),
        ("a result as a string", "outcome.schema.json#/$defs/is_contiguous", {"result": "0"}),
        ("an error without message", "outcome.schema.json#/$defs/is_contiguous",
         {"error": {"type": "ValueError"}}),
        ("result and error at once", "outcome.schema.json#/$defs/is_contiguous",
         {"result": 0, "error": {"type": "ValueError", "message": ""}}),
        ("a pointer into the heap", "outcome.schema.json#/$defs/get_pointer",
         {"pointer": {"region": "heap", "offset": 0}}),
        ("uppercase hex", "outcome.schema.json#/$defs/from_contiguous",
         {"result": 0, "memory_after": "0A"}),
        ("a py entry without its state", "outcome.schema.json#/$defs/py",
         {"calls": [{"result": 1}], "memory_after": "", "exports_outstanding": 0}),
        ("a raw string result", "outcome.schema.json#/$defs/py_chain",
         {"chain": [], "calls": [{"result": "B"}], "memory_after": ""}),
    ]


def valid_documents():
    """(what, schema, document) that the schemas must accept: docs/out-of-process.md's
    worked example."""
    return [
        ("the example handshake", "request.schema.json", {"mvconf": 2, "hello": "mvconf harness"}),
        ("the example case", "request.schema.json", {"id": 1, "case": CASE}),
        ("the example handshake answer", "answer.schema.json",
         {"features": ["constructors", "buffer_functions"], "mvconf": 2, "name": "impl",
          "version": "3.11"}),
        ("the example answer", "answer.schema.json", {"id": 1, "outcome": {"result": 0}}),
        ("the example strides", "answer.schema.json",
         {"id": 2, "outcome": {"strides": [2, 4, 0, -12345]}}),
        ("a port failure", "answer.schema.json", {"id": 3, "outcome": {"port_failure": "x"}}),
    ]


def case_lines(path):
    """(line number, text) of the case lines of a .jsonl file (not blank, not comments)."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.startswith("#"):
                yield n, line


def self_test(schemas, source):
    """Raises Failed unless every invalid document is rejected and every valid one accepted;
    returns how many were rejected."""
    rejected = []
    invalid = invalid_documents()
    # The project's own invalid lines: the same verdicts as the harness's
    # (properties/mvconf_verdict_tests.cmake, fixtures/fuzz_regressions/README.md).
    bad = os.path.join(source, "fixtures", "bad_cases", "misspelt_key.jsonl")
    lines = dict(case_lines(bad))
    for n in (2, 4):
        invalid.append(("%s:%d" % (bad, n), "case.schema.json", json.loads(lines[n])))
    for name in ("unknown_py_method", "operator_arity"):
        path = os.path.join(source, "fixtures", "fuzz_regressions", "impl_slots", name)
        with open(path, encoding="utf-8") as f:
            invalid.append((path, "case.schema.json", json.loads(f.read())))
    for what, ref, doc in invalid:
        if schemas.problem(ref, doc) is None:
            raise Failed("self-test: %s accepts %s: %s" % (ref, what, excerpt(json.dumps(doc))))
        rejected.append(what)
    accepted = valid_documents() + [("%s:3" % bad, "case.schema.json", json.loads(lines[3]))]
    for what, ref, doc in accepted:
        problem = schemas.problem(ref, doc)
        if problem:
            raise Failed("self-test: %s rejects %s: %s" % (ref, what, problem))
    if not rejected:
        raise Failed("self-test: no invalid document was tried")
    return len(rejected)


# ---- the recording proxy ----

def record(log_path, argv):
    """Runs argv as a port, forwarding each request line and its one answer line, and appends
    both to log_path ({"request": LINE} / {"answer": LINE}, one per line)."""
    env = dict(os.environ, PYTHONHASHSEED="0")  # as `--port python:` runs the driver
    try:
        child = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    except OSError as e:
        print("schema_check: cannot start the port %s: %s" % (argv, e), file=sys.stderr)
        return 1
    with open(log_path, "a", encoding="utf-8") as log:
        def note(key, line):
            log.write(json.dumps({key: line.decode("utf-8", "replace").rstrip("\n")}) + "\n")
            log.flush()

        while True:
            line = sys.stdin.buffer.readline()
            if not line:
                break
            note("request", line)
            child.stdin.write(line)
            child.stdin.flush()
            answer = child.stdout.readline()
            if not answer:
                break
            note("answer", answer)
            sys.stdout.buffer.write(answer)
            sys.stdout.buffer.flush()
    child.stdin.close()
    return child.wait()


# ---- the check ----

def check_corpus(schemas, source):
    files = sorted(glob.glob(os.path.join(source, "fixtures", "cases", "*.jsonl")))
    count = 0
    for path in files:
        for n, line in case_lines(path):
            try:
                doc = json.loads(line)
            except ValueError as e:
                raise Failed("%s:%d: not JSON: %s" % (path, n, e))
            problem = schemas.problem("case.schema.json", doc)
            if problem:
                raise Failed("%s:%d: %s\n  %s" % (path, n, problem, excerpt(line)))
            count += 1
    if count == 0:
        raise Failed("no case line in %s/fixtures/cases/*.jsonl" % source)
    return count


def harness(mvconf, args, out_path):
    """Runs mvconf with args, its output into out_path; returns the output."""
    with open(out_path, "w", encoding="utf-8") as out:
        rc = subprocess.run([mvconf] + args, stdout=out, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, timeout=600).returncode
    with open(out_path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if rc not in (0, 1):  # 1: a case diverged, which is not this check's business
        raise Failed("`%s %s` exited %d (output in %s):\n%s"
                     % (mvconf, " ".join(args), rc, out_path, text[-2000:]))
    return text


def check_report_lines(schemas, mvconf, work):
    """The "mvconf-case:" lines of a report: a small run of the first mutant, which fails."""
    listing = subprocess.run([mvconf, "list", "mutants"], capture_output=True, text=True).stdout
    rows = [line.split()[0] for line in listing.splitlines()[1:] if line.strip()]
    if not rows:
        raise Failed("`mvconf list mutants` names no mutant")
    out_path = os.path.join(work, "mutant-report.txt")
    text = harness(mvconf, ["run", "--port", "mutant:" + rows[0], "--cases", "20",
                            "--max-classes", "1", "--max-shrinks", "20"], out_path)
    count = 0
    for n, line in enumerate(text.splitlines(), 1):
        at = line.find("mvconf-case: ")
        if at < 0:
            continue
        try:
            doc = json.loads(line[at + len("mvconf-case: "):])
        except ValueError as e:
            raise Failed("%s:%d: not JSON after mvconf-case: %s" % (out_path, n, e))
        problem = schemas.problem("case.schema.json", doc)
        if problem:
            raise Failed("%s:%d: %s" % (out_path, n, problem))
        count += 1
    if count == 0:
        raise Failed("no mvconf-case line in the report of mutant:%s (%s)" % (rows[0], out_path))
    return count


def check_traffic(schemas, log_path, label, unchecked):
    """Validates a recorded conversation; returns (requests, answers) checked. A case the port
    crashed on (no answer) or answered with a port failure has no outcome to check: it is a
    failure, or with `unchecked` (a list) appended there."""
    with open(log_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    requests = answers = 0
    request = asked = None  # the request waiting for its answer, and where it is
    protocol = 2  # the handshake answer's

    def not_checked(where, why):
        if unchecked is None:
            raise Failed("%s: %s, so no outcome was checked (a port failure)\n  to: %s"
                         % (where, why, excerpt(json.dumps(request))))
        unchecked.append(where)

    for n, rec in enumerate(records, 1):
        where = "%s:%d (%s)" % (log_path, n, label)
        if "request" in rec:
            if request is not None:
                not_checked(asked, "no answer (the port died)")
            asked, line = where, rec["request"]
            try:
                request = json.loads(line)
            except ValueError:
                raise Failed("%s: a request that is not JSON: %s" % (where, excerpt(line)))
            if protocol == 1 and "hello" not in request:  # outside the top level's oneOf
                problem = schemas.problem("request.schema.json#/$defs/protocol_1_case_request",
                                          request)
            else:
                kind = "handshake" if "hello" in request else "case_request"
                problem = schemas.problem("request.schema.json", request,
                                          "request.schema.json#/$defs/" + kind)
            if problem:
                raise Failed("%s: %s\n  the request: %s" % (where, problem, excerpt(line)))
            requests += 1
            continue
        line = rec["answer"]
        if request is None:
            raise Failed("%s: an answer nobody asked for: %s" % (where, excerpt(line)))
        try:
            answer = json.loads(line)
        except ValueError:
            raise Failed("%s: an answer that is not JSON: %s" % (where, excerpt(line)))
        if "hello" in request:
            problem = schemas.problem("answer.schema.json", answer,
                                      "answer.schema.json#/$defs/handshake")
            if not problem:
                protocol = answer["mvconf"]
        elif protocol == 1:  # no ids, accepted for this release only
            problem = schemas.problem("answer.schema.json#/$defs/protocol_1_case_answer", answer)
        else:
            problem = schemas.problem("answer.schema.json", answer,
                                      "answer.schema.json#/$defs/case_answer")
            if not problem and answer["id"] != request["id"]:
                problem = "id %r answers the request of id %r" % (answer["id"], request["id"])
        if not problem and "hello" not in request:
            if "port_failure" in answer["outcome"]:
                not_checked(where, "the answer is " + excerpt(line))
            else:  # the outcome of this case's operation, not only of some operation
                problem = schemas.problem("outcome.schema.json#/$defs/" + request["case"]["op"],
                                          answer["outcome"])
        if problem:
            raise Failed("%s: %s\n  the answer: %s\n  to: %s"
                         % (where, problem, excerpt(line), excerpt(json.dumps(request))))
        answers += 1
        request = None
    if request is not None:
        not_checked(asked, "no answer (the port died)")
    if answers <= 1:  # the handshake alone
        raise Failed("%s (%s): the harness sent this port no case" % (log_path, label))
    return requests, answers


def check_port(schemas, mvconf, source, argv, label, cases, work, k, unchecked):
    log_path = os.path.join(work, "traffic-%d.jsonl" % k)
    proxy = [sys.executable, os.path.abspath(__file__), "--record", log_path, "--"] + argv
    spec = "exec:" + " ".join(shlex.quote(word) for word in proxy)
    harness(mvconf, ["replay", os.path.join(source, "fixtures", "cases"), "--port", spec],
            os.path.join(work, "replay-%d.txt" % k))
    if cases > 0:
        harness(mvconf, ["run", "--port", spec, "--cases", str(cases), "--max-classes", "1",
                         "--max-shrinks", "20"], os.path.join(work, "run-%d.txt" % k))
    if not os.path.exists(log_path):
        raise Failed("%s: the harness never started the port (%s)" % (label, " ".join(argv)))
    return check_traffic(schemas, log_path, label, unchecked)


def main():
    parser = argparse.ArgumentParser(description="Checks docs/schema/ against real documents.")
    parser.add_argument("--mvconf", help="the mvconf executable")
    parser.add_argument("--source", help="the source tree (docs/schema, fixtures)")
    parser.add_argument("--cases", type=int, default=20,
                        help="cases per property of the `mvconf run` through each port (0: none)")
    parser.add_argument("--port", action="append", default=[], metavar="COMMAND",
                        help="a port to check instead of the default two (repeatable)")
    parser.add_argument("--allow-port-failures", action="store_true",
                        help="count the cases a port crashed on or failed, do not fail on them")
    parser.add_argument("--self-test", action="store_true",
                        help="only check that invalid documents are rejected")
    parser.add_argument("--record", metavar="LOG", help=argparse.SUPPRESS)
    parser.add_argument("command", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.record:
        argv = args.command[1:] if args.command[:1] == ["--"] else args.command
        return record(args.record, argv)
    if not args.source or not (args.self_test or args.mvconf):
        parser.error("needs --source, and --mvconf unless --self-test")
    source = os.path.abspath(args.source)
    try:
        schemas = Schemas(os.path.join(source, "docs", "schema"))
        rejected = self_test(schemas, source)
        if args.self_test:
            print("schema_check: self-test: %d invalid documents rejected" % rejected)
            return 0
        mvconf = os.path.abspath(args.mvconf)
        ports = [(shlex.split(c), c) for c in args.port] or [
            ([mvconf, "serve", "--port", "impl"], "mvconf serve --port impl"),
            ([sys.executable, os.path.join(source, "fixtures", "ports", "py_driver.py")],
             "py_driver.py")]
        cases = check_corpus(schemas, source)
        work = tempfile.mkdtemp(prefix="mvconf-schema-")  # kept when the check fails
        reports = check_report_lines(schemas, mvconf, work)
        totals, parts = [0, 0], []
        unchecked = [] if args.allow_port_failures else None
        for k, (argv, label) in enumerate(ports, 1):
            requests, answers = check_port(schemas, mvconf, source, argv, label, args.cases,
                                           work, k, unchecked)
            totals[0] += requests
            totals[1] += answers
            parts.append("%s %d" % (label, answers))
        if unchecked:
            print("schema_check: %d cases without an outcome to check (port failures), the "
                  "first at %s" % (len(unchecked), unchecked[0]))
        else:
            shutil.rmtree(work)
    except Failed as e:
        print("schema_check: FAILED: %s" % e, file=sys.stderr)
        return 1
    print("schema_check: %d cases, %d report lines, %d requests, %d answers valid (%s); "
          "self-test: %d invalid documents rejected"
          % (cases, reports, totals[0], totals[1], ", ".join(parts), rejected))
    return 0


if __name__ == "__main__":
    sys.exit(main())
