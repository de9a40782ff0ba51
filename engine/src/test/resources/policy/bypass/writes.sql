# Writes: into the open database (they must store only what the writer could read: the check, run by admin, reads
# back what was stored), into protected objects (refused), Iceberg procedures, and writes that leave the catalog.

== write/insert-select-all-masks
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy1 (id INT, name STRING, phone STRING, card STRING, email STRING, balance DECIMAL(12,2), pin INT, born DATE, score DOUBLE) USING iceberg
sql: INSERT INTO vault_open.copy1 SELECT id, name, phone, card, email, balance, pin, born, score FROM vault.accounts
check: SELECT * FROM vault_open.copy1
expect: same-as SELECT id, name, phone, card, email, balance, pin, born, score FROM vault_ref.accounts_alice

== write/ctas-using-iceberg
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas2
sql: CREATE TABLE vault_open.ctas2 USING iceberg AS SELECT id, pin, born FROM vault.accounts
check: SELECT * FROM vault_open.ctas2
expect: same-as SELECT id, pin, born FROM vault_ref.accounts_alice

== write/replace-table-as
user: alice
setup: CREATE OR REPLACE TABLE vault_open.ctas4 (id INT) USING iceberg
sql: REPLACE TABLE vault_open.ctas4 USING iceberg AS SELECT id, phone FROM vault.accounts
check: SELECT * FROM vault_open.ctas4
expect: same-as SELECT id, phone FROM vault_ref.accounts_alice

== write/ctas-predicate-on-masked
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas6
sql: CREATE TABLE vault_open.ctas6 AS SELECT id FROM vault.accounts WHERE pin > 200000
check: SELECT * FROM vault_open.ctas6
expect: rows

== write/ctas-denied-column
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas8
sql: CREATE TABLE vault_open.ctas8 AS SELECT id, secret FROM vault.accounts
expect: refused

== write/insert-overwrite
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy2 (id INT, name STRING) USING iceberg
sql: INSERT OVERWRITE vault_open.copy2 SELECT id, name FROM vault.accounts
check: SELECT * FROM vault_open.copy2
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== write/insert-into-table-keyword
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy4 (id INT, phone STRING) USING iceberg
sql: INSERT INTO TABLE vault_open.copy4 SELECT id, phone FROM vault.accounts
check: SELECT * FROM vault_open.copy4
expect: same-as SELECT id, phone FROM vault_ref.accounts_alice

== write/insert-by-name
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy6 (id INT, name STRING) USING iceberg
sql: INSERT INTO vault_open.copy6 BY NAME SELECT name, id FROM vault.accounts
check: SELECT * FROM vault_open.copy6
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

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

== write/insert-from-file
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy12 (id INT, name STRING) USING iceberg
sql: INSERT INTO vault_open.copy12 SELECT id, name FROM parquet.`{{ACCOUNTS_DATA}}`
expect: refused

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

== write/merge-condition-on-masked
user: alice
setup: CREATE OR REPLACE TABLE vault_open.m5 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.m5 VALUES (1, 'a'), (2, 'b')
sql: MERGE INTO vault_open.m5 t USING vault.accounts s ON t.id = s.id AND s.balance > 100 WHEN MATCHED THEN DELETE
check: SELECT id, name FROM vault_open.m5
expect: rows
row: 1 | a
row: 2 | b

== write/update-where-oracle
user: alice
setup: CREATE OR REPLACE TABLE vault_open.u2 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.u2 VALUES (1, 'a')
sql: UPDATE vault_open.u2 SET name = 'hit' WHERE EXISTS (SELECT 1 FROM vault.accounts WHERE balance > 900000000)
check: SELECT id, name FROM vault_open.u2
expect: rows
row: 1 | a

== write/delete-where-denied-column
user: alice
setup: CREATE OR REPLACE TABLE vault_open.d2 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.d2 VALUES (1, 'a')
sql: DELETE FROM vault_open.d2 WHERE id IN (SELECT id FROM vault.accounts WHERE secret LIKE 'RAW%')
expect: refused

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

== protected/delete
user: alice
sql: DELETE FROM vault.accounts WHERE region = 'EU'
expect: refused
destructive: deletes rows of the protected table

== protected/merge
user: alice
sql: MERGE INTO vault.accounts t USING (SELECT 7770004 AS id) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET region = 'EU'
expect: refused
destructive: would show a hidden row to analysts

== protected/drop
user: alice
sql: DROP TABLE vault.accounts
expect: refused
destructive: drops the protected table

== protected/add-column
user: alice
sql: ALTER TABLE vault.accounts ADD COLUMN extra STRING
expect: refused
destructive: changes the protected table's schema

== protected/drop-filter-column
user: alice
sql: ALTER TABLE vault.accounts DROP COLUMN region
expect: refused
destructive: would break the row filter

== protected/set-location
user: alice
sql: ALTER TABLE vault.accounts SET LOCATION '{{SCRATCH}}'
expect: refused
destructive: moves the protected table

== protected/create-branch
user: alice
sql: ALTER TABLE vault.accounts CREATE BRANCH mine
expect: refused
destructive: adds a branch to the protected table

== procedure/rollback
user: alice
sql: CALL lakehouse.system.rollback_to_snapshot('vault.accounts', {{FIRST_SNAPSHOT}})
expect: refused
destructive: rolls the protected table back

== procedure/expire-snapshots
user: alice
sql: CALL lakehouse.system.expire_snapshots(table => 'vault.accounts', retain_last => 1)
expect: refused
destructive: drops the protected table's old snapshots

== procedure/register-table-over-protected-metadata
user: alice
setup: DROP TABLE IF EXISTS vault_open.reg1
sql: CALL lakehouse.system.register_table(table => 'vault_open.reg1', metadata_file => '{{ACCOUNTS_METADATA}}')
expect: refused
destructive: makes an open table over the protected table's files

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

== location/open-table-moved-to-protected-location
user: alice
setup: CREATE OR REPLACE TABLE vault_open.sl1 (id INT, name STRING) USING iceberg
sql: ALTER TABLE vault_open.sl1 SET LOCATION '{{ACCOUNTS_LOCATION}}'
expect: refused

== location/session-catalog-table-options-path
user: alice
setup: DROP TABLE IF EXISTS spark_catalog.default.ext2
setup: CREATE TABLE spark_catalog.default.ext2 USING parquet OPTIONS (path '{{ACCOUNTS_DATA}}')
sql: SELECT id, name FROM spark_catalog.default.ext2
expect: refused

== write/ctas
user: alice
setup: DROP TABLE IF EXISTS vault_open.ctas1
sql: CREATE TABLE vault_open.ctas1 AS SELECT id, name, card FROM vault.accounts
check: SELECT * FROM vault_open.ctas1
expect: same-as SELECT id, name, card FROM vault_ref.accounts_alice

== write/insert-star
user: alice
setup: CREATE OR REPLACE TABLE vault_open.copy11 (id INT, name STRING, phone STRING, card STRING, email STRING, balance DECIMAL(12,2), pin INT, born DATE, score DOUBLE, region STRING, owner STRING, secret STRING) USING iceberg
sql: INSERT INTO vault_open.copy11 SELECT * FROM vault.accounts
expect: refused

== protected/insert-overwrite
user: alice
sql: INSERT OVERWRITE vault.accounts SELECT * FROM vault.accounts WHERE region = 'EU'
expect: refused
destructive: replaces the protected table's rows
