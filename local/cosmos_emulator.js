// Dev-only Cosmos DB emulator: @vercel/cosmosdb-server on loopback, with keep-alive and
// TCP no-delay (without them every call costs ~30 ms).

// Reading a document that does not exist makes the emulator's read handler throw a
// TypeError (it inspects the missing document's partition key), which reaches the SDK as
// a 500. Cosmos DB answers 404 there; patch the handler before the server loads it.
const readDocument = require("@vercel/cosmosdb-server/lib/handler/read-document");
const readExisting = readDocument.default;
readDocument.default = (account, req, res, params) => {
  try {
    return readExisting(account, req, res, params);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    res.statusCode = 404;
    return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
  }
};

// Cosmos DB answers a write sent with "Prefer: return=minimal" (the SDK's no_response) with
// its headers and no body; the emulator echoes the whole document. Answer as Cosmos does.
for (const name of ["create-document", "upsert-document", "replace-document"]) {
  const handler = require(`@vercel/cosmosdb-server/lib/handler/${name}`);
  const full = handler.default;
  handler.default = async (account, req, res, params) => {
    const body = await full(account, req, res, params);
    if (req.headers.prefer !== "return=minimal" || !body || res.statusCode >= 300) return body;
    res.setHeader("etag", body._etag);
    return undefined;
  };
}

// In a transactional batch Cosmos DB takes the partition key of every operation from the
// request's header; the emulator reads it per operation, which the SDK does not send, so
// an upsert or replace in a batch fails to parse. Give each operation the header's key.
const json = require("@vercel/cosmosdb-server/lib/json");
const parseBody = json.default;
json.default = async (req) => {
  const body = await parseBody(req);
  const partitionKey = req.headers["x-ms-documentdb-partitionkey"];
  if (String(req.headers["x-ms-cosmos-is-batch-request"]).toLowerCase() === "true" && partitionKey && Array.isArray(body)) {
    for (const operation of body) {
      if (operation && operation.partitionKey === undefined) operation.partitionKey = partitionKey;
    }
  }
  return body;
};

// The query engine compiles a query to JavaScript that gathers the documents with
// `.reduce(($, c) => [...$, {c}], [])`: a copy of everything gathered so far per document,
// so a query's cost grows with the square of what it scans (2,500 documents: ~10 ms). Each
// such accumulator starts as a fresh [] and is handed on once, so push to it instead: the
// same result, at a cost linear in what is scanned. A gathering that spreads an array (a
// JOIN) is left as it was: pushing a spread array has an argument limit a copy has not.
const transformer = require("@zeit/cosmosdb-query/lib/transformer");
const transform = transformer.default;
const isGathering = (node) =>
  node && node.type === "ArrayExpression" && node.elements.length > 0 &&
  node.elements[0] && node.elements[0].type === "SpreadElement" &&
  node.elements[0].argument.type === "Identifier" && node.elements[0].argument.name === "$" &&
  node.elements.slice(1).every((element) => element && element.type !== "SpreadElement");
const pushInstead = (node) => ({
  type: "SequenceExpression",
  expressions: [
    {
      type: "CallExpression",
      callee: { type: "MemberExpression", object: { type: "Identifier", name: "$" }, property: { type: "Identifier", name: "push" }, computed: false },
      arguments: node.elements.slice(1),
    },
    { type: "Identifier", name: "$" },
  ],
});
const rewriteGathering = (node) => {
  if (!node || typeof node !== "object") return node;
  if (isGathering(node)) return pushInstead({ ...node, elements: node.elements.map(rewriteGathering) });
  for (const key of Object.keys(node)) {
    const value = node[key];
    node[key] = Array.isArray(value) ? value.map(rewriteGathering) : rewriteGathering(value);
  }
  return node;
};
const isFreshReduce = (node) =>
  node.type === "CallExpression" && node.callee.type === "MemberExpression" &&
  node.callee.property.name === "reduce" && node.arguments.length === 2 &&
  node.arguments[1].type === "ArrayExpression" && node.arguments[1].elements.length === 0 &&
  node.arguments[0].params && node.arguments[0].params[0] && node.arguments[0].params[0].name === "$";
const linearReduces = (node) => {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) return node.forEach(linearReduces);
  if (node.type && isFreshReduce(node)) node.arguments[0].body = rewriteGathering(node.arguments[0].body);
  for (const key of Object.keys(node)) linearReduces(node[key]);
};
transformer.default = (ast) => {
  const js = transform(ast);
  linearReduces(js);
  return js;
};

// A query sent with a partition key is scoped to that partition in Cosmos DB; the emulator
// scans every document of the container (and, without the cross-partition header, refuses a
// query that does not name the key). Scope it as Cosmos does, through an index of each
// container's partitions, so a query in one partition costs what that partition holds.
const Items = require("@vercel/cosmosdb-server/lib/account/items").default;
// A document without the key is in the partition the SDK names with `{}`
// (NonePartitionKeyValue), one with the key null in `null`.
const partitionIndex = new WeakMap();
const keyOf = (value) => JSON.stringify(value === undefined ? {} : value);
const ridsIn = (items, value, { adding = false } = {}) => {
  let byValue = partitionIndex.get(items);
  if (!byValue) partitionIndex.set(items, (byValue = new Map()));
  const key = keyOf(value);
  let rids = byValue.get(key);
  if (!rids && adding) byValue.set(key, (rids = new Set()));
  return rids || new Set();
};
const store = Items.prototype._set;
Items.prototype._set = function (data) {
  const stored = store.call(this, data);
  ridsIn(this, this._getPartition(data), { adding: true }).add(data._rid);
  return stored;
};
const remove = Items.prototype.delete;
Items.prototype.delete = function (idOrRid, partition) {
  const data = this._item("/id", idOrRid, partition).read();
  remove.call(this, idOrRid, partition);
  if (data) ridsIn(this, this._getPartition(data)).delete(data._rid);
};
// A query whose whole condition is `c.id IN (...)` or `c.id = ...` is answered from the id
// index, as Cosmos DB's index does, instead of a scan of the partition; the query itself still
// runs over the documents found, so its answer is the scan's.
const idsOfQuery = (ast, parameters) => {
  const { from, where } = ast.body;
  if (!where || from.joins.length || from.source.expression.type !== "collection_expression") return null;
  const alias = (from.source.alias || from.source.expression.expression).name;
  const isId = (e) =>
    e.type === "scalar_member_expression" && !e.computed && e.object.type === "identifier" &&
    e.object.name === alias && e.property.name === "id";
  const condition = where.condition;
  let list;
  if (condition.type === "scalar_in_expression" && isId(condition.value)) list = condition.list;
  else if (condition.type === "scalar_binary_expression" && condition.operator === "=" && isId(condition.left)) list = [condition.right];
  else return null;
  const valueOf = (e) => {
    if (e.type === "string_constant") return e.value;
    if (e.type !== "parameter_name") return undefined;
    const parameter = (parameters || []).findLast((p) => p.name === e.name);
    return parameter && parameter.value;
  };
  const ids = list.map(valueOf);
  return ids.every((id) => typeof id === "string") ? ids : null;
};
Items.prototype.queryPartition = function (value, params, options) {
  const query = this._getQuery(params.query);
  const ids = typeof value === "string" && value ? idsOfQuery(query.ast, params.parameters) : null;
  const inPartition = ridsIn(this, value);
  const rids = ids
    ? new Set(ids.map((id) => this._index.get(this._getId("/id", id, value))).filter((rid) => inPartition.has(rid)))
    : inPartition;
  const data = new Map([...rids].map((rid) => [rid, this._data.get(rid)]));
  return Items.prototype.query.call(Object.create(this, { _data: { value: data } }), params, options);
};
const partitionOfQuery = (req) => {
  try {
    const key = JSON.parse(req.headers["x-ms-documentdb-partitionkey"]);
    return Array.isArray(key) && key.length === 1 ? { value: key[0] } : null;
  } catch {
    return null;
  }
};
const readItems = require("@vercel/cosmosdb-server/lib/handler/_read-items").default;
const queryDocuments = require("@vercel/cosmosdb-server/lib/handler/query-documents");
const queryAcrossPartitions = queryDocuments.default;
queryDocuments.default = async (account, req, res, params) => {
  const partition = partitionOfQuery(req);
  if (!partition) return queryAcrossPartitions(account, req, res, params);
  return readItems(req, res, "Documents", async ({ continuation, maxItemCount }) => {
    const body = await json.default(req);
    if (!body.query) {
      res.statusCode = 400;
      return { message: "missing query" };
    }
    const documents = account.database(params.dbId).collection(params.collId).documents;
    try {
      return documents.queryPartition(partition.value, body, { continuation, maxItemCount });
    } catch (err) {
      if (!err.badRequest) throw err;
      res.statusCode = 400;
      return { message: err.message };
    }
  });
};

const { createHttpsServer } = require("@vercel/cosmosdb-server");

const port = Number(process.argv[2] || 8081);
const server = createHttpsServer({ keepAlive: true });
server.on("secureConnection", (socket) => socket.setNoDelay(true));
// Node closes a keep-alive connection after 5 s idle; a client that reuses it just then
// gets "connection aborted". Keep idle connections longer than the SDK's pool does.
server.keepAliveTimeout = 120000;
server.headersTimeout = 125000;
server.listen(port, "127.0.0.1", () => {
  console.log(`cosmos emulator listening on https://127.0.0.1:${port}`);
});
// close() alone waits for every keep-alive connection, up to keepAliveTimeout (longer if a
// client vanished and left one half-open): end them, so a stop is immediate.
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
