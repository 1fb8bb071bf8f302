import 'graphiql/graphiql.css';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { examples } from './examples.js';

const root = document.getElementById('graphiql');

// fetcher posts to the API the page names (data-endpoint). It is written
// out rather than taken from @graphiql/toolkit so that nothing tries to open
// a subscription socket the server does not offer.
async function fetcher(params) {
  const res = await fetch(root.dataset.endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(params),
  });
  const type = res.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    return { errors: [{ message: `HTTP ${res.status}: ${(await res.text()).trim()}` }] };
  }
  return res.json();
}

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: examples.map((query) => ({ query })),
    defaultEditorToolsVisibility: false,
    // Earlier builds served gqlgen's playground, also GraphiQL, at this
    // address; the tabs it saved under GraphiQL's default keys would replace
    // the examples. Ours live under their own prefix.
    storage: namespacedStorage('dutygraph:'),
  }),
);

// namespacedStorage is localStorage under a key prefix, in the shape
// GraphiQL's storage option takes.
function namespacedStorage(prefix) {
  return {
    getItem: (k) => localStorage.getItem(prefix + k),
    setItem: (k, v) => localStorage.setItem(prefix + k, v),
    removeItem: (k) => localStorage.removeItem(prefix + k),
    clear: () => {
      for (const k of Object.keys(localStorage)) if (k.startsWith(prefix)) localStorage.removeItem(k);
    },
    get length() {
      return Object.keys(localStorage).filter((k) => k.startsWith(prefix)).length;
    },
  };
}
