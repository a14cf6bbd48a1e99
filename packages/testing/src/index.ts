export {
  DEFAULT_TEST_DATABASE_URL,
  TEST_DATABASE_VARIABLE,
  type TestDatabaseChanges,
  type TestDatabaseConnection,
  testDatabaseConnection,
  testDatabaseUrl,
} from "./test-database.ts";
