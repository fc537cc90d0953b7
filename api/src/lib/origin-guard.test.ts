import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { originGuard, originRefusal } from "./origin-guard";

const here = "http://127.0.0.1:8080";

describe("originRefusal", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(originRefusal({ method, origin: "https://evil.example", cookie: "s=1" }, here)).toBe(
        null,
      );
    }
  });

  it("accepts a cookie request from the origin Tandem is served at", () => {
    expect(originRefusal({ method: "POST", origin: here, cookie: "s=1" }, here)).toBe(null);
  });

  it("refuses a foreign origin, with or without a cookie, and names both origins", () => {
    for (const cookie of ["s=1", undefined]) {
      const refusal = originRefusal(
        { method: "POST", origin: "https://evil.example", cookie },
        here,
      );
      expect(refusal).toContain("came from https://evil.example");
      expect(refusal).toContain(`not where Tandem is served (${here})`);
    }
    expect(originRefusal({ method: "DELETE", origin: "null", cookie: "s=1" }, here)).toContain(
      "no origin",
    );
  });

  it("refuses a cookie without an Origin and lets a cookie-less script through", () => {
    expect(originRefusal({ method: "PATCH", cookie: "s=1" }, here)).toContain("no Origin header");
    expect(originRefusal({ method: "POST" }, here)).toBe(null);
  });

  it("lets API-key requests through: a foreign page cannot set Authorization", () => {
    expect(
      originRefusal(
        { method: "POST", origin: "https://evil.example", authorization: "Bearer tdm_x" },
        here,
      ),
    ).toBe(null);
  });

  it("treats another port or scheme of the same host as foreign", () => {
    expect(originRefusal({ method: "POST", origin: "http://127.0.0.1:9090" }, here)).not.toBe(null);
    expect(originRefusal({ method: "POST", origin: "https://127.0.0.1:8080" }, here)).not.toBe(
      null,
    );
  });
});

describe("originGuard", () => {
  function app(publicUrl?: string) {
    const hono = new Hono();
    hono.use("*", originGuard({ publicUrl, trustProxy: false }));
    hono.post("/thing", (c) => c.text("done"));
    hono.onError((error, c) =>
      c.text(error.message, error instanceof ApiError ? error.status : 500),
    );
    return hono;
  }
  const post = (hono: Hono, url: string, headers: Record<string, string>) =>
    hono.request(url, { method: "POST", headers: { cookie: "s=1", ...headers }, body: "{}" });

  it("without a public URL, accepts whatever address the request came in by", async () => {
    for (const origin of ["http://127.0.0.1:8080", "http://localhost:8080", "http://10.0.0.5"]) {
      const response = await post(app(), `${origin}/thing`, { origin });
      expect(response.status).toBe(200);
    }
  });

  it("without a public URL, refuses an origin other than the request's own", async () => {
    const response = await post(app(), "http://127.0.0.1:8080/thing", {
      origin: "http://localhost:8080",
      "content-type": "application/json",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("came from http://localhost:8080");
  });

  it("with a public URL, accepts only that origin", async () => {
    const guarded = app("https://tandem.example.com/some/path");
    const ok = await post(guarded, "http://10.0.0.5:8080/thing", {
      origin: "https://tandem.example.com",
    });
    expect(ok.status).toBe(200);
    const own = await post(guarded, "http://10.0.0.5:8080/thing", {
      origin: "http://10.0.0.5:8080",
    });
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("(https://tandem.example.com)");
  });

  it("does not believe X-Forwarded-Host without a trusted proxy", async () => {
    const response = await post(app(), "http://127.0.0.1:8080/thing", {
      origin: "https://evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    });
    expect(response.status).toBe(403);
  });
});
