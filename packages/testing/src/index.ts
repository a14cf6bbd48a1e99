export {
  REDIS_SERVER_BINARY,
  type RedisServerOptions,
  startRedisServer,
  type TestRedisServer,
} from "./redis-server.ts";
export {
  DEFAULT_TEST_DATABASE_URL,
  TEST_DATABASE_VARIABLE,
  type TestDatabaseChanges,
  type TestDatabaseConnection,
  testDatabaseConnection,
  testDatabaseUrl,
} from "./test-database.ts";
export { DEFAULT_TEST_REDIS_URL, TEST_REDIS_VARIABLE, testRedisUrl } from "./test-redis.ts";
