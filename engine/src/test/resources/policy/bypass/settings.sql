# Session settings: catalogs, parser and case-sensitivity settings, and reading the clusters' configuration
# (the catalog's URL holds jdbc:sqlite, a marker).

== setting/new-catalog
user: alice
sql: SET spark.sql.catalog.x=org.apache.iceberg.spark.SparkCatalog
expect: refused

== setting/new-catalog-over-same-warehouse
user: alice
setup: SET spark.sql.catalog.x=org.apache.iceberg.spark.SparkCatalog
setup: SET spark.sql.catalog.x.type=jdbc
setup: SET spark.sql.catalog.x.uri={{CATALOG_URI}}
setup: SET spark.sql.catalog.x.warehouse={{WAREHOUSE}}
setup: SET `spark.sql.catalog.x.jdbc.schema-version`=V1
sql: SELECT id, name, secret FROM x.vault.accounts
expect: refused
control: the JDBC catalog keys tables by catalog name, so catalog x sees none even for admin; each SET is refused in a case of its own

== setting/new-catalog-by-session-conf
user: alice
conf: spark.sql.catalog.y=org.apache.iceberg.spark.SparkCatalog
conf: spark.sql.catalog.y.type=jdbc
conf: spark.sql.catalog.y.uri={{CATALOG_URI}}
conf: spark.sql.catalog.y.warehouse={{WAREHOUSE}}
conf: spark.sql.catalog.y.jdbc.schema-version=V1
sql: SELECT id, secret FROM y.vault.accounts
expect: refused
control: the JDBC catalog keys tables by catalog name, so catalog y sees none even for admin

== setting/catalog-uri-override
user: alice
sql: SET spark.sql.catalog.lakehouse.uri=jdbc:h2:mem:x
expect: refused

== setting/catalog-file-io
user: alice
sql: SET `spark.sql.catalog.lakehouse.io-impl`=org.apache.iceberg.hadoop.HadoopFileIO
expect: refused

== setting/case-sensitive
user: alice
sql: SET spark.sql.caseSensitive=true
expect: refused

== setting/case-sensitive-spaces
user: alice
sql: SET spark.sql.caseSensitive = true
expect: refused

== setting/case-sensitive-back-quoted
user: alice
sql: SET `spark.sql.caseSensitive`=true
expect: refused

== setting/escaped-string-literals
user: alice
sql: SET spark.sql.parser.escapedStringLiterals=true
expect: refused

== setting/escaped-string-literals-divergence
user: alice
setup: SET spark.sql.parser.escapedStringLiterals=true
sql: SELECT '\', name FROM vault.accounts -- '
expect: refused-or-same-as SELECT r'\', name FROM vault_ref.accounts_alice

== setting/quoted-regex-column-names
user: alice
sql: SET spark.sql.parser.quotedRegexColumnNames=true
expect: refused

== setting/double-quoted-identifiers
user: alice
sql: SET spark.sql.ansi.doubleQuotedIdentifiers=true
expect: refused

== setting/cte-precedence
user: alice
sql: SET spark.sql.legacy.ctePrecedencePolicy=LEGACY
expect: refused

== setting/default-catalog
user: alice
sql: SET spark.sql.defaultCatalog=spark_catalog
expect: refused

== setting/redaction
user: alice
sql: SET spark.sql.redaction.string.regex=(?!)
expect: refused

== setting/hadoop-file-system
user: alice
sql: SET spark.hadoop.fs.file.impl=org.apache.hadoop.fs.RawLocalFileSystem
expect: refused

== setting/read-catalog-uri
user: alice
sql: SET spark.sql.catalog.lakehouse.uri
expect: no-raw

== setting/read-all
user: alice
sql: SET
expect: no-raw

== setting/substitute-catalog-uri
user: alice
sql: SELECT '${spark.sql.catalog.lakehouse.uri}' AS v
expect: refused-or-rows
row: ${spark.sql.catalog.lakehouse.uri}

== setting/substitute-catalog-uri-beside-protected-read
user: alice
sql: SELECT id, '${spark.sql.catalog.lakehouse.uri}' AS v FROM vault.accounts
expect: refused-or-same-as SELECT id, concat('$', '{spark.sql.catalog.lakehouse.uri}') AS v FROM vault_ref.accounts_alice

== setting/substitute-table-name
user: alice
setup: SET bypass.table=vault.accounts
sql: SELECT id, name FROM ${bypass.table}
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== setting/allowed-ansi
user: alice
setup: SET spark.sql.ansi.enabled=false
sql: SELECT CAST('x' AS INT) AS v
expect: rows
row: <null>
control: an allowed setting that reads nothing protected

== setting/allowed-shuffle-partitions
user: alice
setup: SET spark.sql.shuffle.partitions=3
sql: SELECT region, count(*) AS n FROM vault.accounts GROUP BY region
expect: same-as SELECT region, count(*) AS n FROM vault_ref.accounts_alice GROUP BY region

== setting/allowed-time-zone
user: alice
setup: SET TIME ZONE 'UTC'
sql: SELECT id, born FROM vault.accounts
expect: same-as SELECT id, born FROM vault_ref.accounts_alice
