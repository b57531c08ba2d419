"""Change sets: what one site changed since its previous export, as one CSV per table plus a manifest.

Folder layout (decided here, documented in the README):

    <sync folder>/
      <SITE>/                 one folder per site, written only by that site (under its lock)
        sync.lock             present while that site syncs
        00000001/             change set n° 1 of SITE (sequence numbers start at 1, never reused)
          manifest.json       written last: site, seq, schema, created_at, per table: file, columns,
                              row count, sha256 of the file as stored
          youth.csv ...       `;`-separated, UTF-8 with BOM (opens in a French spreadsheet for audit)
        .tmp-00000002-1234/   a change set being written: ignored by readers, renamed when complete

A change set is written in a temporary folder (each file flushed to disk), then the folder is renamed:
readers see all of it or nothing. With a network passphrase, the CSVs are stored as Fernet tokens
(`youth.csv.fernet`) and the manifest's content is sealed too; only format, site and seq stay readable.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlplanner.sync import crypto
from mlplanner.sync.errors import ChangeSetRefused
from mlplanner.sync.files import fsync_dir, sha256_bytes, sha256_file, write_synced

FORMAT = "mlplanner-changeset"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DELIMITER = ";"
_SEQ_DIR = re.compile(r"^\d{8}$")
SITE_CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


@dataclass(frozen=True)
class TableData:
    """One table's rows in text form (see `codec`), in the column order of `columns`."""

    name: str
    columns: tuple[str, ...]
    rows: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class TableEntry:
    name: str
    file: str
    columns: tuple[str, ...]
    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    site: str
    seq: int
    schema: str
    created_at: str
    tables: tuple[TableEntry, ...]
    max_hlc: str = ""
    encrypted: bool = False

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "site": self.site,
            "seq": self.seq,
            "schema": self.schema,
            "created_at": self.created_at,
            "max_hlc": self.max_hlc,
            "encrypted": self.encrypted,
            "tables": [
                {
                    "name": t.name,
                    "file": t.file,
                    "columns": list(t.columns),
                    "rows": t.rows,
                    "sha256": t.sha256,
                }
                for t in self.tables
            ],
        }

    @staticmethod
    def from_json(data: dict) -> Manifest:
        """A manifest from its JSON, every field checked for type and shape (ManifestError otherwise)."""
        if not isinstance(data, dict):
            raise ManifestError("not an object")
        tables = _field(data, "tables", list)
        if len(tables) > MAX_TABLES:
            raise ManifestError("tables")
        entries = tuple(_table_entry(t) for t in tables)
        if len({e.name for e in entries}) != len(entries) or len({e.file for e in entries}) != len(entries):
            raise ManifestError("duplicate table")
        max_hlc = _field(data, "max_hlc", str, "")
        if max_hlc and not _STAMP.fullmatch(max_hlc):
            raise ManifestError("max_hlc")
        created_at = _field(data, "created_at", str, "")
        if len(created_at) > 40:
            raise ManifestError("created_at")
        schema = _field(data, "schema", str)
        if not _NAME.fullmatch(schema):
            raise ManifestError("schema")
        return Manifest(
            site=_site(data),
            seq=_seq(data),
            schema=schema,
            created_at=created_at,
            max_hlc=max_hlc,
            encrypted=_field(data, "encrypted", bool, False),
            tables=entries,
        )


class ManifestError(ValueError):
    """A manifest field of the wrong type or shape."""


MAX_TABLES = 64
MAX_ROWS = 10_000_000
MAX_MANIFEST_BYTES = 4 << 20
MAX_FILE_BYTES = 1 << 30  # a month of a large site is tens of megabytes
_NAME = re.compile(r"[A-Za-z0-9_]{1,64}")
_FILE = re.compile(r"[a-z0-9_]{1,64}\.csv(\.fernet)?")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_STAMP = re.compile(r"\d{15}\.\d{5}\.[A-Za-z0-9_-]{1,16}")


def _field(data: dict, key: str, kind: type, default: object = ...) -> Any:
    """`data[key]` if it is of `kind` (a bool is not an int here); `default` when absent, if given."""
    if key not in data:
        if default is ...:
            raise ManifestError(key)
        return default
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ManifestError(key)
    return value


def _site(data: dict) -> str:
    site = _field(data, "site", str)
    if not SITE_CODE.fullmatch(site):
        raise ManifestError("site")
    return site


def _seq(data: dict) -> int:
    seq = _field(data, "seq", int)
    if not 1 <= seq <= 99_999_999:
        raise ManifestError("seq")
    return seq


def _table_entry(t: object) -> TableEntry:
    if not isinstance(t, dict):
        raise ManifestError("table")
    name, file = _field(t, "name", str), _field(t, "file", str)
    columns = _field(t, "columns", list)
    rows, sha = _field(t, "rows", int), _field(t, "sha256", str)
    if not _NAME.fullmatch(name) or not _FILE.fullmatch(file) or not _SHA256.fullmatch(sha):
        raise ManifestError("table")
    if (
        not columns
        or len(columns) > 200
        or not all(isinstance(c, str) and _NAME.fullmatch(c) for c in columns)
    ):
        raise ManifestError("columns")
    if len(set(columns)) != len(columns) or not 0 <= rows <= MAX_ROWS:
        raise ManifestError("table")
    return TableEntry(name, file, tuple(columns), rows, sha)


@dataclass(frozen=True)
class ChangeSetRef:
    """A change set found in the folder (not read yet)."""

    site: str
    seq: int
    path: Path

    @property
    def label(self) -> str:
        return f"lot n° {self.seq} du site {self.site}"


@dataclass(frozen=True)
class ChangeSet:
    manifest: Manifest
    tables: dict[str, TableData]

    @property
    def row_count(self) -> int:
        return sum(len(t.rows) for t in self.tables.values())


# --- writing ----------------------------------------------------------------------------------------


def site_dir(folder: Path, site: str) -> Path:
    if not SITE_CODE.match(site):
        raise ValueError(f"bad site code {site!r}")
    return folder / site


def seq_dir_name(seq: int) -> str:
    return f"{seq:08d}"


# what makes the csv module quote a field (its delimiter, quote and line terminator)
_QUOTED = (DELIMITER, '"', "\r", "\n")


def csv_bytes(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """The table as the csv module writes it (`;`, minimal quoting, CRLF), in UTF-8 with a BOM. When no
    field needs quotes, the lines are joined at C speed (the csv writer's per-field work was a third of
    an export's instructions); the bytes are the same."""
    plain = _plain_lines(columns, rows)
    if plain is not None:
        return plain.encode("utf-8-sig")
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def _plain_lines(columns: tuple[str, ...], rows: list[list[str]]) -> str | None:
    """The CSV text when every field is text needing no quotes and every line has two fields or more (the
    csv module quotes a line's only field when empty); None otherwise."""
    if len(columns) < 2 or any(len(r) < 2 for r in rows):
        return None
    try:
        lines = [DELIMITER.join(columns), *map(DELIMITER.join, rows)]  # TypeError: a field not text
        fields = "".join(map("".join, rows)) + "".join(columns)
    except TypeError:
        return None
    if any(c in fields for c in _QUOTED):
        return None
    lines.append("")
    return "\r\n".join(lines)


def parse_csv(text: str) -> list[list[str]]:
    """The rows the csv module reads from `text` (`;`, strict). When it holds no quote, no NUL, no line
    break but CRLF ending lines, no empty line and no line longer than the csv module's field limit, it
    is split at C speed; the rows are the same. csv.Error as the csv module raises it."""
    crlf = text.count("\r\n")
    if (
        '"' not in text
        and "\x00" not in text
        and text.count("\r") == crlf == text.count("\n")
        and "\r\n\r\n" not in text
        and not text.startswith("\r\n")
    ):
        lines = text.split("\r\n")
        if lines[-1] == "":
            lines.pop()
        if not lines or max(map(len, lines)) <= csv.field_size_limit():
            return [line.split(DELIMITER) for line in lines]
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER, strict=True))


def write_change_set(
    folder: Path,
    *,
    site: str,
    seq: int,
    schema: str,
    created_at: str,
    tables: list[TableData],
    max_hlc: str = "",
    passphrase: str | None = None,
    salt: str | None = None,
    replace: bool = False,
) -> Path:
    """Write a change set atomically and return its folder. Raises OSError (disk full, read-only...).

    The files are made read-only: a person who opens one in a spreadsheet cannot save it back over the
    original. `replace`: write it again over an existing one (a re-send); readers see the old set or
    the new one, never a mix.
    """
    base = site_dir(folder, site)
    base.mkdir(exist_ok=True)
    final = base / seq_dir_name(seq)
    if final.exists() and not replace:
        raise FileExistsError(final)
    tmp = base / f".tmp-{seq_dir_name(seq)}-{os.getpid()}"
    if tmp.exists():
        remove_tree(tmp)
    tmp.mkdir()
    try:
        entries: list[TableEntry] = []
        salt = salt or crypto.new_salt()
        for table in tables:
            data = csv_bytes(table.columns, table.rows)
            name = f"{table.name}.csv"
            if passphrase:
                data, name = crypto.seal(data, passphrase, salt), name + ".fernet"
            write_synced(tmp / name, data)
            entries.append(TableEntry(table.name, name, table.columns, len(table.rows), sha256_bytes(data)))
        manifest = Manifest(site, seq, schema, created_at, tuple(entries), max_hlc, bool(passphrase))
        body = manifest.to_json()
        if passphrase:
            sealed = crypto.seal(json.dumps(body).encode("utf-8"), passphrase, salt).decode("ascii")
            body = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "site": site,
                "seq": seq,
                "encrypted": True,
                "kdf": {"name": crypto.KDF_NAME, "iterations": crypto.KDF_ITERATIONS, "salt": salt},
                "sealed": sealed,
            }
        write_synced(tmp / MANIFEST, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
        for path in tmp.iterdir():
            make_read_only(path)
        fsync_dir(tmp)
        if final.exists():  # a re-send: the old one leaves under a temporary name, then goes
            old = base / f".tmp-old-{seq_dir_name(seq)}-{os.getpid()}"
            os.rename(final, old)
            os.rename(tmp, final)
            remove_tree(old)
        else:
            os.rename(tmp, final)
    except BaseException:
        remove_tree(tmp)
        raise
    fsync_dir(base)
    return final


def make_read_only(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.chmod(stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)


def remove_tree(path: Path) -> None:
    """Remove a folder of read-only files (Windows refuses to delete a read-only file)."""

    def writable_then_retry(func: Any, target: str, _exc: Any) -> None:
        with contextlib.suppress(OSError):
            os.chmod(target, stat.S_IWRITE | stat.S_IREAD)
            func(target)

    if path.exists():
        shutil.rmtree(path, onerror=writable_then_retry)


def cleanup_temporaries(folder: Path, site: str) -> None:
    """Remove this site's half-written change sets left by a crash (only the site itself writes there)."""
    base = site_dir(folder, site)
    if base.is_dir():
        for tmp in base.glob(".tmp-*"):
            remove_tree(tmp)


FINGERPRINT_MISSING = "missing"


def fingerprint(path: Path) -> str:
    """The sha256 of a change set's files (names and contents): it changes when anyone rewrites one,
    the origin site re-sending it or a spreadsheet saving over it. "missing" if the folder is absent."""
    h = hashlib.sha256()
    try:
        for p in sorted(path.iterdir()):
            h.update(p.name.encode("utf-8", "surrogateescape") + b"\0")
            if p.is_file():
                h.update(sha256_file(p).encode("ascii"))
            h.update(b"\0")
    except FileNotFoundError:
        return FINGERPRINT_MISSING
    except OSError:
        return ""
    return h.hexdigest()


def existing_seqs(folder: Path, site: str) -> list[int]:
    base = site_dir(folder, site)
    if not base.is_dir():
        return []
    return sorted(int(p.name) for p in base.iterdir() if _SEQ_DIR.match(p.name) and p.is_dir())


def list_change_sets(folder: Path, *, exclude_site: str | None = None) -> list[ChangeSetRef]:
    """Every complete-looking change set in the folder, by site then sequence number."""
    refs: list[ChangeSetRef] = []
    for sdir in sorted(p for p in folder.iterdir() if p.is_dir() and SITE_CODE.match(p.name)):
        if sdir.name == exclude_site:
            continue
        for seq in existing_seqs(folder, sdir.name):
            refs.append(ChangeSetRef(sdir.name, seq, sdir / seq_dir_name(seq)))
    return refs


# --- reading ----------------------------------------------------------------------------------------


def _refused(ref: ChangeSetRef, code: str, why: str) -> ChangeSetRefused:
    """What the sync does next (retry, ask the origin again...) is added by the sync service."""
    return ChangeSetRefused(
        code,
        f"Le {ref.label} est refusé : {why}. Rien n'en a été appliqué.",
        site=ref.site,
        seq=ref.seq,
        why=why,
    )


def _read_bytes(ref: ChangeSetRef, name: str, limit: int) -> bytes:
    path = ref.path / name
    try:
        if path.stat().st_size > limit:
            raise _refused(ref, "cs_damaged", f"le fichier « {name} » est anormalement gros")
        return path.read_bytes()
    except FileNotFoundError as exc:
        why = (
            "son manifeste est absent (copie encore en cours ?)"
            if name == MANIFEST
            else f"le fichier « {name} » manque"
        )
        raise _refused(ref, "cs_incomplete", why) from exc
    except (IsADirectoryError, NotADirectoryError) as exc:
        raise _refused(ref, "cs_damaged", f"« {name} » n'est pas un fichier") from exc
    except OSError as exc:  # rights, a share gone mid-read...: this set waits, the others go on
        raise _refused(ref, "cs_unreadable", f"le fichier « {name} » est illisible ({exc.strerror})") from exc


def _load_manifest(ref: ChangeSetRef, passphrase: str | None) -> tuple[Manifest, str]:
    raw = _read_bytes(ref, MANIFEST, MAX_MANIFEST_BYTES)
    try:
        outer = json.loads(raw.decode("utf-8"))
        if not isinstance(outer, dict) or outer.get("format") != FORMAT:
            raise ValueError("format")
        version = _field(outer, "format_version", int, 0)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise _refused(ref, "cs_damaged", "son manifeste est illisible") from exc
    if version > FORMAT_VERSION:
        raise _refused(
            ref, "cs_too_new", "il vient d'une version plus récente de mlplanner ; mettez ce poste à jour"
        )
    try:
        site, seq, encrypted = _site(outer), _seq(outer), _field(outer, "encrypted", bool, False)
    except ManifestError as exc:
        raise _refused(ref, "cs_damaged", "son manifeste est incomplet") from exc
    if site != ref.site or seq != ref.seq:
        raise _refused(ref, "cs_misplaced", "son manifeste ne correspond pas à son dossier")
    salt = ""
    if encrypted:
        if not passphrase:
            raise _refused(ref, "cs_encrypted", "il est chiffré ; indiquez la phrase secrète du réseau")
        try:
            kdf = _field(outer, "kdf", dict)
            salt = _field(kdf, "salt", str)
            iterations = _field(kdf, "iterations", int, crypto.KDF_ITERATIONS)
            if _field(kdf, "name", str, crypto.KDF_NAME) != crypto.KDF_NAME or len(salt) > 200:
                raise ManifestError("kdf")
            if not crypto.KDF_MIN_ITERATIONS <= iterations <= crypto.KDF_MAX_ITERATIONS:
                raise ManifestError("iterations")  # a forged count would make the sync hang
            sealed = _field(outer, "sealed", str)
            inner = crypto.unseal(sealed.encode("ascii"), passphrase, salt, iterations)
            outer = json.loads(inner.decode("utf-8"))
        except (crypto.AuthenticationFailed, ValueError, UnicodeError, RecursionError) as exc:
            raise _refused(
                ref,
                "cs_auth",
                "il n'a pas pu être authentifié (phrase secrète différente ou fichier falsifié)",
            ) from exc
    elif passphrase:
        raise _refused(
            ref, "cs_not_encrypted", "il n'est pas chiffré alors que ce réseau exige le chiffrement"
        )
    try:
        manifest = Manifest.from_json(outer)
    except ManifestError as exc:
        raise _refused(ref, "cs_damaged", f"son manifeste est incomplet ou mal formé ({exc})") from exc
    if manifest.site != ref.site or manifest.seq != ref.seq or manifest.encrypted != bool(passphrase):
        raise _refused(ref, "cs_auth", "son manifeste chiffré ne correspond pas à son dossier")
    return manifest, salt


def read_change_set(ref: ChangeSetRef, *, passphrase: str | None = None) -> ChangeSet:
    """Read and verify a change set entirely (checksums, row counts, shape) before anything is applied."""
    manifest, salt = _load_manifest(ref, passphrase)
    tables: dict[str, TableData] = {}
    for entry in manifest.tables:
        data = _read_bytes(ref, entry.file, MAX_FILE_BYTES)
        if sha256_bytes(data) != entry.sha256:
            raise _refused(
                ref,
                "cs_damaged",
                f"le fichier « {entry.file} » est tronqué ou modifié (empreinte différente)",
            )
        if passphrase:
            try:
                data = crypto.unseal(data, passphrase, salt)
            except crypto.AuthenticationFailed as exc:
                raise _refused(
                    ref, "cs_auth", f"le fichier « {entry.file} » n'a pas pu être authentifié"
                ) from exc
        tables[entry.name] = _parse_table(ref, entry, data)
    return ChangeSet(manifest, tables)


def _parse_table(ref: ChangeSetRef, entry: TableEntry, data: bytes) -> TableData:
    try:
        text = data.decode("utf-8-sig")
        rows = parse_csv(text)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise _refused(ref, "cs_damaged", f"le fichier « {entry.file} » est illisible") from exc
    if not rows or tuple(rows[0]) != entry.columns:
        raise _refused(ref, "cs_damaged", f"les colonnes de « {entry.file} » ne sont pas celles du manifeste")
    body = rows[1:]
    width = len(entry.columns)
    if len(body) != entry.rows or (body and set(map(len, body)) != {width}):
        raise _refused(
            ref, "cs_damaged", f"le fichier « {entry.file} » est tronqué (lignes manquantes ou coupées)"
        )
    return TableData(entry.name, entry.columns, body)


def remove_change_set(ref: ChangeSetRef) -> None:
    with contextlib.suppress(OSError):
        remove_tree(ref.path)
