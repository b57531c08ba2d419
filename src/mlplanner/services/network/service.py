"""The network of sites around the sync folder: founding it, joining it, accepting a new site.

- The first site that synchronises with an empty folder founds the network (`network.json`: an id, demo
  or real, the founder, a passphrase check). A file remembers its network's id (`meta` `network.id`):
  it never exchanges with another network's folder, a demonstration never with a real network, and
  the reverse. Every refusal leaves the folder and the file as they were.
- A site joins from the folder and the passphrase (`join`, on a new file): it trusts the founder, and
  every site a trusted site accepted; it receives what they share (appointment types, young people, the
  list of sites, the network's settings) before its first day, while its own staff, rooms and hours are
  its own. Its card in the folder (`<SITE>/site.json`) is its join request.
- A site lead of any site of the network accepts a request once (`approve`): a synced `network_site` row
  carries the decision to every site, which then applies the new site's change sets. Nobody edits lists
  by hand on each site. Until then the new site's change sets wait, reported as pending (not refused).
- `preview` shows a running site what opening the network's folder for the first time would send and
  receive, before anything is exchanged.

`SyncService` does the exchange itself; this service runs it (twice when a change set just brought the
acceptance of sites whose change sets were waiting) and keeps the network's facts around it.
"""

from __future__ import annotations

import errno
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from mlplanner.domain import fields
from mlplanner.domain.enums import Role
from mlplanner.domain.errors import DomainError, InputError, RuleViolation
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.models import Changes, SiteView
from mlplanner.domain.pins import check_pin
from mlplanner.domain.territories import check_holiday_code, check_timezone
from mlplanner.domain.text import clean_name
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import SITE_CODE_KEY, Actor, ServiceContext, site_view
from mlplanner.services.directory.pins import hash_secret
from mlplanner.services.directory.setup import DEFAULT_HOURS, DEFAULT_ROOMS, ORGANISATION_KEY, check_site_code
from mlplanner.services.network import settings as network_settings
from mlplanner.services.permissions import Perm, require
from mlplanner.services.sync.export import collect_changes
from mlplanner.services.sync.service import (
    LAST_REPORT_KEY,
    RefusedChangeSet,
    SyncReport,
    SyncService,
)
from mlplanner.services.sync.settings import FOLDER_KEY as SYNC_FOLDER_KEY
from mlplanner.services.sync.settings import USE_PASSPHRASE
from mlplanner.storage.migrate import head_revision
from mlplanner.storage.sync_tables import SyncApplied, SyncPeer
from mlplanner.storage.tables import (
    AppointmentType,
    Credential,
    Meta,
    NetworkSetting,
    NetworkSite,
    Room,
    Site,
    Staff,
    Youth,
)
from mlplanner.sync.changeset import SITE_CODE, _load_manifest, list_change_sets
from mlplanner.sync.errors import ChangeSetRefused
from mlplanner.sync.lock import folder_error
from mlplanner.sync.network import (
    NetworkFileError,
    NetworkInfo,
    SiteCard,
    claim_site_dir,
    found_network,
    read_cards,
    read_network,
    release_site_dir,
    write_card,
)

NETWORK_ID_KEY = "network.id"
# What a person reads for each table in a preview ("jeunes : 3")
TABLE_LABELS = {
    "site": "sites",
    "site_closure": "fermetures",
    "room": "salles",
    "staff": "membres du personnel",
    "absence": "absences",
    "youth": "jeunes",
    "appointment_type": "types de rendez-vous",
    "appointment": "rendez-vous",
    "network_site": "sites acceptés",
    "network_setting": "réglages du réseau",
    "workshop_series": "ateliers",
    "workshop_session": "séances d'atelier",
    "workshop_registration": "inscriptions aux ateliers",
}
_NAMESPACE = uuid.UUID("0b7a4f0e-97c5-4d0a-8a57-3c3d2b8f9e21")
Progress = Callable[[str, int, int], None]


def member_id(code: str) -> str:
    """The same `network_site` row id at every site for one site code (two acceptances meet)."""
    return str(uuid.uuid5(_NAMESPACE, f"network_site:{code.upper()}"))


@dataclass(frozen=True)
class JoinRequest:
    """A site that asked to join and that no site lead has accepted yet."""

    code: str
    name: str
    organisation: str
    requested_at: str
    acceptable: bool  # False: a demonstration, or another network's card
    reason: str = ""  # why it cannot be accepted


@dataclass(frozen=True)
class NetworkSyncReport:
    report: SyncReport
    network_id: str
    founded: bool  # this sync created the network (first site in the folder)
    pending: tuple[JoinRequest, ...] = ()  # requests waiting for a site lead
    accepted: tuple[str, ...] = ()  # sites whose change sets were applied for the first time

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def changes(self) -> Changes:
        return self.report.changes

    def summary_fr(self) -> str:
        text = self.report.summary_fr()
        if self.founded:
            text += " Réseau créé dans ce dossier : les autres sites peuvent le rejoindre."
        if self.pending:
            names = ", ".join(f"{p.code} ({p.name})" for p in self.pending)
            text += f" Demande(s) d'adhésion en attente d'un responsable : {names}."
        return text


@dataclass(frozen=True)
class JoinResult:
    site: SiteView
    founder: str
    received: dict[str, int]  # table (French) -> rows now here from the network
    admin: str  # the administrator's name, "" when none was given
    approved: bool  # already accepted by the network (an invitation), else waiting
    report: NetworkSyncReport


@dataclass(frozen=True)
class IncomingSite:
    code: str
    trusted: bool  # its change sets will be applied now (else: waiting for acceptance)
    change_sets: int
    rows: dict[str, int]  # table (French) -> rows
    problem: str = ""  # a change set that cannot be read (passphrase, damaged...)


@dataclass(frozen=True)
class NetworkPreview:
    folder: str
    network_id: str  # "" when the folder has no network yet (this site would found it)
    founder: str
    demo: bool
    encrypted: bool
    first_time: bool  # this file has never exchanged with this folder
    member: bool  # this site is accepted by the network (or would found it)
    send: dict[str, int]  # table (French) -> rows this site would send
    receive: tuple[IncomingSite, ...]
    pending: tuple[JoinRequest, ...]
    problems: tuple[str, ...] = ()  # refusals that a sync would give (nothing would be exchanged)

    def summary_fr(self) -> list[str]:
        lines = []
        if not self.network_id:
            lines.append(
                f"Le dossier {self.folder} n'a pas encore de réseau : ce site le créera (fondateur)."
            )
        else:
            kind = "de démonstration" if self.demo else "réel"
            lines.append(
                f"Réseau {kind} fondé par {self.founder}, {'chiffré' if self.encrypted else 'non chiffré'}."
            )
        if self.problems:
            lines += [f"Refusé : {p}" for p in self.problems]
            return lines
        if not self.member:
            lines.append(
                "Ce site n'est pas encore accepté : ses envois attendront qu'un responsable l'accepte."
            )
        sent = sum(self.send.values())
        lines.append(
            f"À envoyer : {sent} ligne(s)"
            + (" — " + ", ".join(f"{t} : {n}" for t, n in self.send.items()) if sent else "")
            + "."
        )
        for site in self.receive:
            rows = ", ".join(f"{t} : {n}" for t, n in site.rows.items()) or "rien"
            state = "sera appliqué" if site.trusted else "en attente d'acceptation"
            tail = f" ({site.problem})" if site.problem else ""
            lines.append(f"À recevoir de {site.code} : {site.change_sets} lot(s), {rows} — {state}{tail}.")
        if not self.receive:
            lines.append("À recevoir : rien pour l'instant.")
        for p in self.pending:
            lines.append(
                f"Demande d'adhésion : {p.code} ({p.name}){'' if p.acceptable else ' — ' + p.reason}."
            )
        return lines


@checked_dates
class NetworkService:
    def __init__(self, ctx: ServiceContext, sync: SyncService) -> None:
        self.ctx = ctx
        self.sync_service = sync

    # --- facts ----------------------------------------------------------------------------------------
    def network_id(self) -> str:
        with self.ctx.read() as s:
            row = s.get(Meta, NETWORK_ID_KEY)
            return row.value if row is not None else ""

    def first_time(self) -> bool:
        """Whether this file never exchanged with a sync folder (files that synced before networks
        existed are not: their next sync adopts the folder's network)."""
        with self.ctx.read() as s:
            return s.get(Meta, NETWORK_ID_KEY) is None and s.get(Meta, LAST_REPORT_KEY) is None

    def site_names(self) -> dict[str, str]:
        """Site code -> name, for the sites this file knows (its own, received, or accepted)."""
        with self.ctx.read() as s:
            names = {r.code: r.name for r in s.exec(select(NetworkSite)) if r.name}
            names.update({r.code: r.name for r in s.exec(select(Site).where(Site.deleted == False))})
            return names

    def members(self) -> list[str]:
        """The sites this one applies change sets from: accepted by the network, or listed by hand."""
        with self.ctx.read() as s:
            return sorted(_trusted(s))

    def standing(self) -> str:
        """Where this site stands: "alone" (no network yet), "accepted" (the network applies its change
        sets: it founded the network, or a site lead accepted it) or "waiting" (its request waits)."""
        with self.ctx.read() as s:
            if s.get(Meta, NETWORK_ID_KEY) is None:
                return "alone"
            row = s.get(NetworkSite, member_id(self.ctx.site_code(s)))
            return "accepted" if row is not None and not row.deleted else "waiting"

    def _identity(self) -> tuple[str, bool, str]:
        with self.ctx.read() as s:
            me = self.ctx.site_code(s)
            row = s.get(Meta, NETWORK_ID_KEY)
            return me, self.ctx.is_demo(s), row.value if row is not None else ""

    def check_folder(self, folder: Path, passphrase: str | None) -> NetworkInfo | None:
        """The folder's network if this file may exchange with it; a French refusal otherwise."""
        folder = Path(folder)
        if not folder.is_dir():
            raise folder_error(FileNotFoundError(errno.ENOENT, "missing"), folder)
        me, demo, mine = self._identity()
        info = _read(folder)
        if info is None:
            return None
        _refuse_mismatch(info, folder, demo=demo, mine=mine, me=me, passphrase=passphrase)
        return info

    # --- one sync -------------------------------------------------------------------------------------
    def sync(
        self,
        *,
        folder: Path | str,
        passphrase: str | None = None,
        actor: Actor,
        progress: Progress | None = None,
    ) -> NetworkSyncReport:
        """A sync with the network's folder: the network checked (founded if the folder has none), this
        site's card written, the exchange done, the network's acceptances and settings adopted."""
        require(actor, Perm.SYNC)
        self.ctx.db.writes.wait()  # a file whose site moved to a server founds nothing, writes nothing
        folder = Path(folder)
        info = self.check_folder(folder, passphrase)
        me, demo, mine = self._identity()
        founded = False
        if info is None:
            info = self._found(folder, me=me, demo=demo, passphrase=passphrase)
            founded = info.founder == me
            _refuse_mismatch(info, folder, demo=demo, mine=mine, me=me, passphrase=passphrase)
        if not mine:
            self._adopt_network(info, first_member=info.founder)
        self._write_card(folder, info)
        strangers = self._distrust_strangers(folder, info)
        before = set(self.members())
        waiting = frozenset(p.code for p in self._pending(folder, info) if p.acceptable)
        report = self.sync_service.sync(
            folder=folder, passphrase=passphrase, actor=actor, progress=progress, awaiting=waiting
        )
        for _ in range(16):  # a change set may carry the acceptance of sites whose sets were waiting
            if not self._adopt_received(strangers):
                break
            waiting = frozenset(p.code for p in self._pending(folder, info) if p.acceptable)
            again = self.sync_service.sync(
                folder=folder, passphrase=passphrase, actor=actor, progress=progress, awaiting=waiting
            )
            report = _merge(report, again)
            self.sync_service.remember(report)  # the two passes are one sync for the people who look
        pending = self._pending(folder, info)
        accepted = tuple(sorted(set(self.members()) - before))
        return NetworkSyncReport(report, info.network_id, founded, tuple(pending), accepted)

    def _found(self, folder: Path, *, me: str, demo: bool, passphrase: str | None) -> NetworkInfo:
        """The network of a folder that has none yet. Sites may have exchanged there before networks
        existed: their change sets decide whether it is encrypted, and the passphrase must open them
        (a network is never founded with a mistyped passphrase)."""
        try:
            latest = {ref.site: ref for ref in list_change_sets(folder, exclude_site=me)}  # each site's last
            for ref in list(latest.values())[:5]:
                try:
                    _load_manifest(ref, passphrase)
                    break
                except ChangeSetRefused as exc:
                    if exc.code in ("cs_encrypted", "cs_auth", "cs_not_encrypted"):
                        raise InputError(
                            {"cs_encrypted": "no_passphrase", "cs_auth": "bad_passphrase"}.get(
                                exc.code, "passphrase_unused"
                            ),
                            {
                                "cs_encrypted": "Les échanges de ce dossier sont chiffrés : indiquez la "
                                "phrase secrète du réseau. Rien n'a été échangé.",
                                "cs_auth": "Phrase secrète incorrecte pour ce réseau : rien n'a été échangé.",
                            }.get(
                                exc.code,
                                "Les échanges de ce dossier ne sont pas chiffrés : synchronisez sans phrase "
                                "secrète. Rien n'a été échangé.",
                            ),
                        ) from exc
        except OSError as exc:
            raise folder_error(exc, folder) from exc
        try:
            return found_network(
                folder,
                founder=me,
                demo=demo,
                created_at=self.ctx.clock.now_utc().isoformat(),
                passphrase=passphrase,
            )
        except OSError as exc:
            raise folder_error(exc, folder) from exc

    def _adopt_network(self, info: NetworkInfo, *, first_member: str) -> None:
        """This file now belongs to `info`'s network: it trusts the founder (and, founding, the sites
        it had listed by hand, whose acceptance it shares)."""
        with self.ctx.write() as s:
            me = self.ctx.site_code(s)
            s.merge(Meta(key=NETWORK_ID_KEY, value=info.network_id))
            if first_member != me:
                s.merge(SyncPeer(code=first_member, added_at=self.ctx.clock.now_utc()))
                # the network's settings are the network's: this site's own (never sent, the table is
                # new with networks) give way to them instead of overwriting them everywhere
                s.execute(delete(NetworkSetting))
            else:
                listed = set(s.exec(select(SyncPeer.code)))
                for code in sorted({me} | listed):
                    self._accept(
                        s, code, name="", by="fondateur du réseau" if code == me else "liste du site"
                    )

    def _accept(self, s: Session, code: str, *, name: str, by: str) -> bool:
        row = s.get(NetworkSite, member_id(code))
        if row is not None and not row.deleted:
            return False
        row = row or NetworkSite(id=member_id(code), code=code)
        row.name = name or row.name
        row.approved_by = by
        row.approved_at = self.ctx.clock.now_utc()
        row.deleted = False
        s.add(row)
        return True

    def _adopt_received(self, strangers: frozenset[str] = frozenset()) -> set[str]:
        """Sites accepted by the network that this file did not apply yet (never `strangers`: a
        demonstration's or another network's card); the network's settings."""
        with self.ctx.write() as s:
            me = self.ctx.site_code(s)
            peers = set(s.exec(select(SyncPeer.code)))
            accepted = set(s.exec(select(NetworkSite.code).where(NetworkSite.deleted == False)))
            new = {c for c in accepted - peers - strangers if c != me and SITE_CODE.match(c)}
            for code in sorted(new):
                s.merge(SyncPeer(code=code, added_at=self.ctx.clock.now_utc()))
            removed = set(s.exec(select(NetworkSite.code).where(NetworkSite.deleted == True)))
            for code in removed & peers:  # a site lead removed it from the network: its sets are refused
                s.execute(delete(SyncPeer).where(col(SyncPeer.code) == code))
            network_settings.adopt(s)
        return new

    def _distrust_strangers(self, folder: Path, info: NetworkInfo) -> frozenset[str]:
        """A site whose card says it is a demonstration (in a real network, or the reverse) or of
        another network is never trusted here, even if someone accepted its code: its sets are refused."""
        try:
            strangers = {
                c.code for c in read_cards(folder) if c.demo != info.demo or c.network_id != info.network_id
            }
        except OSError:
            return frozenset()
        if strangers:
            with self.ctx.write() as s:
                s.execute(delete(SyncPeer).where(col(SyncPeer.code).in_(sorted(strangers))))
        return frozenset(strangers)

    def _write_card(self, folder: Path, info: NetworkInfo) -> None:
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            org = s.get(Meta, ORGANISATION_KEY)
            card = SiteCard(
                code=site.code,
                name=site.name,
                organisation=org.value if org is not None else "",
                network_id=info.network_id,
                demo=self.ctx.is_demo(s),
                requested_at=self.ctx.clock.now_utc().isoformat(),
                schema=head_revision(),
            )
        try:
            existing = {c.code: c for c in read_cards(folder)}.get(card.code)
            if existing is not None and existing.network_id == card.network_id:
                card = replace(card, requested_at=existing.requested_at)  # the first request stays
                if existing == card:
                    return
            write_card(folder, card)
        except OSError as exc:
            raise folder_error(exc, folder) from exc

    # --- requests and acceptance -----------------------------------------------------------------------
    def requests(self, *, folder: Path | str, passphrase: str | None = None) -> list[JoinRequest]:
        info = self.check_folder(Path(folder), passphrase)
        return self._pending(Path(folder), info) if info is not None else []

    def _pending(self, folder: Path, info: NetworkInfo) -> list[JoinRequest]:
        members = set(self.members())
        me = self._identity()[0]
        out = []
        try:
            cards = read_cards(folder)
        except OSError:
            return []
        for card in cards:
            if card.code in (me, info.founder) or card.code in members:
                continue
            reason = ""
            if card.demo != info.demo:
                reason = "site de démonstration" if card.demo else "site réel dans un réseau de démonstration"
            elif card.network_id != info.network_id:
                reason = "carte d'un autre réseau"
            out.append(
                JoinRequest(card.code, card.name, card.organisation, card.requested_at, not reason, reason)
            )
        return out

    def approve(self, *, actor: Actor, codes: list[str], folder: Path | str | None = None) -> list[str]:
        """Accept sites into the network (site leads). The acceptance travels to every site at the next
        syncs: each then applies the new site's change sets. With `folder`, a site whose card says it is a
        demonstration (or of another network) is refused."""
        require(actor, Perm.CONFIGURE_SITE)
        clean = [c.strip().upper() for c in codes if c.strip()]
        bad = [c for c in clean if not SITE_CODE.match(c)]
        if bad or not clean:
            raise InputError("bad_site_code", f"Code de site invalide : « {bad[0] if bad else ''} ».")
        cards: dict[str, JoinRequest] = {}
        if folder is not None:
            info = _read(Path(folder))
            if info is not None:
                cards = {r.code: r for r in self._pending(Path(folder), info)}
        for code in clean:
            request = cards.get(code)
            if request is not None and not request.acceptable:
                raise RuleViolation(
                    "not_acceptable", f"Le site {code} ne peut pas être accepté : {request.reason}."
                )
        with self.ctx.write() as s:
            me = self.ctx.site_code(s)
            for code in clean:
                if code == me:
                    continue
                name = cards[code].name if code in cards else ""
                if self._accept(s, code, name=name, by=actor.name):
                    audit.record(s, self.ctx, actor, action="approve_site", entity="site", entity_id=code)
                s.merge(SyncPeer(code=code, added_at=self.ctx.clock.now_utc()))
        return self.members()

    def remove(self, *, actor: Actor, code: str) -> list[str]:
        """Take a site out of the network (site leads): every site refuses its change sets from the
        next syncs on. Its rows already received stay."""
        require(actor, Perm.CONFIGURE_SITE)
        code = code.strip().upper()
        with self.ctx.write() as s:
            if code == self.ctx.site_code(s):
                raise RuleViolation("remove_self", "Un site ne se retire pas lui-même du réseau.")
            row = s.get(NetworkSite, member_id(code))
            if row is not None and not row.deleted:
                row.deleted = True
                s.add(row)
            s.execute(delete(SyncPeer).where(col(SyncPeer.code) == code))
            audit.record(s, self.ctx, actor, action="remove_site", entity="site", entity_id=code)
        return self.members()

    # --- preview -----------------------------------------------------------------------------------------
    def preview(self, *, folder: Path | str, passphrase: str | None = None) -> NetworkPreview:
        """What a sync with this folder would send and receive (nothing is written anywhere)."""
        folder = Path(folder)
        if not folder.is_dir():
            raise folder_error(FileNotFoundError(errno.ENOENT, "missing"), folder)
        me, demo, mine = self._identity()
        problems: list[str] = []
        info: NetworkInfo | None = None
        try:
            info = _read(folder)
            if info is not None:
                _refuse_mismatch(info, folder, demo=demo, mine=mine, me=me, passphrase=passphrase)
        except DomainError as exc:
            problems.append(exc.message)
        with self.ctx.read() as s:
            batch = collect_changes(s, me)
            done = set(s.exec(select(SyncApplied.site, SyncApplied.seq)).all())
            trusted = _trusted(s)
        first_time = self.first_time()
        if info is not None and not mine:
            trusted |= {info.founder}
        send: Counter[str] = Counter()
        joining = info is not None and not mine and info.founder != me
        for t in batch.tables:
            if joining and t.name == "network_setting":
                continue  # a joining site takes the network's settings (see `_adopt_network`)
            send[TABLE_LABELS.get(t.name, t.name)] += len(t.rows)
        incoming: dict[str, IncomingSite] = {}
        try:
            refs = [r for r in list_change_sets(folder, exclude_site=me) if (r.site, r.seq) not in done]
        except OSError as exc:
            raise folder_error(exc, folder) from exc
        for ref in refs:
            site = incoming.get(ref.site) or IncomingSite(ref.site, ref.site in trusted, 0, {})
            rows = dict(site.rows)
            problem = site.problem
            try:
                manifest, _salt = _load_manifest(ref, passphrase)
                for entry in manifest.tables:
                    label = TABLE_LABELS.get(entry.name, entry.name)
                    rows[label] = rows.get(label, 0) + entry.rows
            except ChangeSetRefused as exc:
                problem = exc.message
            incoming[ref.site] = replace(site, change_sets=site.change_sets + 1, rows=rows, problem=problem)
        pending = tuple(self._pending(folder, info)) if info is not None else ()
        member = info is None or me in trusted or (info.founder == me)
        with self.ctx.read() as s:
            member = member or s.get(NetworkSite, member_id(me)) is not None
        return NetworkPreview(
            folder=str(folder),
            network_id=info.network_id if info else "",
            founder=info.founder if info else me,
            demo=info.demo if info else demo,
            encrypted=info.encrypted if info else bool(passphrase),
            first_time=first_time,
            member=member,
            send=dict(send),
            receive=tuple(incoming[c] for c in sorted(incoming)),
            pending=pending,
            problems=tuple(problems),
        )

    # --- joining -------------------------------------------------------------------------------------------
    def join(
        self,
        *,
        folder: Path | str,
        code: str,
        name: str,
        passphrase: str | None = None,
        timezone: str | None = None,
        holidays: str | None = None,
        admin: tuple[str, str, str] | None = None,
        progress: Progress | None = None,
    ) -> JoinResult:
        """Create this (empty) file's site as a new site of the network in `folder`, and receive what the
        network shares. `admin`: (first name, last name, PIN) of the site's first administrator."""
        folder = Path(folder)
        code, name = check_site_code(code), clean_name(name, "nom du site", fields.SITE_NAME)
        if timezone is not None:
            check_timezone(timezone)
        if holidays is not None:
            check_holiday_code(holidays)
        if admin is not None:
            admin = (
                clean_name(admin[0], "prénom de l'administrateur", fields.STAFF_FIRST_NAME),
                clean_name(admin[1], "nom de l'administrateur", fields.STAFF_LAST_NAME),
                check_pin(admin[2]),
            )
        info = self.check_join(folder=folder, code=code, passphrase=passphrase)
        try:
            claimed = claim_site_dir(folder, code)
        except OSError as exc:
            raise folder_error(exc, folder) from exc
        if claimed is None:  # another workstation joined with this code since the check
            raise _code_taken(code, None)
        try:
            return self._join(folder, info, code, name, passphrase, timezone, holidays, admin, progress)
        except BaseException:
            release_site_dir(claimed)  # the code is free again, as the check found it
            raise

    def _join(
        self,
        folder: Path,
        info: NetworkInfo,
        code: str,
        name: str,
        passphrase: str | None,
        timezone: str | None,
        holidays: str | None,
        admin: tuple[str, str, str] | None,
        progress: Progress | None,
    ) -> JoinResult:
        now = self.ctx.clock.now_utc()
        hours = WeeklyHours.from_mapping(DEFAULT_HOURS)
        with self.ctx.db.write() as s:
            if s.get(Meta, SITE_CODE_KEY) is not None:
                raise RuleViolation(
                    "site_exists", "Ce fichier appartient déjà à un site : rien n'a été créé."
                )
            s.add(Meta(key=SITE_CODE_KEY, value=code))
            s.add(Meta(key=NETWORK_ID_KEY, value=info.network_id))
            # the app's automatic sync goes on with the folder and passphrase setting the site joined with
            s.add(Meta(key=SYNC_FOLDER_KEY, value=str(folder.resolve())))
            s.add(Meta(key=USE_PASSPHRASE.key, value="1" if passphrase else "0"))
            s.add(SyncPeer(code=info.founder, added_at=now))
            s.flush()
            s.info["stamper"] = self.ctx
            site = Site(
                code=code,
                name=name,
                timezone=timezone or "Europe/Paris",
                holiday_subdivision=holidays,
                opening_hours=hours.to_json(),
            )
            s.add(site)
            s.flush()
            for r in DEFAULT_ROOMS:
                s.add(
                    Room(
                        site_id=site.id,
                        name=r.name,
                        kind=r.kind.value,
                        capacity=r.capacity,
                        accessible=r.accessible,
                    )
                )
            actor = Actor(id="", name=f"adhésion de {code}", role=Role.ADMIN)
            if admin is not None:
                row = Staff(
                    site_id=site.id, first_name=admin[0], last_name=admin[1], role=Role.ADMIN.value,
                    working_pattern=hours.to_json(),
                )  # fmt: skip
                s.add(row)
                s.flush()
                s.add(Credential(staff_id=row.id, secret_hash=hash_secret(admin[2]), updated_at=now))
                actor = Actor(id=row.id, name=f"{admin[0]} {admin[1]}", role=Role.ADMIN)
            audit.record(
                s,
                self.ctx,
                actor,
                action="join",
                entity="site",
                entity_id=site.id,
                after={"code": code, "network": info.network_id, "founder": info.founder},
            )
        report = self.sync(folder=folder, passphrase=passphrase, actor=actor, progress=progress)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            founder = s.exec(select(Site).where(Site.code == info.founder)).first()
            if founder is not None and (timezone is None or holidays is None):
                site.timezone = timezone or founder.timezone  # a site of the same Mission Locale, by default
                site.holiday_subdivision = holidays if holidays is not None else founder.holiday_subdivision
                s.add(site)
            org = s.get(Meta, ORGANISATION_KEY)
            if org is None:
                s.merge(Meta(key=ORGANISATION_KEY, value=name))
            view = site_view(site)
            received = {
                "types de rendez-vous": _count(s, AppointmentType, AppointmentType.deleted == False),
                "jeunes": _count(s, Youth, Youth.deleted == False),
                "sites": _count(s, Site, Site.deleted == False),
            }
            approved = s.get(NetworkSite, member_id(code)) is not None
        return JoinResult(
            view, info.founder, received, f"{admin[0]} {admin[1]}" if admin else "", approved, report
        )

    def check_join(self, *, folder: Path | str, code: str, passphrase: str | None) -> NetworkInfo:
        return check_join(folder=folder, code=code, passphrase=passphrase)


def check_join(*, folder: Path | str, code: str, passphrase: str | None) -> NetworkInfo:
    """The network a new site `code` may join in `folder`, or a French refusal (nothing written): the
    CLI asks before it creates the new file."""
    folder = Path(folder)
    if not folder.is_dir():
        raise folder_error(FileNotFoundError(errno.ENOENT, "missing"), folder)
    info = _read(folder)
    if info is None:
        raise InputError(
            "no_network",
            f"Le dossier « {folder} » n'est pas encore celui d'un réseau : le premier site s'y "
            "synchronise d'abord (mlplanner sync --folder …), puis les autres sites le rejoignent.",
        )
    if info.demo:
        raise RuleViolation(
            "demo_network",
            f"Le dossier « {folder} » est celui d'un réseau de démonstration (données fictives) : "
            "un site réel ne le rejoint pas. Indiquez le dossier du réseau réel.",
        )
    _check_passphrase(info, passphrase)
    taken = {c.code: c for c in read_cards(folder)}
    if code.upper() in taken or (folder / code.upper()).exists():
        raise _code_taken(code, taken.get(code.upper()))
    return info


def _code_taken(code: str, who: SiteCard | None) -> RuleViolation:
    return RuleViolation(
        "code_taken",
        f"Le code {code.upper()} est déjà pris dans ce réseau"
        + (f" ({who.name})" if who and who.name else "")
        + " : choisissez-en un autre.",
    )


# --- helpers ---------------------------------------------------------------------------------------------


def _read(folder: Path) -> NetworkInfo | None:
    try:
        return read_network(folder)
    except NetworkFileError as exc:
        raise InputError(exc.code, exc.message) from exc
    except OSError as exc:
        raise folder_error(exc, folder) from exc


def _trusted(s: Session) -> set[str]:
    peers = set(s.exec(select(SyncPeer.code)))
    accepted = set(s.exec(select(NetworkSite.code).where(NetworkSite.deleted == False)))
    return peers | accepted


def _check_passphrase(info: NetworkInfo, passphrase: str | None) -> None:
    if info.encrypted and not passphrase:
        raise InputError(
            "no_passphrase",
            "Ce réseau chiffre ses échanges : indiquez sa phrase secrète. Rien n'a été échangé.",
        )
    if not info.encrypted and passphrase:
        raise InputError(
            "passphrase_unused",
            "Ce réseau ne chiffre pas ses échanges : synchronisez sans phrase secrète. Rien n'a été échangé.",
        )
    if not info.passphrase_ok(passphrase):
        raise InputError("bad_passphrase", "Phrase secrète incorrecte pour ce réseau : rien n'a été échangé.")


def _refuse_mismatch(
    info: NetworkInfo, folder: Path, *, demo: bool, mine: str, me: str, passphrase: str | None
) -> None:
    if demo and not info.demo:
        raise RuleViolation(
            "demo_network",
            "Ce fichier est une démonstration (données fictives) : il ne se synchronise jamais avec le "
            f"réseau réel du dossier « {folder} ». Rien n'a été échangé.",
        )
    if info.demo and not demo:
        raise RuleViolation(
            "demo_network",
            f"Le dossier « {folder} » est celui d'un réseau de démonstration (données fictives) : un site "
            "réel ne s'y synchronise pas. Rien n'a été échangé.",
        )
    if mine and mine != info.network_id:
        raise RuleViolation(
            "other_network",
            f"Le dossier « {folder} » est celui d'un autre réseau (fondé par {info.founder}) que celui de ce "
            "site : rien n'a été échangé. Vérifiez le dossier choisi.",
        )
    _check_passphrase(info, passphrase)


def _count(s: Session, model: type, *where: Any) -> int:
    return int(s.execute(select(func.count()).select_from(model).where(*where)).scalar_one())


def _merge(first: SyncReport, second: SyncReport) -> SyncReport:
    applied = first.applied + second.applied
    done = {(site, seq) for site, seq, _rows in applied}
    # a set refused by both passes is one refusal, new if the first pass reported it first
    again = {(r.site, r.seq, r.code) for r in second.refused}
    firsts = {(r.site, r.seq, r.code): r.new for r in first.refused}
    refused: tuple[RefusedChangeSet, ...] = tuple(
        r for r in first.refused if (r.site, r.seq) not in done and (r.site, r.seq, r.code) not in again
    ) + tuple(replace(r, new=r.new or firsts.get((r.site, r.seq, r.code), False)) for r in second.refused)
    return replace(
        first,
        finished_at=second.finished_at,
        exported_seq=first.exported_seq or second.exported_seq,
        exported_rows=first.exported_rows + second.exported_rows,
        applied=applied,
        refused=refused,
        new_conflicts=first.new_conflicts + second.new_conflicts,
        clashes=second.clashes,
        changes=Changes(first.changes.kinds | second.changes.kinds, first.changes.ids | second.changes.ids),
        waiting=second.waiting,
        notices=first.notices + second.notices,
        resent=first.resent + second.resent,
    )


__all__ = [
    "NETWORK_ID_KEY",
    "IncomingSite",
    "JoinRequest",
    "JoinResult",
    "NetworkPreview",
    "NetworkService",
    "NetworkSyncReport",
    "member_id",
]
