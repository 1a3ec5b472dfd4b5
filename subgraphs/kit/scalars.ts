import { GraphQLDateTime, GraphQLLocalDate, GraphQLSafeInt } from "graphql-scalars";

/** The scalars of the contract, one definition shared by every subgraph so composition sees them equal. */
export const LocalDate = GraphQLLocalDate;
export const DateTime = GraphQLDateTime;
/** Money in integer fen. */
export const SafeInt = GraphQLSafeInt;
