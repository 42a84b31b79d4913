#!/usr/bin/env python3
"""Checks a report document against the standards it claims, with validators that run offline.

    conformance.py pdf FILE   PDF/A-2a and PDF/UA-1 (the `page-validation` rule checker) and
                              PDF/UA-1 with WCAG 2.1 (the `pdfua` checker, findings of
                              warning severity and up)
    conformance.py odt FILE   every XML part against the OpenDocument 1.3 RELAX NG schemas
                              (jing, with the schemas the `openxml-audit` package ships; `-i`: the
                              schemas' ID types are not DTD-compatible, which is no fault
                              of the document)

Prints every finding and exits 1 when there is one, 0 when the document conforms, 2 when a
validator is missing (scripts/test installs them; the versions are pinned there).
"""
import os
import subprocess
import sys
import tempfile
import zipfile


def missing(what):
    print(f"validator missing: {what} (scripts/test installs it)", file=sys.stderr)
    sys.exit(2)


# The rule checker reads "\r\nendstream" as a CRLF end-of-line even where the stream's data ends
# with a carriage return and the end-of-line is the LF alone: then it finds a /Length one byte too
# long. A compressed stream ends with that byte in about one of 256 cases.
AMBIGUOUS_LENGTH = "PDFA2A-STREAM-LENGTH-001"


def stream_lengths_exact(path):
    """Every stream's /Length against the file's bytes: the data after `stream` and its
    end-of-line runs exactly /Length bytes, then an end-of-line and `endstream` (ISO 19005-2,
    6.1.7.1). Returns the streams that do not (empty: all exact)."""
    import re

    data = open(path, "rb").read()
    wrong = []
    for m in re.finditer(rb"(\d+) (\d+) obj\s*<<", data):
        head = re.compile(rb">>\s*stream(\r\n|\n)").search(data, m.end())
        following = data.find(b" obj", m.end())
        if head is None or (following != -1 and head.start() > following):
            continue
        dictionary = data[m.end() : head.start()]
        length = re.search(rb"/Length (\d+)(?![\d ]*\d+ R)", dictionary)
        if length is None:
            continue
        end = head.end() + int(length.group(1))
        if not re.match(rb"(\r\n|\n|\r)endstream", data[end : end + 12]):
            wrong.append(m.group(1).decode())
    return wrong


def check_pdf(path):
    try:
        import page
    except ImportError:
        missing("page-validation")
    findings = []
    for profile in ("2a", "ua1"):
        report = page.validate_pdf(path, profile=profile)
        print(f"page {profile}: {report.rules.passed}/{report.rules.total} rules pass")
        for f in report.failures:
            if f.rule_id == AMBIGUOUS_LENGTH and not stream_lengths_exact(path):
                print(f"page {profile} {f.rule_id}: a stream's data ends with CR; every /Length checked exact instead")
                continue
            findings.append(f"page {profile} {f.rule_id}: {f.message}")
    try:
        run = subprocess.run(
            ["pdfua", "check", "--min-severity", "warning", "--certain-only", path],
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        missing("pdfua")
    if run.returncode == 0:
        print("pdfua: no findings")
    else:
        findings.append(f"pdfua (exit {run.returncode}):\n{run.stdout}{run.stderr}")
    return findings


def schemas():
    try:
        import openxml_audit
    except ImportError:
        missing("openxml-audit")
    folder = os.path.join(os.path.dirname(openxml_audit.__file__), "odf", "schemas", "odf-1.3")
    return (
        os.path.join(folder, "OpenDocument-v1.3-schema.rng"),
        os.path.join(folder, "OpenDocument-v1.3-manifest-schema.rng"),
    )


def check_odt(path):
    schema, manifest = schemas()
    findings = []
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(path) as odt:
        names = odt.namelist()
        if names[0] != "mimetype" or odt.getinfo("mimetype").compress_type != zipfile.ZIP_STORED:
            findings.append("the mimetype entry is not first and stored")
        parts = [n for n in names if n.endswith(".xml")]
        for name in parts:
            odt.extract(name, folder)
            rng = manifest if name == "META-INF/manifest.xml" else schema
            try:
                run = subprocess.run(
                    ["jing", "-i", rng, os.path.join(folder, name)], capture_output=True, text=True
                )
            except FileNotFoundError:
                missing("jing")
            # Debian's jing warns about optional jars it does without; those lines are no finding.
            said = "".join(
                line
                for line in (run.stdout + run.stderr).splitlines(keepends=True)
                if not line.startswith("[warning] ")
            )
            if run.returncode != 0 or said.strip():
                findings.append(f"{name}:\n{said}")
        print(f"jing: {len(parts)} parts checked against OpenDocument 1.3")
    return findings


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("pdf", "odt"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    kind, path = sys.argv[1], sys.argv[2]
    findings = check_pdf(path) if kind == "pdf" else check_odt(path)
    for f in findings:
        print(f)
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
