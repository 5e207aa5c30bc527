"""Submit partitions and collect them as they complete: progress, cancel, lost workers (shared by prediction
and training features).

Each future is released as soon as its result is handed to ``on_done`` (which writes and records the part):
a worker lost later must not recompute a part already written. A partition whose workers keep dying
(Dask's KilledWorker, after ``distributed.scheduler.allowed-failures`` retries) is reported in the returned
list and the others finish; a WealthMapError of a partition stops the run (it is the same for every
partition: a raster the workers cannot open...).
"""

import time
import uuid

from ...errors import CancelledError, WealthMapError
from ...i18n import tr


def _error_text(err):
    return "{}: {}".format(type(err).__name__, str(err).splitlines()[0][:300] if str(err) else "")


def run_futures(client, jobs, function, on_done, feedback=None, cancelled=None):
    """``jobs``: ``[(name, spec)]``; ``function(spec)`` runs on a worker; ``on_done(name, result)`` in this thread.
    ``cancelled()``: the message of the CancelledError raised when ``feedback`` is cancelled. Returns the
    ``["name: error"]`` of the partitions lost with their workers."""
    from distributed import as_completed

    try:
        from distributed.scheduler import KilledWorker
    except ImportError:  # pragma: no cover - older layouts
        from distributed import KilledWorker
    from .cluster import preload_path

    attempt = uuid.uuid4().hex[:8]
    futures = {}
    for name, spec in jobs:
        futures[client.submit(function, spec, key="wealthmap-{}-{}".format(attempt, name), pure=False)] = name
    failed = []
    pending = as_completed(list(futures), loop=client.loop)
    try:
        while not pending.is_empty():
            if feedback is not None and feedback.isCanceled():
                raise CancelledError(cancelled() if cancelled else tr("Cancelled."))
            batch = pending.next_batch(block=False)
            if not batch:
                time.sleep(0.1)
                continue
            for future in batch:
                name = futures.pop(future)
                try:
                    result = future.result()
                except KilledWorker as err:
                    failed.append("{}: {}".format(name, _error_text(err)))
                    future.release()
                    continue
                except WealthMapError as err:
                    raise WealthMapError(tr("Partition {0} failed: {1}").format(name, err)) from err
                except (ImportError, RuntimeError) as err:
                    if isinstance(err, RuntimeError) and "deserializ" not in str(err):
                        raise
                    raise WealthMapError(tr(
                        "The Dask scheduler or workers cannot import WealthMap ({0}). Start the scheduler and each "
                        "worker with the plugin's preload and WEALTHMAP_PLUGIN_DIR set to the plugin folder: dask "
                        "scheduler --preload {1}; dask worker <scheduler> --preload {1}").format(
                        _error_text(err), preload_path())) from err
                on_done(name, result)
                future.release()  # a lost worker must not recompute a part already written
    except BaseException:
        left = list(futures)
        if left:
            client.cancel(left)
        raise
    return failed
