"""Young people: accent-insensitive prefix search, creation with duplicate warning, edits, merge."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, delete, insert
from sqlmodel import Session, col, or_, select

from mlplanner.domain import fields
from mlplanner.domain.enums import Programme, Status
from mlplanner.domain.errors import InputError, NotFound, RuleViolation
from mlplanner.domain.limits import check_date
from mlplanner.domain.models import Changes, YouthView
from mlplanner.domain.text import (
    check_email,
    clean_name,
    digits,
    fold,
    looks_like_social_security_number,
    normalize_phone,
    search_tokens,
)
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_staff
from mlplanner.services.permissions import Perm, require
from mlplanner.services.views import YOUTH_VIEW_COLUMNS, youth_view, youth_view_of
from mlplanner.storage.pg_search import pg_ranked_youths
from mlplanner.storage.search_reads import sqlite_candidate_tokens, sqlite_names, sqlite_word_tokens
from mlplanner.storage.tables import Appointment, Youth, YouthToken

MAX_CANDIDATES = 400
YOUTH_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "phone",
    "email",
    "external_id",
    "referent_id",
    "programme",
    "programme_start",
    "programme_end",
    "sms_consent",
    "email_consent",
    "needs_accessible_room",
)

# Moves a merged youth's records of another area (workshop registrations...) to the record kept:
# `(session, drop_id, keep_id) -> None`, run in the merge's transaction.
MergeHook = Callable[[Session, str, str], None]


def tokens_for(row: Youth) -> list[str]:
    toks = search_tokens(row.last_name, row.first_name)
    if row.phone_digits:
        toks.append(row.phone_digits)
        if row.phone_digits.startswith("0"):
            toks.append(row.phone_digits[1:])  # "612345678" as typed after +33
    if row.external_id:
        toks.append(fold(row.external_id))
    return list(dict.fromkeys(t[:80] for t in toks if t))


def reindex(session: Session, rows: list[Youth]) -> None:
    """Rebuild the prefix-search tokens of these youths (after any edit, import or sync apply): a row
    per token of a live youth, each carrying the youth's folded name and whole token list (the server's
    ranked search reads them there: `storage.pg_search`); a list that spaces could not split back
    into its tokens is not written (NULL: the search reads the youth's tokens by index instead)."""
    ids = [r.id for r in rows]
    if not ids:
        return
    session.execute(delete(YouthToken).where(col(YouthToken.youth_id).in_(ids)))
    values: list[dict[str, str | None]] = []
    for r in rows:
        if r.deleted or r.merged_into_id:
            continue
        toks = tokens_for(r)
        listed = None if any(" " in t for t in toks) else " ".join(toks)
        values.extend(
            {"token": t, "youth_id": r.id, "fold_name": r.fold_name, "tokens": listed} for t in toks
        )
    if values:
        session.execute(insert(YouthToken), values)


def _query_words(query: str) -> list[str]:
    """Folded words of the query; a query of digits (phone, i-milo number) is one word, spaces ignored."""
    q = (query or "").strip()
    compact = re.sub(r"[\s.\-]", "", q)
    if compact.startswith("+33"):
        compact = "0" + compact[3:]
    elif compact.startswith("+"):  # "+262 692 12 34 56" (La Réunion): stored as digits after the "+"
        compact = compact[1:]
    if compact.isdigit():
        return [compact]
    return list(dict.fromkeys(w for w in re.split(r"[^0-9a-z]+", fold(q)) if w))


@dataclass(frozen=True)
class YouthDraft:
    first_name: str
    last_name: str
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    external_id: str = ""
    referent: str | None = None
    programme: Programme = Programme.NONE
    programme_start: date | None = None
    programme_end: date | None = None
    sms_consent: bool = False
    needs_accessible_room: bool = False
    email_consent: bool = False


@dataclass(frozen=True)
class YouthMatches:
    """A search's first lines, and how many youths match in all (`at_least`: more may match than
    `total`, the search having stopped counting on a very short query)."""

    youths: list[YouthView]
    total: int
    at_least: bool


@dataclass(frozen=True)
class YouthResult:
    youth: YouthView
    changes: Changes


def _refuse_overlaps(s: Session, keep_id: str, moved: Sequence[Appointment]) -> None:
    """Merging must not leave the person with two appointments at once: one must be cancelled first."""
    kept = [
        a
        for a in s.exec(select(Appointment).where(Appointment.youth_id == keep_id))
        if not a.deleted and Status(a.status).occupies_slot
    ]
    for a in moved:
        if a.deleted or not Status(a.status).occupies_slot:
            continue
        for k in kept:
            if a.start < k.end and k.start < a.end:
                raise RuleViolation(
                    "merge_overlap",
                    f"Les deux fiches ont un rendez-vous en même temps le {format_date_fr(a.start.date())} "
                    f"({k.start:%H:%M}–{k.end:%H:%M} et {a.start:%H:%M}–{a.end:%H:%M}) : "
                    "annulez l'un des deux avant de fusionner.",
                    clash_id=a.id,
                )


@checked_dates
class YouthService:
    """`merge_hooks`: the other areas' records that follow a merge (given by the composition root)."""

    def __init__(self, ctx: ServiceContext, *, merge_hooks: Sequence[MergeHook]) -> None:
        self.ctx = ctx
        self.merge_hooks = tuple(merge_hooks)

    # --- search ----------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20) -> list[YouthView]:
        """Every word of the query must prefix a word of the name (or the phone / external id)."""
        return self.matches(query, limit=limit).youths

    def matches(self, query: str, *, limit: int = 20) -> YouthMatches:
        """The first `limit` youths found and how many match in all (a list shows its first lines,
        never its display limit as the count)."""
        words = _query_words(query)
        if not words:
            return YouthMatches([], 0, False)
        capped = False
        with self.ctx.read() as s:
            # on a server, the same candidates ranked by the server in one statement (only the ids
            # shown come back: `storage.pg_search`)
            served = pg_ranked_youths(
                s.connection(),
                sorted(words, key=len, reverse=True),
                first=words[0],
                limit=limit,
                cap=MAX_CANDIDATES * 4,
                columns=YOUTH_VIEW_COLUMNS,
            )
            if served is not None:  # the rows shown come with the ranking (no second statement)
                shown, total, capped = served
                return YouthMatches([youth_view_of(r) for r in shown], total, capped)
            ids: set[str] | None = None
            exact: dict[str, int] = defaultdict(int)  # words equal to a whole token of the youth
            names: dict[str, str] = {}  # fold_name of each candidate, read with its tokens
            one_word = len(words) == 1  # then its rows bring the names too (one query in all)
            for w in sorted(words, key=len, reverse=True):  # longest (most selective) first
                # a one- or two-letter word after a more selective one: its tokens are read per
                # candidate (the youth_id index) rather than over the whole "m…" range (100,000 tokens
                # on a network's server); `token || ''` keeps the engine off the token index. A list
                # of candidates is bound straight on SQLite (`storage.search_reads`: no expanding
                # `IN` of 1,600 ids rendered at each keystroke)
                per_candidate = ids is not None and len(w) <= 2
                hits: Sequence[Any] | None = (
                    sqlite_word_tokens(
                        s.connection(), lo=w, hi=w + "\uffff", limit=MAX_CANDIDATES * 4, names=one_word
                    )
                    if ids is None
                    else sqlite_candidate_tokens(
                        s.connection(),
                        lo=w,
                        hi=w + "\uffff",
                        ids=list(ids),
                        limit=MAX_CANDIDATES * 4,
                        per_candidate=per_candidate,
                    )
                )
                if hits is None:
                    cols = (Youth.fold_name, Youth.deleted) if one_word else (None, None)
                    token = col(YouthToken.token).concat("") if per_candidate else YouthToken.token
                    q = select(YouthToken.youth_id, YouthToken.token, *cols).where(
                        token >= w, token < w + "\uffff"
                    )
                    if one_word:
                        q = q.join(Youth, col(Youth.id) == YouthToken.youth_id)
                    params: dict[str, object] = {}
                    if ids is not None:  # one expanding parameter: ids are not coerced one by one
                        q = q.where(col(YouthToken.youth_id).in_(bindparam("ids", expanding=True)))
                        params["ids"] = list(ids)
                    hits = s.execute(q.limit(MAX_CANDIDATES * 4), params).all()
                found = set()
                capped = capped or len(hits) >= MAX_CANDIDATES * 4
                for youth_id, token, *named in hits:  # (youth_id, token[, fold_name, deleted])
                    fold_name, deleted = named or ("", None)
                    found.add(youth_id)
                    if token == w:
                        exact[youth_id] += 1
                    if one_word and not deleted:
                        names[youth_id] = fold_name
                ids = found if ids is None else ids & found
                if not ids:
                    return YouthMatches([], 0, False)
            assert ids is not None  # there was at least one word
            if not one_word:  # the names of the candidates left after every word
                rows: Sequence[Any] | None = sqlite_names(s.connection(), list(ids))
                if rows is None:
                    q_names = select(Youth.id, Youth.fold_name).where(
                        col(Youth.id).in_(bindparam("ids", expanding=True)), Youth.deleted == False
                    )
                    rows = s.execute(q_names, {"ids": list(ids)}).all()
                names = {i: name for i, name in rows}
            # rank on the tokens and folded names, then load the few rows shown: a one-letter search
            # has 1,600 candidates on a large site, and full rows for all of them cost ten times more
            first = words[0]
            candidates = [i for i in ids if i in names]
            ranked = sorted(
                candidates, key=lambda i: (-exact[i], not names[i].startswith(first), names[i], i)
            )[:limit]
            return YouthMatches(self._views(s, ranked), len(candidates), capped)

    @staticmethod
    def _views(s: Session, ranked: list[str]) -> list[YouthView]:
        """The rows shown, in the ranking's order."""
        if not ranked:
            return []
        loaded = {r.id: r for r in s.exec(select(Youth).where(col(Youth.id).in_(ranked)))}
        return [youth_view(loaded[i]) for i in ranked]

    @staticmethod
    def _rank(row: Youth, words: list[str]) -> tuple:
        toks = tokens_for(row)
        exact = sum(1 for w in words if w in toks)
        last = fold(row.last_name)
        return (-exact, not last.startswith(words[0]), row.fold_name)

    def get(self, youth_id: str) -> YouthView:
        with self.ctx.read() as s:
            row = s.get(Youth, youth_id)
            if row is None or row.deleted:
                raise NotFound("unknown_youth", f"Aucun jeune ne correspond à « {youth_id} ».", key=youth_id)
            return youth_view(row)

    def likely_duplicates(self, draft: YouthDraft, *, exclude_id: str | None = None) -> list[YouthView]:
        """Same name and birth date, or same phone, or same external id."""
        with self.ctx.read() as s:
            return [youth_view(r) for r in self._duplicates(s, draft, exclude_id)]

    def _duplicates(self, s: Session, draft: YouthDraft, exclude_id: str | None) -> list[Youth]:
        fold_name = fold(" ".join(f"{draft.last_name} {draft.first_name}".split()))  # as stored (clean_name)
        conds = []
        if draft.birth_date:
            conds.append((Youth.fold_name == fold_name) & (Youth.birth_date == draft.birth_date))
        phone = digits(normalize_phone(draft.phone)) if draft.phone else ""
        if phone:
            conds.append(Youth.phone_digits == phone)
        if draft.external_id.strip():
            conds.append(Youth.external_id == draft.external_id.strip())
        if not conds:
            return []
        q = select(Youth).where(or_(*conds), Youth.deleted == False)
        return [r for r in s.exec(q) if r.id != exclude_id]

    # --- create / update -------------------------------------------------------------------------
    def _apply(self, s: Session, row: Youth, draft: YouthDraft) -> None:
        for value in (draft.first_name, draft.last_name, draft.phone, draft.email, draft.external_id):
            if looks_like_social_security_number(value):
                raise InputError(
                    "nir_refused",
                    "Ce numéro ressemble à un numéro de sécurité sociale : mlplanner ne doit jamais l'enregistrer.",
                )
        row.first_name = clean_name(draft.first_name, "prénom", fields.FIRST_NAME)
        row.last_name = clean_name(draft.last_name, "nom", fields.LAST_NAME)
        if draft.birth_date and not date(1900, 1, 1) < draft.birth_date <= self.ctx.clock.now_utc().date():
            raise InputError(
                "bad_birth_date",
                f"Date de naissance impossible : {format_date_fr(draft.birth_date)}.",
                date=draft.birth_date,
            )
        row.birth_date = draft.birth_date
        row.phone = normalize_phone(draft.phone)
        row.phone_digits = digits(row.phone)
        row.email = fields.EMAIL.clean(check_email(draft.email))
        row.external_id = draft.external_id.strip()
        if row.external_id and not row.external_id.isalnum():
            raise InputError(
                "bad_external_id",
                f"Identifiant externe invalide : « {row.external_id} ».",
                value=row.external_id,
            )
        row.external_id = fields.FILE_NUMBER.clean(row.external_id)
        row.referent_id = find_staff(s, draft.referent).id if draft.referent else None
        row.programme = Programme(draft.programme).value
        for day, what in (
            (draft.programme_start, "début du programme"),
            (draft.programme_end, "fin du programme"),
        ):
            if day is not None:
                check_date(day, what)
        if draft.programme_start and draft.programme_end and draft.programme_end < draft.programme_start:
            raise InputError("end_before_start", "La fin du programme doit suivre son début.")
        row.programme_start, row.programme_end = draft.programme_start, draft.programme_end
        row.sms_consent = draft.sms_consent
        row.email_consent = draft.email_consent
        row.needs_accessible_room = draft.needs_accessible_room
        row.fold_name = fold(f"{row.last_name} {row.first_name}")

    def add(self, *, actor: Actor, draft: YouthDraft, confirm_duplicate: bool = False) -> YouthResult:
        """Create a youth. A likely duplicate is refused unless the user confirmed it is someone else."""
        require(actor, Perm.EDIT_YOUTH)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            row = Youth(site_id=site.id, first_name="", last_name="", created_at=self.ctx.clock.now_utc())
            self._apply(s, row, draft)
            dups = self._duplicates(s, draft, None)
            if dups and not confirm_duplicate:
                names = "; ".join(
                    f"{d.last_name.upper()} {d.first_name}"
                    + (f", né(e) le {format_date_fr(d.birth_date)}" if d.birth_date else "")
                    + (f", {d.phone}" if d.phone else "")
                    for d in dups[:3]
                )
                raise RuleViolation(
                    "likely_duplicate",
                    f"Ce jeune existe probablement déjà : {names}.",
                    duplicates=[d.id for d in dups],
                    names=names,
                )
            s.add(row)
            s.flush()
            reindex(s, [row])
            audit.record(
                s, self.ctx, actor, action="create", entity="youth", entity_id=row.id, youth_id=row.id
            )
            view = youth_view(row)
        return YouthResult(view, Changes.of("youths", ids=(view.id,)))

    def update(self, *, actor: Actor, youth_id: str, draft: YouthDraft) -> YouthResult:
        require(actor, Perm.EDIT_YOUTH)
        with self.ctx.write() as s:
            row = s.get(Youth, youth_id)
            if row is None or row.deleted:
                raise NotFound("unknown_youth", "Jeune introuvable.")
            before = audit.snapshot(row, YOUTH_FIELDS)
            self._apply(s, row, draft)
            s.add(row)
            s.flush()
            reindex(s, [row])
            audit.record_update(
                s,
                self.ctx,
                actor,
                entity="youth",
                row=row,
                before=before,
                fields=YOUTH_FIELDS,
                youth_id=row.id,
            )
            view = youth_view(row)
        return YouthResult(view, Changes.of("youths", ids=(view.id,)))

    def merge(self, *, actor: Actor, keep_id: str, drop_id: str) -> YouthResult:
        """Two records of one person: history moves to the one kept; the other becomes a tombstone."""
        require(actor, Perm.MERGE_YOUTH)
        if keep_id == drop_id:
            raise InputError("same_youth", "Choisissez deux fiches différentes.")
        with self.ctx.write() as s:
            keep, drop = s.get(Youth, keep_id), s.get(Youth, drop_id)
            if keep is None or drop is None or keep.deleted or drop.deleted:
                raise NotFound("unknown_youth", "Une des deux fiches est introuvable.")
            before = {"keep": audit.snapshot(keep, YOUTH_FIELDS), "drop": audit.snapshot(drop, YOUTH_FIELDS)}
            moved = s.exec(select(Appointment).where(Appointment.youth_id == drop.id)).all()
            _refuse_overlaps(s, keep.id, moved)
            for a in moved:
                a.youth_id = keep.id
                s.add(a)
            for hook in self.merge_hooks:
                hook(s, drop.id, keep.id)
            for field in (
                "birth_date",
                "phone",
                "email",
                "external_id",
                "referent_id",
                "programme_start",
                "programme_end",
            ):
                if not getattr(keep, field) and getattr(drop, field):
                    setattr(keep, field, getattr(drop, field))
            if keep.programme == Programme.NONE.value and drop.programme != Programme.NONE.value:
                keep.programme = drop.programme
            keep.phone_digits = digits(keep.phone)
            drop.merged_into_id, drop.deleted = keep.id, True
            s.add_all([keep, drop])
            s.flush()
            reindex(s, [keep, drop])
            audit.record(
                s,
                self.ctx,
                actor,
                action="merge",
                entity="youth",
                entity_id=keep.id,
                youth_id=keep.id,
                before=before,
                after={"kept": keep.id, "merged": drop.id, "appointments_moved": [a.id for a in moved]},
            )
            view = youth_view(keep)
        return YouthResult(view, Changes.of("youths", "appointments", ids=(keep.id, drop.id)))
