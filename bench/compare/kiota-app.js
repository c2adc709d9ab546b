// The one-call app with Kiota's Graph SDK: `client.users.byUserId(id).get()`.
import {
  AllowedHostsValidator,
  BaseBearerTokenAuthenticationProvider,
} from '@microsoft/kiota-abstractions';
import { createGraphServiceClient, GraphRequestAdapter } from '@microsoft/msgraph-sdk';
import '@microsoft/msgraph-sdk-users';

const auth = new BaseBearerTokenAuthenticationProvider({
  getAuthorizationToken: async () => 'token',
  getAllowedHostsValidator: () => new AllowedHostsValidator(new Set(['graph.microsoft.com'])),
});
const client = createGraphServiceClient(new GraphRequestAdapter(auth));
console.log(await client.users.byUserId('a').get());
