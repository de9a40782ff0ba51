# Session settings: catalogs, parser and case-sensitivity settings, and reading the clusters' configuration
# (the catalog's URL holds jdbc:sqlite, a marker).

== setting/new-catalog
user: alice
sql: SET spark.sql.catalog.x=org.apache.iceberg.spark.SparkCatalog
expect: refused

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

== setting/catalog-file-io
user: alice
sql: SET `spark.sql.catalog.lakehouse.io-impl`=org.apache.iceberg.hadoop.HadoopFileIO
expect: refused

== setting/case-sensitive-spaces
user: alice
sql: SET spark.sql.caseSensitive = true
expect: refused

== setting/escaped-string-literals
user: alice
sql: SET spark.sql.parser.escapedStringLiterals=true
expect: refused

== setting/quoted-regex-column-names
user: alice
sql: SET spark.sql.parser.quotedRegexColumnNames=true
expect: refused

== setting/cte-precedence
user: alice
sql: SET spark.sql.legacy.ctePrecedencePolicy=LEGACY
expect: refused

== setting/redaction
user: alice
sql: SET spark.sql.redaction.string.regex=(?!)
expect: refused

== setting/read-catalog-uri
user: alice
sql: SET spark.sql.catalog.lakehouse.uri
expect: no-raw

== setting/substitute-catalog-uri
user: alice
sql: SELECT '${spark.sql.catalog.lakehouse.uri}' AS v
expect: refused-or-rows
row: ${spark.sql.catalog.lakehouse.uri}

== setting/substitute-table-name
user: alice
setup: SET bypass.table=vault.accounts
sql: SELECT id, name FROM ${bypass.table}
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== setting/allowed-shuffle-partitions
user: alice
setup: SET spark.sql.shuffle.partitions=3
sql: SELECT region, count(*) AS n FROM vault.accounts GROUP BY region
expect: same-as SELECT region, count(*) AS n FROM vault_ref.accounts_alice GROUP BY region
