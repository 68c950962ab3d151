"""Recording values through the indicator page's form: CSRF, validation, escaping, history."""

from __future__ import annotations

import re

from tests._webapp import USER, TestClient, csrf_token

FORM = "/indicators/{id}/actuals"


def _token(client: TestClient, indicator_id: str) -> str:
    return csrf_token(client, f"/indicators/{indicator_id}")


def _post(client: TestClient, indicator_id: str, **fields: str) -> tuple[int, str]:
    data = {"csrf_token": _token(client, indicator_id), **fields}
    response = client.post(FORM.format(id=indicator_id), data=data, headers={"HX-Request": "true"})
    return response.status_code, response.text


def _revisions(html: str) -> str:
    return html[html.index('id="history"') : html.index('id="record"')]


def test_a_post_without_the_token_is_refused(web_client: TestClient) -> None:
    before = _revisions(web_client.get("/indicators/T1.2.3-I1").text)
    _token(web_client, "T1.2.3-I1")  # the cookie is set; the field is what is missing
    url = FORM.format(id="T1.2.3-I1")
    missing = web_client.post(url, data={"period": "2013", "value": "10"})
    wrong = web_client.post(url, data={"period": "2013", "value": "10", "csrf_token": "x" * 43})
    assert missing.status_code == 403 and wrong.status_code == 403
    assert "security token" in missing.text
    assert _revisions(web_client.get("/indicators/T1.2.3-I1").text) == before


def test_a_share_over_100_is_refused_with_the_message_and_the_form_kept(
    web_client: TestClient,
) -> None:
    status, html = _post(
        web_client, "G1.1-I1", period="2013", value="150", source="my bulletin", comment="typo?"
    )
    assert status == 422
    assert "a share cannot be over 100 %" in html
    # the way to accept it is the form's own field, named as its label reads, not a CLI flag
    assert (
        "Give a reason to force it if it is right (in the field &#34;Reason to accept a value "
        "outside the sensible range&#34; below, then record it again)" in html
    )
    assert "--force" not in html
    assert "<label>Reason to accept a value outside the sensible range <input" in html
    assert 'value="150"' in html and 'value="my bulletin"' in html and ">typo?</textarea>" in html
    # in the history's text (a random CSRF token in an attribute may hold the digits "150")
    shown = re.sub(r"<[^>]+>", " ", _revisions(html))
    assert not re.search(r"\b150\b", shown), shown


def test_field_errors_are_shown_beside_the_fields(web_client: TestClient) -> None:
    status, html = _post(web_client, "T1.2.3-I1", period="20x3", value="abc", region="99")
    assert status == 422
    assert 'id="period-error"' in html and "expected a period such as 2011" in html
    assert 'id="value-error"' in html and "expected a number such as 5.3 or 5,3" in html
    assert 'id="region-error"' in html and "unknown region &#34;99&#34;" in html


def test_user_text_is_shown_escaped(web_client: TestClient) -> None:
    status, html = _post(
        web_client, "T1.3.1-I4", period="2011", value="7", comment="<script>alert(1)</script>"
    )
    assert status == 200, html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_a_correction_keeps_both_revisions(web_client: TestClient) -> None:
    status, html = _post(web_client, "G2.1-I1", period="2012", value="12,5", source="first")
    assert status == 200 and "2012: recorded" in html
    status, html = _post(web_client, "G2.1-I1", period="2012", value="13", source="corrected")
    assert status == 200 and "recorded as a new revision" in html
    rows = [r for r in _revisions(html).split("<tr")[2:] if "<td>2012</td>" in r]
    assert len(rows) == 2
    first, second = rows
    assert "12.5" in first and "first" in first and 'class="superseded"' in f"<tr{first}"
    assert "13" in second and "corrected" in second and "in force" in second
    assert USER in first and USER in second


def test_a_plain_form_post_redirects_back(web_client: TestClient) -> None:
    data = {"csrf_token": _token(web_client, "G2.1-I1"), "period": "2011", "value": "9"}
    response = web_client.post(
        FORM.format(id="G2.1-I1") + "?year=2011", data=data, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/indicators/G2.1-I1?year=2011#history"


def test_posting_to_an_unknown_indicator_is_a_404(web_client: TestClient) -> None:
    token = _token(web_client, "G1.1-I1")
    response = web_client.post(
        FORM.format(id="NOPE"), data={"csrf_token": token, "period": "2012", "value": "1"}
    )
    assert response.status_code == 404
