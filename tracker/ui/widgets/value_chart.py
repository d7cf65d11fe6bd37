"""The indicator screen's chart: plotext's plot, its value axis labelled for the height
it is drawn at."""

from __future__ import annotations

from rich.console import RenderResult
from rich.text import Text
from textual_plotext import PlotextPlot

# rows of the widget that are not the plot's: its top edge, the year axis and its labels
_FRAME_ROWS = 3
# fewer rows than this draw the baseline, the values and the target on one line, beside
# one figure
_MIN_ROWS = 3


class ValueChart(PlotextPlot):
    # what the chart says instead when the terminal leaves it too few rows (set by the
    # screen, in its language)
    too_short = ""

    def render(self) -> RenderResult:
        rows = self.size.height - _FRAME_ROWS
        if rows < _MIN_ROWS:
            return Text(self.too_short, style="dim")
        # plotext labels the value axis with as many figures as a tall chart holds; on a
        # short one two labels share a row and one is dropped, so a point reads as a
        # figure it is not (a baseline of 14 beside "16.3"). One label every other row,
        # at most five, keeps each beside the row it names.
        self.plt.yfrequency(max(2, min(5, (rows + 1) // 2)))
        return super().render()
