# Writes: into the open database (they must store only what the writer could read: the check, run by admin, reads
# back what was stored), into protected objects (refused), Iceberg procedures, and writes that leave the catalog.

== write/insert-select-all-masks
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy1 (id INT, name STRING, phone STRING, card STRING, email STRING, balance DECIMAL(12,2), pin INT, born DATE, score DOUBLE) USING iceberg
sql: INSERT INTO vault_open.copy1 SELECT id, name, phone, card, email, balance, pin, born, score FROM vault.accounts
check: SELECT * FROM vault_open.copy1
expect: same-as SELECT id, name, phone, card, email, balance, pin, born, score FROM vault_ref.accounts_alice

== write/ctas
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas1
sql: CREATE TABLE vault_open.ctas1 AS SELECT id, name, card FROM vault.accounts
check: SELECT * FROM vault_open.ctas1
expect: same-as SELECT id, name, card FROM vault_ref.accounts_alice

== write/ctas-using-iceberg
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas2
sql: CREATE TABLE vault_open.ctas2 USING iceberg AS SELECT id, pin, born FROM vault.accounts
check: SELECT * FROM vault_open.ctas2
expect: same-as SELECT id, pin, born FROM vault_ref.accounts_alice

== write/create-or-replace-table-as
user: alice
sql: CREATE OR REPLACE TABLE vault_open.ctas3 USING iceberg AS SELECT id, email, score FROM vault.accounts
check: SELECT * FROM vault_open.ctas3
expect: same-as SELECT id, email, score FROM vault_ref.accounts_alice

== write/replace-table-as
user: alice
setup: CREATE OR REPLACE TABLE vault_open.ctas4 (id INT) USING iceberg
sql: REPLACE TABLE vault_open.ctas4 USING iceberg AS SELECT id, phone FROM vault.accounts
check: SELECT * FROM vault_open.ctas4
expect: same-as SELECT id, phone FROM vault_ref.accounts_alice

== write/ctas-hidden-rows-only
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas5
sql: CREATE TABLE vault_open.ctas5 AS SELECT id, name FROM vault.accounts WHERE region <> 'EU'
check: SELECT * FROM vault_open.ctas5
expect: rows

== write/ctas-predicate-on-masked
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas6
sql: CREATE TABLE vault_open.ctas6 AS SELECT id FROM vault.accounts WHERE pin > 200000
check: SELECT * FROM vault_open.ctas6
expect: rows

== write/ctas-star
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas7
sql: CREATE TABLE vault_open.ctas7 AS SELECT * FROM vault.accounts
expect: refused

== write/ctas-denied-column
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas8
sql: CREATE TABLE vault_open.ctas8 AS SELECT id, secret FROM vault.accounts
expect: refused

== write/ctas-from-view
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas9
sql: CREATE TABLE vault_open.ctas9 AS SELECT * FROM vault.accounts_eu_v
check: SELECT * FROM vault_open.ctas9
expect: same-as SELECT id, name, card, region FROM vault_ref.accounts_alice

== write/insert-overwrite
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy2 (id INT, name STRING) USING iceberg
sql: INSERT OVERWRITE vault_open.copy2 SELECT id, name FROM vault.accounts
check: SELECT * FROM vault_open.copy2
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== write/insert-overwrite-table-keyword
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy3 (id INT, name STRING) USING iceberg
sql: INSERT OVERWRITE TABLE vault_open.copy3 SELECT id, name FROM vault.accounts
check: SELECT * FROM vault_open.copy3
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== write/insert-into-table-keyword
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy4 (id INT, phone STRING) USING iceberg
sql: INSERT INTO TABLE vault_open.copy4 SELECT id, phone FROM vault.accounts
check: SELECT * FROM vault_open.copy4
expect: same-as SELECT id, phone FROM vault_ref.accounts_alice

== write/insert-column-list
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy5 (id INT, name STRING) USING iceberg
sql: INSERT INTO vault_open.copy5 (name, id) SELECT name, id FROM vault.accounts
check: SELECT * FROM vault_open.copy5
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== write/insert-by-name
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy6 (id INT, name STRING) USING iceberg
sql: INSERT INTO vault_open.copy6 BY NAME SELECT name, id FROM vault.accounts
check: SELECT * FROM vault_open.copy6
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== write/insert-scalar-subquery
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy7 (id INT, name STRING) USING iceberg
sql: INSERT INTO vault_open.copy7 SELECT (SELECT max(pin) FROM vault.accounts), 'x'
check: SELECT * FROM vault_open.copy7
expect: same-as SELECT max(pin) AS id, 'x' AS name FROM vault_ref.accounts_alice

== write/insert-select-with-cte
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy8 (id INT, name STRING) USING iceberg
sql: INSERT INTO vault_open.copy8 WITH c AS (SELECT id, name FROM vault.accounts) SELECT * FROM c
check: SELECT * FROM vault_open.copy8
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== write/cte-before-insert
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy9 (id INT, name STRING) USING iceberg
sql: WITH c AS (SELECT id, name FROM vault.accounts) INSERT INTO vault_open.copy9 SELECT * FROM c
check: SELECT * FROM vault_open.copy9
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== write/insert-union
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy10 (id INT, name STRING) USING iceberg
sql: INSERT INTO vault_open.copy10 SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault.accounts
check: SELECT * FROM vault_open.copy10
expect: same-as SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault_ref.accounts_alice

== write/insert-star
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy11 (id INT, name STRING, phone STRING, card STRING, email STRING, balance DECIMAL(12,2), pin INT, born DATE, score DOUBLE, region STRING, owner STRING, secret STRING) USING iceberg
sql: INSERT INTO vault_open.copy11 SELECT * FROM vault.accounts
expect: refused

== write/insert-from-file
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy12 (id INT, name STRING) USING iceberg
sql: INSERT INTO vault_open.copy12 SELECT id, name FROM parquet.`{{ACCOUNTS_DATA}}`
expect: refused

== write/multi-insert-from-first
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy13 (id INT, name STRING) USING iceberg
sql: FROM vault.accounts INSERT INTO vault_open.copy13 SELECT id, name
check: SELECT * FROM vault_open.copy13
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== write/merge-from-table
user: alice
setup: CREATE OR REPLACE TABLE vault_open.m1 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.m1 VALUES (1, 'old'), (3, 'old')
sql: MERGE INTO vault_open.m1 t USING vault.accounts s ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)
check: SELECT id, name FROM vault_open.m1
expect: same-as SELECT id, name FROM vault_ref.accounts_alice UNION ALL SELECT 3 AS id, 'old' AS name

== write/merge-from-subquery
user: alice
setup: CREATE OR REPLACE TABLE vault_open.m2 (id INT, name STRING) USING iceberg
sql: MERGE INTO vault_open.m2 t USING (SELECT id, card FROM vault.accounts) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.card)
check: SELECT id, name FROM vault_open.m2
expect: same-as SELECT id, card AS name FROM vault_ref.accounts_alice

== write/merge-update-set-star
user: alice
setup: CREATE OR REPLACE TABLE vault_open.m3 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.m3 VALUES (2, 'old')
sql: MERGE INTO vault_open.m3 t USING (SELECT id, name FROM vault.accounts) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *
check: SELECT id, name FROM vault_open.m3
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== write/merge-insert-star-from-table
user: alice
setup: CREATE OR REPLACE TABLE vault_open.m4 (id INT, name STRING, phone STRING, card STRING, email STRING, balance DECIMAL(12,2), pin INT, born DATE, score DOUBLE, region STRING, owner STRING, secret STRING) USING iceberg
sql: MERGE INTO vault_open.m4 t USING vault.accounts s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *
expect: refused

== write/merge-condition-on-masked
user: alice
setup: CREATE OR REPLACE TABLE vault_open.m5 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.m5 VALUES (1, 'a'), (2, 'b')
sql: MERGE INTO vault_open.m5 t USING vault.accounts s ON t.id = s.id AND s.balance > 100 WHEN MATCHED THEN DELETE
check: SELECT id, name FROM vault_open.m5
expect: rows
row: 1 | a
row: 2 | b

== write/update-from-subquery
user: alice
setup: CREATE OR REPLACE TABLE vault_open.u1 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.u1 VALUES (1, 'a')
sql: UPDATE vault_open.u1 SET name = (SELECT max(name) FROM vault.accounts)
check: SELECT id, name FROM vault_open.u1
expect: same-as SELECT 1 AS id, max(name) AS name FROM vault_ref.accounts_alice

== write/update-where-oracle
user: alice
setup: CREATE OR REPLACE TABLE vault_open.u2 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.u2 VALUES (1, 'a')
sql: UPDATE vault_open.u2 SET name = 'hit' WHERE EXISTS (SELECT 1 FROM vault.accounts WHERE balance > 900000000)
check: SELECT id, name FROM vault_open.u2
expect: rows
row: 1 | a

== write/delete-where-oracle
user: alice
setup: CREATE OR REPLACE TABLE vault_open.d1 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.d1 VALUES (1, 'a'), (2, 'b')
sql: DELETE FROM vault_open.d1 WHERE id IN (SELECT 1 FROM vault.accounts WHERE region = 'APAC')
check: SELECT id, name FROM vault_open.d1
expect: rows
row: 1 | a
row: 2 | b

== write/delete-where-denied-column
user: alice
setup: CREATE OR REPLACE TABLE vault_open.d2 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.d2 VALUES (1, 'a')
sql: DELETE FROM vault_open.d2 WHERE id IN (SELECT id FROM vault.accounts WHERE secret LIKE 'RAW%')
expect: refused

== write/own-table-round-trip
user: alice
setup: CREATE OR REPLACE TABLE vault_open.own1 (id INT, name STRING) USING iceberg
sql: INSERT INTO vault_open.own1 VALUES (1, 'mine')
check: SELECT id, name FROM vault_open.own1
expect: rows
row: 1 | mine
control: the open table is written and read back as it is

== write/second-user-copy
user: bob
setup: DROP TABLE IF EXISTS vault_open.bobcopy
sql: CREATE TABLE vault_open.bobcopy AS SELECT id, name, card, email FROM vault.accounts
check: SELECT * FROM vault_open.bobcopy
expect: same-as SELECT id, name, card, email FROM vault_ref.accounts_bob

== protected/insert
user: alice
sql: INSERT INTO vault.accounts VALUES (98, 'n', 'p', 'c', 'e', 1.00, 1, DATE '2000-01-01', 1.0, 'EU', 'alice', 's')
expect: refused
destructive: adds a row to the protected table

== protected/insert-overwrite
user: alice
sql: INSERT OVERWRITE vault.accounts SELECT * FROM vault.accounts WHERE region = 'EU'
expect: refused
destructive: replaces the protected table's rows

== protected/delete
user: alice
sql: DELETE FROM vault.accounts WHERE region = 'EU'
expect: refused
destructive: deletes rows of the protected table

== protected/update-region
user: alice
sql: UPDATE vault.accounts SET region = 'EU'
expect: refused
destructive: would show every row to analysts

== protected/merge
user: alice
sql: MERGE INTO vault.accounts t USING (SELECT 7770004 AS id) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET region = 'EU'
expect: refused
destructive: would show a hidden row to analysts

== protected/truncate
user: alice
sql: TRUNCATE TABLE vault.accounts
expect: refused
destructive: empties the protected table

== protected/drop
user: alice
sql: DROP TABLE vault.accounts
expect: refused
destructive: drops the protected table

== protected/drop-purge
user: alice
sql: DROP TABLE vault.accounts PURGE
expect: refused
destructive: drops the protected table and its files

== protected/add-column
user: alice
sql: ALTER TABLE vault.accounts ADD COLUMN extra STRING
expect: refused
destructive: changes the protected table's schema

== protected/rename-denied-column
user: alice
sql: ALTER TABLE vault.accounts RENAME COLUMN secret TO notes
expect: refused
destructive: would move the denied column out of its policy

== protected/drop-filter-column
user: alice
sql: ALTER TABLE vault.accounts DROP COLUMN region
expect: refused
destructive: would break the row filter

== protected/rename-table
user: alice
sql: ALTER TABLE vault.accounts RENAME TO vault.accounts_free
expect: refused
destructive: would move the table out of its policies

== protected/set-location
user: alice
sql: ALTER TABLE vault.accounts SET LOCATION '{{SCRATCH}}'
expect: refused
destructive: moves the protected table

== protected/set-properties
user: alice
sql: ALTER TABLE vault.accounts SET TBLPROPERTIES ('comment' = 'mine')
expect: refused

== protected/create-branch
user: alice
sql: ALTER TABLE vault.accounts CREATE BRANCH mine
expect: refused
destructive: adds a branch to the protected table

== protected/insert-into-branch
user: alice
sql: INSERT INTO vault.accounts.branch_main VALUES (97, 'n', 'p', 'c', 'e', 1.00, 1, DATE '2000-01-01', 1.0, 'EU', 'alice', 's')
expect: refused
destructive: adds a row to the protected table

== procedure/rollback
user: alice
sql: CALL lakehouse.system.rollback_to_snapshot('vault.accounts', {{FIRST_SNAPSHOT}})
expect: refused
destructive: rolls the protected table back

== procedure/set-current-snapshot
user: alice
sql: CALL lakehouse.system.set_current_snapshot('vault.accounts', {{FIRST_SNAPSHOT}})
expect: refused
destructive: changes the protected table's current snapshot

== procedure/expire-snapshots
user: alice
sql: CALL lakehouse.system.expire_snapshots(table => 'vault.accounts', retain_last => 1)
expect: refused
destructive: drops the protected table's old snapshots

== procedure/changelog-view
user: alice
setup: CALL lakehouse.system.create_changelog_view(table => 'vault.accounts', changelog_view => 'acc_changes')
sql: SELECT id, name FROM acc_changes
expect: refused

== procedure/register-table-over-protected-metadata
user: alice
setup: DROP TABLE IF EXISTS vault_open.reg1
sql: CALL lakehouse.system.register_table(table => 'vault_open.reg1', metadata_file => '{{ACCOUNTS_METADATA}}')
expect: refused
destructive: makes an open table over the protected table's files

== procedure/add-protected-files-to-open-table
user: alice
setup: CREATE OR REPLACE TABLE vault_open.af1 (id INT, name STRING, phone STRING, card STRING, email STRING, balance DECIMAL(12,2), pin INT, born DATE, score DOUBLE, region STRING, owner STRING, secret STRING) USING iceberg
sql: CALL lakehouse.system.add_files(table => 'vault_open.af1', source_table => '`parquet`.`{{ACCOUNTS_DATA}}`')
expect: refused

== procedure/system-namespace-unqualified
user: alice
sql: CALL system.rollback_to_snapshot('vault.accounts', {{FIRST_SNAPSHOT}})
expect: refused
destructive: rolls the protected table back

== directory/insert-overwrite
user: alice
sql: INSERT OVERWRITE DIRECTORY '{{SCRATCH}}' USING parquet SELECT id, name FROM vault.accounts
expect: refused

== directory/insert-overwrite-local
user: alice
sql: INSERT OVERWRITE LOCAL DIRECTORY '{{SCRATCH}}' USING csv SELECT id, name FROM vault.accounts
expect: refused

== directory/insert-overwrite-open-table
user: alice
sql: INSERT OVERWRITE DIRECTORY USING json OPTIONS (path '{{SCRATCH}}') SELECT id, name FROM vault.ledger
expect: refused

== location/ctas
user: alice
setup: DROP TABLE IF EXISTS vault_open.loc1
sql: CREATE TABLE vault_open.loc1 USING iceberg LOCATION '{{SCRATCH}}' AS SELECT id, name FROM vault.accounts
expect: refused

== location/table-at-protected-location
user: alice
setup: DROP TABLE IF EXISTS vault_open.loc2
sql: CREATE TABLE vault_open.loc2 (id INT) USING iceberg LOCATION '{{ACCOUNTS_LOCATION}}'
expect: refused

== location/open-table-moved-to-protected-location
user: alice
setup: CREATE OR REPLACE TABLE vault_open.sl1 (id INT, name STRING) USING iceberg
sql: ALTER TABLE vault_open.sl1 SET LOCATION '{{ACCOUNTS_LOCATION}}'
expect: refused

== location/session-catalog-table-over-files
user: alice
setup: DROP TABLE IF EXISTS spark_catalog.default.ext1
sql: CREATE TABLE spark_catalog.default.ext1 USING parquet LOCATION '{{ACCOUNTS_DATA}}'
expect: refused

== location/session-catalog-table-options-path
user: alice
setup: DROP TABLE IF EXISTS spark_catalog.default.ext2
setup: CREATE TABLE spark_catalog.default.ext2 USING parquet OPTIONS (path '{{ACCOUNTS_DATA}}')
sql: SELECT id, name FROM spark_catalog.default.ext2
expect: refused

== location/session-catalog-insert
user: alice
setup: DROP TABLE IF EXISTS spark_catalog.default.sc1
setup: CREATE TABLE spark_catalog.default.sc1 (id INT, name STRING) USING parquet LOCATION '{{SCRATCH}}'
sql: INSERT INTO spark_catalog.default.sc1 SELECT id, name FROM vault.accounts
expect: refused
