"""Widgets of the tracker UI."""
