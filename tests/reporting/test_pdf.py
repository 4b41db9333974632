"""Printing with the cyclic garbage collector held off (planwatch.reporting.pdf)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from planwatch.reporting.pdf import collector_paused, tagged_pdf


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_the_collector_is_off_while_printing_and_on_again_after(collector_on):
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_prints_inside_prints_leave_the_collector_off_until_the_last_ends(collector_on):
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_print_that_fails(collector_on):
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the printer jammed")
    assert gc.isenabled()


def test_a_collector_turned_off_before_printing_stays_off():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


def test_a_tagged_pdf_is_printed_with_the_collector_on_again_after(collector_on):
    pdf = tagged_pdf('<!DOCTYPE html><html lang="en-GB"><title>T</title><p>Hello</p></html>')
    assert pdf.startswith(b"%PDF-")
    assert gc.isenabled()
