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
