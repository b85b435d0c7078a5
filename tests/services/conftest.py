"""The real services a production deployment switches on, started and stopped by the
tests themselves, on 127.0.0.1 only: Redis (the machine's, at 127.0.0.1:6379, under a
key prefix of this run's own), an S3-protocol server (moto in server mode), gunicorn
app servers with the production settings, and the task worker. Each is started once
per session, on a free port, waited for, and always stopped."""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from django.db import connection, connections

BASE_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
REDIS_URL = "redis://127.0.0.1:6379/0"
SECRET_KEY = "live-services-test-" + "k" * 40  # noqa: S105
PASSWORD = "Services-test-2026"  # noqa: S105
RUN_ID = uuid.uuid4().hex[:10]


def free_port():
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Process:
    """A server started in its own process group, waited for until `ready()` answers,
    and stopped (SIGTERM, then SIGKILL) with everything it started."""

    def __init__(self, name, args, env, log_dir):
        self.name = name
        self.args = args
        self.env = env
        self.log_path = Path(log_dir) / f"{name}.log"
        self.process = None
        self.stop_signal = signal.SIGTERM

    def start(self, ready, timeout=60):
        self.log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own executables and arguments
            self.args,
            env=self.env,
            cwd=BASE_DIR,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start:\n{self.log_tail()}")
            with contextlib.suppress(Exception):
                if ready():
                    return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not become ready in {timeout} s:\n{self.log_tail()}")

    def stop(self, timeout=15):
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, self.stop_signal)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout)
        self.log.close()

    def log_tail(self, lines=40):
        self.log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def http_ok(url):
    return requests.get(url, timeout=2).status_code == 200


@pytest.fixture(scope="session")
def services_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("services")


# Redis ---------------------------------------------------------------------------
@pytest.fixture(scope="session")
def redis_prefix():
    """A key prefix of this run's own on the machine's Redis; its keys are removed at
    the end, and parallel runs never see each other's."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.fail(f"Redis does not answer at {REDIS_URL}: {error}")
    prefix = f"test-{RUN_ID}"
    yield prefix
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)
    client.close()


# S3 (moto in server mode) --------------------------------------------------------
@pytest.fixture(scope="session")
def s3_endpoint(services_dir):
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    env = {**os.environ, "MOTO_PORT": str(port)}
    server = Process(
        "moto",
        [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        env,
        services_dir,
    )
    server.start(lambda: http_ok(endpoint + "/"))
    yield endpoint
    server.stop()


@pytest.fixture
def s3_credentials(monkeypatch):
    """moto accepts any key; boto3 reads these when django-storages makes its client."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")


def s3_client(endpoint):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106
        region_name="us-east-1",
    )


# A live PostgreSQL database that other processes can use -----------------------
LIVE_COPY = {}


def copy_test_database(request):
    """Called by tests/conftest.py right after the session's test database is built,
    while this process holds its only connection: copies it (CREATE DATABASE …
    TEMPLATE needs a template nobody is connected to; later, live_server threads
    are) into a committed database that app servers and workers in other processes
    can use. Only when a collected test needs it, and only on PostgreSQL."""
    if connection.vendor != "postgresql" or not any(
        "live_database" in item.fixturenames for item in request.session.items
    ):
        return
    import psycopg2

    params = connection.settings_dict
    source = params["NAME"]
    target = f"{source}_live"
    admin = {
        "dbname": "postgres",
        "user": params["USER"],
        "password": params["PASSWORD"],
        "host": params["HOST"],
        "port": params["PORT"] or 5432,
    }

    def run(sql):
        with contextlib.closing(psycopg2.connect(**admin)) as server:
            server.autocommit = True
            with server.cursor() as cursor:
                cursor.execute(sql)

    connections.close_all()
    run(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
    run(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    request.addfinalizer(lambda: run(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)'))
    LIVE_COPY["url"] = (
        f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST']}:"
        f"{admin['port']}/{target}"
    )


@pytest.fixture(scope="session")
def live_database(django_db_setup):
    """A committed copy of the test database (its page tree and groups), made at set-up
    by copy_test_database(). The tests' own database stays as it is: each test there
    still runs in a rolled-back transaction."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "App servers and the worker are separate processes that share one database: "
            "this needs DATABASE_URL to point at PostgreSQL (CI does); SQLite's test "
            "database lives in this process's memory."
        )
    assert "url" in LIVE_COPY, "the test database was not copied at set-up"
    return LIVE_COPY["url"]


def production_env(live_database, redis_prefix, services_dir, **extra):
    """The environment of a production process: production settings, the live
    database, the shared Redis, mail written to files."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=live_database,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=redis_prefix,
        STATIC_ROOT=str(services_dir / "static"),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(services_dir / "mail"),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env, *args, timeout=300):
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


SETUP_LIVE_DATA = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale
from expert_profiles.factories import ExpertProfilePageFactory
from expert_profiles.models import ExpertDirectoryPage
from home.models import CountryPage, HomePage
from news.factories import NewsPageFactory
from news.models import NewsIndexPage

User = get_user_model()
PASSWORD = {password!r}
User.objects.create_superuser("live.admin", "live.admin@example.org", PASSWORD)
User.objects.create_user("locked.expert", "locked.expert@example.org", PASSWORD)
User.objects.create_user("control.expert", "control.expert@example.org", PASSWORD)

en = Locale.objects.get(language_code="en")
news_index = NewsIndexPage.objects.child_of(HomePage.objects.get(locale=en)).get()
news = NewsPageFactory(parent=news_index, title="Training dates before the change")
news.save_revision().publish()
news.title = "Training dates after the change"
news.save_revision()

uk = Locale.objects.get(language_code="uk")
directory = ExpertDirectoryPage.objects.child_of(
    CountryPage.objects.get(country="ukraine", locale=uk)
).get()
owner = User.objects.create_user("live.expert", "live.expert@example.org", PASSWORD)
owner.groups.add(Group.objects.get_or_create(name="Experts")[0])
expert = ExpertProfilePageFactory(
    parent=directory, user=owner, title="Олена Коваль", email="olena.private@example.org",
    accepts_contact=True,
)
expert.save_revision().publish()
print(json.dumps({{"news": news.pk, "news_url": news.url, "expert_url": expert.url}}))
"""


@pytest.fixture(scope="session")
def live_site(live_database, redis_prefix, services_dir):
    """The live database with what the tests use, and collected static files (the
    production settings serve hashed static files through WhiteNoise)."""
    env = production_env(live_database, redis_prefix, services_dir)
    (services_dir / "mail").mkdir()
    manage(env, "collectstatic", "--noinput", "-v0")
    out = manage(env, "shell", "-c", SETUP_LIVE_DATA.format(password=PASSWORD))
    return {"env": env, **json.loads(out.strip().splitlines()[-1])}


@pytest.fixture(scope="session")
def app_servers(live_site, services_dir):
    """Two gunicorn app servers on two ports, with the production settings, sharing the
    live PostgreSQL database and Redis."""
    servers = []
    try:
        for name in ["app-a", "app-b"]:
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            args = [
                str(VENV_BIN / "gunicorn"),
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "2",
                # Two masters on one machine would share the default control socket.
                "--no-control-socket",
            ]
            process = Process(name, args, live_site["env"], services_dir)
            # gunicorn's quick shutdown; SIGTERM waits for its graceful timeout.
            process.stop_signal = signal.SIGINT
            process.start(lambda base=base: http_ok(base + "/healthz"))
            process.base = base
            servers.append(process)
        yield [server.base for server in servers]
    finally:
        for server in servers:
            server.stop()


def start_worker(live_site, services_dir, name, **env):
    """`manage.py db_worker`, the production worker, with extra environment."""
    args = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--queue-name",
        "*",
        "--interval",
        "0.2",
        "--no-startup-delay",
        "--no-reload",
    ]
    worker = Process(name, args, {**live_site["env"], **env}, services_dir)
    # Ready when it has started its loop (it logs that at verbosity 1).
    return worker.start(lambda: "Starting worker" in worker.log_path.read_text(errors="replace"))


class Visitor:
    """A browser without JavaScript: keeps its cookies (even the Secure ones, as over
    HTTPS behind a proxy), sends forms with their CSRF token, follows no redirect."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, url, **kwargs):
        response = requests.request(
            method, url, cookies=self.cookies, allow_redirects=False, timeout=30, **kwargs
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, url):
        return self.request("GET", url)

    def submit(self, form_url, data, action_url=None):
        """GET the form, then POST `data` with its CSRF token to `action_url`."""
        page = self.get(form_url)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert match, f"no CSRF token in {form_url} ({page.status_code})"
        headers = {"Referer": form_url}
        return self.request(
            "POST",
            action_url or form_url,
            data={**data, "csrfmiddlewaretoken": match.group(1)},
            headers=headers,
        )
