"""Logs carry the correlation id and never a BSN."""

from __future__ import annotations

import logging

import pytest

from shared import correlation, log


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    log.install()
    caplog.set_level(logging.INFO)
    return caplog


def test_bsn_in_message_arguments_is_masked(records: pytest.LogCaptureFixture) -> None:
    logging.getLogger("test").info("persoon %s niet gevonden", "111222333")
    assert "111222333" not in records.text
    assert "persoon ********* niet gevonden" in records.text


def test_bsn_in_an_exception_is_masked_in_the_traceback(records: pytest.LogCaptureFixture) -> None:
    try:
        raise ValueError("onbekende bsn 123456782")
    except ValueError:
        logging.getLogger("test").exception("mislukt")
    record = records.records[-1]
    assert "123456782" not in (record.exc_text or "")
    assert "*********" in (record.exc_text or "")


def test_longer_numbers_are_left_alone(records: pytest.LogCaptureFixture) -> None:
    logging.getLogger("test").info("%d bytes", 1234567890)
    assert "1234567890 bytes" in records.text


def test_records_carry_the_current_correlation_id(records: pytest.LogCaptureFixture) -> None:
    with correlation.bound("corr-1234-5678"):
        logging.getLogger("test").info("binnen")
    logging.getLogger("test").info("buiten")
    inside, outside = records.records[-2:]
    assert getattr(inside, "correlation_id", None) == "corr-1234-5678"
    assert getattr(outside, "correlation_id", None) is None


def test_json_lines_hold_the_correlation_id_and_no_bsn() -> None:
    log.install()
    record = logging.getLogger("test").makeRecord(
        "test", logging.INFO, __file__, 1, "bsn %s", ("999999990",), None
    )
    record.correlation_id = "corr-abcdefgh"
    line = log.JsonFormatter().format(record)
    assert '"correlationId": "corr-abcdefgh"' in line
    assert "999999990" not in line
