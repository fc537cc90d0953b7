import { queryOptions } from "@tanstack/react-query";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export const serverAddressesQuery = queryOptions({
  queryKey: queryKeys.settings.serverAddresses,
  queryFn: () => call(api.v1["server-addresses"].$get()),
});
