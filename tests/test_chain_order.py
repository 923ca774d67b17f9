"""The implementation chain's heights are remembered per key only when no walk can reach the
depth guard (views.implementation_chain): that needs a graph without cycles."""

from __future__ import annotations

from build_scripts.views import _has_cycle


def test_a_cycle_is_found_wherever_it_starts() -> None:
    assert _has_cycle({"a": ["b"], "b": ["c"], "c": ["a"]})
    assert _has_cycle({"x": ["a"], "a": ["b"], "b": ["a"]})
    assert _has_cycle({"a": ["a"]})


def test_shared_ancestors_are_not_a_cycle() -> None:
    assert not _has_cycle({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []})
    assert not _has_cycle({"a": ["b"], "b": ["missing"]})
    assert not _has_cycle({})
