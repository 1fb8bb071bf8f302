// gql runs one GraphQL query against the server that served the page and
// returns its data; GraphQL errors become one Error naming them all, so the
// viewer shows the server's own message (unknown unit, no plan that year…).
// Options: onProgress(bytes) hears how much of the answer has arrived (a
// national network is megabytes, and the page says so while it waits);
// signal aborts the request.
export async function gql(query, variables = {}, { onProgress, signal } = {}) {
  const res = await post(query, variables, signal);
  const type = res.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    throw new Error(`HTTP ${res.status}: ${(await res.text()).trim()}`);
  }
  const body = JSON.parse(onProgress ? await readCounting(res, onProgress) : await res.text());
  if (body.errors && body.errors.length > 0) {
    throw new Error(body.errors.map((e) => e.message).join('; '));
  }
  return body.data;
}

// RETRIES is how often a request the server turned away (503: its heavy
// requests are all running) is tried again, after the Retry-After it asks.
const RETRIES = 3;

async function post(query, variables, signal) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
    if (res.status !== 503 || attempt === RETRIES) return res;
    const seconds = Number.parseInt(res.headers.get('Retry-After') || '1', 10);
    await new Promise((resolve) => setTimeout(resolve, 1000 * (Number.isInteger(seconds) ? seconds : 1)));
  }
}

// readCounting reads a response's text, reporting the bytes received.
async function readCounting(res, onProgress) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    parts.push(decoder.decode(value, { stream: true }));
    onProgress(bytes);
  }
  parts.push(decoder.decode());
  return parts.join('');
}
