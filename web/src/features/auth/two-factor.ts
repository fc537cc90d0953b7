import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiProblem, requestJson } from "../../lib/api-client";
import { queryKeys } from "../../lib/query-keys";

/** What enrolment hands out once: the authenticator's URI and the recovery codes. */
export interface Enrolment {
  totpURI: string;
  backupCodes: string[];
}

function isEnrolment(value: unknown): value is Enrolment {
  return (
    typeof value === "object" &&
    value !== null &&
    "totpURI" in value &&
    typeof value.totpURI === "string" &&
    "backupCodes" in value &&
    Array.isArray(value.backupCodes) &&
    value.backupCodes.every((code) => typeof code === "string")
  );
}

function isBackupCodes(value: unknown): value is { backupCodes: string[] } {
  return (
    typeof value === "object" &&
    value !== null &&
    "backupCodes" in value &&
    Array.isArray(value.backupCodes) &&
    value.backupCodes.every((code) => typeof code === "string")
  );
}

/** The secret as an authenticator asks for it when typed instead of scanned. */
export function secretOf(totpURI: string): string {
  return new URL(totpURI).searchParams.get("secret") ?? "";
}

/** The auth library's refusals, in our words. */
const refusals: Record<string, string> = {
  INVALID_CODE:
    "That code does not match. Codes change every 30 seconds: type the one the app shows now.",
  INVALID_BACKUP_CODE: "That recovery code does not match, or it has been used already.",
  INVALID_PASSWORD: "That password is not right.",
  INVALID_TWO_FACTOR_COOKIE: "This sign-in has expired. Enter your email and password again.",
};

async function post(path: string, body: unknown): Promise<unknown> {
  try {
    return await requestJson(`/api/auth/two-factor/${path}`, {
      method: "POST",
      body: JSON.stringify(body),
    });
  } catch (error) {
    const words = error instanceof ApiProblem ? refusals[error.code] : undefined;
    if (error instanceof ApiProblem && words) throw new ApiProblem(error.status, error.code, words);
    throw error;
  }
}

/** Step one of enrolment: the password gives a secret, not yet in force until a code matches. */
export function useStartEnrolment() {
  return useMutation({
    mutationFn: async (password: string) => {
      const body = await post("enable", { password });
      if (!isEnrolment(body)) throw new Error("The server's answer held no authenticator secret.");
      return body;
    },
  });
}

/** Everything that depends on whether the caller has a second factor is read again. */
function useRefreshAccount() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}

/** Step two: a code from the authenticator turns two-factor on (the session is renewed). */
export function useConfirmEnrolment() {
  const refresh = useRefreshAccount();
  return useMutation({
    mutationFn: (code: string) => post("verify-totp", { code }),
    onSuccess: refresh,
  });
}

export function useNewRecoveryCodes() {
  return useMutation({
    mutationFn: async (password: string) => {
      const body = await post("generate-backup-codes", { password });
      if (!isBackupCodes(body)) throw new Error("The server's answer held no recovery codes.");
      return body.backupCodes;
    },
  });
}

export function useTurnOffTwoFactor() {
  const refresh = useRefreshAccount();
  return useMutation({
    mutationFn: (password: string) => post("disable", { password }),
    onSuccess: refresh,
  });
}

/** The second step of signing in, by authenticator code or by recovery code. */
export function useSecondStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, recovery }: { code: string; recovery: boolean }) =>
      post(recovery ? "verify-backup-code" : "verify-totp", { code: code.trim() }),
    onSuccess: () => queryClient.resetQueries({ queryKey: queryKeys.session }),
  });
}
