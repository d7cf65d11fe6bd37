"""Screens of the tracker UI."""
