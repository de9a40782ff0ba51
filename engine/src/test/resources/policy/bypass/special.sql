# Iceberg metadata tables (their files table holds raw bounds, their snapshots unfiltered counts), time travel
# (refused, or filtered and masked as the table is now: the first snapshot held ids 1, 2, 3 and 7770004), direct file
# access and file information, and EXPLAIN (refused, or the plan shows the row filter).

== metadata/snapshots
user: alice
sql: SELECT * FROM vault.accounts.snapshots
expect: refused

== metadata/snapshot-summaries
user: alice
sql: SELECT summary FROM vault.accounts.snapshots
expect: refused

== metadata/files
user: alice
sql: SELECT * FROM vault.accounts.files
expect: refused

== metadata/files-readable-metrics
user: alice
sql: SELECT readable_metrics FROM vault.accounts.files
expect: refused

== metadata/files-bounds
user: alice
sql: SELECT lower_bounds, upper_bounds, record_count FROM vault.accounts.files
expect: refused

== metadata/data-files
user: alice
sql: SELECT * FROM vault.accounts.data_files
expect: refused

== metadata/all-files
user: alice
sql: SELECT * FROM vault.accounts.all_files
expect: refused

== metadata/all-data-files
user: alice
sql: SELECT * FROM vault.accounts.all_data_files
expect: refused

== metadata/history
user: alice
sql: SELECT * FROM vault.accounts.history
expect: refused

== metadata/refs
user: alice
sql: SELECT * FROM vault.accounts.refs
expect: refused

== metadata/manifests
user: alice
sql: SELECT * FROM vault.accounts.manifests
expect: refused

== metadata/all-manifests
user: alice
sql: SELECT * FROM vault.accounts.all_manifests
expect: refused

== metadata/entries
user: alice
sql: SELECT * FROM vault.accounts.entries
expect: refused

== metadata/all-entries
user: alice
sql: SELECT * FROM vault.accounts.all_entries
expect: refused

== metadata/partitions
user: alice
sql: SELECT * FROM vault.accounts.partitions
expect: refused

== metadata/metadata-log-entries
user: alice
sql: SELECT * FROM vault.accounts.metadata_log_entries
expect: refused

== metadata/count-of-snapshots
user: alice
sql: SELECT count(*) FROM vault.accounts.snapshots
expect: refused

== metadata/catalog-qualified
user: alice
sql: SELECT * FROM lakehouse.vault.accounts.files
expect: refused

== metadata/back-quoted-parts
user: alice
sql: SELECT * FROM `vault`.`accounts`.`files`
expect: refused

== metadata/upper-case
user: alice
sql: SELECT * FROM VAULT.ACCOUNTS.FILES
expect: refused
control: Iceberg's JDBC catalog matches names with their case, so Spark finds no such table for anyone

== metadata/after-use
user: alice
setup: USE vault
sql: SELECT * FROM accounts.files
expect: refused
control: Spark reads accounts.files after USE as table files of namespace accounts, which does not exist

== metadata/after-use-snapshots
user: alice
setup: USE vault
sql: SELECT summary FROM accounts.snapshots
expect: refused
control: Spark reads accounts.files after USE as table files of namespace accounts, which does not exist

== metadata/comment-inside-name
user: alice
sql: SELECT * FROM vault.accounts /**/ . files
expect: refused

== metadata/in-subquery
user: alice
sql: SELECT id FROM vault.ledger WHERE id < (SELECT count(*) FROM vault.accounts.files) + 100
expect: refused

== metadata/in-join
user: alice
sql: SELECT l.id, f.record_count FROM vault.ledger l CROSS JOIN vault.accounts.files f
expect: refused

== metadata/of-locked-table
user: alice
sql: SELECT * FROM vault.locked.files
expect: refused

== metadata/with-time-travel
user: alice
sql: SELECT * FROM vault.accounts.files VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused

== time-travel/version-as-of
user: alice
sql: SELECT id, name FROM vault.accounts VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/timestamp-as-of
user: alice
sql: SELECT id, card FROM vault.accounts TIMESTAMP AS OF '{{FIRST_SNAPSHOT_TIME}}'
expect: refused-or-same-as SELECT id, card FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/for-system-time
user: alice
sql: SELECT id, phone FROM vault.accounts FOR SYSTEM_TIME AS OF '{{FIRST_SNAPSHOT_TIME}}'
expect: refused-or-same-as SELECT id, phone FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/for-system-version
user: alice
sql: SELECT id, email FROM vault.accounts FOR SYSTEM_VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused-or-same-as SELECT id, email FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/for-version
user: alice
sql: SELECT id, pin FROM vault.accounts FOR VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused-or-same-as SELECT id, pin FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/version-main
user: alice
sql: SELECT id, name FROM vault.accounts VERSION AS OF 'main'
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== time-travel/version-tag
user: alice
sql: SELECT id, name FROM vault.accounts VERSION AS OF 'first_tag'
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/version-last
user: alice
sql: SELECT id, born FROM vault.accounts VERSION AS OF {{LAST_SNAPSHOT}}
expect: refused-or-same-as SELECT id, born FROM vault_ref.accounts_alice

== time-travel/timestamp-now
user: alice
sql: SELECT id, name FROM vault.accounts TIMESTAMP AS OF current_timestamp()
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== time-travel/branch-suffix
user: alice
sql: SELECT id, name FROM vault.accounts.branch_main
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== time-travel/tag-suffix
user: alice
sql: SELECT id, name FROM vault.accounts.tag_first_tag
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/snapshot-id-suffix
user: alice
sql: SELECT id, name FROM vault.accounts.snapshot_id_{{FIRST_SNAPSHOT}}
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/at-timestamp-suffix
user: alice
sql: SELECT id, name FROM vault.accounts.at_timestamp_{{FIRST_SNAPSHOT_MILLIS}}
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/branch-back-quoted
user: alice
sql: SELECT id, name FROM vault.accounts.`branch_main`
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== time-travel/branch-catalog-qualified
user: alice
sql: SELECT id, name FROM lakehouse.vault.accounts.branch_main
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== time-travel/branch-after-use
user: alice
setup: USE vault
sql: SELECT id, name FROM accounts.branch_main
expect: refused
control: Spark reads accounts.files after USE as table files of namespace accounts, which does not exist

== time-travel/branch-upper-case
user: alice
sql: SELECT id, name FROM VAULT.ACCOUNTS.BRANCH_MAIN
expect: refused
control: Iceberg's JDBC catalog matches names with their case, so Spark finds no such table for anyone

== time-travel/star
user: alice
sql: SELECT * FROM vault.accounts VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused

== time-travel/denied-column
user: alice
sql: SELECT secret FROM vault.accounts VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused

== time-travel/branch-denied-column
user: alice
sql: SELECT secret FROM vault.accounts.branch_main
expect: refused

== time-travel/alias-and-hidden-rows
user: alice
sql: SELECT a.name FROM vault.accounts VERSION AS OF {{FIRST_SNAPSHOT}} AS a WHERE a.region <> 'EU'
expect: refused-or-rows

== time-travel/in-subquery
user: alice
sql: SELECT id FROM vault.ledger WHERE account_id IN (SELECT id FROM vault.accounts FOR VERSION AS OF {{FIRST_SNAPSHOT}} WHERE region = 'US')
expect: refused-or-rows

== time-travel/locked-branch
user: alice
sql: SELECT id FROM vault.locked.branch_main
expect: refused

== time-travel/options-branch
user: alice
sql: SELECT id, name FROM vault.accounts WITH ('branch' = 'main')
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== file/parquet-directory
user: alice
sql: SELECT * FROM parquet.`{{ACCOUNTS_DATA}}`
expect: refused

== file/parquet-file-named-columns
user: alice
sql: SELECT name, secret FROM parquet.`{{ACCOUNTS_FILE}}`
expect: refused

== file/parquet-upper-case
user: alice
sql: SELECT id, name FROM PARQUET.`{{ACCOUNTS_DATA}}`
expect: refused

== file/parquet-back-quoted-format
user: alice
sql: SELECT id, name FROM `parquet`.`{{ACCOUNTS_DATA}}`
expect: refused

== file/parquet-comment-inside
user: alice
sql: SELECT id, name FROM parquet./**/`{{ACCOUNTS_DATA}}`
expect: refused

== file/parquet-glob
user: alice
sql: SELECT id, name FROM parquet.`{{ACCOUNTS_DATA}}/*.parquet`
expect: refused

== file/text
user: alice
sql: SELECT * FROM text.`{{ACCOUNTS_FILE}}`
expect: refused

== file/binary
user: alice
sql: SELECT path, length FROM binaryFile.`{{ACCOUNTS_DATA}}`
expect: refused

== file/csv
user: alice
sql: SELECT * FROM csv.`{{ACCOUNTS_FILE}}`
expect: refused

== file/open-table-files
user: alice
sql: SELECT * FROM parquet.`{{LEDGER_FILE}}`
expect: refused

== file/in-join
user: alice
sql: SELECT l.id, p.name FROM vault.ledger l JOIN parquet.`{{ACCOUNTS_DATA}}` p ON p.id = l.account_id
expect: refused

== file/in-subquery
user: alice
sql: SELECT id FROM vault.ledger WHERE account_id IN (SELECT id FROM parquet.`{{ACCOUNTS_DATA}}` WHERE region = 'US')
expect: refused

== file/in-cte
user: alice
sql: WITH f AS (SELECT * FROM parquet.`{{ACCOUNTS_DATA}}`) SELECT name FROM f
expect: refused

== file/metadata-column-of-file-source
user: alice
sql: SELECT _metadata.file_path, name FROM parquet.`{{ACCOUNTS_DATA}}`
expect: refused

== file/temporary-view-using-parquet
user: alice
setup: CREATE OR REPLACE TEMPORARY VIEW pv USING parquet OPTIONS (path '{{ACCOUNTS_DATA}}')
sql: SELECT name FROM pv
expect: refused

== file/session-catalog-table-left-by-admin
user: alice
sql: SELECT name, secret FROM spark_catalog.default.acc_files
expect: refused

== file/session-catalog-table-after-use
user: alice
setup: USE spark_catalog.default
sql: SELECT name FROM acc_files
expect: refused

== file/add-file
user: alice
sql: ADD FILE '{{ACCOUNTS_FILE}}'
expect: refused

== file/input-file-name
user: alice
sql: SELECT input_file_name() AS f, id FROM vault.accounts
expect: refused-or-same-as SELECT input_file_name() AS f, id FROM vault.accounts WHERE region = 'EU'

== file/input-file-block-start
user: alice
sql: SELECT input_file_block_start() AS s, id FROM vault.accounts
expect: refused-or-same-as SELECT input_file_block_start() AS s, id FROM vault.accounts WHERE region = 'EU'

== file/iceberg-file-column
user: alice
sql: SELECT _file, id FROM vault.accounts
expect: refused-or-same-as SELECT _file, id FROM vault.accounts WHERE region = 'EU'

== file/iceberg-position-column
user: alice
sql: SELECT _pos, id, name FROM vault.accounts
expect: refused-or-same-as SELECT a._pos, a.id, r.name FROM vault.accounts a JOIN vault_ref.accounts_alice r ON r.id = a.id

== explain/filter-shown
user: alice
sql: EXPLAIN SELECT id FROM vault.accounts
expect: refused-or-shows EU

== explain/extended
user: alice
sql: EXPLAIN EXTENDED SELECT id, name FROM vault.accounts
expect: refused-or-shows EU

== explain/formatted
user: alice
sql: EXPLAIN FORMATTED SELECT id FROM vault.accounts
expect: refused-or-shows EU

== explain/cost
user: alice
sql: EXPLAIN COST SELECT id FROM vault.accounts
expect: refused-or-shows EU

== explain/codegen
user: alice
sql: EXPLAIN CODEGEN SELECT id FROM vault.accounts
expect: refused-or-shows EU

== explain/view
user: alice
sql: EXPLAIN SELECT id FROM vault.accounts_eu_v
expect: refused-or-shows EU

== explain/ctas
user: alice
sql: EXPLAIN EXTENDED CREATE TABLE vault_open.ex1 AS SELECT id, name FROM vault.accounts
expect: refused-or-shows EU

== explain/insert
user: alice
setup: CREATE OR REPLACE TABLE vault_open.ex_target (id INT, name STRING) USING iceberg
sql: EXPLAIN INSERT INTO vault_open.ex_target SELECT id, name FROM vault.accounts
expect: refused-or-shows EU

== explain/second-user
user: bob
sql: EXPLAIN SELECT id FROM vault.accounts
expect: refused-or-shows owner

== explain/denied-column
user: alice
sql: EXPLAIN SELECT secret FROM vault.accounts
expect: refused

== explain/star
user: alice
sql: EXPLAIN SELECT * FROM vault.accounts
expect: refused

== explain/locked-table
user: alice
sql: EXPLAIN SELECT id FROM vault.locked
expect: refused

== explain/metadata-table
user: alice
sql: EXPLAIN SELECT * FROM vault.accounts.files
expect: refused

== explain/file-path
user: alice
sql: EXPLAIN SELECT * FROM parquet.`{{ACCOUNTS_DATA}}`
expect: refused

== explain/hidden-table-in-comment-trick
user: alice
sql: EXPLAIN SELECT 1 AS x /* /* */ -- */ , secret FROM vault.accounts
expect: refused
