#!/usr/bin/env python3
"""Validates JSON documents against triage-eval's JSON Schemas with the reference `jsonschema` package.

Reads JSON Lines on standard input, each {"name": ..., "schema": "suite", "instance": ...}, and prints one JSON
line per input: {"name": ..., "errors": ["path: message", ...]}. Schemas are read from the folder given as the
first argument and may refer to each other by file name (suite -> models). Used by the Swift schema tests, which
turn YAML into JSON with the same parser the loaders use, so YAML 1.1 quirks of other parsers never matter.
"""
import json
import os
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

folder = sys.argv[1]
resources = []
schemas = {}
for file in sorted(os.listdir(folder)):
    if file.endswith(".schema.json"):
        with open(os.path.join(folder, file), encoding="utf-8") as handle:
            schema = json.load(handle)
        Draft202012Validator.check_schema(schema)
        schemas[file[: -len(".schema.json")]] = schema
        resources.append((schema["$id"], Resource.from_contents(schema)))
registry = Registry().with_resources(resources)

for line in sys.stdin:
    if not line.strip():
        continue
    item = json.loads(line)
    validator = Draft202012Validator(schemas[item["schema"]], registry=registry)
    errors = sorted(validator.iter_errors(item["instance"]), key=lambda e: list(e.absolute_path))
    messages = ["/".join(str(p) for p in error.absolute_path) + ": " + error.message for error in errors]
    print(json.dumps({"name": item["name"], "errors": messages}), flush=True)
