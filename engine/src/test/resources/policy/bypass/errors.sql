# Error messages that quote values: they may fail, but only with masked values in the message; and errors as an
# oracle on raw values (a division by zero, an assertion) must not fire on hidden rows or raw values.

== error/cast-masked-card
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT CAST(card AS INT) FROM vault.accounts WHERE id = 1
expect: refused

== error/cast-masked-phone-to-date
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT CAST(phone AS DATE) FROM vault.accounts WHERE id = 1
expect: refused

== error/cast-in-where
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT id FROM vault.accounts WHERE id = 2 AND CAST(card AS BIGINT) > 0
expect: refused

== error/cast-overflow-of-null-mask
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT id, CAST(balance AS TINYINT) AS b FROM vault.accounts
expect: same-as SELECT id, CAST(balance AS TINYINT) AS b FROM vault_ref.accounts_alice
admin-fails: the raw values make the statement fail

== error/duplicate-map-key
user: alice
sql: SELECT map(name, 1, name, 2) FROM vault.accounts WHERE id = 1
expect: refused

== error/assert-true-on-hidden-rows
user: alice
sql: SELECT assert_true(region = 'EU', name) AS a FROM vault.accounts
expect: same-as SELECT assert_true(region = 'EU', name) AS a FROM vault_ref.accounts_alice
admin-fails: the raw values make the statement fail

== error/raise-error-message
user: alice
sql: SELECT raise_error(card) FROM vault.accounts WHERE id = 2
expect: refused

== error/raise-error-on-raw-value
user: alice
sql: SELECT id FROM vault.accounts WHERE CASE WHEN pin > 900000 THEN raise_error('big') ELSE true END
expect: same-as SELECT id FROM vault_ref.accounts_alice
admin-fails: the raw values make the statement fail

== error/division-on-hidden-row
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT id FROM vault.accounts WHERE 1 / (pin - 246000 - 813) <> 0
expect: same-as SELECT id FROM vault_ref.accounts_alice WHERE pin IS NOT NULL
admin-fails: the raw values make the statement fail

== error/modulo-by-masked-value
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT id FROM vault.accounts WHERE (pin % (pin - 1234)) IS NOT NULL
expect: same-as SELECT id FROM vault_ref.accounts_alice WHERE (pin % (pin - 1234)) IS NOT NULL
admin-fails: the raw values make the statement fail

== error/cast-denied-column
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT CAST(secret AS INT) FROM vault.accounts
expect: refused

== error/java-method
user: alice
sql: SELECT java_method('java.lang.System', 'getProperty', 'user.dir') AS v
expect: refused

== error/reflect-static-call
user: alice
sql: SELECT reflect('java.util.UUID', 'randomUUID') AS v
expect: refused
