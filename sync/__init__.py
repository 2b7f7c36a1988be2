"""The till's side of reconciliation with the central server.

- `sync.protocol`: the wire contract shared with server/ (read-only here).
- `sync.client.SyncClient`, `client_for(till)`: HTTP with timeouts, safe retries, verified TLS.
- `sync.enrol.enrol(...)`, `unpair(...)`, `export_outbox(...)`: pairing and hand-over.
- `sync.reconcile.run_once(till, client) -> SyncResult`: one sync pass (the CLI's `klipp sync`).
- `sync.worker.SyncWorker`: the background thread (start/stop/wake, state callback).
- `python -m sync`: the same from a shell.
"""
