"""The start-up yardstick: a minimal Textual app, one DataTable of 20 rows, launched as a
whole process the way `tracker` is."""

from textual.app import App, ComposeResult
from textual.widgets import DataTable


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("id", "name", "value")
        table.add_rows([(f"row-{i:02d}", f"Row number {i}", i * 1.5) for i in range(20)])


if __name__ == "__main__":
    Minimal().run()
