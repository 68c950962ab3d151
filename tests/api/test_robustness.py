"""Hostile input to the JSON API, found by a schemathesis run and by hand: each is refused with
a 422 naming the field (never a 500), nothing is written, and the answer is valid JSON that the
OpenAPI description documents.

Runs on a database holding the plan alone (one per module), so "nothing written" is an empty
list of values.
"""

from __future__ import annotations

import json

import pytest

from tests._webapp import TestClient

JSON = {"Content-Type": "application/json"}


def _post(client: TestClient, raw: str) -> tuple[int, str]:
    response = client.post("/api/actuals", content=raw.encode(), headers=JSON)
    return response.status_code, response.text


def _raw(value: str, indicator: str = "G4.1-I1", period: str = "2013", **texts: str) -> str:
    """A JSON body written out as it is: ``value`` and ``texts`` keep their escapes and NaN."""
    extra = "".join(f', "{k}": "{v}"' for k, v in texts.items())
    return f'{{"indicator_id": "{indicator}", "period": "{period}", "value": {value}{extra}}}'


def _nothing_written(client: TestClient, indicator: str = "G4.1-I1") -> None:
    assert client.get(f"/api/actuals?indicator={indicator}").json() == []


@pytest.mark.parametrize("field", ["source", "comment", "force_reason", "region"])
def test_a_lone_surrogate_is_refused_with_its_field(empty_client: TestClient, field: str) -> None:
    # JSON may escape half a surrogate pair; it is not text (it was a 500: UTF-8 cannot encode it)
    status, text = _post(empty_client, _raw("5", **{field: "a\\ud800"}))
    assert status == 422
    errors = json.loads(text)["detail"]  # valid JSON: the echoed input is escaped
    assert errors[0]["loc"] == ["body", field]
    assert "lone surrogate" in errors[0]["msg"]
    _nothing_written(empty_client)


@pytest.mark.parametrize("field", ["source", "comment", "force_reason"])
def test_a_nul_character_is_refused_with_its_field(empty_client: TestClient, field: str) -> None:
    # PostgreSQL cannot store U+0000 in text: it was a 500 there
    status, text = _post(empty_client, _raw("5", **{field: "a\\u0000b"}))
    assert status == 422
    assert json.loads(text)["detail"] == (
        f"the {field} holds a NUL character (\\x00), which cannot be stored"
    )
    _nothing_written(empty_client)


@pytest.mark.parametrize("value", ['"1e999999"', '"-1E+15"', '"1e-999999999"', '"0e-99999"'])
def test_a_value_beyond_what_is_stored_is_refused_even_forced(
    empty_client: TestClient, value: str
) -> None:
    # 1e999999 for a program's expenditure (no upper bound) was stored as infinity on SQLite,
    # and from then on every page, the API and the report answered 500
    status, text = _post(empty_client, _raw(value, "P001-X", force_reason="sure"))
    assert status == 422
    assert "too large or too small to be recorded" in json.loads(text)["detail"]
    _nothing_written(empty_client, "P001-X")
    assert empty_client.get("/api/plan?year=2013").status_code == 200


def test_the_largest_and_smallest_values_kept_are_recorded(empty_client: TestClient) -> None:
    # 999 999 999 999 999 thousand tenge (15 digits) and 1e-15 are inside the bounds
    for period, value in (("2013", "999999999999999"), ("2014", "1e-15")):
        assert _post(empty_client, _raw(f'"{value}"', "P002-X", period))[0] == 201
    assert empty_client.get("/api/budget?year=2013").status_code == 200


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e309"])
def test_a_json_number_that_is_not_finite_is_refused(empty_client: TestClient, value: str) -> None:
    status, text = _post(empty_client, _raw(value))
    assert status == 422
    error = json.loads(text)["detail"][0]
    assert error["loc"] == ["body", "value"] and "finite number" in error["msg"]


def test_an_error_echoing_nan_is_still_json(empty_client: TestClient) -> None:
    # the missing fields' errors echo the body; NaN is not JSON, so it comes back as text
    status, text = _post(empty_client, '{"value": NaN}')
    assert status == 422
    assert "NaN" not in text
    errors = json.loads(text)["detail"]
    assert [e["loc"] for e in errors] == [["body", "indicator_id"], ["body", "period"]]
    assert errors[0]["input"] == {"value": "nan"}


def test_true_is_not_a_value(empty_client: TestClient) -> None:
    # it was recorded as 1
    status, text = _post(
        empty_client, '{"indicator_id": "G4.1-I1", "period": "2013", "value": true}'
    )
    assert status == 422
    assert all(e["loc"][:2] == ["body", "value"] for e in json.loads(text)["detail"])
    _nothing_written(empty_client)


def test_openapi_documents_the_errors_and_not_the_pages(empty_client: TestClient) -> None:
    spec = empty_client.get("/api/openapi.json").json()
    assert all(path.startswith("/api/") for path in spec["paths"])
    plan = spec["paths"]["/api/plan"]["get"]["responses"]
    for status in ("404", "422", "503"):
        schema = plan[status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorOut"}
    post = spec["paths"]["/api/actuals"]["post"]["responses"]
    assert {"201", "400", "403", "415", "422"} <= set(post)


def test_a_body_that_is_not_utf8_is_a_documented_400(empty_client: TestClient) -> None:
    # schemathesis sent these bytes: FastAPI answers 400 before the route; now documented
    response = empty_client.post("/api/actuals", content=b"\xff\x14\xfe\xfd", headers=JSON)
    assert response.status_code == 400 and "detail" in response.json()
