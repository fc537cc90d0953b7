import { QueryClient } from "@tanstack/react-query";
import { ApiProblem } from "./api-client";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will not fix itself by retrying.
      retry: (failures, error) =>
        !(error instanceof ApiProblem && error.status < 500) && failures < 2,
    },
  },
});
