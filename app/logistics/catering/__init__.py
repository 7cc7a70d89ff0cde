"""Meals and receptions of a meeting, who attends each, the caterer's counts by dietary need,
and the visa report (who needs a visa, the letter, the status the delegation reports)."""
