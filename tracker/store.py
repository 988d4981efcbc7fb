"""The only code that reads or writes the database file.

What the bytes mean is elsewhere: `tracker.jsonfile` (strict JSON in, canonical JSON out) and
`tracker.migrations` (the schema's versions and the steps between them).

The file is a TinyDB database (one table, `commitments`, keyed by commitment id, plus a `_meta`
table holding the schema version), pretty-printed UTF-8 with a fixed key order so git shows a
change as a small diff. Writes go to a temporary file in the same folder, are fsynced, then
atomically replace the database; every read-modify-write holds a cross-process lock.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import splice
from tracker.errors import NotFound, StorageError
from tracker.jsonfile import (
    JSONProblem,
    dump,
    dump_bytes,
    encoded_or_nothing,
    find_duplicate,
    parse_json,
)
from tracker.migrations import (  # noqa: F401 (also offered here, beside Store, to scripts)
    META,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLE,
    empty_database,
    migrate,
    schema_version,
)
from tracker.records import StoredCommitment
from tracker.schema import InvalidRecord, validate_record

if TYPE_CHECKING:
    from tracker.index import Narrowing
    from tracker.model import Commitment

DEFAULT_NAME = "commitments.json"
LOCK_TIMEOUT_SECONDS = 10.0


def find_database(explicit: str | None, env: Mapping[str, str], cwd: Path) -> Path:
    """`--db`, else $TRACK_DB, else commitments.json here or in the nearest parent folder."""
    chosen = explicit or env.get("TRACK_DB")
    if chosen:
        return Path(chosen).expanduser()
    for folder in (cwd, *cwd.parents):
        candidate = folder / DEFAULT_NAME
        if candidate.is_file():
            return candidate
    raise StorageError(
        f"no {DEFAULT_NAME} found in {cwd} or any parent folder. Point track at one with "
        "--db PATH or the TRACK_DB environment variable, or create one with `track init`."
    )


def real_path(path: Path) -> Path:
    """The file a symbolic link points to: the lock and the atomic replace act on it, so the
    link stays a link and the real file gets every update."""
    if not path.is_symlink():
        return path
    real = Path(os.path.realpath(path))
    if real.is_symlink():
        raise StorageError(f"{path} is a symbolic link that loops; point it at a database file")
    return real


class LockBusy(StorageError):
    """Another track command holds the lock."""


class _Busy(Exception):
    """The lock was not free within the time allowed."""


@contextmanager
def _locked(lock_path: Path, timeout: float) -> Iterator[None]:
    """Hold the exclusive lock on `lock_path`: the flock filelock takes on POSIX, taken here
    directly (importing filelock costs 20 ms, a sixth of an update); filelock elsewhere, or
    where the file system has no flock."""
    try:
        import fcntl
    except ImportError:
        fcntl = None  # type: ignore[assignment]
    if fcntl is None:
        yield from _filelocked(lock_path, timeout)
        return
    import errno
    import time

    deadline = time.monotonic() + timeout
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno not in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK):
                yield from _filelocked(lock_path, timeout)  # no flock here: filelock knows more
                return
            if time.monotonic() >= deadline:
                raise _Busy from None
            time.sleep(0.05)
            continue
        try:  # still the file at that name (not removed by someone meanwhile)?
            if os.fstat(fd).st_ino == os.stat(lock_path).st_ino:
                break
        except OSError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _filelocked(lock_path: Path, timeout: float) -> Iterator[None]:
    from filelock import FileLock, Timeout

    try:
        lock = FileLock(lock_path, timeout=timeout)
        lock.acquire()
    except Timeout:
        raise _Busy from None
    try:
        yield
    finally:
        lock.release()


class AtomicJSONStorage:
    """Reads and writes the whole file: never half-written, and a broken file is never read.

    It implements TinyDB's storage interface (read, write, close), so `open_tinydb` can hand it
    to TinyDB; it does not inherit from TinyDB's class, so that `track` does not import TinyDB
    on every start.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, Any]:
        """The parsed file, every check done (duplicate keys included): for doctor and merges."""
        content, _ = _read_bytes(self.path, stamped=True)
        data = parse_database(content, self.path)
        check_duplicates(content, data, self.path)
        return data

    def read_stamped(self) -> tuple[dict[str, Any], str, bytes]:
        """The parsed file, the stamp (size, mtime, inode) of exactly the bytes parsed, and them.

        Duplicate keys are not looked for here: that costs a re-encoding of the whole file, so
        `Store` does it only for a file it has not validated before (see `check_duplicates`).
        """
        content, file_stamp = _read_bytes(self.path, stamped=True)
        return parse_database(content, self.path), file_stamp, content

    def write(self, data: dict[str, Any]) -> None:
        write_atomically(self.path, dump_bytes(data))

    def close(self) -> None:
        pass


def open_tinydb(path: Path) -> Any:
    """The database as a TinyDB object, for scripts that want TinyDB's queries:

        from tinydb import Query
        db = open_tinydb(Path("commitments.json"))
        db.table("commitments").search(Query().pillar == "labour")

    Records are keyed by commitment id (not TinyDB's counter), so two people's additions never
    share a key. It uses the same atomic storage; `track` itself reads the parsed table directly.
    """
    from tinydb import TinyDB
    from tinydb.storages import Storage
    from tinydb.table import Table

    class CommitmentTable(Table):
        document_id_class = str

    class TrackDB(TinyDB):
        table_class = CommitmentTable

    Storage.register(AtomicJSONStorage)
    return TrackDB(path, storage=AtomicJSONStorage)


def parse_database(content: bytes, path: Path) -> dict[str, Any]:
    """The parsed database, or a StorageError naming file, line and column and what is wrong.

    Refused like invalid JSON: NaN and Infinity (not JSON) and numbers too large for a double
    (1e400): Python's own json module would read them, and writing them back would change them.
    """
    try:
        with _no_gc():
            data = parse_json(content)
    except JSONProblem as problem:
        raise StorageError(
            f"{path}:{problem}. track has not changed the file; repair it by hand, or restore "
            f"it with `git checkout -- {path.name}` or from a backup."
        ) from None
    if not isinstance(data, dict):
        raise StorageError(f"{path}: not a track database (the top level is not an object)")
    return data


def check_duplicates(content: bytes, data: Any, path: Path) -> bool:
    """Refuse a key that appears twice in one object: a JSON reader keeps only the last one.

    A file in track's canonical formatting re-encodes to the same bytes only if no key was
    dropped, which is quick to test; any other file is parsed again, slowly, looking for them.
    True when the file is in the canonical formatting.
    """
    if isinstance(data, dict) and META in data and encoded_or_nothing(data) == content:
        return True
    duplicate = find_duplicate(content)
    if duplicate:
        raise StorageError(
            f"{path}: {duplicate}; a JSON reader keeps only the last copy, so track has not "
            "changed the file: delete the copy you do not want by hand"
        )
    return False


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector while building many small objects that hold no cycles.

    Parsing a large file otherwise triggers repeated full collections: about a third of the
    load time at 10,000 commitments. Reference counting still frees these objects as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was just built lives until the command ends and holds no cycles: moving it out
        # of the collector's sight keeps later collections from re-scanning it (they would
        # otherwise triple the time of a query over 10,000 commitments).
        gc.freeze()
        if enabled:
            gc.enable()


def write_atomically(
    path: Path, text: str | bytes | list[bytes], unchanged: Callable[[], bool] | None = None
) -> None:
    """Replace `path` with `text` (or these pieces, one after the other) so that a crash leaves
    either the old or the new file. With `unchanged`, the file is replaced only if it says the
    source of the pieces was not changed meanwhile."""
    import shutil
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the rename
            "wb", dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        raise StorageError(f"cannot write next to {path}: {error.strerror}") from None
    try:
        with handle:
            if isinstance(text, list):
                handle.writelines(text)
            else:
                handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        if unchanged is not None and not unchanged():
            raise StorageError(
                f"cannot write {path}: another program changed it meanwhile; track has not "
                "written anything, run the command again"
            )
        if path.exists():
            shutil.copymode(path, handle.name)
        else:  # a new file gets the usual mode (the temporary file was private: 0600)
            os.chmod(handle.name, 0o666 & ~_umask())
        os.replace(handle.name, path)
    except OSError as error:
        Path(handle.name).unlink(missing_ok=True)
        raise StorageError(f"cannot write {path}: {error.strerror}") from None
    except StorageError:
        Path(handle.name).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _read_text(path: Path) -> str:
    content = _read_bytes(path)
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StorageError(
            f"{path}: not UTF-8 text (byte {error.start}); is it a track database?"
        ) from None


def _read_bytes(path: Path, stamped: bool = False) -> Any:
    """The file's bytes; with `stamped`, also its stamp taken from the same open descriptor."""
    if path.is_dir():
        raise StorageError(
            f"{path} is a folder, not a database file: give the path of a .json file"
        )
    try:
        with open(path, "rb") as handle:
            if not stamped:
                return handle.read()
            from tracker.checked import stamp

            return handle.read(), stamp(handle.fileno(), SCHEMA_VERSION)
    except FileNotFoundError:
        raise StorageError(
            f"{path} does not exist. Create it with `track init {path}`, or point --db/TRACK_DB "
            "at an existing database."
        ) from None
    except PermissionError:
        raise StorageError(f"{path} cannot be read: permission denied") from None
    except OSError as error:
        raise StorageError(f"{path} cannot be read: {error.strerror}") from None


class Database:
    """The commitments of one file, in memory, keyed by id."""

    def __init__(
        self,
        commitments: Mapping[str, Commitment | StoredCommitment | splice.Unparsed],
        ordered: bool = False,
    ) -> None:
        """`ordered`: the mapping is already by id (a canonical file's records are)."""
        self._items = dict(commitments) if ordered else dict(sorted(commitments.items()))
        self.changed = False

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, cid: object) -> bool:
        return cid in self._items

    def __iter__(self) -> Iterator[Commitment]:
        """Every commitment, by id; read-only views (StoredCommitment behaves as a Commitment)."""
        return iter(self._items.values())  # type: ignore[arg-type]

    def ids(self) -> list[str]:
        return list(self._items)

    def get(self, cid: str) -> Commitment:
        """The full Commitment (records are read lazily until someone asks for one)."""
        try:
            item = self._items[cid]
        except KeyError:
            raise NotFound(f"no commitment with id {cid!r}") from None
        if isinstance(item, splice.Unparsed):
            item = item.stored()
        return item.full() if isinstance(item, StoredCommitment) else item

    def entries(self) -> dict[str, Any]:
        """Every item as held: unparsed blocks, stored records or changed commitments."""
        return self._items

    def put(self, commitment: Commitment) -> None:
        self._items[commitment.id] = commitment
        self.changed = True

    def remove(self, cid: str) -> None:
        del self._items[cid]
        self.changed = True


class Store:
    """One database file: read it, or hold its lock while changing it."""

    def __init__(
        self,
        path: Path,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
        notify: Callable[[str], None] = lambda _: None,
    ) -> None:
        self.path = real_path(Path(path))
        self.lock_timeout = lock_timeout
        self.notify = notify

    def read_text(self) -> str:
        return _read_text(self.path)

    def rewrite(self, transform: Callable[[str], str]) -> bool:
        """Under the lock, replace the file's text with transform(text); False if unchanged."""
        with self.lock():
            before = self.read_text()
            after = transform(before)
            if after == before:
                return False
            write_atomically(self.path, after)
            return True

    def stale_temp_files(self) -> list[Path] | None:
        """Temporary files left by a writer that was killed before its rename.

        None when another track command holds the lock right now: its temporary file is in
        use, not left over, so nothing can be said until it finishes.
        """
        try:
            with self.lock(timeout=0):
                return self._temp_files()
        except LockBusy:
            return None

    def remove_stale_temp_files(self) -> list[Path]:
        with self.lock():  # no writer holds the lock, so none of these is in use
            stale = self._temp_files()
            for path in stale:
                path.unlink(missing_ok=True)
        return stale

    def _temp_files(self) -> list[Path]:
        return sorted(self.path.parent.glob(f".{self.path.name}.*.tmp"))

    def read_raw(self) -> dict[str, Any]:
        """The parsed file as it is, for `track doctor` and the merge driver."""
        return AtomicJSONStorage(self.path).read()

    def load(self, narrowing: Narrowing | None = None) -> Database:
        """Read without locking: writes replace the file atomically, so a reader sees one state.

        With a narrowing, the answer may hold only the commitments it keeps (at least those),
        read from the query index when one was built from exactly this file (see index.py);
        otherwise the file is read and the index rebuilt for the next command.
        """
        from tracker import checked, index

        if narrowing is not None and index.enabled():
            current, size = self._stamp()
            useful = current is not None and index.worth_it(size)
            with _no_gc():  # many small objects, no cycles: as when parsing the file
                records = index.lookup(self.path, current, narrowing) if useful else None
            if records is not None:
                return Database({record["id"]: StoredCommitment(record) for record in records})
        raw, file_stamp, content = AtomicJSONStorage(self.path).read_stamped()
        if schema_version(raw) != SCHEMA_VERSION:
            with self.lock():
                raw = self.upgrade()
            return Database(self._commitments(raw))
        trusted = checked.is_validated(self.path, file_stamp)
        if trusted:
            canonical = checked.is_canonical(self.path, file_stamp)
        else:
            canonical = check_duplicates(content, raw, self.path)
        database = Database(self._commitments(raw, validate=not trusted))
        if not trusted:
            checked.remember(self.path, file_stamp, canonical)
        if narrowing is not None and index.worth_it(len(content)):
            blocks = splice.starts(content) if canonical else None
            index.build(self.path, file_stamp, raw.get(TABLE) or {}, blocks)
        return database

    def _stamp(self) -> tuple[str | None, int]:
        """The file's stamp and size without reading it; no stamp when it is not a file."""
        import stat

        from tracker.checked import stamp

        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None, 0
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return None, 0
            return stamp(fd, SCHEMA_VERSION), info.st_size
        finally:
            os.close(fd)

    @contextmanager
    def edit(self) -> Iterator[Database]:
        """Lock, load the current file, yield it for changes, write it back if anything changed."""
        from tracker import checked

        with self.lock():
            mapped = self._mapped()
            if mapped is not None:  # the query index says where each record lies
                layout, file_stamp, source = mapped
                try:
                    database = Database(layout.records, ordered=True)
                    yield database
                    if database.changed:
                        # The descriptor's stamp tells whether the file was changed in place
                        # (not by track, which replaces it) while the map was copied.
                        unchanged = lambda: checked.stamp(source, SCHEMA_VERSION) == file_stamp  # noqa: E731
                        self._write_spliced(layout, database, file_stamp, unchanged)
                except splice.Misplaced:
                    from tracker import index

                    index.remove(self.path)
                    raise
                finally:
                    os.close(source)
                return
            content, file_stamp = _read_bytes(self.path, stamped=True)
            layout = splice.split(content) if checked.is_canonical(self.path, file_stamp) else None
            if layout is not None:  # validated and canonical: records are parsed when used
                database = Database(layout.records, ordered=True)
                yield database
                if database.changed:
                    written = splice.join(layout, database.entries())
                    self._write_checked(written or dump_bytes(self._table(content, database)))
                return
            raw = parse_database(content, self.path)
            if schema_version(raw) != SCHEMA_VERSION:
                raw, file_stamp = self.upgrade(), ""
            trusted = checked.is_validated(self.path, file_stamp)
            if not trusted and file_stamp:
                check_duplicates(content, raw, self.path)
            database = Database(self._commitments(raw, validate=not trusted))
            yield database
            if database.changed:
                raw[TABLE] = {c.id: c.to_dict() for c in database}
                self._write_checked(dump_bytes(raw))

    def _write_checked(
        self, content: bytes | list[bytes], unchanged: Callable[[], bool] | None = None
    ) -> str:
        """Write the file from validated records: the next read needs no check (nor, being in
        the canonical layout, does the next edit need a full parse). Returns its new stamp."""
        from tracker import checked

        write_atomically(self.path, content, unchanged)
        with open(self.path, "rb") as handle:
            written = checked.stamp(handle.fileno(), SCHEMA_VERSION)
        checked.remember(self.path, written, True)
        return written

    def _mapped(self) -> tuple[splice.Layout, str, int] | None:
        """The file mapped into memory and cut into its records where the query index says they
        lie, its stamp, and an open descriptor of it (the caller closes it); None unless the
        file is validated, canonical and indexed exactly as it is (the caller then reads it).

        Nothing of the file is read but the first line of each record, to check the index.
        """
        from tracker import checked, index

        if os.name != "posix" or not index.enabled():  # a mapped file cannot be replaced on Windows
            return None
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None
        try:
            file_stamp = checked.stamp(fd, SCHEMA_VERSION)
            size = os.fstat(fd).st_size
            if not index.worth_it(size) or not checked.is_canonical(self.path, file_stamp):
                return None
            blocks = index.blocks(self.path, file_stamp)
            if blocks is None:
                return None
            import mmap

            # Mapped in one go rather than page by page as the write copies it: the write
            # and its fsync then take about half as long (measured: 26 ms against 48 for
            # 17 MB; the kernel writes the new file back in larger pieces).
            populate = getattr(mmap, "MAP_POPULATE", 0)
            content = mmap.mmap(fd, 0, flags=mmap.MAP_SHARED | populate, prot=mmap.PROT_READ)
            layout = splice.placed(content, *blocks)
            if layout is None:
                return None
            return layout, file_stamp, os.dup(fd)
        except (OSError, ValueError):
            return None
        finally:
            os.close(fd)

    def _write_spliced(
        self,
        layout: splice.Layout,
        database: Database,
        before: str,
        unchanged: Callable[[], bool],
    ) -> None:
        """Write a changed database cut by `_mapped`, then bring the query index to the new
        file: only the rows of changed records, when no record was added or removed."""
        from tracker import index

        items = database.entries()
        written = splice.join(layout, items)
        if written is None:  # every record removed: the empty table has another shape
            content = bytes(layout.records[next(iter(layout.records))]._content)
            written = dump_bytes(self._table(content, database))
        after = self._write_checked(written, unchanged)
        del written  # views of the mapped file
        if len(items) != len(layout.records) or any(cid not in layout.records for cid in items):
            return  # the next reader rebuilds the index
        changed = {}
        for cid, item in items.items():
            if item is not layout.records[cid]:
                record = item.to_dict()
                changed[cid] = (record, splice.encode(cid, record))
        index.update(self.path, before, after, changed)

    def _table(self, content: bytes, database: Database) -> dict[str, Any]:
        raw = parse_database(content, self.path)
        raw[TABLE] = {c.id: c.to_dict() for c in database}
        return raw

    def create(self) -> None:
        """Write a new empty database; refuses to replace an existing file."""
        if self.path.exists():
            raise StorageError(
                f"{self.path} already exists; track init never overwrites a database"
            )
        if not self.path.parent.is_dir():
            raise StorageError(f"folder {self.path.parent} does not exist")
        write_atomically(self.path, dump(empty_database()))

    @contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the cross-process lock (a `NAME.lock` file beside the database)."""
        wait = self.lock_timeout if timeout is None else timeout
        if self.path.is_dir() or not self.path.name:
            raise StorageError(
                f"{self.path} is a folder, not a database file: give the path of a .json file"
            )
        lock_path = self.path.with_name(self.path.name + ".lock")
        if not self.path.is_file():
            _read_bytes(self.path)  # says why (missing, a folder) before any lock file is made
        made = not lock_path.exists()
        try:
            with _locked(lock_path, wait):
                try:
                    yield
                except StorageError:
                    if made:  # not a usable database (e.g. --db package.json): leave no trace
                        with suppress(OSError):
                            lock_path.unlink()
                    raise
        except _Busy:
            raise LockBusy(
                f"{self.path} is being changed by another track command (waited "
                f"{wait:g}s for {lock_path.name}); try again in a moment"
            ) from None
        except PermissionError:
            raise StorageError(
                f"cannot lock {self.path}: no permission to write {lock_path.name} in its folder"
            ) from None
        except OSError as error:
            raise StorageError(
                f"cannot lock {self.path} with {lock_path}: {error.strerror}; it must be a "
                "file track can create (remove whatever is in the way)"
            ) from None

    def upgrade(self) -> dict[str, Any]:
        """Bring the file to the current schema: the old file is saved first, then replaced.

        The caller holds the lock. Returns the (upgraded) parsed file; a file that is already
        current is returned as read, and one we cannot migrate is refused, never rewritten.
        """
        content, _ = _read_bytes(self.path, stamped=True)
        raw = parse_database(content, self.path)
        check_duplicates(content, raw, self.path)
        version = schema_version(raw)
        if version == SCHEMA_VERSION:
            return raw
        from contextlib import suppress
        from shutil import copymode

        upgraded = migrate(raw, self.path)
        self._commitments(upgraded)  # refuse to write a migration that would not load
        backup = self._backup_name(version, content)
        if not backup.exists():  # else: the same bytes, saved by an interrupted migration
            write_atomically(backup, content)
            with suppress(OSError):
                copymode(self.path, backup)  # as private as the database
        AtomicJSONStorage(self.path).write(upgraded)
        self.notify(
            f"upgraded {self.path} from schema {version} to {SCHEMA_VERSION}; the old file is "
            f"saved as {backup.name}"
        )
        return upgraded

    def _backup_name(self, version: int, content: bytes) -> Path:
        """NAME.vN.bak, or NAME.vN.2.bak … when an older backup with other content exists."""
        for n in range(1, 1000):
            suffix = f".v{version}.bak" if n == 1 else f".v{version}.{n}.bak"
            candidate = self.path.with_name(self.path.name + suffix)
            try:
                if not candidate.exists() or candidate.read_bytes() == content:
                    return candidate
            except OSError:
                continue
        raise StorageError(f"too many backups of {self.path}; move some away")

    def companions(self) -> list[Path]:
        """Files track keeps beside the database: migration backups, lock, temporary files."""
        folder, name = self.path.parent, self.path.name
        return [
            *folder.glob(f"{name}.v*.bak"),
            self.path.with_name(name + ".lock"),
            *self._temp_files(),
        ]

    def _commitments(
        self, raw: dict[str, Any], validate: bool = True
    ) -> dict[str, StoredCommitment]:
        table = raw.get(TABLE, {})
        if not isinstance(table, dict):
            raise StorageError(f"{self.path}: table {TABLE!r} is not an object")
        # Records are read straight from the parsed table (TinyDB's Table.all() would copy each
        # one into a Document: 60 ms at 10,000 commitments) and validated in place.
        commitments: dict[str, StoredCommitment] = {}
        with _no_gc():
            for key, record in table.items():
                if not validate:
                    commitments[key] = StoredCommitment(record)
                    continue
                try:
                    validate_record(record, where=f"commitment {key!r}")
                except InvalidRecord as error:
                    raise StorageError(
                        f"{self.path}: {error}. track has not changed the file; `track doctor` "
                        "lists every problem."
                    ) from None
                if record["id"] != key:
                    raise StorageError(
                        f"{self.path}: the record stored under {key!r} has id {record['id']!r}; "
                        "make them the same"
                    )
                commitments[key] = StoredCommitment(record)
        return commitments
