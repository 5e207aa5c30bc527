"""Connecting to the scheduler a run uses: in-process (no Dask), a LocalCluster on this machine, or a cluster.

``scheduler``: ``None``/``""``/``"inprocess"`` (no Dask: the core function as before), ``"local"`` (a
LocalCluster of worker processes on 127.0.0.1, no dashboard), or an address ``tcp://host:8786`` of a running
Dask scheduler whose workers have QGIS and the plugin (started with :mod:`.worker_preload`).

Dask and distributed 2026.8 (``requirements/distributed.txt``): they install beside QGIS's numpy 1.24 without
upgrading it; Debian 12's python3-distributed 2022.12 is older than the Python 3.11 fixes we rely on and has
another plugin API (``register_worker_plugin``), so the workers' preload module is used instead of a plugin:
it works the same on both.
"""

import logging
import multiprocessing
import os
import sys

from ...errors import WealthMapError
from ...i18n import tr

INPROCESS = ("", "inprocess", "in-process", "none")
#: Retries of a partition whose worker died (Dask's allowed-failures; the LocalCluster's scheduler runs here).
ALLOWED_FAILURES = 3
#: Seconds to wait for a cluster address to answer.
CONNECT_TIMEOUT_S = 10


def kind(scheduler):
    """``"inprocess"``, ``"local"`` or ``"address"``; a value that is none of them is refused."""
    text = "" if scheduler is None else str(scheduler).strip()
    if text.lower() in INPROCESS:
        return "inprocess"
    if text.lower() == "local":
        return "local"
    if "://" in text or ":" in text:
        return "address"
    raise WealthMapError(tr("The scheduler '{0}' is not understood: give 'inprocess' (default), 'local' (worker "
                            "processes on this machine) or a Dask scheduler's address such as "
                            "tcp://host:8786.").format(text))


def require_dask():
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except Exception as err:  # noqa: BLE001 - missing or broken
        from ... import deps

        raise WealthMapError(deps.missing_message("distributed") or tr(
            "Dask cannot be imported ({0}).").format(err)) from err


def preload_path():
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker_preload.py")


def _worker_python():
    """The interpreter LocalCluster spawns its workers with: ``sys.executable`` when it is QGIS's Python (same
    version, ABI and standard library), else QGIS's real interpreter (inside the QGIS desktop
    ``sys.executable`` is the qgis binary, or whatever python3 is first on PATH). The workers get this
    process's ``sys.path`` (multiprocessing's spawn), so packages installed for the plugin are found."""
    from ...installer import qgis_python

    return qgis_python()


def worker_config():
    """Dask settings of the workers: no MALLOC_TRIM_THRESHOLD_ (it cost 15% CPU here), one BLAS thread."""
    return {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
            "distributed.nanny.pre-spawn-environ.WEALTHMAP_PLUGIN_DIR": _plugin_dir(),
            "distributed.worker.daemon": False, "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
            "distributed.admin.tick.limit": "60s", "distributed.comm.timeouts.connect": "{}s".format(
                CONNECT_TIMEOUT_S)}


def _plugin_dir():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


class Connection:
    """A ``distributed.Client`` (and the LocalCluster it owns); ``close()`` stops what it started."""

    def __init__(self, scheduler, workers=None):
        import dask
        from distributed import Client

        self.kind = kind(scheduler)
        self.cluster = None
        self.address = str(scheduler).strip()
        self._config = dask.config.set(worker_config())
        try:
            if self.kind == "local":
                from distributed import LocalCluster

                from ..embed import physical_cores

                self.workers = max(1, int(workers or physical_cores()))
                exe = _worker_python()
                if exe and os.path.realpath(exe) != os.path.realpath(sys.executable or ""):
                    multiprocessing.set_executable(exe)
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address=None, preload=[preload_path()],
                                            silence_logs=logging.ERROR)
                self.client = Client(self.cluster, set_as_default=False)
                self.address = self.cluster.scheduler_address
            else:
                try:
                    self.client = Client(self.address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
                except (OSError, TimeoutError) as err:
                    raise WealthMapError(tr(
                        "The Dask cluster at {0} does not answer ({1}). Start its scheduler ('dask scheduler') and "
                        "workers ('dask worker {0} --preload {2}'), check the address and port (8786 by default) "
                        "and the firewall, or run in-process.").format(self.address, str(err)[:200],
                                                                        preload_path())) from err
        except BaseException:
            self._config.__exit__(None, None, None)
            raise

    def slots(self):
        """Task slots per host (``{host: threads}``): onnxruntime threads per task = host cores / slots."""
        info = self.client.scheduler_info(n_workers=-1) if "n_workers" in _params(self.client.scheduler_info) \
            else self.client.scheduler_info()
        found = {}
        for address, worker in info.get("workers", {}).items():
            host = address.rsplit(":", 1)[0].split("//")[-1]
            found[host] = found.get(host, 0) + int(worker.get("nthreads", 1))
        return found

    def close(self):
        try:
            self.client.close()
            if self.cluster is not None:
                self.cluster.close()
        finally:
            self._config.__exit__(None, None, None)


def _params(function):
    import inspect

    try:
        return inspect.signature(function).parameters
    except (TypeError, ValueError):
        return {}
