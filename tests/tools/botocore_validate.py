#!/usr/bin/env python3
"""botocore's own model validation of a request body athenactl sent, or of its skeleton.

usage: botocore_validate.py OPERATION request BODY_FILE   -- the body passes ParamValidator
       botocore_validate.py OPERATION skeleton BODY_FILE  -- the skeleton names every member of the
                                                            input shape, recursively, and no other
Prints "botocore: OPERATION request valid" (or the problems) and exits 0 or 1.
"""
import json
import sys

import botocore.session
from botocore.validate import ParamValidator

operation, mode, path = sys.argv[1], sys.argv[2], sys.argv[3]
model = botocore.session.get_session().get_service_model("athena")
shape = model.operation_model(operation).input_shape
with open(path, encoding="utf-8") as f:
    body = json.load(f)


def members_missing(shape, value, where):
    problems = []
    if shape.type_name == "structure":
        names = set(shape.members)
        given = set(value) if isinstance(value, dict) else set()
        problems += [f"{where}.{n}: missing" for n in sorted(names - given)]
        problems += [f"{where}.{n}: not in the model" for n in sorted(given - names)]
        for n in sorted(names & given):
            problems += members_missing(shape.members[n], value[n], f"{where}.{n}")
    elif shape.type_name == "list" and isinstance(value, list) and value:
        problems += members_missing(shape.member, value[0], f"{where}[0]")
    elif shape.type_name == "map" and isinstance(value, dict) and value:
        problems += members_missing(shape.value, next(iter(value.values())), f"{where}.*")
    return problems


if mode == "request":
    report = ParamValidator().validate(body, shape)
    if report.has_errors():
        print("botocore: " + report.generate_report())
        sys.exit(1)
    print(f"botocore: {operation} request valid ({len(body)} members)")
else:
    problems = members_missing(shape, body, operation)
    if problems:
        print("botocore: skeleton differs from the model:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print(f"botocore: {operation} skeleton names every member of the model")
