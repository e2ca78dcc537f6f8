"""pgserver: a throwaway PostgreSQL cluster for the tests and the bench.

Debian's server (package postgresql), in a temporary directory: initdb and pg_ctl run as the
postgres user (runuser), the server listens on a Unix socket only (no TCP), and it is stopped
and its directory removed at the end, even when the test fails or is interrupted.

    with PgServer() as pg:
        url = pg.create_db("pont")      # postgresql:///pont?host=...&user=postgres
"""
import glob
import os
import shutil
import subprocess
import tempfile


def _bindir():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL's server is not installed (Debian package postgresql)")
    return os.path.dirname(found[-1])


class PgServer:
    def __init__(self, options=""):
        self.options = options          # more server settings, "-c name=value ..."
        self.bin = _bindir()
        self.dir = None
        self.running = False

    def _as_postgres(self, *args, check=True):
        cmd = ["runuser", "-u", "postgres", "--"] + [os.path.join(self.bin, args[0])] + list(args[1:])
        p = subprocess.run(cmd, capture_output=True, text=True)
        if check and p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)}: {p.stdout}{p.stderr}")
        return p

    def start(self):
        if os.geteuid() != 0:
            raise RuntimeError("the PostgreSQL tests start a server as the postgres user: run them as root")
        self.dir = tempfile.mkdtemp(prefix="pont-pg-")
        os.chmod(self.dir, 0o755)
        shutil.chown(self.dir, "postgres", "postgres")
        self.data = os.path.join(self.dir, "data")
        self.sock = self.dir
        self._as_postgres("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                          "--locale=C", "--no-sync")
        opts = f"-k {self.sock} -c listen_addresses='' -c fsync=off -c synchronous_commit=off " \
               f"-c full_page_writes=off -c max_connections=60 {self.options}"
        self._as_postgres("pg_ctl", "-D", self.data, "-o", opts, "-l", os.path.join(self.dir, "log"), "-w",
                          "-t", "60", "start")
        self.running = True
        return self

    def url(self, db):
        return f"postgresql:///{db}?host={self.sock}&user=postgres"

    def create_db(self, name):
        self._as_postgres("createdb", "-h", self.sock, "-U", "postgres", name)
        return self.url(name)

    def psql(self, db, sql):
        p = subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(self.bin, "psql"), "-h", self.sock,
                            "-U", "postgres", "-d", db, "-At", "-c", sql], capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(p.stderr)
        return p.stdout

    def psql_file(self, db, path):
        """Runs a script; query results are dropped, what psql says (\\timing) is returned."""
        p = subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(self.bin, "psql"), "-h", self.sock,
                            "-U", "postgres", "-d", db, "-At", "-o", "/dev/null", "-f", path],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(p.stderr)
        return p.stdout

    def stop(self):
        if self.running:
            self._as_postgres("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)
            self.running = False

    def close(self):
        self.stop()
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc):
        self.close()
        return False
