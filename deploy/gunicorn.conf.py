"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py 'app:create_app()'`.

Used by the Docker image (deploy/Dockerfile) and the systemd units (deploy/systemd/). Each
value can be changed without editing this file through the GUNICORN_* variables below;
options given on gunicorn's command line win over both.
"""
from __future__ import annotations

import os


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (taskset, cgroups)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# Where to listen: 0.0.0.0:8000 in a container; the systemd units pass -b 127.0.0.1:PORT.
bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]

# One process per core, four threads each. Threads share a process's caches of published
# agenda pages (app/pages.py), so few processes with several threads serve more from memory
# than many single-threaded ones; the work is mostly the database and rendering, which free the
# GIL while they wait. `make bench` measures 2 workers × 4 threads on 2 cores.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, _cores())))
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# A worker that has not reported for `timeout` seconds is killed and replaced. A gthread
# worker reports from its main loop while its threads work, so a long request (300 badges,
# 12–15 s) is not cut short by it; the proxy's proxy_read_timeout (deploy/nginx.conf) is longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
# On SIGTERM (a restart, `systemctl stop`, `docker stop`) requests under way get this long to
# finish; systemd's TimeoutStopSec and compose's stop_grace_period are a little longer.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# nginx keeps connections to the app open (upstream keepalive): keep them a little longer.
keepalive = 75

# Replace each worker after about this many requests, one at a time (the jitter), so a slow
# leak in a library cannot grow for ever; the caches it held are rebuilt on demand.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10

# The application decides whom to believe about the client (TRUSTED_PROXIES: werkzeug's
# ProxyFix). gunicorn's own reading of X-Forwarded-Proto is limited to the same proxies: the
# loopback (nginx on this machine) and the private networks of a compose project.
forwarded_allow_ips = os.environ.get(
    "GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16")

# No access log of gunicorn's own: with APP_ENV=production the application writes one JSON
# line per request (`app.request`, tokens redacted) to stderr with its other logs.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Requests are small forms; uploads come as the body, limited by MAX_CONTENT_LENGTH (20 MiB)
# and nginx's client_max_body_size.
limit_request_line = 8190
limit_request_fields = 100

# Load the application in each worker, not in the master: a worker then opens its own database
# connections, and HUP (a reload) starts workers on the new code.
preload_app = False

# Several instances run side by side (bcm-web@8001, @8002): none needs gunicorn's control
# socket, which would be written under $HOME, read-only under the systemd units.
control_socket_disable = True
# Heartbeat files of the workers in memory, not on a disk that may be slow or read-only.
# (gunicorn's advice for containers, whose /tmp may be an overlay file system)
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
proc_name = "bcm-web"
