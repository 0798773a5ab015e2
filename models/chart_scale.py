"""The value axis of a chart, from 0 to a round top in round steps, and the
charts' colours.

The window's charts and the PDF report's share it, so both mark the same
ticks: counts in whole steps (0, 5, 10, 15, never 6.5 shown as "7"), other
figures in steps of 1, 2 or 5 times a power of ten (2.5 and 25 too, when the
figures are not counts; never 0.25, which would need a decimal more).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Colour-blind friendly (Okabe-Ito, then Tableau), repeated if there are more series;
# "no category" in grey. The same in the window and in the PDF report.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    "#4E79A7", "#B07AA1", "#9C755F", "#76B7B2", "#EDC948", "#FF9DA7", "#BAB0AC",
)  # fmt: skip
NONE_COLOUR = "#9aa0a6"

MAX_STEPS = 6  # ticks above 0 at most
SMALLEST = 1e-6  # figures below this are drawn as 0


@dataclass(frozen=True)
class Scale:
    top: float
    step: float

    @property
    def ticks(self) -> list[float]:
        """Every tick from 0 to the top."""
        count = round(self.top / self.step)
        return [self.step * index for index in range(count + 1)]

    @property
    def decimals(self) -> int:
        """Decimals a tick label needs: 0 for 5, 1 for 0.5, 2 for 0.25."""
        for decimals in range(4):
            if abs(round(self.step, decimals) - self.step) < 1e-9:
                return decimals
        return 3


def scale(largest: float, *, whole: bool = False) -> Scale:
    """The axis for figures up to ``largest``: whole steps for counts (``whole``).

    An empty chart (nothing above 0, or nothing worth a mark) still gets an axis
    from 0 to 1."""
    if not math.isfinite(largest) or largest < SMALLEST:
        return Scale(1.0, 1.0)
    rough = largest / MAX_STEPS
    power = 10 ** math.floor(math.log10(rough))
    # 2.5 only where it needs no more decimals than the power does: 25 or 2.5, but
    # never 0.25, whose "1.25" would say more than a figure written to one decimal.
    multiples = (1, 2, 5, 10) if whole or power < 1 else (1, 2, 2.5, 5, 10)
    step = next(power * m for m in multiples if power * m >= rough - 1e-12)
    if whole:
        step = max(1.0, float(round(step)))
    steps = max(1, math.ceil(largest / step - 1e-9))
    # Written to 12 significant figures, so 5 * 2e-06 is 1e-05, not 9.999999999999999e-06.
    return Scale(float(f"{step * steps:.12g}"), float(f"{step:.12g}"))
