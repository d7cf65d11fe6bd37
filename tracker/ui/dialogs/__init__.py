"""Dialogs of the tracker UI."""
