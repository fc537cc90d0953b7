import { createServer, type IncomingHttpHeaders } from "node:http";

export interface ReceivedPost {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:port; each test uses its own path, as each webhook has its own URL. */
  url: string;
  received: ReceivedPost[];
  at(path: string): ReceivedPost[];
  /** The next `count` posts to `path` answer `status` (a chat service that is down). */
  failNext(path: string, count: number, status?: number): void;
  close(): Promise<void>;
}

/** A local HTTP server standing in for Slack's and Teams' webhook endpoints, on loopback. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedPost[] = [];
  const failures = new Map<string, { count: number; status: number }>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      const failure = failures.get(path);
      if (failure && failure.count > 0) {
        failure.count--;
        response
          .writeHead(failure.status, { "content-type": "text/plain" })
          .end("service unavailable");
        return;
      }
      received.push({
        path,
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    at: (path) => received.filter((r) => r.path === path),
    failNext(path, count, status = 503) {
      failures.set(path, { count, status });
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
