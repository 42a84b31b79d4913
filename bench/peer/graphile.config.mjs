// PostGraphile 5 peer for the koers benchmark. start.sh copies this file next to the
// installed packages (bench/.peer) so its imports resolve, and sets PORT and DATABASE_URL.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { PgSimplifyInflectionPreset } from "@graphile/simplify-inflection";
import { PgManyToManyPreset } from "@graphile-contrib/pg-many-to-many";

/** @type {GraphileConfig.Preset} */
export default {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset, PgManyToManyPreset],
  // Allow conditions/orderBy on unindexed columns too (as PostGraphile 4 did by default), so
  // queries can ask for live rows only: condition { deletedAt: null } (deleted_at has no index).
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public"],
    }),
  ],
  grafserv: {
    host: "127.0.0.1",
    port: Number(process.env.PORT),
    graphqlPath: "/graphql",
    graphiql: false, // production-like: no GraphiQL (Ruru), not at / ...
    graphiqlOnGraphQLGET: false, // ... nor on GET /graphql ...
    watch: false, // ... no schema watching ...
  },
  grafast: { explain: false }, // ... and no plan/SQL explain output.
};
