#!/usr/bin/python3
"""Read the test reports of one run (Check's XML of the unit tests, pytest's JUnit XML of the
HTTP tests, the browser tests' JUnit XML) and print the last line of the run:
"N passed, M failed". Exit status 1 when M > 0 or when no report was written."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

CHECK_NS = "{http://check.sourceforge.net/ns}"


def count_check(path):
    passed = failed = 0
    for test in ET.parse(path).getroot().iter(CHECK_NS + "test"):
        if test.get("result") == "success":
            passed += 1
        else:
            failed += 1
            name = test.findtext(CHECK_NS + "id")
            print(f"FAILED unit: {name}: {test.findtext(CHECK_NS + 'message')}")
    return passed, failed


def count_junit(path):
    passed = failed = 0
    root = ET.parse(path).getroot()
    for case in root.iter("testcase"):
        if case.find("skipped") is not None:
            continue
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
            print(f"FAILED {os.path.basename(path)}: {case.get('classname')}::{case.get('name')}")
        else:
            passed += 1
    # errors at collection time have no testcase of their own
    for suite in root.iter("testsuite"):
        cases = len(list(suite.iter("testcase")))
        if cases == 0 and int(suite.get("errors", 0)) > 0:
            failed += int(suite.get("errors"))
    return passed, failed


def main():
    results = sys.argv[1]
    passed = failed = 0
    reports = 0
    unit = os.path.join(results, "unit.xml")
    if os.path.exists(unit):
        p, f = count_check(unit)
        passed, failed, reports = passed + p, failed + f, reports + 1
    else:
        print("FAILED: the unit tests wrote no report")
        failed += 1
    for path in sorted(glob.glob(os.path.join(results, "*.xml"))):
        if os.path.basename(path) == "unit.xml":
            continue
        p, f = count_junit(path)
        passed, failed, reports = passed + p, failed + f, reports + 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and reports > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
