# Iceberg metadata tables (their files table holds raw bounds, their snapshots unfiltered counts), time travel
# (refused, or filtered and masked as the table is now: the first snapshot held ids 1, 2, 3 and 7770004), direct file
# access and file information, and EXPLAIN (refused, or the plan shows the row filter).

== metadata/snapshots
user: alice
sql: SELECT * FROM vault.accounts.snapshots
expect: refused

== metadata/files
user: alice
sql: SELECT * FROM vault.accounts.files
expect: refused

== metadata/files-bounds
user: alice
sql: SELECT lower_bounds, upper_bounds, record_count FROM vault.accounts.files
expect: refused

== metadata/all-files
user: alice
sql: SELECT * FROM vault.accounts.all_files
expect: refused

== metadata/history
user: alice
sql: SELECT * FROM vault.accounts.history
expect: refused

== metadata/manifests
user: alice
sql: SELECT * FROM vault.accounts.manifests
expect: refused

== metadata/entries
user: alice
sql: SELECT * FROM vault.accounts.entries
expect: refused

== metadata/partitions
user: alice
sql: SELECT * FROM vault.accounts.partitions
expect: refused

== metadata/count-of-snapshots
user: alice
sql: SELECT count(*) FROM vault.accounts.snapshots
expect: refused

== metadata/back-quoted-parts
user: alice
sql: SELECT * FROM `vault`.`accounts`.`files`
expect: refused

== metadata/after-use
user: alice
setup: USE vault
sql: SELECT * FROM accounts.files
expect: refused
control: Spark reads accounts.files after USE as table files of namespace accounts, which does not exist

== metadata/comment-inside-name
user: alice
sql: SELECT * FROM vault.accounts /**/ . files
expect: refused

== metadata/in-join
user: alice
sql: SELECT l.id, f.record_count FROM vault.ledger l CROSS JOIN vault.accounts.files f
expect: refused

== metadata/with-time-travel
user: alice
sql: SELECT * FROM vault.accounts.files VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused

== time-travel/version-as-of
user: alice
sql: SELECT id, name FROM vault.accounts VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/for-system-time
user: alice
sql: SELECT id, phone FROM vault.accounts FOR SYSTEM_TIME AS OF '{{FIRST_SNAPSHOT_TIME}}'
expect: refused-or-same-as SELECT id, phone FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/for-version
user: alice
sql: SELECT id, pin FROM vault.accounts FOR VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused-or-same-as SELECT id, pin FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/version-tag
user: alice
sql: SELECT id, name FROM vault.accounts VERSION AS OF 'first_tag'
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/timestamp-now
user: alice
sql: SELECT id, name FROM vault.accounts TIMESTAMP AS OF current_timestamp()
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== time-travel/tag-suffix
user: alice
sql: SELECT id, name FROM vault.accounts.tag_first_tag
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/at-timestamp-suffix
user: alice
sql: SELECT id, name FROM vault.accounts.at_timestamp_{{FIRST_SNAPSHOT_MILLIS}}
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== time-travel/branch-catalog-qualified
user: alice
sql: SELECT id, name FROM lakehouse.vault.accounts.branch_main
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== time-travel/branch-upper-case
user: alice
sql: SELECT id, name FROM VAULT.ACCOUNTS.BRANCH_MAIN
expect: refused
control: Iceberg's JDBC catalog matches names with their case, so Spark finds no such table for anyone

== time-travel/denied-column
user: alice
sql: SELECT secret FROM vault.accounts VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused

== time-travel/alias-and-hidden-rows
user: alice
sql: SELECT a.name FROM vault.accounts VERSION AS OF {{FIRST_SNAPSHOT}} AS a WHERE a.region <> 'EU'
expect: refused-or-rows

== time-travel/locked-branch
user: alice
sql: SELECT id FROM vault.locked.branch_main
expect: refused

== file/parquet-directory
user: alice
sql: SELECT * FROM parquet.`{{ACCOUNTS_DATA}}`
expect: refused

== file/parquet-upper-case
user: alice
sql: SELECT id, name FROM PARQUET.`{{ACCOUNTS_DATA}}`
expect: refused

== file/parquet-comment-inside
user: alice
sql: SELECT id, name FROM parquet./**/`{{ACCOUNTS_DATA}}`
expect: refused

== file/text
user: alice
sql: SELECT * FROM text.`{{ACCOUNTS_FILE}}`
expect: refused

== file/csv
user: alice
sql: SELECT * FROM csv.`{{ACCOUNTS_FILE}}`
expect: refused

== file/in-join
user: alice
sql: SELECT l.id, p.name FROM vault.ledger l JOIN parquet.`{{ACCOUNTS_DATA}}` p ON p.id = l.account_id
expect: refused

== file/in-cte
user: alice
sql: WITH f AS (SELECT * FROM parquet.`{{ACCOUNTS_DATA}}`) SELECT name FROM f
expect: refused

== file/temporary-view-using-parquet
user: alice
setup: CREATE OR REPLACE TEMPORARY VIEW pv USING parquet OPTIONS (path '{{ACCOUNTS_DATA}}')
sql: SELECT name FROM pv
expect: refused

== file/session-catalog-table-after-use
user: alice
setup: USE spark_catalog.default
sql: SELECT name FROM acc_files
expect: refused

== file/input-file-name
user: alice
sql: SELECT input_file_name() AS f, id FROM vault.accounts
expect: refused-or-same-as SELECT input_file_name() AS f, id FROM vault.accounts WHERE region = 'EU'

== file/iceberg-file-column
user: alice
sql: SELECT _file, id FROM vault.accounts
expect: refused-or-same-as SELECT _file, id FROM vault.accounts WHERE region = 'EU'

== explain/filter-shown
user: alice
sql: EXPLAIN SELECT id FROM vault.accounts
expect: refused-or-shows EU

== explain/formatted
user: alice
sql: EXPLAIN FORMATTED SELECT id FROM vault.accounts
expect: refused-or-shows EU

== explain/codegen
user: alice
sql: EXPLAIN CODEGEN SELECT id FROM vault.accounts
expect: refused-or-shows EU

== explain/ctas
user: alice
sql: EXPLAIN EXTENDED CREATE TABLE vault_open.ex1 AS SELECT id, name FROM vault.accounts
expect: refused-or-shows EU

== explain/second-user
user: bob
sql: EXPLAIN SELECT id FROM vault.accounts
expect: refused-or-shows owner

== explain/star
user: alice
sql: EXPLAIN SELECT * FROM vault.accounts
expect: refused

== explain/metadata-table
user: alice
sql: EXPLAIN SELECT * FROM vault.accounts.files
expect: refused

== explain/hidden-table-in-comment-trick
user: alice
sql: EXPLAIN SELECT 1 AS x /* /* */ -- */ , secret FROM vault.accounts
expect: refused

== time-travel/timestamp-as-of
user: alice
sql: SELECT id, card FROM vault.accounts TIMESTAMP AS OF '{{FIRST_SNAPSHOT_TIME}}'
expect: refused-or-same-as SELECT id, card FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== explain/view
user: alice
sql: EXPLAIN SELECT id FROM vault.accounts_eu_v
expect: refused-or-shows EU

== metadata/data-files
user: alice
sql: SELECT * FROM vault.accounts.data_files
expect: refused
