"""The Delivery Plan report's data and renderers: rendering runs no queries in any
format, each format has a content type and a file name, and only approved updates are
shown unless more are asked for."""

from __future__ import annotations

import pytest

from planwatch.delivery.models import Update
from planwatch.delivery.selectors import delivery_plan
from planwatch.reporting.delivery_plan import (
    CONTENT_TYPES,
    EXTENSIONS,
    FORMATS,
    delivery_plan_filename,
    render_delivery_plan,
)
from tests.reporting.delivery_report import CURRENT


class TestTheData:
    def test_rendering_runs_no_queries_in_any_format(self, plan, django_assert_num_queries):
        period = plan.periods.get(slug=CURRENT)
        data = delivery_plan(user=None, plan=plan, period=period)

        for fmt in FORMATS:
            with django_assert_num_queries(0):
                content = render_delivery_plan(data, fmt)
            assert content

    def test_an_unknown_format_is_refused(self, plan):
        data = delivery_plan(user=None, plan=plan, period=plan.periods.get(slug=CURRENT))

        with pytest.raises(ValueError, match="'odt' is not one of xlsx, docx, pdf, html"):
            render_delivery_plan(data, "odt")

    def test_each_format_has_a_content_type_and_a_file_name(self, plan):
        data = delivery_plan(user=None, plan=plan, period=plan.periods.get(slug=CURRENT))

        assert set(CONTENT_TYPES) == set(EXTENSIONS) == {"xlsx", "docx", "pdf", "html"}
        assert delivery_plan_filename(data, "pdf") == f"{plan.slug}-{CURRENT}-delivery-plan.pdf"

    def test_the_system_sees_only_approved_updates_unless_it_asks_for_more(self, plan, unpublished):
        waiting = Update.objects.get(period=unpublished)

        public = delivery_plan(user=None, plan=plan, period=unpublished)
        draft = delivery_plan(user=None, plan=plan, period=unpublished, include_unapproved=True)

        assert all(row.update is None for row in public.summary.rows)
        assert [row.update for row in draft.summary.rows if row.update] == [waiting]
