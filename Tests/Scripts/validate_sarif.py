#!/usr/bin/env python3
"""Validate SARIF logs against the official SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py [--schema SCHEMA] FILE...   (FILE may be "-" for standard input)

The schema defaults to Tests/Schemas/sarif-schema-2.1.0.json next to this script's folder.
Exit status: 0 when every file is valid, 1 when one is not (each error is printed with its JSON path),
2 when jsonschema is missing or a file cannot be read. Needs the `jsonschema` package
(`pip install jsonschema`).
"""

import json
import os
import sys


def main(arguments):
    schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Schemas", "sarif-schema-2.1.0.json")
    if len(arguments) >= 2 and arguments[0] == "--schema":
        schema_path, arguments = arguments[1], arguments[2:]
    if not arguments:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate_sarif.py: the jsonschema package is not installed (pip install jsonschema)", file=sys.stderr)
        return 2
    try:
        with open(schema_path, encoding="utf-8") as handle:
            schema = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"validate_sarif.py: cannot read the schema {schema_path}: {error}", file=sys.stderr)
        return 2
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    status = 0
    for path in arguments:
        try:
            if path == "-":
                log = json.load(sys.stdin)
            else:
                with open(path, encoding="utf-8") as handle:
                    log = json.load(handle)
        except (OSError, ValueError) as error:
            print(f"{path}: cannot read SARIF: {error}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(log), key=lambda error: list(error.absolute_path))
        for error in errors:
            location = "/".join(str(part) for part in error.absolute_path) or "(root)"
            print(f"{path}: {location}: {error.message}")
        if errors:
            status = 1
        else:
            print(f"{path}: valid SARIF 2.1.0")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
