// type-graphql's decorators need the metadata polyfill before any schema class is loaded.
import "reflect-metadata";

process.env.APOLLO_TELEMETRY_DISABLED = "1";
