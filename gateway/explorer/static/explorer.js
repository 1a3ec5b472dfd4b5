// The explorer page's own script: the token step, GraphiQL with a fetcher that sends the token, and the
// operations of docs/queries/ as tabs and in a picker. Plain browser JavaScript over the globals the
// vendored bundles define (React, ReactDOM, GraphiQL), so that nothing needs building.
"use strict";

(function explorer() {
  const config = JSON.parse(document.getElementById("cg-config").textContent);
  const h = React.createElement;
  const TOKEN_KEY = "customer-graph.explorer.token";
  const tokenInput = document.getElementById("cg-token");
  const tokenState = document.getElementById("cg-token-state");

  // A pasted "Bearer …" or a token with a line break around it still works.
  const cleanToken = (text) => text.trim().replace(/^bearer\s+/i, "");
  const storedToken = () => sessionStorage.getItem(TOKEN_KEY) || "";

  /** What the token says about its holder, for the person pasting it; the gateway does the checking. */
  function describeToken(token) {
    if (!token) return "no token: the graph answers 401 UNAUTHENTICATED";
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const claims = JSON.parse(atob(part));
      const roles = Array.isArray(claims.roles) ? claims.roles.join(", ") : "no roles";
      const expires = typeof claims.exp === "number" ? new Date(claims.exp * 1000) : null;
      const expired = expires && expires.getTime() < Date.now() ? " (expired)" : "";
      return `token of ${claims.sub || "?"}: ${roles}, region ${claims.region || "?"}${claims.pii ? ", PII" : ""}${expires ? `, until ${expires.toLocaleString()}` : ""}${expired}`;
    } catch {
      return "this is not a JWT: the graph will refuse it";
    }
  }

  /**
   * GraphiQL can send the operation name of the tab it was on when a run follows a tab switch quickly; a name
   * the document does not hold is replaced by the document's only operation (with several, the gateway says so).
   */
  function withOperationName(params) {
    const names = [...String(params.query || "").matchAll(/^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/gm)].map((m) => m[1]);
    if (!params.operationName || names.includes(params.operationName) || names.length !== 1) return params;
    return { ...params, operationName: names[0] };
  }

  /** Every request, the schema's included, carries the token; the headers tab may add others. */
  function fetcher(params, options) {
    const token = storedToken();
    const headers = { "content-type": "application/json", accept: "application/graphql-response+json, application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    Object.assign(headers, (options && options.headers) || {});
    return fetch(config.endpoint, { method: "POST", headers, body: JSON.stringify(withOperationName(params)) }).then(async (response) => {
      const text = await response.text();
      try {
        return JSON.parse(text);
      } catch {
        return `HTTP ${response.status}: ${text}`;
      }
    });
  }

  /** Opens an operation in its own tab, or goes back to the tab that already holds it unchanged. */
  function openOperation(editor, operation) {
    const index = editor.tabs.findIndex((tab) => tab.query === operation.document);
    if (index >= 0) return editor.changeTab(index);
    editor.addTab();
    // The new tab's empty editors are set when React applies addTab; fill them after that.
    setTimeout(() => {
      editor.queryEditor && editor.queryEditor.setValue(operation.document);
      editor.variableEditor && editor.variableEditor.setValue(operation.variables);
    }, 0);
  }

  // GraphiQL's editor state, reachable from the bar above it (the picker) through this component,
  // which renders nothing inside GraphiQL's footer.
  let editorContext = null;
  function EditorBridge() {
    const editor = GraphiQL.React.useEditorContext({ nonNull: true });
    editorContext = editor;
    // GraphiQL fills the first tab's query at start but not its variables: do that once.
    const filled = React.useRef(false);
    React.useEffect(() => {
      if (filled.current || !editor.variableEditor) return;
      filled.current = true;
      const tab = editor.tabs[editor.activeTabIndex];
      if (tab && tab.variables && editor.variableEditor.getValue() === "") editor.variableEditor.setValue(tab.variables);
    }, [editor.variableEditor]);
    return null;
  }

  const defaultTabs = config.operations.map((operation) => ({ query: operation.document, variables: operation.variables || undefined }));

  function Explorer(props) {
    // A new fetcher makes GraphiQL read the schema again, now with the new token.
    const fetch = React.useMemo(() => (params, options) => fetcher(params, options), [props.token]);
    return h(GraphiQL, {
      fetcher: fetch,
      // Without a token the schema cannot be read (401): ask for it once there is one.
      schema: props.token ? undefined : null,
      defaultTabs: defaultTabs.length > 0 ? defaultTabs : undefined,
      defaultEditorToolsVisibility: config.operations.some((o) => o.variables) ? "variables" : false,
      shouldPersistHeaders: false,
    }, h(GraphiQL.Footer, null, h(EditorBridge)));
  }

  const root = ReactDOM.createRoot(document.getElementById("cg-graphiql"));
  const render = () => root.render(h(Explorer, { token: storedToken() }));

  /** The picker in the bar: every operation of docs/queries/, with what it is for. */
  function setUpPicker() {
    const picker = document.getElementById("cg-operation");
    const about = document.getElementById("cg-operation-about");
    const selected = () => config.operations[Number(picker.value)];
    config.operations.forEach((operation, index) => {
      const option = document.createElement("option");
      option.value = String(index);
      option.textContent = `${operation.name} (${operation.file})`;
      picker.append(option);
    });
    const describe = () => (about.textContent = selected() ? selected().description : "No operation is documented in docs/queries/ yet.");
    picker.addEventListener("change", describe);
    describe();
    document.getElementById("cg-operation-open").addEventListener("click", () => {
      if (selected() && editorContext) openOperation(editorContext, selected());
    });
  }

  function setToken(text) {
    const token = cleanToken(text);
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    tokenState.textContent = describeToken(token);
  }

  tokenInput.value = storedToken();
  tokenState.textContent = describeToken(storedToken());
  // Kept as typed, so that a run uses it at once; the schema is read again once the token is complete.
  tokenInput.addEventListener("input", () => setToken(tokenInput.value));
  tokenInput.addEventListener("change", render);
  tokenInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") render();
  });
  document.getElementById("cg-token-forget").addEventListener("click", () => {
    tokenInput.value = "";
    setToken("");
    render();
  });
  setUpPicker();
  render();
})();
