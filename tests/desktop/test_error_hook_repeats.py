"""Something unexpected met again and again (a repaint or a timer meeting the same
fault each time) shows one box, not a stream of them the owner cannot get past."""

from __future__ import annotations

import sys

from ui import messages


def _raised(error: BaseException):
    try:
        raise error
    except BaseException as caught:  # handed to the hook as Qt would
        return type(caught), caught, caught.__traceback__


def _same_fault():
    return _raised(RuntimeError("Internal C++ object (QTextDocument) already deleted."))


def test_the_same_unexpected_error_again_at_once_shows_one_box(qtbot, monkeypatch) -> None:
    from desktop import error_hook

    shown: list[str] = []
    monkeypatch.setattr(messages, "show_box", lambda box: shown.append(box.text()))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(error_hook, "_last_shown", {"key": None, "at": 0.0})
    error_hook.install()
    for _ in range(14):
        sys.excepthook(*_same_fault())
    assert len(shown) == 1 and "Something unexpected went wrong" in shown[0]
    sys.excepthook(*_raised(ValueError("another fault")))
    assert len(shown) == 2  # a different error is still shown
