-- output_and_test_rows
-- Data rows may also record a step's outputs ($GRYT_OUTPUT) and the test cases of its JUnit reports
-- (gryt-sqlite's V2__output_and_test_rows.sql; PostgreSQL changes the CHECK in place).
ALTER TABLE data_rows DROP CONSTRAINT data_rows_kind_check;
ALTER TABLE data_rows ADD CONSTRAINT data_rows_kind_check
    CHECK (kind IN ('result', 'metric', 'artifact', 'output', 'test'));
