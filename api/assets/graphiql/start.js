// Starts GraphiQL on the page koers serves at GET /graphql. It is a file of its own, so the page
// has no inline script and its Content-Security-Policy can forbid them.
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultQuery = `{
  milestones(first: 10) {
    totalCount
    edges {
      node {
        title
        layer
        plannedDate
        kpis {
          code
          name
          latestMeasurement {
            value
          }
        }
      }
    }
  }
}
`;
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery })
);
