"""The committed compatibility data is well-formed and names only existing examples."""

import json

import jsonschema

from example_runner import all_examples
from example_runner.tables import MATRIX_FILE as DATA_FILE
from example_runner.tables import MATRIX_SCHEMA as SCHEMA
from example_runner.tables import render_matrix

from .support import ROOT


def load():
    return json.loads((ROOT / DATA_FILE).read_text(encoding="utf-8"))


def test_matrix_data_matches_its_schema():
    jsonschema.validate(load(), SCHEMA)


def test_matrix_refers_only_to_existing_examples(settings):
    known = {e.rel for e in all_examples(settings)}
    stale = sorted({r["example"] for r in load()["results"]} - known)
    assert not stale, (
        f"{DATA_FILE} names examples that no longer exist: {stale}; rerun "
        "python -m example_runner matrix"
    )


def test_matrix_renders_every_example_it_holds():
    data = load()
    page = render_matrix(data)
    for example in {r["example"] for r in data["results"]}:
        assert f"`{example}`" in page
    assert data["generated_at"][:10] in page


def test_schema_rejects_a_bad_row():
    data = load()
    data["results"][0]["status"] = "passed"  # not one of the statuses the runner reports
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted an unknown status")
