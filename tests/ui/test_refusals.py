"""Service refusals in the UI's language: every code the services can raise has words in the UI,
with a template its raise sites can fill, and an English text; in English no French sentence shows."""

from __future__ import annotations

import ast
from datetime import date, datetime
from pathlib import Path

import mlplanner
from mlplanner.domain.enums import Role, Status
from mlplanner.domain.errors import DomainError, RuleViolation
from mlplanner.ui import i18n
from mlplanner.ui.refusals import MESSAGES, placeholders, refusal_text, worded

SRC = Path(mlplanner.__file__).parent
ERRORS = {
    "DomainError", "InputError", "NotFound", "RuleViolation", "PermissionDenied", "StorageError",
    "SyncFolderError", "ChangeSetRefused", "InstanceBusy", "NetworkFileError",
}  # fmt: skip
HELPERS = {"_refused": 1}  # helpers that take the code as their n-th argument (sync/changeset.py)


def raise_sites() -> dict[str, list[tuple[str, set[str]]]]:
    """code → [(where, the detail names given there)] for every error the non-UI, non-CLI code builds."""
    sites: dict[str, list[tuple[str, set[str]]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(("ui/", "cli/", "bench/")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            index = 0 if name in ERRORS else HELPERS.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            codes = []
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                codes = [arg.value]
            elif isinstance(arg, ast.IfExp):  # 'cs_too_new' if extra else 'cs_damaged'
                codes = [x.value for x in (arg.body, arg.orelse) if isinstance(x, ast.Constant)]
            elif (  # {"cs_auth": "bad_passphrase", ...}.get(exc.code, "passphrase_unused")
                isinstance(arg, ast.Call)
                and isinstance(arg.func, ast.Attribute)
                and arg.func.attr == "get"
                and isinstance(arg.func.value, ast.Dict)
            ):
                codes = [v.value for v in arg.func.value.values if isinstance(v, ast.Constant)]
                codes += [x.value for x in arg.args[1:] if isinstance(x, ast.Constant)]
            elif name in ERRORS and isinstance(arg, ast.Name):
                continue  # the helper's own body (`code` passed in): its callers are listed
            elif name in ERRORS and isinstance(arg, ast.Attribute) and arg.attr == "code":
                continue  # another error's code passed on (`InputError(exc.code, ...)`): listed where raised
            else:
                raise AssertionError(f"{rel}:{node.lineno}: a refusal code that is not a literal")
            kws = {k.arg for k in node.keywords if k.arg}
            for code in codes:
                sites.setdefault(code, []).append((f"{rel}:{node.lineno}", kws))
    return sites


def test_the_scan_finds_the_services_refusals():
    sites = raise_sites()
    assert len(sites) > 120
    assert {"holiday", "counsellor_overlap", "nobody_on_duty", "cs_auth", "db_locked"} <= set(sites)


def test_every_code_the_services_raise_has_words_its_raise_sites_can_fill():
    problems = []
    for code, sites in sorted(raise_sites().items()):
        templates = MESSAGES.get(code)
        if not templates:
            problems.append(f"{code}: no words in ui/refusals.py (raised at {sites[0][0]})")
            continue
        for where, details in sites:
            if not any(placeholders(t) <= _fillable(details) for t in templates):
                problems.append(f"{code} at {where}: gives {sorted(details)}, no template fits")
    assert problems == [], "\n".join(problems)


def _fillable(details: set[str]) -> set[str]:
    """The words `worded()` makes of these detail names (a date-time gives `<key>_date` too, a day its
    weekday): every name may hold a date-time, so both are counted."""
    out = set(details)
    out |= {f"{k}_date" for k in details}
    if "day" in details:
        out.add("weekday_of_day")
    return out


def test_every_template_has_an_english_text():
    known = i18n.read_ts(i18n.ts_path("en"))
    missing = [t for ts in MESSAGES.values() for t in ts if (i18n.CONTEXT, t, "") not in known]
    assert missing == []


def test_french_is_the_services_own_sentence(qapp):
    exc = RuleViolation("holiday", "Le vendredi 25/12/2026 est un jour férié (Noël).", day=date(2026, 12, 25))
    assert refusal_text(exc) == exc.message


def test_english_words_the_details(english):
    holiday = RuleViolation(
        "holiday", "Le vendredi 25/12/2026 est un jour férié (Noël).", day=date(2026, 12, 25), holiday="Noël"
    )
    assert refusal_text(holiday) == "Friday 25/12/2026 is a public holiday (Christmas Day)."
    clash = RuleViolation(
        "counsellor_overlap",
        "Nadia Benkhaled a déjà un rendez-vous de 14:00 à 14:30.",
        name="Nadia Benkhaled",
        kind="appointment",
        start=datetime(2026, 12, 7, 14, 0),
        end=datetime(2026, 12, 7, 14, 30),
    )
    assert refusal_text(clash) == "Nadia Benkhaled already has an appointment from 14:00 to 14:30."
    denied = RuleViolation("forbidden", "En tant que …", perm="sync", role=Role.PARTNER, name="Paul")
    assert refusal_text(denied) == "As a partner, Paul may not synchronise."
    status = RuleViolation("same_status", "Le rendez-vous est déjà « reçu ».", current=Status.SEEN)
    assert refusal_text(status) == 'The appointment is already "seen".'
    # fewer details than the rich template needs: the generic one
    assert refusal_text(RuleViolation("holiday", "…")) == "That day is a public holiday."
    # a code nobody worded: the French sentence rather than nothing
    assert refusal_text(DomainError("brand_new", "Une phrase française.")) == "Une phrase française."


def test_worded_values(english):
    w = worded({"day": date(2026, 12, 7), "start": datetime(2026, 12, 7, 9, 5), "hours": [], "weekday": 0})
    assert w["day"] == "Monday 07/12/2026" and w["weekday_of_day"] == "Monday"
    assert w["start"] == "09:05" and w["start_date"] == "Monday 07/12/2026"
    assert w["hours"] == "closed all day" and w["weekday"] == "Monday"


def test_a_refused_booking_reads_in_english_in_the_dialog(english, demo, core_window, staff_actor):  # type: ignore[no-untyped-def]
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    window.bookingRequested.emit({"start": datetime(2027, 5, 6, 10, 0)})  # Ascension Day
    dialog = core.booking
    dialog.picker.set_youth(demo.youths.search("ma", limit=1)[0])
    dialog.slots.setCurrentRow(0)
    assert dialog.book() is None
    assert dialog.error.text() == "Thursday 06/05/2027 is a public holiday (Ascension Day)."


def test_english_dates_and_holidays_on_screen(english, demo, qtbot, staff_actor):  # type: ignore[no-untyped-def]
    """Weekday names of the week view, the call list's day and a holiday in the grid speak English."""
    from mlplanner.app import build_window
    from mlplanner.ui.dayview.data import load_day
    from mlplanner.ui.shell.prompt import ScriptedPrompt

    window = build_window(
        demo, staff_actor(demo, Role.SITE_LEAD), prompt=ScriptedPrompt(), live_refresh=False
    )
    qtbot.addWidget(window)
    week = window.show_page("week")
    titles = [c.title for c in week.model.grid.columns]
    assert titles and titles[0].startswith("Mon ") and not any(t.startswith("lun") for t in titles)
    calls = window.show_page("calls")
    assert calls.day.text().split()[0] in {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
    ascension = load_day(demo, demo.schedule.frame(), date(2027, 5, 6), "counsellor")
    assert {c.site_closed_reason for c in ascension.columns} == {"Public holiday: Ascension Day"}


# Where the UI takes a refusal's text apart on purpose (not shown as such): (file, function) → why.
RAW_MESSAGE_ALLOWED = {
    ("ui/refusals.py", "refusal_text"): "the one place that chooses the French sentence or the English words",
    ("ui/reminders/settings_tab.py", "sms_counter"): "shows the template error's detail after « : »",
    ("ui/settings/hours_editor.py", "parse_day"): "wraps the day's error into the hours' own refusal",
}


def test_no_screen_shows_a_refusal_s_french_sentence_without_refusal_text():
    """A refusal caught in the UI reaches the screen through `refusal_text` (its English words in
    English), never as `exc.message`: the start's « base pas encore préparée » showed in French."""
    found = []
    for path in sorted((SRC / "ui").rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = {
            line
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef) and (rel, f.name) in RAW_MESSAGE_ALLOWED
            for line in range(f.lineno, (f.end_lineno or f.lineno) + 1)
        }
        caught = {h.name for h in ast.walk(tree) if isinstance(h, ast.ExceptHandler) and h.name}
        caught |= {  # callbacks handed a refusal: def failed(exc: DomainError)
            a.arg
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef | ast.Lambda)
            for a in f.args.args
            if a.annotation is not None and "Error" in ast.unparse(a.annotation)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "message"
                and isinstance(node.value, ast.Name)
                and node.value.id in caught
                and node.lineno not in skipped
            ):
                found.append(f"{rel}:{node.lineno}")
    assert not found, "\n".join(found)


def test_a_refusal_announced_by_the_operations_reads_in_english(
    english, demo, core_window, staff_actor, qtbot
):  # type: ignore[no-untyped-def]
    window, _core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))

    def refuse() -> None:
        raise RuleViolation(
            "holiday", "Le jeudi 06/05/2027 est férié.", day=date(2027, 5, 6), holiday="Ascension"
        )

    with qtbot.waitSignal(window.ops.refused, timeout=2000) as said:
        window.ops.run(refuse, on_error=lambda _exc: None)
    assert said.args == ["Thursday 06/05/2027 is a public holiday (Ascension Day)."]
