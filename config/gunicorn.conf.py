"""gunicorn's settings for the web process (make serve, and the systemd unit in docs/deploy.md).

FAZHI_BIND (127.0.0.1:8000): nginx in front; never an address others reach directly, since
X-Forwarded-Proto and X-Forwarded-For are trusted from the local proxy only.
FAZHI_WEB_WORKERS (2 × cores + 1): synchronous workers, each one request at a time.
FAZHI_WEB_TIMEOUT (120 s): a large Excel export or a report render must not be cut short.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("FAZHI_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("FAZHI_WEB_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
timeout = int(os.environ.get("FAZHI_WEB_TIMEOUT", "120"))
graceful_timeout = 30
max_requests = 2000  # a worker is replaced now and then: memory a long life would gather is let go
max_requests_jitter = 200
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"  # to the journal
errorlog = "-"
# The client's address and the user agent; no query strings (they may carry names typed in a search).
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms "%(a)s"'
# gunicorn's runtime control socket (worker counts, shutdown) is not needed: systemd reloads
# with HUP and stops with TERM. One interface fewer to guard.
control_socket_disable = True
