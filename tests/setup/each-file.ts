// type-graphql's decorators need the metadata polyfill before any schema class is loaded.
import "reflect-metadata";

process.env.APOLLO_TELEMETRY_DISABLED = "1";
// One line per request at `info` would bury the test report; what went wrong still shows.
process.env.LOG_LEVEL ??= "warn";
