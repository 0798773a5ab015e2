"""Chart axes from 0 to a round top in round steps; times in one unit per chart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from models.chart_scale import MAX_STEPS, scale
from models.insights import in_hours_or_days


def test_counts_are_marked_in_whole_numbers() -> None:
    assert scale(26, whole=True).ticks == [0, 5, 10, 15, 20, 25, 30]
    assert scale(3, whole=True).ticks == [0, 1, 2, 3]
    assert scale(0, whole=True).ticks == [0, 1]  # an empty chart still has an axis
    assert scale(1, whole=True).decimals == 0


def test_amounts_and_hours_are_marked_in_round_steps() -> None:
    assert scale(717).ticks == [0, 200, 400, 600, 800]
    assert scale(19.7).ticks == [0, 5, 10, 15, 20]
    small = scale(0.3)
    assert small.step == 0.05 and small.decimals == 2


def test_a_median_of_one_and_a_half_minutes_is_marked_to_one_decimal() -> None:
    """Medians are written to one decimal: no tick reads "1.25"."""
    assert scale(1.4).ticks == [0, 0.5, 1.0, 1.5]
    assert scale(1.4).decimals == 1
    assert scale(14).ticks == [0, 2.5, 5, 7.5, 10, 12.5, 15]


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False), st.booleans())
def test_any_figure_fits_under_the_top_in_a_few_steps(largest: float, whole: bool) -> None:
    axis = scale(largest, whole=whole)
    assert axis.top >= largest
    assert 1 <= len(axis.ticks) - 1 <= MAX_STEPS
    assert abs(axis.ticks[-1] - axis.top) < 1e-6 * axis.top
    if whole:
        assert axis.step == int(axis.step) >= 1


def test_times_are_in_hours_under_two_days_and_else_all_in_days() -> None:
    hours = in_hours_or_days([3.0, None, 47.5])
    assert (hours.unit, hours.values) == ("hours", [3.0, None, 47.5])
    days = in_hours_or_days([12.0, None, 72.0])
    assert (days.unit, days.values) == ("days", [0.5, None, 3.0])
    assert in_hours_or_days([None, None]).unit == "hours"


def test_times_all_under_an_hour_are_in_minutes() -> None:
    """A shop that answers within a minute reads "1.2 minutes", not "0.020 hours"."""
    minutes = in_hours_or_days([0.02, None, 0.5])
    assert minutes.unit == "minutes"
    assert [None if v is None else round(v, 6) for v in minutes.values] == [1.2, None, 30.0]
    assert in_hours_or_days([0.5, 2.0]).unit == "hours"
    assert in_hours_or_days([0.5], whole_days=True).unit == "days"
