"""The article's record: seeding a new file, the achievements by theme, and their
flags (the quality rules' and the planners' own)."""

from __future__ import annotations

from tracker import quality
from tracker.errors import NotFound, TrackerError, checked_text, refused
from tracker.models import (
    Achievement,
    Dataset,
    Flag,
    Theme,
)
from tracker.store.connection import Connection, now, translated
from tracker.store.rows import (
    achievement_row,
    english_names_filled,
    indicator_row,
    match_words,
    read_achievement,
    read_indicator,
)


class Achievements(Connection):
    """The article's record and its flags; and the seeding of a new file."""

    def _seed(self, ds: Dataset) -> None:
        with self._tx():
            self.db["themes"].insert_all(
                {**t.model_dump(), "position": i} for i, t in enumerate(ds.themes)
            )
            self.db["achievements"].insert_all(
                {**achievement_row(a), "position": i} for i, a in enumerate(ds.achievements)
            )
            self.db["districts"].insert_all(
                {**d.model_dump(), "position": i} for i, d in enumerate(ds.districts)
            )
            self.db["indicators"].insert_all(
                {**indicator_row(ind), "position": i} for i, ind in enumerate(ds.indicators)
            )
            for ind in ds.indicators:
                self._adopt_department(ind.department)
            english_names_filled(self.db, ds.departments)
            self._refresh_status(None)
            self.db["meta"].insert({"key": "seeded_at", "value": now()})
            self._audit(
                "seed",
                "database",
                str(self.path.name),
                None,
                {"achievements": len(ds.achievements), "indicators": len(ds.indicators)},
            )

    @translated
    def themes(self) -> list[Theme]:
        rows = self.db.query("SELECT id, name_zh, name_en FROM themes ORDER BY position")
        return [Theme(**r) for r in rows]

    @translated
    def achievements(self, theme: str | None = None, search: str = "") -> list[Achievement]:
        """In display order; `search` matches names (zh/en) and source sentences."""
        if theme is not None and theme not in {t.id for t in self.themes()}:
            raise NotFound("no_theme", id=theme, choices=", ".join(t.id for t in self.themes()))
        where, params = [], []
        if theme is not None:
            where.append("theme = ?")
            params.append(theme)
        match_words(search, ("title_zh", "title_en", "source_quote"), where, params)
        sql = "SELECT * FROM achievements"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [read_achievement(r) for r in self.db.query(sql + " ORDER BY position", params)]

    @translated
    def achievement(self, achievement_id: str) -> Achievement:
        rows = list(self.db.query("SELECT * FROM achievements WHERE id = ?", [achievement_id]))
        if not rows:
            raise NotFound("no_achievement", id=achievement_id)
        return read_achievement(rows[0])

    @translated
    def flags(self) -> dict[str, list[Flag]]:
        """Open flags per achievement id: the rules' (less those dismissed) and manual ones."""
        dismissed = {
            (r["achievement"], r["code"]) for r in self.db.query("SELECT * FROM flag_dismissals")
        }
        out: dict[str, list[Flag]] = {}
        # only indicators that declare a range about an achievement can flag one; reading
        # just those keeps this cheap on a province-sized plan
        judges = [
            read_indicator(r)
            for r in self.db.query(
                "SELECT * FROM indicators"
                " WHERE plausible IS NOT NULL AND baseline_achievement IS NOT NULL"
            )
        ]
        # the seed's reader (and tomllib) load when flags are first asked for, as in
        # connection and schema: opening the plan does not wait for them
        from tracker.seed import DataError, load_reference

        try:
            reference = load_reference()
        except DataError as e:
            raise TrackerError("data_error", detail=str(e)) from None
        computed = quality.compute_flags(self.achievements(), judges, reference)
        for f in computed:
            if (f.achievement, f.code) not in dismissed:
                out.setdefault(f.achievement, []).append(f)
        for r in self.db.query("SELECT * FROM manual_flags WHERE cleared_at IS NULL ORDER BY id"):
            out.setdefault(r["achievement"], []).append(
                Flag(
                    id=r["id"],
                    achievement=r["achievement"],
                    code="manual",
                    # a planner's doubt is for the source to settle
                    severity="check",
                    message_zh=f"人工标记：{r['note']}",
                    message_en=f"flagged by hand: {r['note']}",
                    manual=True,
                    note=r["note"],
                    actor=r["actor"],
                )
            )
        return out

    @translated
    def add_flag(self, achievement_id: str, note: str) -> Flag:
        self.achievement(achievement_id)
        note = checked_text("note", note.strip(), note=True)
        if not note:
            raise refused("note", "a manual flag needs a note", "人工标记需要填写说明")
        with self._tx():
            row = {
                "achievement": achievement_id,
                "note": note,
                "actor": self.actor,
                "created_at": now(),
            }
            flag_id = self.db["manual_flags"].insert(row).last_pk
            self._audit(
                "flag", "achievement", achievement_id, None, {"flag": flag_id, "note": note}
            )
            self._refresh_baselines_of(achievement_id)
        return next(f for f in self.flags()[achievement_id] if f.id == flag_id)

    @translated
    def clear_flag(self, achievement_id: str, code: str, note: str = "") -> None:
        """Clear an open flag: a manual one by its id ("manual:ID" or "manual"), a rule's by code."""
        open_flags = self.flags().get(achievement_id, [])
        self.achievement(achievement_id)
        note = checked_text("note", note, note=True)
        with self._tx():
            if code.startswith("manual"):
                wanted = code.partition(":")[2]
                match = [f for f in open_flags if f.manual and (not wanted or str(f.id) == wanted)]
                if not match:
                    raise NotFound("no_flag", id=achievement_id, code=code)
                for f in match:
                    self.db["manual_flags"].update(
                        f.id, {"cleared_at": now(), "cleared_by": self.actor, "cleared_note": note}
                    )
                    self._audit(
                        "clear_flag",
                        "achievement",
                        achievement_id,
                        {"flag": f.id, "note": f.note},
                        {"cleared_note": note},
                    )
            else:
                if not any(f.code == code for f in open_flags):
                    raise NotFound("no_flag", id=achievement_id, code=code)
                self.db["flag_dismissals"].insert(
                    {
                        "achievement": achievement_id,
                        "code": code,
                        "note": note,
                        "actor": self.actor,
                        "at": now(),
                    }
                )
                self._audit(
                    "clear_flag",
                    "achievement",
                    achievement_id,
                    {"code": code},
                    {"cleared_note": note},
                )
            self._refresh_baselines_of(achievement_id)

    def _refresh_baselines_of(self, achievement_id: str) -> None:
        """The verdicts of the indicators whose baseline is this figure carry its flags."""
        self._refresh_status([r[0] for r in self.db.execute(
            "SELECT id FROM indicators WHERE baseline_achievement = ?", [achievement_id])])
