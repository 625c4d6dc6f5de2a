"""gunicorn settings for zhaoshang in production (`make install-prod` copies this file next to the venv).

Every value can be overridden from the environment file (zhaoshang.env) that systemd loads.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # nginx in front (deploy/nginx/zhaoshang.conf)
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# Long work (imports, universe generation, PDF briefings) runs as background jobs, so a request that takes
# longer than this is a fault, not a workload.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then: bounds the memory of a long-running process
max_requests_jitter = 200
# Only nginx on this machine may say who the client is (X-Forwarded-For/-Proto); the app reads the client
# address through ZHAOSHANG_PROXY_COUNT (core/clientip.py).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"  # to journald through systemd
errorlog = "-"
wsgi_app = "zhaoshang.wsgi:application"
