"""The learned part's one hidden layer: what a sentence's features say together.

A linear model adds up what each feature says on its own, so "our", "invoice" and
"twice" weigh the same in "our invoice added the delivery twice" as in "was our
invoice sent twice?". One small hidden layer (:data:`HIDDEN` units, each a sum
of the sentence's features followed by max(0, ·)) lets features count for more
or less beside each other. Trained by :mod:`models.wording.training` on the same
features as the linear model (:mod:`models.wording.features`), each present or
not (a feature said twice counts once), and shipped in the weights file: each
feature's row of HIDDEN whole numbers from -127 to 127 times one ``scale``, so
the file stays small and is read with the standard library alone.

A sentence's sum is split as the linear model's is: its own features, the
words it lends the sentence after it (``p:``) and the sentence before it
(``n:``), each kept as whole numbers so a text checked again at each keystroke
adds up only the sentences that changed.
"""

from __future__ import annotations

import base64
import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

HIDDEN = 16


# A feature's row is kept as one whole number: each hidden unit's step plus
# _OFFSET in a lane of _LANE bits, and 1 in the lane after the last (how many
# rows were added). Adding two such numbers adds every lane at once; the lanes
# never carry into each other while fewer than 2**_LANE / 255 rows are added,
# far more than any sentence has features.
_LANE = 32
_OFFSET = 128
_MASK = (1 << _LANE) - 1
# Sign flip: a signed byte read as unsigned, plus _OFFSET, is the byte with its top bit flipped.
_FLIP = bytes((b ^ 0x80) for b in range(256))


@dataclass
class Net:
    index: dict[str, int]  # feature name -> its row
    rows: array  # signed bytes, ``hidden`` per row, row after row
    scale: float  # what one step of a row's whole numbers is worth
    first_bias: list[float]  # one per hidden unit
    out: list[float]  # the weight of each hidden unit in the answer
    out_bias: float
    # Each feature's row as one whole number (see _LANE), made the first time it is named.
    packed: dict[str, int] = field(default_factory=dict)
    # The answer for each sum of a sentence's parts worked out so far.
    answers: dict[int, float] = field(default_factory=dict)

    @property
    def hidden(self) -> int:
        return len(self.first_bias)

    def _pack(self, name: str) -> int:
        at = self.index.get(name)
        if at is None:
            value = 0
        else:
            n = self.hidden
            lanes = bytearray(4 * (n + 1))
            raw = self.rows[at * n : (at + 1) * n].tobytes().translate(_FLIP)
            lanes[0 : 4 * n : 4] = raw
            lanes[4 * n] = 1
            value = int.from_bytes(lanes, "little")
        if len(self.packed) > _KEEP_PACKED:
            self.packed.clear()
        self.packed[name] = value
        return value

    def sums(self, features: Iterable[str]) -> int:
        """The sums of these features' rows, every hidden unit at once (each feature
        once, however often it is named); :meth:`units` reads them."""
        packed, pack = self.packed.get, self._pack
        total = 0
        for name in set(features):
            value = packed(name)
            total += pack(name) if value is None else value
        return total

    def units(self, total: int) -> list[int]:
        """Each hidden unit's sum, in whole steps, from the sums of :meth:`sums`."""
        n = self.hidden
        rows = total >> (_LANE * n)
        less = _OFFSET * rows
        return [((total >> (_LANE * k)) & _MASK) - less for k in range(n)]

    def probability(self, *parts: int) -> float:
        """The probability from the sums of a sentence's parts (its own features, the
        sentence before's and the sentence after's). A text checked again at each
        keystroke has the same sums as before for most sentences: their answers are
        kept (a bounded number)."""
        total = sum(parts)
        known = self.answers.get(total)
        if known is not None:
            return known
        scale = self.scale
        z = self.out_bias
        for step, bias, weight in zip(self.units(total), self.first_bias, self.out, strict=True):
            pre = bias + scale * step
            if pre > 0.0:
                z += weight * pre
        answer = 0.0 if z < -30.0 else 1.0 / (1.0 + math.exp(-min(z, 30.0)))
        if len(self.answers) > _KEEP_ANSWERS:
            self.answers.clear()
        self.answers[total] = answer
        return answer


_KEEP_PACKED = 200_000  # features kept packed; any text's words land here
_KEEP_ANSWERS = 50_000  # sums whose answers are kept


def read_net(data: dict[str, object]) -> Net:
    """The hidden layer as the weights file keeps it (see :func:`net_data`)."""
    names = str(data["features"]).split("\n")
    rows = array("b", base64.b64decode(str(data["rows"])))
    first_bias = [float(v) for v in data["first_bias"]]  # type: ignore[attr-defined]
    if len(rows) != len(names) * len(first_bias):
        raise ValueError("the hidden layer's rows do not fit its features")
    return Net(
        index={name: k for k, name in enumerate(names)},
        rows=rows,
        scale=float(data["scale"]),  # type: ignore[arg-type]
        first_bias=first_bias,
        out=[float(v) for v in data["out"]],  # type: ignore[attr-defined]
        out_bias=float(data["out_bias"]),  # type: ignore[arg-type]
    )


def net_data(
    names: Sequence[str],
    rows: Sequence[Sequence[float]],
    first_bias: Sequence[float],
    out: Sequence[float],
    out_bias: float,
) -> tuple[dict[str, object], Net]:
    """The hidden layer as the weights file keeps it, and as the check will read it:
    each feature's row rounded to whole steps of one scale; a feature whose row
    rounds to nothing is left out."""
    largest = float(max((abs(v) for row in rows for v in row), default=0.0)) or 1.0
    scale = largest / 127
    kept_names: list[str] = []
    kept = array("b")
    for name, row in zip(names, rows, strict=True):
        if "\n" in name:  # never a feature's name; the names are kept one per line
            continue
        whole = [max(-127, min(127, round(v / scale))) for v in row]
        if any(whole):
            kept_names.append(name)
            kept.extend(whole)
    data: dict[str, object] = {
        "features": "\n".join(kept_names),
        "rows": base64.b64encode(kept.tobytes()).decode("ascii"),
        "scale": scale,
        "first_bias": [round(float(v), 6) for v in first_bias],
        "out": [round(float(v), 6) for v in out],
        "out_bias": round(float(out_bias), 6),
    }
    return data, read_net(data)
