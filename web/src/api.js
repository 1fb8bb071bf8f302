// gql runs one GraphQL query against the server that served the page and
// returns its data; GraphQL errors become one Error naming them all, so the
// viewer shows the server's own message (unknown unit, no plan that year…).
export async function gql(query, variables = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const type = res.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    throw new Error(`HTTP ${res.status}: ${(await res.text()).trim()}`);
  }
  const body = await res.json();
  if (body.errors && body.errors.length > 0) {
    throw new Error(body.errors.map((e) => e.message).join('; '));
  }
  return body.data;
}
