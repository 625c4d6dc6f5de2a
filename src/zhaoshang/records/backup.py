"""Backup and restore of a bureau's data: the database content and the uploaded files, in one archive.

An archive (.tar.gz or .zip) holds
  manifest.json  format, app and Django versions, time, database vendor, applied migrations,
                 rows and content checksum per table, SHA-256 of every other member;
  data.exactjsonl  every row of every app but content types, permissions and sessions, in the format of
                 `dumpdata --natural-foreign`, one object a line (streamed both ways),
                 times to the microsecond (records/exactjson.py);
  media/…        the files under MEDIA_ROOT.
The universe folder (UNIVERSE_DIR) is not backed up: `zhaoshang universe generate|import` rebuilds it.
The dump is database-neutral JSON, so a SQLite backup restores into PostgreSQL and back.

A restore migrates the target database, refuses one that holds data unless forced (then it empties it),
loads the dump (records/dump.py), copies the files and compares every table with the manifest, all in one transaction:
it either restores everything and proves it, or leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

import django
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings
from django.utils import timezone

from zhaoshang.records import dump, exactjson
from zhaoshang.records.fingerprints import as_json, backed_up_models, differences, fingerprints

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.exactjsonl"
MEDIA = "media"
Progress = Callable[[str], None]


class BackupError(RuntimeError):
    """A backup or restore that cannot go on; the message is for the operator, in Chinese."""


@dataclass(frozen=True)
class RestoreResult:
    tables: int
    rows: int
    files: int


def app_version() -> str:
    try:
        return version("zhaoshang")
    except PackageNotFoundError:
        return "unknown"


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _media_files() -> Iterator[tuple[Path, str]]:
    """(file, archive name) for every file under MEDIA_ROOT, leaving out the universe folder if it is inside."""
    root = Path(settings.MEDIA_ROOT)
    universe = Path(settings.UNIVERSE_DIR).resolve()
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.resolve().is_relative_to(universe):
            yield path, str(PurePosixPath(MEDIA, path.relative_to(root).as_posix()))


def _applied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connections[alias]).applied_migrations())


def _archive_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".tar.gz", ".tgz")):
        return "tar"
    if name.endswith(".zip"):
        return "zip"
    raise BackupError(f"不支持的备份文件类型：{path.name}（应为 .tar.gz 或 .zip）。")


def create_backup(path: Path, *, progress: Progress = lambda _msg: None) -> dict:
    """Write the archive at `path` and return its manifest. The dump and the checksums are read in one
    repeatable-read transaction on PostgreSQL, so they describe the same moment even while users write."""
    kind = _archive_kind(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zhaoshang-backup-") as tmp:
        data = Path(tmp) / DATA
        connection = connections[DEFAULT_DB_ALIAS]
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic():
            if snapshot:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            progress("导出数据库…")
            exactjson.register()
            dump.write_dump(data, backed_up_models(), exactjson.FORMAT)
            progress("计算各表行数与校验和…")
            tables = as_json(fingerprints())
            migrations = _applied_migrations()
        media = list(_media_files())
        manifest = {
            "format": FORMAT,
            "app": "zhaoshang",
            "app_version": app_version(),
            "django_version": django.get_version(),
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "migrations": migrations,
            "tables": tables,
            "files": {DATA: _sha256(data)} | {name: _sha256(file) for file, name in media},
            "universe_included": False,
        }
        manifest_path = Path(tmp) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        progress(f"写入备份文件（{len(media)} 个上传文件）…")
        partial = path.with_name(path.name + ".partial")
        # The archive holds password hashes and token digests: the server's user alone reads it.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        os.chmod(partial, 0o600)
        members = [(manifest_path, MANIFEST), (data, DATA), *media]
        if kind == "tar":
            with tarfile.open(partial, "w:gz") as archive:
                for file, name in members:
                    archive.add(file, arcname=name, recursive=False)
        else:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for file, name in members:
                    archive.write(file, arcname=name)
        partial.replace(path)  # a crash mid-write never leaves a truncated archive under the real name
    return manifest


def _extract(path: Path, into: Path) -> None:
    """Unpack the archive, refusing members that would land outside `into` (absolute paths, '..', links)."""
    try:
        if _archive_kind(path) == "tar":
            with tarfile.open(path, "r:gz") as archive:
                archive.extractall(into, filter="data")
        else:
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    target = (into / name).resolve()
                    if not target.is_relative_to(into.resolve()):
                        raise BackupError(f"备份文件含有不安全的路径：{name}")
                archive.extractall(into)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as exc:
        raise BackupError(f"无法读取备份文件 {path.name}：{exc}") from exc


def read_manifest(folder: Path) -> dict:
    """The manifest of an unpacked archive, after checking every member against its checksum."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError("备份文件中没有有效的 manifest.json，不是 zhaoshang 的备份。") from exc
    if manifest.get("app") != "zhaoshang" or manifest.get("format") != FORMAT:
        raise BackupError(f"不支持的备份格式（app={manifest.get('app')}，format={manifest.get('format')}）。")
    for name, expected in manifest["files"].items():
        member = folder / name
        if not member.is_file() or _sha256(member) != expected:
            raise BackupError(f"备份文件已损坏：{name} 缺失或校验和不符。")
    return manifest


def _check_migrations(manifest: dict) -> list[str]:
    """Refuse a backup made by a newer version; return the migrations this version adds (a warning)."""
    on_disk = {(app, name) for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    in_backup = {(app, name) for app, name in manifest["migrations"]}
    unknown = sorted(in_backup - on_disk)
    if unknown:
        names = "、".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"该备份来自较新的版本（包含本程序没有的数据库迁移：{names}），请先升级程序再恢复。"
        )
    return sorted(f"{app}.{name}" for app, name in on_disk - in_backup)


# Rows that `migrate` itself writes besides content types and permissions: the role groups of accounts.roles
# (post_migrate) and the default node templates of plans (a data migration), each with the filter that picks
# the seeded rows. A freshly migrated database holds them and is still empty; a restore replaces them with
# the backup's, which carry what an administrator may have changed (permissions, template offsets).
SEEDED_BY_MIGRATE: dict[str, dict[str, object]] = {
    "auth.Group": {},
    "plans.TemplateNode": {"template__region__isnull": True},
    "plans.NodeTemplate": {"region__isnull": True},
}


def _unseeded(model: type[models.Model]) -> models.QuerySet:
    rows = model._base_manager.all()
    seeded = SEEDED_BY_MIGRATE.get(model._meta.label)
    if seeded is None:
        return rows
    # An empty filter seeds the whole table (exclude() with no conditions would exclude nothing).
    return rows.exclude(**seeded) if seeded else rows.none()


def occupied_tables() -> dict[str, int]:
    """The backed-up tables that hold rows other than those `migrate` seeds: an empty database has none."""
    counts = {model._meta.label: _unseeded(model).count() for model in backed_up_models()}
    return {label: n for label, n in counts.items() if n}


def _remove_seeded_rows() -> None:
    # With history off: the removal must leave no history rows behind (the backup's own come with the load).
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for label, seeded in SEEDED_BY_MIGRATE.items():
            django_apps.get_model(label)._base_manager.filter(**seeded).delete()


def restore_backup(
    path: Path, *, force: bool = False, progress: Progress = lambda _msg: None
) -> RestoreResult:
    """Restore the archive at `path` into the default database and MEDIA_ROOT, or raise BackupError."""
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path}")
    with tempfile.TemporaryDirectory(prefix="zhaoshang-restore-") as tmp:
        folder = Path(tmp)
        progress("解包并校验备份文件…")
        _extract(path, folder)
        manifest = read_manifest(folder)
        newer = _check_migrations(manifest)
        progress("迁移数据库结构…")
        call_command("migrate", interactive=False, verbosity=0)
        if newer:
            progress(f"提示：本程序比备份多 {len(newer)} 个数据库迁移，恢复的数据按新结构载入。")
        occupied = occupied_tables()
        if occupied and not force:
            summary = "、".join(f"{label}（{n} 行）" for label, n in list(occupied.items())[:5])
            raise BackupError(
                f"目标数据库不是空的：{summary}等 {len(occupied)} 个表已有数据。恢复只能写入空数据库；"
                "如确需清空现有数据并用备份覆盖，请加 --force。"
            )
        media = folder / MEDIA
        with transaction.atomic():
            if occupied:
                progress("清空现有数据（--force）…")
                call_command("flush", interactive=False, verbosity=0)
            _remove_seeded_rows()
            progress("载入数据…")
            exactjson.register()
            dump.load_dump(folder / DATA, exactjson.FORMAT)
            progress("逐表核对行数与校验和…")
            # Data written by an older version is read into the newer tables: only the counts can match then.
            problems = differences(manifest["tables"], as_json(fingerprints()), rows_only=bool(newer))
            if problems:
                raise BackupError("恢复后的数据与备份不一致，已撤销恢复：\n" + "\n".join(problems))
            files = _copy_media(media)
    rows = sum(t["rows"] for t in manifest["tables"].values())
    return RestoreResult(tables=len(manifest["tables"]), rows=rows, files=files)


def _copy_media(source: Path) -> int:
    if not source.is_dir():
        return 0
    target = Path(settings.MEDIA_ROOT)
    copied = 0
    for file in sorted(source.rglob("*")):
        if file.is_file():
            destination = target / file.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, destination)
            copied += 1
    return copied
