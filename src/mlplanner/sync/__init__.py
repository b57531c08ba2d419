"""Files exchanged between sites and with spreadsheets: pure code (stdlib + cryptography), no SQL, no Qt.

- `changeset`: a site's change set (one CSV per table + a manifest), written atomically, verified on read;
- `codec`: the text form of column values in change-set CSVs;
- `crypto`: optional network passphrase → authenticated encryption (Fernet);
- `lock`: one sync at a time per site (file lock in the sync folder + in-process lock);
- `youth_import`: reading youth lists exported by Excel or the national system;
- `excel`: `;`-separated, UTF-8-BOM exports with formula-injection neutralised.
"""
