import { GraphQLDateTime, GraphQLJSONObject, GraphQLLocalDate, GraphQLSafeInt } from "graphql-scalars";

/** The scalars of the contract, one definition shared by every subgraph so composition sees them equal. */
export const LocalDate = GraphQLLocalDate;
export const DateTime = GraphQLDateTime;
/** Money in integer fen. */
export const SafeInt = GraphQLSafeInt;
/** Facts handed from a source subgraph to insights through @requires; validated by zod where they arrive. */
export const JSONObject = GraphQLJSONObject;
