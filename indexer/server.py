"""`klyngearkiv serve`: the web app in gunicorn processes, each loading its own models."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

# Seconds a process may go without checking in before it is restarted. Loading the models
# and a large archive's vector index on the first request can take minutes.
TIMEOUT = 600


class Server(BaseApplication):
    """Threaded gunicorn workers serving one archive. The models are loaded in each worker
    after it is forked, never shared across a fork (their thread pools would not survive)."""

    def __init__(self, backend: str, host: str, port: int, threads: int, processes: int):
        self.backend = backend
        self.options = {
            "bind": f"{host}:{port}",
            "workers": processes,
            "worker_class": "gthread",
            "threads": threads,
            "timeout": TIMEOUT,
            "graceful_timeout": 10,
            "control_socket_disable": True,  # no socket in the home folder, no clash between two
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from nlp.vectors import Embedder
        from webapp import create_app

        return create_app({"BACKEND": self.backend}, embedder=Embedder())
